"""Every entry can be corrected and deleted, with its history kept, on a real encrypted
caseload: each correction's audit entry keeps what it replaced, the rules refuse a bad
correction, a deletion is a tombstone queued for sync, and a restore puts a version back."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.ops import (
    children,
    corrections,
    decisions,
    entries,
    feedback,
    midway,
    visits,
)
from iro_desktop.store.ops.challenges import raise_challenge
from iro_desktop.store.ops.core import Op
from iro_desktop.store.reads.challenges import stages_of
from iro_desktop.store.reads.child_file import load_child
from iro_desktop.store.reads.corrections import corrected, history
from iro_desktop.store.schema import (
    AuditEntry,
    ChallengeStage,
    Child,
    Iro,
    LegalStatus,
    OutboxEntry,
    Placement,
    Review,
    Visit,
)
from iro_desktop.store.types import utcnow
from tests.conftest import TODAY
from tests.store.test_ops_world import add_child, get, held_review, run

NEEDS = "health_or_education_needs"
VISIT = visits.VisitFields(visit_date=date(2026, 10, 1), method="in_person",
                           summary="Talked about school.", seen_alone=True)  # fmt: skip


def add_visit(caseload: Caseload, child: Child, fields: visits.VisitFields = VISIT) -> Visit:
    return run(caseload, lambda op: visits.add(op, op.session.get(Child, child.id), fields,
                                                today=TODAY))  # fmt: skip


def last_audit(caseload: Caseload, row_id: str) -> AuditEntry:
    with caseload.session() as s:
        return history(s, row_id)[-1]


def refused(caseload: Caseload, fn: Any, field: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        run(caseload, fn)
    assert caught.value.field == field, caught.value
    return caught.value


def test_a_corrected_visit_keeps_the_old_version_in_the_audit_and_says_who(
    caseload: Caseload,
) -> None:
    child = add_child(caseload)
    run(caseload, lambda op: op.session.add(Iro(name="Sam Patel", email="iro@demo-borough.example",
                                                version=1)))  # fmt: skip
    visit = add_visit(caseload, child)
    fixed = visits.VisitFields(**{**VISIT.__dict__, "summary": "Talked about football.",
                                  "mileage": 12})  # fmt: skip
    run(caseload, lambda op: visits.correct(op, visit.id, fixed, today=TODAY))
    row = get(caseload, Visit, visit.id)
    assert (row.summary, row.mileage, row.version) == ("Talked about football.", 12, 2)
    audit = last_audit(caseload, visit.id)
    assert audit.action == "correct"
    assert audit.fields == ["mileage", "summary"]
    assert audit.before == {"mileage": None, "summary": "Talked about school."}
    with caseload.session() as s:
        note = corrected(s, [("visits", visit.id)])[visit.id]
        file = load_child(s, child.id)
    assert note.startswith("corrected ") and note.endswith(" by Sam Patel")
    event = next(e for e in file.footprint if e.row_id == visit.id)
    assert event.table == "visits" and event.corrected == note


@pytest.mark.parametrize(
    ("over", "field", "words"),
    [
        ({"visit_date": date(2022, 5, 2)}, "visit_date", "came into care"),
        ({"visit_date": TODAY + timedelta(days=1)}, "visit_date", "today"),
        ({"summary": None, "seen_alone": True}, "summary", "say something"),
        ({"seen_alone": False}, "not_seen_alone_reason", "required"),
    ],
)
def test_the_visit_rules_refuse_a_bad_visit_and_a_bad_correction_alike(
    caseload: Caseload, over: dict[str, Any], field: str, words: str
) -> None:
    child = add_child(caseload)  # came into care on 3 May 2022
    bad = visits.VisitFields(**{**VISIT.__dict__, **over})
    error = refused(caseload, lambda op: visits.add(op, op.session.get(Child, child.id), bad,
                                                     today=TODAY), field)  # fmt: skip
    assert words in error.problem
    visit = add_visit(caseload, child)
    refused(caseload, lambda op: visits.correct(op, visit.id, bad, today=TODAY), field)
    assert get(caseload, Visit, visit.id).version == 1  # nothing written


def placements(caseload: Caseload, child: Child) -> tuple[str, str]:
    def go(op: Op) -> tuple[str, str]:
        c = op.session.get(Child, child.id)
        first = children.add_placement(op, c, place_code="U4", start_date=date(2023, 1, 5),
                                       today=TODAY)  # fmt: skip
        second = children.add_placement(op, c, place_code="A3", start_date=date(2025, 2, 1),
                                        today=TODAY)  # fmt: skip
        return first.id, second.id

    return run(caseload, go)


def test_a_placements_type_and_end_are_corrected_in_order(caseload: Caseload) -> None:
    child = add_child(caseload)
    first, second = placements(caseload, child)

    def fix(op: Op, pid: str, **fields: Any) -> Placement:
        row = entries.find(op, "placement", pid)
        update = lambda: children.update_placement(op, row, today=TODAY, **fields)  # noqa: E731
        return entries.correct(op, "placement", update)

    run(caseload, lambda op: fix(op, second, place_code="U1"))
    assert get(caseload, Placement, second).place_code == "U1"
    audit = last_audit(caseload, second)
    assert (audit.action, audit.before) == ("correct", {"place_code": "A3"})
    run(caseload, lambda op: fix(op, first, end_date=date(2025, 1, 20)))
    assert get(caseload, Placement, first).end_date == date(2025, 1, 20)
    refused(caseload, lambda op: fix(op, first, end_date=date(2025, 3, 1)), "end_date")
    refused(caseload, lambda op: fix(op, first, end_date=date(2022, 1, 1)), "end_date")
    refused(caseload, lambda op: fix(op, first, end_date=None), "end_date")


def test_a_legal_status_period_is_corrected_with_its_neighbour(caseload: Caseload) -> None:
    child = add_child(caseload)

    def two(op: Op) -> tuple[str, str]:
        c = op.session.get(Child, child.id)
        a = children.set_legal_status(op, c, "V2", date(2022, 5, 3), TODAY)
        b = children.set_legal_status(op, c, "C2", date(2023, 6, 1), TODAY)
        return a.id, b.id

    first, second = run(caseload, two)
    july = date(2023, 7, 1)
    run(caseload, lambda op: corrections.legal_status(
        op, second, code="C1", start_date=july, end_date=None, today=TODAY))  # fmt: skip
    assert get(caseload, LegalStatus, second).code == "C1"
    assert get(caseload, LegalStatus, first).end_date == date(2023, 7, 1)  # re-ended
    assert last_audit(caseload, second).before == {"code": "C2", "start_date": "2023-06-01"}
    refused(caseload, lambda op: corrections.legal_status(
        op, second, code="C1", start_date=date(2022, 1, 1), end_date=None, today=TODAY),
        "legal_status_start")  # fmt: skip
    refused(caseload, lambda op: corrections.legal_status(
        op, second, code="C1", start_date=date(2023, 7, 1), end_date=date(2023, 6, 1),
        today=TODAY), "legal_status_end")  # fmt: skip


def test_every_field_of_a_held_review_is_corrected_and_pn_follows_the_age(
    caseload: Caseload,
) -> None:
    child = add_child(caseload)  # born 9 March 2014
    review = held_review(caseload, child)
    meeting: dict[str, Any] = {"held_date": date(2026, 9, 2), "participation_code": "PN5",
                               "attendees": ["Wren", "Advocate"], "seen_alone": True,
                               "advocate_present": True, "interpreter_present": True,
                               "today": TODAY}  # fmt: skip
    run(caseload, lambda op: corrections.held_review(op, review.id, **meeting))
    row = get(caseload, Review, review.id)
    assert (row.held_date, row.participation_code, row.seen_alone, row.advocate_present,
            row.interpreter_present) == (date(2026, 9, 2), "PN5", True, True, True)  # fmt: skip
    audit = last_audit(caseload, review.id)
    assert audit.action == "correct" and audit.before["participation_code"] == "PN1"
    pn0 = {**meeting, "participation_code": "PN0"}
    error = refused(caseload, lambda op: corrections.held_review(op, review.id, **pn0),
                    "participation_code")  # fmt: skip
    assert "cannot be PN0" in error.problem
    refused(caseload, lambda op: corrections.held_review(
        op, review.id, **{**meeting, "advocate_present": False}), "participation_code")  # fmt: skip


def test_decisions_midway_challenges_stages_feedback_are_corrected(caseload: Caseload) -> None:
    child = add_child(caseload)
    review = held_review(caseload, child)

    def make(op: Op) -> dict[str, str]:
        r = op.session.get(Review, review.id)
        d = decisions.add_decision(op, r, text="Book the dentist", owner="Carer",
                                   due_date=date(2026, 10, 1))  # fmt: skip
        m = midway.add_midway_update(op, r, update_date=date(2026, 10, 5), method="phone_call",
                                     items=[(d, "in_progress", None)], today=TODAY)  # fmt: skip
        c = raise_challenge(op, op.session.get(Child, child.id), category=NEEDS,
                            issue="No dentist", raised_date=date(2026, 10, 6),
                            raised_with="Team manager", today=TODAY)  # fmt: skip
        f = feedback.add_feedback(op, r, rating="good")
        return {"decision": d.id, "midway": m.id, "challenge": c.id, "feedback": f.id,
                "stage": stages_of(op.session, c)[0].id}  # fmt: skip

    ids = run(caseload, make)

    def decision(op: Op) -> Any:
        row = entries.find(op, "decision", ids["decision"])
        r = op.session.get(Review, review.id)
        return entries.correct(op, "decision", lambda: decisions.update_decision(
            op, row, r, text="Book the dentist and optician", owner="Carer",
            due_date=date(2026, 10, 1)))  # fmt: skip

    run(caseload, decision)
    run(caseload, lambda op: corrections.midway(op, ids["midway"], update_date=date(2026, 10, 6),
                                                method="in_person", today=TODAY))  # fmt: skip
    run(caseload, lambda op: corrections.challenge(
        op, ids["challenge"], category=NEEDS, issue="No dentist for a year",
        raised_date=date(2026, 10, 7), today=TODAY))  # fmt: skip
    run(caseload, lambda op: corrections.challenge_stage(
        op, ids["stage"], raised_with="Head of service", raised_date=date(2026, 10, 7),
        response_due=date(2026, 10, 21), response="Booked", response_date=date(2026, 10, 9),
        today=TODAY))  # fmt: skip
    run(caseload, lambda op: corrections.feedback(op, ids["feedback"], rating="excellent",
                                                  venue_as_wanted=True))  # fmt: skip
    for key, field in (("decision", "text"), ("midway", "update_date"),
                       ("challenge", "issue"), ("stage", "raised_with"),
                       ("feedback", "rating")):  # fmt: skip
        audit = last_audit(caseload, ids[key])
        assert audit.action == "correct" and field in audit.before, key
    assert get(caseload, ChallengeStage, ids["stage"]).raised_date == date(2026, 10, 7)
    refused(caseload, lambda op: corrections.challenge_stage(
        op, ids["stage"], raised_with="X", raised_date=date(2026, 10, 7),
        response_due=date(2026, 10, 1), today=TODAY), "response_due")  # fmt: skip
    refused(caseload, lambda op: corrections.midway(
        op, ids["midway"], update_date=date(2026, 8, 1), method="in_person", today=TODAY),
        "update_date")  # fmt: skip


def test_a_deleted_entry_is_a_tombstone_queued_for_sync_with_its_reason(
    caseload: Caseload,
) -> None:
    child = add_child(caseload)
    visit = add_visit(caseload, child)
    run(caseload, lambda op: entries.delete(op, "visit", visit.id, "Recorded twice"))
    row = get(caseload, Visit, visit.id)
    assert row.deleted and row.version == 2
    audit = last_audit(caseload, visit.id)
    assert (audit.action, audit.reason) == ("delete", "Recorded twice")
    with caseload.session() as s:
        queued = s.scalars(select(OutboxEntry).where(OutboxEntry.row_id == visit.id)
                           .order_by(OutboxEntry.seq)).all()  # fmt: skip
        assert [q.op for q in queued] == ["upsert", "delete"]
        assert all(e.row_id != visit.id for e in load_child(s, child.id).footprint)
    refused(caseload, lambda op: entries.delete(op, "visit", visit.id), "visit")
    refused(caseload, lambda op: entries.delete(op, "review", "x"), "review")


def test_deleting_the_current_placement_makes_the_previous_one_current(
    caseload: Caseload,
) -> None:
    child = add_child(caseload)
    first, second = placements(caseload, child)
    run(caseload, lambda op: entries.delete(op, "placement", second))
    assert get(caseload, Placement, first).end_date is None


def test_restore_puts_back_a_version_and_undoes_a_create(caseload: Caseload) -> None:
    child = add_child(caseload)

    def add(op: Op) -> Any:
        visits.add(op, op.session.get(Child, child.id), VISIT, today=TODAY)
        return op.changes

    changes = run(caseload, add)
    assert changes.label == "add visit"
    [(table, row_id)] = list(changes.versions)
    before, after = changes.versions[(table, row_id)]
    assert before is None and after["summary"] == "Talked about school."
    run(caseload, lambda op: entries.restore(op, [(table, row_id, None)], label="undo add visit",
                                             action="undo"))  # fmt: skip
    assert get(caseload, Visit, row_id).deleted
    assert last_audit(caseload, row_id).action == "undo"
    run(caseload, lambda op: entries.restore(op, [(table, row_id, after)], label="redo",
                                             action="redo"))  # fmt: skip
    row = get(caseload, Visit, row_id)
    assert not row.deleted and row.version == 3 and row.summary == "Talked about school."


def _correct_visit(caseload: Caseload, visit_id: str, summary: str) -> Any:
    fixed = visits.VisitFields(**{**VISIT.__dict__, "summary": summary})

    def correct(op: Op) -> Any:
        visits.correct(op, visit_id, fixed, today=TODAY)
        return op.changes

    return run(caseload, correct)


def _undo(caseload: Caseload, changes: Any, action: str = "undo", now: Any = None) -> Any:
    [(key, (before, after))] = list(changes.versions.items())
    payload = before if action == "undo" else after
    expected = now if now is not None else {key: after}
    return run(caseload, lambda op: entries.restore(
        op, [(*key, payload)], label=f"{action} correct visit", action=action,
        expected=expected))  # fmt: skip


def note_of(caseload: Caseload, visit_id: str) -> str:
    with caseload.session() as s:
        return corrected(s, [("visits", visit_id)]).get(visit_id, "")


def test_an_undone_correction_no_longer_says_corrected_and_a_redo_does_again(
    caseload: Caseload,
) -> None:
    child = add_child(caseload)
    run(caseload, lambda op: op.session.add(Iro(name="Sam Patel", email="iro@demo-borough.example",
                                                version=1)))  # fmt: skip
    visit = add_visit(caseload, child)
    changes = _correct_visit(caseload, visit.id, "Talked about football.")
    assert note_of(caseload, visit.id).endswith(" by Sam Patel")
    undone = _undo(caseload, changes)
    row = get(caseload, Visit, visit.id)
    assert row.summary == "Talked about school." and row.corrected_at is None
    assert note_of(caseload, visit.id) == ""
    with caseload.session() as s:
        assert load_child(s, child.id).corrected.get(visit.id, "") == ""
    redone = _undo(caseload, changes, "redo", now=undone)
    assert get(caseload, Visit, visit.id).summary == "Talked about football."
    assert note_of(caseload, visit.id).endswith(" by Sam Patel")
    # The audit trail keeps all of it, the undo and the redo too.
    with caseload.session() as s:
        assert [a.action for a in history(s, visit.id)] == ["create", "correct", "undo", "redo"]
    assert redone[("visits", visit.id)]["version"] == 4


def test_undoing_a_second_correction_leaves_the_first_one_showing(caseload: Caseload) -> None:
    child = add_child(caseload)
    visit = add_visit(caseload, child)
    _correct_visit(caseload, visit.id, "Talked about football.")
    first = get(caseload, Visit, visit.id).corrected_at
    second = _correct_visit(caseload, visit.id, "Talked about football and swimming.")
    assert get(caseload, Visit, visit.id).corrected_at != first
    _undo(caseload, second)
    row = get(caseload, Visit, visit.id)
    assert row.summary == "Talked about football." and row.corrected_at == first
    assert note_of(caseload, visit.id).startswith("corrected ")


def test_an_undo_over_a_later_change_is_refused_and_nothing_is_written(
    caseload: Caseload,
) -> None:
    from iro_desktop.store.errors import ChangedSince
    from iro_desktop.sync import apply

    child = add_child(caseload)
    visit = add_visit(caseload, child)
    changes = _correct_visit(caseload, visit.id, "Talked about football.")
    [(_before, after)] = list(changes.versions.values())
    # Another laptop's change arrives through the sync client's apply path.
    pulled = {**after, "version": after["version"] + 1, "summary": "Changed elsewhere.",
              "updated_at": "2026-11-30T09:00:00+00:00"}  # fmt: skip
    with apply.applying(caseload) as s:
        s.execute(update(OutboxEntry).values(pushed_at=utcnow()))  # this laptop's, pushed
        assert apply.apply_rows(s, "visits", [pulled], apply.pending_rows(s)) == 1
    with caseload.session() as s:
        outbox = len(list(s.scalars(select(OutboxEntry.change_id))))
    with pytest.raises(ChangedSince) as caught:
        _undo(caseload, changes)
    assert str(caught.value) == (
        "This visit was changed on another computer after your change, so undoing it would "
        "overwrite that. Open it and correct it instead."
    )
    row = get(caseload, Visit, visit.id)
    assert (row.summary, row.version) == ("Changed elsewhere.", after["version"] + 1)
    assert last_audit(caseload, visit.id).action == "correct"  # no undo recorded
    with caseload.session() as s:
        assert len(list(s.scalars(select(OutboxEntry.change_id)))) == outbox
    with pytest.raises(ChangedSince, match="so redoing it would"):
        _undo(caseload, changes, "redo")


def test_a_conflict_that_brings_the_same_version_number_still_refuses(
    caseload: Caseload,
) -> None:
    """A conflict settled on the central store puts the other laptop's row here at the
    version number this laptop's own write had: ``updated_at`` tells them apart."""
    from iro_desktop.store.errors import ChangedSince
    from iro_desktop.sync import apply

    child = add_child(caseload)
    visit = add_visit(caseload, child)
    changes = _correct_visit(caseload, visit.id, "Talked about football.")
    [(_before, after)] = list(changes.versions.values())
    theirs = {**after, "summary": "Their version.", "updated_at": "2026-11-30T09:00:00+00:00"}
    with apply.applying(caseload) as s:
        apply.apply_rows(s, "visits", [theirs], set(), force=True)
    with pytest.raises(ChangedSince):
        _undo(caseload, changes)
    assert get(caseload, Visit, visit.id).summary == "Their version."


def test_a_later_change_made_here_is_named_as_such(caseload: Caseload) -> None:
    from iro_desktop.store.errors import ChangedSince

    child = add_child(caseload)
    visit = add_visit(caseload, child)
    changes = _correct_visit(caseload, visit.id, "Talked about football.")
    _correct_visit(caseload, visit.id, "Talked about football again.")
    with pytest.raises(ChangedSince, match="This visit was changed again after your change"):
        _undo(caseload, changes)
