"""A saved letter remembers the decisions it was made from and notices when the review
record moves on: a corrected date, an added or a deleted decision, until the IRO brings
the letter's decisions up to date (one versioned, audited, synced, undoable write)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from iro_desktop.documents import letter_reads as reader
from iro_desktop.documents.api import with_suggested_sentences
from iro_desktop.domain.letter_sources import notice
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.ops import decisions, entries, letters, visits
from iro_desktop.store.ops.core import Op, operation
from iro_desktop.store.schema import AuditEntry, Child, Decision, Letter, OutboxEntry, Review
from tests.conftest import TODAY
from tests.helpers import ACTOR
from tests.store.test_ops_world import add_child, get, held_review, run

HELD = date(2026, 9, 1)
DENTIST = "Your social worker will book a dentist visit for you by 1 December 2026."


def add(caseload: Caseload, review: Review, text: str, due: date) -> str:
    def go(op: Op) -> str:
        row = op.session.get(Review, review.id)
        assert row is not None
        return decisions.add_decision(op, row, text=text, owner="Social worker", due_date=due).id

    return run(caseload, go)


def opened(caseload: Caseload, review: Review) -> reader.LetterFile:
    with caseload.session() as s:
        return reader.letter_file(s, review.child_id, review.id)


def write_letter(caseload: Caseload, review: Review, sentences: dict[str, str]) -> Letter:
    """What the editor does: the letter as read, the IRO's sentences, the sources as read."""
    found = opened(caseload, review)
    content = with_suggested_sentences(found.content)
    lines = [letters.LetterDecision(d.owner, d.what, d.due,
                                    sentences.get(d.professional_text, d.sentence),
                                    d.professional_text, d.decision_id)
             for d in content.decisions]  # fmt: skip

    def go(op: Op) -> Letter:
        row = op.session.get(Review, review.id)
        assert row is not None
        return letters.save_letter(
            op, row, today=TODAY, age_band="8_12", name="Wrennie", decisions=lines,
            sections={"working_well": "You told me school is going well."},
            sources=found.sources,
        )  # fmt: skip

    return run(caseload, go)


def correct_due(caseload: Caseload, decision_id: str, due: date) -> None:
    def go(op: Op) -> None:
        d = op.session.get(Decision, decision_id)
        assert d is not None
        review = op.session.get(Review, d.review_id)
        assert review is not None
        entries.correct(op, "decision", lambda: decisions.update_decision(
            op, d, review, text=d.text, owner=d.owner, due_date=due))  # fmt: skip

    run(caseload, go)


def refresh(caseload: Caseload, letter_id: str) -> Letter:
    def go(op: Op) -> Letter:
        row = op.session.get(Letter, letter_id)
        assert row is not None
        return letters.refresh_decisions(op, row, today=TODAY)

    return run(caseload, go)


def test_a_corrected_date_makes_the_letter_stale_until_it_is_brought_up_to_date(
    caseload: Caseload,
) -> None:
    review = held_review(caseload, add_child(caseload), HELD)
    dentist = add(caseload, review, "Book a dentist visit", date(2026, 12, 1))
    school = add(caseload, review, "Ask school about a mentor", date(2027, 1, 10))
    letter = write_letter(caseload, review, {"Book a dentist visit": DENTIST})
    assert opened(caseload, review).changes == ()

    # A mid-way status moves the version but nothing the letter prints: not stale.
    run(caseload, lambda op: decisions.set_decision_status(
        op, op.session.get(Decision, school), "done", TODAY))  # type: ignore[arg-type]  # fmt: skip
    assert opened(caseload, review).changes == ()

    correct_due(caseload, dentist, date(2027, 1, 15))
    found = opened(caseload, review)
    assert [(c.kind, c.decision_id) for c in found.changes] == [("corrected", dentist)]
    words = notice(list(found.changes))
    assert words.startswith("1 decision was corrected in the review record after this letter")
    assert "now by 15 January 2027 (the letter says 1 December 2026)" in words
    # the letter as it stands still says the old date
    assert [d.due for d in found.content.decisions if d.decision_id == dentist] == [
        date(2026, 12, 1)
    ]

    # Saving the IRO's other edits does not hide the notice.
    write_letter(caseload, review, {"Book a dentist visit": DENTIST})
    assert len(opened(caseload, review).changes) == 1

    before = get(caseload, Letter, letter.id).version
    refresh(caseload, letter.id)
    after = opened(caseload, review)
    assert after.changes == ()
    line = next(d for d in after.content.decisions if d.decision_id == dentist)
    assert line.due == date(2027, 1, 15)
    assert line.sentence == DENTIST.replace("1 December 2026", "15 January 2027")
    assert after.content.working_well == "You told me school is going well."  # the IRO's words
    row = get(caseload, Letter, letter.id)
    assert row.version == before + 1
    with caseload.session() as s:
        audit = s.scalars(select(AuditEntry.action).where(AuditEntry.row_id == letter.id)).all()
        outbox = s.scalars(select(OutboxEntry).where(OutboxEntry.row_id == letter.id)).all()
    assert audit[-1] == "update" and len(outbox) == len(audit)


def test_added_and_deleted_decisions_are_noticed_and_follow_the_refresh(
    caseload: Caseload,
) -> None:
    review = held_review(caseload, add_child(caseload), HELD)
    dentist = add(caseload, review, "Book a dentist visit", date(2026, 12, 1))
    gone = add(caseload, review, "Arrange contact with Nan", date(2026, 11, 1))
    letter = write_letter(caseload, review, {"Book a dentist visit": DENTIST})
    new = add(caseload, review, "Find a swimming club", date(2026, 12, 20))

    def remove(op: Op) -> None:
        d = op.session.get(Decision, gone)
        r = op.session.get(Review, review.id)
        assert d is not None and r is not None
        decisions.remove_decision(op, d, r, reason="Recorded twice by mistake", on=TODAY)

    run(caseload, remove)
    found = opened(caseload, review)
    assert sorted((c.kind, c.decision_id) for c in found.changes) == [
        ("added", new), ("deleted", gone)
    ]  # fmt: skip
    words = notice(list(found.changes))
    assert words.startswith("1 decision was added and 1 was deleted in the review record")
    assert "“Arrange contact with Nan” was deleted" in words

    refresh(caseload, letter.id)
    after = opened(caseload, review)
    assert after.changes == ()
    ids = [d.decision_id for d in after.content.decisions]
    assert gone not in ids and set(ids) == {dentist, new}
    assert all("Nan" not in d.what for d in after.content.decisions)
    kept = next(d for d in after.content.decisions if d.decision_id == dentist)
    assert kept.sentence == DENTIST  # unchanged decision: the IRO's sentence stays


def test_the_refresh_can_be_undone_like_any_other_write(caseload: Caseload) -> None:
    review = held_review(caseload, add_child(caseload), HELD)
    dentist = add(caseload, review, "Book a dentist visit", date(2026, 12, 1))
    letter = write_letter(caseload, review, {})
    correct_due(caseload, dentist, date(2027, 2, 1))
    with operation(caseload, ACTOR) as op:
        row = op.session.get(Letter, letter.id)
        assert row is not None
        letters.refresh_decisions(op, row, today=TODAY)
        changes = op.changes
    assert changes.label == "bring the letter's decisions up to date"
    assert opened(caseload, review).changes == ()
    back = [(table, row_id, before) for (table, row_id), (before, _after)
            in changes.versions.items()]  # fmt: skip
    run(caseload, lambda op: entries.restore(op, back, label="undo", action="undo"))
    assert len(opened(caseload, review).changes) == 1  # the letter is as it was: stale again


def test_a_deleted_visits_words_leave_the_letter(caseload: Caseload) -> None:
    child = add_child(caseload)
    review = held_review(caseload, child, HELD)
    words = "I want to stay at my school next year please"
    fields = visits.VisitFields(visit_date=date(2026, 8, 20), method="in_person",
                                child_words=words, seen_alone=True)  # fmt: skip
    visit_id = run(caseload, lambda op: visits.add(
        op, op.session.get(Child, child.id), fields, today=TODAY).id)  # type: ignore[arg-type]  # fmt: skip
    assert words in [s.said for s in opened(caseload, review).content.said]
    write_letter(caseload, review, {})
    run(caseload, lambda op: entries.delete(op, "visit", visit_id, "Recorded on the wrong child"))
    assert words not in [s.said for s in opened(caseload, review).content.said]
