"""Writing a child's 903 care into their record: the child, legal statuses and placements.

Only what the extract changed is written. Each value is compared with what the previous
extract said (``old``): a value the extract did not change is left as it stands, so a
correction the IRO made on the laptop survives a re-import, and the same extract twice
writes nothing. Rows are matched by start date; a legal status or placement inside the
span the extracts cover that the new extract no longer has is tombstoned (the authority
corrected it). Nothing else of the child's record is touched: reviews, visits, notes and
the rest are the IRO's own work.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from iro_desktop.domain.ssda903 import codes as c
from iro_desktop.domain.ssda903.care import Care, in_county
from iro_desktop.domain.ssda903.rows import HeaderRow
from iro_desktop.store.ops.children import check_dates
from iro_desktop.store.schema import Child, LegalStatus, Placement
from iro_desktop.store.types import Synced, new_id, new_row


@dataclass(frozen=True)
class ChildPlan:
    """What one child's rows should say after the import, and what they said before."""

    ref: str
    header: HeaderRow
    new: Care
    old: Care | None
    old_header: HeaderRow | None
    uasc: bool | None  # None: the extract has no UASC table


@dataclass
class Outcome:
    added: bool = False
    left_care: bool = False
    returned: bool = False
    placement_changed: bool = False
    legal_status_changed: bool = False
    corrected: bool = False

    @property
    def reported(self) -> bool:
        """Whether a change other than a plain correction says what happened."""
        return (
            self.left_care or self.returned or self.placement_changed or self.legal_status_changed
        )


@dataclass
class Written:
    """Rows to save: children first (the others refer to them)."""

    children: list[Synced] = field(default_factory=list)
    others: list[Synced] = field(default_factory=list)


def check_plan(plan: ChildPlan, today: date) -> None:
    """The record's own rules (dates of birth and care), before anything is written."""
    check_dates(plan.header.dob, plan.new.became_looked_after, today)


def _child_values(header: HeaderRow, care: Care, uasc: bool | None) -> dict[str, Any]:
    values: dict[str, Any] = {
        "date_of_birth": header.dob,
        "gender": c.sex_label(header.sex),
        "ethnicity": c.ETHNIC.get(header.ethnic, header.ethnic),
        "became_looked_after": care.became_looked_after,
        "ceased_looked_after": care.ceased,
        "category_of_need": care.category_of_need,
    }
    if uasc is not None:
        values["unaccompanied_asylum_seeking"] = uasc
    return values


def _apply(row: Any, new: dict[str, Any], old: dict[str, Any] | None) -> bool:
    """Set what the extract changed (everything, with no earlier extract); True if any."""
    changed = False
    for key, value in new.items():
        if old is not None and key in old and old[key] == value:
            continue
        if getattr(row, key) != value:
            setattr(row, key, value)
            changed = True
    return changed


def apply_plan(
    plan: ChildPlan,
    child: Child | None,
    statuses: Sequence[LegalStatus],
    placements: Sequence[Placement],
    *,
    districts: Sequence[str],
    iro_id: str | None,
    written: Written,
) -> tuple[Child, Outcome]:
    outcome = Outcome()
    new_values = _child_values(plan.header, plan.new, plan.uasc)
    if child is None:
        child = new_row(
            Child,
            id=new_id(),
            child_ref=plan.ref,
            first_name="Child",
            last_name=plan.ref,
            iro_id=iro_id,
            **new_values,
        )
        written.children.append(child)
        outcome.added = True
    else:
        was_ceased = child.ceased_looked_after
        old_values = (
            _child_values(plan.old_header, plan.old, plan.uasc)
            if plan.old is not None and plan.old_header is not None
            else None
        )
        if _apply(child, new_values, old_values):
            written.children.append(child)
            outcome.corrected = True
        outcome.left_care = was_ceased is None and child.ceased_looked_after is not None
        outcome.returned = was_ceased is not None and child.ceased_looked_after is None
    cover_start = plan.new.periods[0].start
    statuses_changed = _reconcile(
        LegalStatus, child.id, statuses, cover_start, written,
        new={s.start: _status_values(s) for s in plan.new.legal_statuses},
        old={s.start: _status_values(s) for s in plan.old.legal_statuses} if plan.old else {},
        telling="code",
    )  # fmt: skip
    placements_changed = _reconcile(
        Placement, child.id, placements, cover_start, written,
        new={p.start: _stay_values(p, districts) for p in plan.new.placements},
        old={p.start: _stay_values(p, districts) for p in plan.old.placements} if plan.old else {},
        telling="place_code",
    )  # fmt: skip
    if not outcome.added:
        outcome.legal_status_changed = statuses_changed[0]
        outcome.placement_changed = placements_changed[0]
        outcome.corrected = outcome.corrected or statuses_changed[1] or placements_changed[1]
    return child, outcome


def _reconcile(
    model: type[LegalStatus] | type[Placement],
    child_id: str,
    rows: Sequence[LegalStatus | Placement],
    cover_start: date,
    written: Written,
    *,
    new: dict[date, dict[str, Any]],
    old: dict[date, dict[str, Any]],
    telling: str,
) -> tuple[bool, bool]:
    """Match the child's rows to the extract's by start date; (changed, corrected only).

    A row is "changed" when one starts or ends or its ``telling`` value (the code) moves;
    any other difference is a correction.
    """
    changed = corrected = False
    live = [r for r in rows if not r.deleted]
    by_start = {r.start_date: r for r in live}
    for start, values in new.items():
        row = by_start.get(start)
        if row is None:
            row = new_row(model, id=new_id(), child_id=child_id, start_date=start, **values)
            written.others.append(row)
            changed = True
            continue
        before = old.get(start)
        if _apply(row, values, before):
            written.others.append(row)
            if before is None or any(before[k] != values[k] for k in (telling, "end_date")):
                changed = True
            else:
                corrected = True
    for row in live:
        if row.start_date not in new and row.start_date >= cover_start:
            row.deleted = True
            written.others.append(row)
            changed = True
    return changed, corrected


def _status_values(status: Any) -> dict[str, Any]:
    return {"code": status.code, "end_date": status.end}


def _stay_values(stay: Any, districts: Sequence[str]) -> dict[str, Any]:
    return {
        "place_code": stay.place,
        "end_date": stay.end,
        "end_reason": stay.end_reason,
        "provider": c.PLACE_PROVIDER.get(stay.provider) if stay.provider else None,
        "area": stay.district,
        "out_of_county": in_county(stay.postcode, districts) is False,
    }
