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
from iro_desktop.store.types import Synced, new_id


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
        child = Child(
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
    old_statuses = {s.start: s for s in plan.old.legal_statuses} if plan.old else None
    live = [s for s in statuses if not s.deleted]
    by_start = {s.start_date: s for s in live}
    for s in plan.new.legal_statuses:
        values = {"code": s.code, "end_date": s.end}
        row = by_start.get(s.start)
        if row is None:
            written.others.append(
                LegalStatus(id=new_id(), child_id=child.id, start_date=s.start, **values)
            )
            outcome.legal_status_changed = True
            continue
        before = old_statuses.get(s.start) if old_statuses is not None else None
        old = {"code": before.code, "end_date": before.end} if before else None
        if _apply(row, values, old):
            written.others.append(row)
            outcome.legal_status_changed = True
    kept = {s.start for s in plan.new.legal_statuses}
    for row in live:
        if row.start_date not in kept and row.start_date >= cover_start:
            row.deleted = True
            written.others.append(row)
            outcome.legal_status_changed = True
    _placements(plan, child, placements, districts, written, outcome, cover_start)
    if outcome.added:
        outcome.placement_changed = outcome.legal_status_changed = False
    return child, outcome


def _stay_values(stay: Any, districts: Sequence[str]) -> dict[str, Any]:
    return {
        "place_code": stay.place,
        "end_date": stay.end,
        "end_reason": stay.end_reason,
        "provider": c.PLACE_PROVIDER.get(stay.provider) if stay.provider else None,
        "area": stay.district,
        "out_of_county": in_county(stay.postcode, districts) is False,
    }


def _placements(
    plan: ChildPlan,
    child: Child,
    placements: Sequence[Placement],
    districts: Sequence[str],
    written: Written,
    outcome: Outcome,
    cover_start: date,
) -> None:
    old_stays = {s.start: s for s in plan.old.placements} if plan.old else None
    live = [p for p in placements if not p.deleted]
    by_start = {p.start_date: p for p in live}
    for stay in plan.new.placements:
        values = _stay_values(stay, districts)
        row = by_start.get(stay.start)
        if row is None:
            written.others.append(
                Placement(id=new_id(), child_id=child.id, start_date=stay.start, **values)
            )
            outcome.placement_changed = True
            continue
        before = old_stays.get(stay.start) if old_stays is not None else None
        old = _stay_values(before, districts) if before is not None else None
        if _apply(row, values, old):
            written.others.append(row)
            if old is None or old["place_code"] != values["place_code"]:
                outcome.placement_changed = True
            else:
                outcome.corrected = True
    kept = {s.start for s in plan.new.placements}
    for row in live:
        if row.start_date not in kept and row.start_date >= cover_start:
            row.deleted = True
            written.others.append(row)
            outcome.placement_changed = True
