"""One row per child for the caseload table, loaded in a handful of statements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from iro_desktop.domain import codes
from iro_desktop.domain.dates import age_on
from iro_desktop.domain.kpis import caseload_message
from iro_desktop.domain.timescales import ReviewKind, is_overdue
from iro_desktop.store.queries import histories, live_children, next_review, setting
from iro_desktop.store.schema import Challenge, Visit

DUE_SOON_DAYS = 28

KIND_LABELS = {
    ReviewKind.FIRST: "First",
    ReviewKind.SECOND: "Second",
    ReviewKind.SUBSEQUENT: "Six-monthly",
    ReviewKind.BROUGHT_FORWARD: "Brought forward",
}


@dataclass(frozen=True)
class CaseloadRow:
    child_id: str
    child_ref: str
    name: str
    full_name: str
    age: int
    legal_code: str
    legal_label: str
    placement: str
    area: str
    out_of_county: bool
    next_due: date
    kind: str
    reason: str
    overdue: bool
    due_soon: bool
    last_visit: date | None
    flags: tuple[str, ...]

    @property
    def under_4(self) -> bool:
        return self.age < 4


@dataclass(frozen=True)
class Caseload:
    rows: list[CaseloadRow]
    guidance: tuple[int, int]

    @property
    def message(self) -> str:
        return caseload_message(len(self.rows), self.guidance)


def load_rows(session: Session, today: date) -> Caseload:
    bring_forward = bool(setting(session, "bring_forward_on_placement_change"))
    low = int(setting(session, "caseload_guidance_min"))  # type: ignore[call-overload]
    high = int(setting(session, "caseload_guidance_max"))  # type: ignore[call-overload]
    children = live_children(session)
    last_visits = dict(
        session.execute(
            select(Visit.child_id, func.max(Visit.visit_date))
            .where(Visit.deleted.is_(False))
            .group_by(Visit.child_id)
        ).all()
    )
    open_challenges = set(
        session.scalars(
            select(Challenge.child_id).where(
                Challenge.deleted.is_(False),
                Challenge.resolved_date.is_(None),
                Challenge.kind == "challenge",
            )
        )
    )
    rows = []
    for history in histories(session, children):
        child = history.child
        nxt = next_review(history, bring_forward=bring_forward)
        status = history.current_legal_status
        place = history.current_placement
        flags = []
        if child.id in open_challenges:
            flags.append("Challenge open")
        if child.interpreter_needed:
            flags.append("Interpreter")
        if child.unaccompanied_asylum_seeking:
            flags.append("UASC")
        if history.short_breaks:
            flags.append("Short breaks")
        if child.communication_needs:
            flags.append("Communication needs")
        rows.append(
            CaseloadRow(
                child_id=child.id,
                child_ref=child.child_ref,
                name=child.display_name,
                full_name=f"{child.first_name} {child.last_name}",
                age=age_on(child.date_of_birth, today),
                legal_code=status.code if status else "",
                legal_label=codes.LEGAL_STATUSES.get(status.code, "") if status else "",
                placement=codes.PLACEMENT_GROUPS.get(place.place_code, "") if place else "",
                area=(place.area or "") if place else "",
                out_of_county=bool(place and place.out_of_county),
                next_due=nxt.due,
                kind=KIND_LABELS.get(nxt.kind, str(nxt.kind)),
                reason=nxt.reason,
                overdue=is_overdue(nxt.due, today),
                due_soon=not is_overdue(nxt.due, today) and (nxt.due - today).days <= DUE_SOON_DAYS,
                last_visit=last_visits.get(child.id),
                flags=tuple(flags),
            )
        )
    rows.sort(key=lambda r: (r.next_due, r.name))
    return Caseload(rows, (low, high))
