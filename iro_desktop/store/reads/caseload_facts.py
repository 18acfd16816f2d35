"""Read the caseload table's facts from the store (see ``store.reads.caseload_rows``)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from iro_desktop.domain import codes
from iro_desktop.domain.timescales import ReviewKind
from iro_desktop.store.queries import histories, live_children, next_review, setting
from iro_desktop.store.reads.caseload_rows import CaseloadFacts, CaseloadTable, ChildFacts, rows_for
from iro_desktop.store.schema import Challenge, Visit
from iro_desktop.store.start_view import write_count

KIND_LABELS = {
    ReviewKind.FIRST: "First",
    ReviewKind.SECOND: "Second",
    ReviewKind.SUBSEQUENT: "Six-monthly",
    ReviewKind.BROUGHT_FORWARD: "Brought forward",
}

HISTORY_LABEL = "Not known yet"  # no review on file to count from


def load_facts(session: Session) -> tuple[CaseloadFacts, int | None]:
    """The facts and the file's write count they were read at (one read transaction)."""
    count = write_count(session)
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
    facts = []
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
        facts.append(
            ChildFacts(
                child_id=child.id,
                child_ref=child.child_ref,
                name=child.display_name,
                full_name=f"{child.first_name} {child.last_name}",
                date_of_birth=child.date_of_birth,
                legal_code=status.code if status else "",
                legal_label=codes.LEGAL_STATUSES.get(status.code, "") if status else "",
                placement=codes.PLACEMENT_GROUPS.get(place.place_code, "") if place else "",
                area=(place.area or "") if place else "",
                out_of_county=bool(place and place.out_of_county),
                next_due=nxt.due,
                kind=(
                    HISTORY_LABEL
                    if nxt.history_needed
                    else KIND_LABELS.get(nxt.kind, str(nxt.kind))
                ),
                reason=nxt.reason,
                last_visit=last_visits.get(child.id),
                flags=tuple(flags),
                history_needed=nxt.history_needed is not None,
            )
        )
    return CaseloadFacts(facts, (low, high)), count


def load_rows(session: Session, today: date) -> CaseloadTable:
    return rows_for(load_facts(session)[0], today)
