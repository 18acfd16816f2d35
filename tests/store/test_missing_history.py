"""A child who comes with no review on file, long in care, is not on their first review.

The test day is Tuesday 24 November 2026 (tests.helpers.TODAY), which is also the day of
the import. Dates worked by hand:

- Sam came into care on Friday 3 May 2019. A first review is due 20 working days later,
  skipping the bank holidays of 6 and 27 May: 4 June 2019. With no review on file that
  was "overdue by 2,000-odd days"; the program now asks for the last review's date.
- The IRO records a last review held on Tuesday 1 September 2026 (an imported one, so no
  catch-up paperwork). It is long after a second review could have been due, so it is a
  later review: the next is due within 6 months, by 1 March 2027.
- Had every review been held on its last day (4 June 2019; 3 months on, 4 September
  2019; then every 6 months, 4 March and 4 September), the review due by 4 September 2026
  is the 16th (2 + 14 six-month steps), and 1 September 2026 falls on or before it: the
  program suggests 16, for the IRO to confirm or change.
- Kit came into care on Thursday 19 November 2026, 5 days before the import: a first
  review is due 20 working days later, 17 December 2026 (no bank holiday), as ever.
- Ash came into care on Friday 1 May 2026 (in this financial year): a first review was due
  by 1 June 2026 (the Spring bank holiday of 25 May skipped). With no review on file at
  the import, the figures must not count that as a late review.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.figures.period import Period
from iro_desktop.domain.figures.reviews import reviews_in_timescale
from iro_desktop.domain.timescales import ReviewKind, estimated_review_number
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.due_items import due_items
from iro_desktop.store.importer import ImportFailed, import_caseload
from iro_desktop.store.ops import children
from iro_desktop.store.ops import reviews as review_ops
from iro_desktop.store.ops.core import operation
from iro_desktop.store.queries import due_list, histories, next_review
from iro_desktop.store.reads.caseload_facts import load_rows
from iro_desktop.store.reads.child_file import load_child
from iro_desktop.store.reads.due_facts import load_due
from iro_desktop.store.reads.figures import caseload_facts
from iro_desktop.store.reads.whats_due import Bucket
from iro_desktop.store.schema import AuditEntry, Child, Review
from tests.helpers import ACTOR, TODAY

HEADER = (
    "child_ref,first_name,last_name,preferred_name,date_of_birth,gender,legal_status,"
    "became_looked_after,placement_start,placement_type"
)
ROWS = {
    "S1": "S1,Samuel,Brook,Sam,2011-02-14,Male,C2,2019-05-03,2023-06-12,U4",
    "K1": "K1,Kit,Marsh,,2015-07-30,Female,V2,2026-11-19,2026-11-19,U4",
    "A1": "A1,Ash,Dale,,2013-01-09,Male,C2,2026-05-01,2026-05-01,U4",
}


def _import(caseload: Caseload, tmp_path: Path, text: str) -> dict[str, str]:
    path = tmp_path / "children.csv"
    path.write_text(text, encoding="utf-8")
    import_caseload(caseload, path, ACTOR, today=TODAY)
    with caseload.session() as s:
        return {c.child_ref: c.id for c in s.scalars(select(Child))}


def _children(caseload: Caseload, tmp_path: Path) -> dict[str, str]:
    return _import(caseload, tmp_path, HEADER + "\n" + "\n".join(ROWS.values()) + "\n")


def _items(caseload: Caseload, child_id: str) -> dict[str, object]:
    with caseload.session() as s:
        return {i.kind: i for i in due_items(s, TODAY) if i.child_id == child_id}


def _record_last(caseload: Caseload, child_id: str, number: int | None = None) -> str:
    with operation(caseload, ACTOR) as op:
        child = op.session.get(Child, child_id)
        review = review_ops.record_last_review(
            op, child, held_date=date(2026, 9, 1), participation_code="PN1", today=TODAY,
            number=number,
        )  # fmt: skip
        return review.id


def test_a_child_in_care_since_2019_with_no_review_on_file_is_asked_for_the_last_review(
    caseload: Caseload, tmp_path: Path
) -> None:
    ids = _children(caseload, tmp_path)
    with caseload.session() as s:
        sam = s.get(Child, ids["S1"])
        assert sam is not None and sam.review_history_needed_since == TODAY
        [history] = histories(s, [sam])
        nxt = next_review(history)
    assert nxt.history_needed == TODAY
    assert "came into care on 3 May 2019" in nxt.reason and "no review is on file" in nxt.reason
    items = _items(caseload, ids["S1"])
    # Not "Overdue by 2,730 days" for a first review due on 4 June 2019: no review item,
    # and nothing hung on a review date the program does not know (visit, report).
    assert set(items) == {"last_review_needed"}
    needed = items["last_review_needed"]
    assert not needed.overdue  # type: ignore[attr-defined]
    assert needed.label == "Last review date needed"  # type: ignore[attr-defined]
    assert needed.detail == (  # type: ignore[attr-defined]
        "Came into care on 3 May 2019; no review is on file: record the last review held"
    )
    with caseload.session() as s:
        [line] = [i for i in load_due(s, TODAY) if i.child_id == ids["S1"]]
        assert line.bucket is Bucket.TO_RECORD and line.tab == "Reviews"
        [row] = [r for r in load_rows(s, TODAY).rows if r.child_id == ids["S1"]]
        assert not row.overdue and not row.due_soon and row.kind == "Not known yet"
        [entry] = [e for e in due_list(s, TODAY) if e.child_id == ids["S1"]]
        assert not entry.overdue
        f = load_child(s, ids["S1"])
        assert "assumes their reviews were held before then" in f.assumption


def test_recording_the_last_review_sets_the_next_by_the_six_month_rule_and_clears_the_flag(
    caseload: Caseload, tmp_path: Path
) -> None:
    ids = _children(caseload, tmp_path)
    review_id = _record_last(caseload, ids["S1"])
    with caseload.session() as s:
        sam = s.get(Child, ids["S1"])
        assert sam is not None and sam.review_history_needed_since is None
        [history] = histories(s, [sam])
        nxt = next_review(history)
        review = s.get(Review, review_id)
        assert review is not None and review.imported and review.due_date is None
        # Versioned and audited: the child's flag cleared in the same operation.
        audit = s.scalars(select(AuditEntry).where(AuditEntry.row_id == ids["S1"])).all()
        assert any("review_history_needed_since" in a.fields and a.action == "update"
                   for a in audit)  # fmt: skip
    assert (nxt.due, nxt.kind, nxt.history_needed) == (
        date(2027, 3, 1), ReviewKind.SUBSEQUENT, None)  # fmt: skip
    items = _items(caseload, ids["S1"])
    assert "last_review_needed" not in items
    assert items["review"].due == date(2027, 3, 1)  # type: ignore[attr-defined]
    # Imported history: no decisions to share or record to distribute months late.
    assert "decisions_to_share" not in items and "record_to_distribute" not in items


def test_the_iro_gives_the_review_number_with_the_last_review(
    caseload: Caseload, tmp_path: Path
) -> None:
    ids = _children(caseload, tmp_path)
    assert estimated_review_number(date(2019, 5, 3), date(2026, 9, 1)) == 16
    review_id = _record_last(caseload, ids["S1"], number=16)
    with caseload.session() as s:
        f = load_child(s, ids["S1"])
    assert f.review_numbers == {review_id: 16} and f.assumed_review_id is None
    assert f.next_review.due == date(2027, 3, 1)
    with pytest.raises(ValidationError, match="whole number"), operation(caseload, ACTOR) as op:
        kit = op.session.get(Child, ids["K1"])
        review_ops.record_last_review(op, kit, held_date=date(2026, 11, 20),
                                      participation_code="PN1", today=TODAY, number=0)  # fmt: skip


def test_a_child_who_came_into_care_5_days_before_the_import_gets_a_first_review(
    caseload: Caseload, tmp_path: Path
) -> None:
    ids = _children(caseload, tmp_path)
    with caseload.session() as s:
        kit = s.get(Child, ids["K1"])
        assert kit is not None and kit.review_history_needed_since is None
    items = _items(caseload, ids["K1"])
    assert "last_review_needed" not in items
    review = items["review"]
    assert review.due == date(2026, 12, 17) and not review.overdue  # type: ignore[attr-defined]
    assert "First review" in review.detail  # type: ignore[attr-defined]


def test_the_figures_do_not_count_a_child_with_no_review_on_file_as_a_late_review(
    caseload: Caseload, tmp_path: Path
) -> None:
    ids = _children(caseload, tmp_path)
    year = Period(date(2026, 4, 1), date(2027, 3, 31))
    with caseload.session() as s:
        facts = caseload_facts(s)
    assert facts.children[ids["A1"]].next_review_due is None
    overall, _by_kind = reviews_in_timescale(facts, year, TODAY)
    assert overall.denominator == 0  # not Ash's first review "due 1 June 2026, late"
    # Once the last review is recorded the next one counts as usual when it falls due.
    _record_last(caseload, ids["A1"])
    with caseload.session() as s:
        facts = caseload_facts(s)
    assert facts.children[ids["A1"]].next_review_due == date(2026, 12, 1)  # second: 3 months


def test_a_planned_review_before_the_last_is_recorded_has_no_due_date_to_be_late_against(
    caseload: Caseload, tmp_path: Path
) -> None:
    ids = _children(caseload, tmp_path)
    with operation(caseload, ACTOR) as op:
        sam = op.session.get(Child, ids["S1"])
        review = review_ops.plan_review(op, sam, today=TODAY, planned_date=date(2026, 12, 8),
                                        venue="At school")  # fmt: skip
        assert review.due_date is None
    items = _items(caseload, ids["S1"])
    assert items["review"].due == date(2026, 12, 8)  # type: ignore[attr-defined]
    assert not items["last_review_needed"].overdue  # type: ignore[attr-defined]


def test_a_placement_change_after_the_import_still_brings_a_review_forward(
    caseload: Caseload, tmp_path: Path
) -> None:
    """A move on Monday 2 November 2026, after an import on 26 October: a review is due 20
    working days later, 30 November 2026, whatever is missing from the file."""
    path = tmp_path / "children.csv"
    path.write_text(HEADER + "\n" + ROWS["S1"] + "\n", encoding="utf-8")
    import_caseload(caseload, path, ACTOR, today=date(2026, 10, 26))
    with operation(caseload, ACTOR) as op:
        sam = op.session.scalars(select(Child)).one()
        children.add_placement(op, sam, place_code="U4", start_date=date(2026, 11, 2),
                               today=TODAY)  # fmt: skip
        [history] = histories(op.session, [sam])
        nxt = next_review(history)
    assert (nxt.due, nxt.kind, nxt.history_needed) == (
        date(2026, 11, 30), ReviewKind.BROUGHT_FORWARD, None)  # fmt: skip


def test_the_caseload_file_brings_the_last_review_in_one_go(
    caseload: Caseload, tmp_path: Path
) -> None:
    """The optional columns: Sam's last review of 1 September 2026 comes with him (no date
    needed, next due 1 March 2027); Ash's row leaves them empty (a date is needed)."""
    text = (
        f"{HEADER},last_review_date,last_review_participation_code\n"
        f"{ROWS['S1']},2026-09-01,PN1\n{ROWS['A1']},,\n"
    )
    path = tmp_path / "with-last.csv"
    path.write_text(text, encoding="utf-8")
    assert import_caseload(caseload, path, ACTOR, today=TODAY).history_needed == 1  # Ash
    with caseload.session() as s:
        ids = {c.child_ref: c.id for c in s.scalars(select(Child))}
        sam, ash = s.get(Child, ids["S1"]), s.get(Child, ids["A1"])
        assert sam is not None and ash is not None
        assert sam.review_history_needed_since is None and ash.review_history_needed_since == TODAY
        [review] = s.scalars(select(Review).where(Review.child_id == ids["S1"])).all()
        assert (review.held_date, review.imported, review.participation_code) == (
            date(2026, 9, 1), True, "PN1")  # fmt: skip
    assert _items(caseload, ids["S1"])["review"].due == date(2027, 3, 1)  # type: ignore[attr-defined]
    # The same file again: nothing doubled.
    _import(caseload, tmp_path, text)
    with caseload.session() as s:
        assert len(s.scalars(select(Review)).all()) == 1


def test_a_last_review_date_without_its_code_is_a_problem_of_that_row(
    caseload: Caseload, tmp_path: Path
) -> None:
    path = tmp_path / "children.csv"
    path.write_text(
        f"{HEADER},last_review_date,last_review_participation_code\n"
        f"{ROWS['S1']},2026-09-01,\n{ROWS['A1']},2026-13-01,PN1\n{ROWS['K1']},2026-11-01,PN1\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFailed) as failed:
        import_caseload(caseload, path, ACTOR, today=TODAY)
    found = {(p.row, p.column) for p in failed.value.result.problems}
    assert found == {(2, "last_review_participation_code"), (3, "last_review_date"),
                     (4, "last_review_date")}  # fmt: skip
    with caseload.session() as s:
        assert s.scalars(select(Child)).all() == []  # all or nothing


@pytest.mark.parametrize(
    ("held", "code", "number", "field"),
    [
        (date(2027, 1, 4), "PN1", None, "review_date"),  # after today
        (date(2019, 4, 1), "PN1", None, "review_date"),  # before Sam came into care
        (date(1, 1, 1), "PN1", None, "review_date"),  # an absurd year
        (date(2026, 9, 1), "PN🙂", None, "participation_code"),
        (date(2026, 9, 1), "PN1", 0, "number"),
        (date(2026, 9, 1), "PN1", 10**9, "number"),
    ],
)
def test_a_wrong_last_review_is_refused_by_its_field_and_nothing_is_lost(
    caseload: Caseload, tmp_path: Path, held: date, code: str, number: int | None, field: str
) -> None:
    ids = _children(caseload, tmp_path)
    with pytest.raises(ValidationError) as refused, operation(caseload, ACTOR) as op:
        child = op.session.get(Child, ids["S1"])
        review_ops.record_last_review(op, child, held_date=held, participation_code=code,
                                      today=TODAY, number=number)  # fmt: skip
    problems = getattr(refused.value, "problems", [refused.value])
    assert field in {p.field for p in problems}, [(p.field, p.problem) for p in problems]
    with caseload.session() as s:
        sam = s.get(Child, ids["S1"])
        assert sam is not None and sam.review_history_needed_since == TODAY  # still asked
        assert s.scalars(select(Review).where(Review.child_id == ids["S1"])).all() == []
    assert "last_review_needed" in _items(caseload, ids["S1"])
