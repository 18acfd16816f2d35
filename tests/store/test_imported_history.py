"""Imported history is history: the timescales count it, and it asks for no catch-up.

One child, Rowan, in care since Monday 2 September 2019, imported the way an authority's
files arrive: the current placement only, and the last review only. The test day is
Tuesday 24 November 2026 (tests.helpers.TODAY). Dates worked by hand:

- Coming into care on 2 September 2019, a first review is due 20 working days later,
  30 September 2019 (no bank holiday in September), and a second review, if the first
  were on its last day, by 30 December 2019. A review on file only from 10 August 2026
  cannot be the first unless both were years late: earlier reviews are missing.
- So the review of Monday 10 August 2026 is taken as a later one: the next is due within
  6 months, by 10 February 2027. Taken as the first (the old rule), a "second review" was
  due 3 months on, 10 November 2026: overdue on the test day.
- Its decisions would have been due for sharing 5 working days on (17 August 2026) and its
  record for distribution 20 working days on (8 September 2026, the Summer bank holiday
  of 31 August skipped): both overdue by months. An imported review asks for neither.
- A placement that began on Monday 5 October 2026, after that review, brings the next
  review forward to 20 working days later: 2 November 2026 (no bank holiday in October).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from iro_desktop.domain.timescales import ReviewKind
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.due_items import due_items
from iro_desktop.store.importer import import_caseload, import_reviews
from iro_desktop.store.ops import reviews as review_ops
from iro_desktop.store.ops.core import operation
from iro_desktop.store.queries import histories, next_review
from iro_desktop.store.reads.child_file import load_child
from iro_desktop.store.schema import Child, Review
from tests.helpers import ACTOR, TODAY

HEADER = (
    "child_ref,first_name,last_name,preferred_name,date_of_birth,gender,legal_status,"
    "became_looked_after,placement_start,placement_type"
)


def _import(caseload: Caseload, tmp_path: Path, placement_start: str) -> str:
    children = tmp_path / "children.csv"
    children.write_text(
        f"{HEADER}\nR1,Rowan,Ashcombe,,2012-04-18,Male,C2,2019-09-02,{placement_start},U4\n",
        encoding="utf-8",
    )
    reviews = tmp_path / "reviews.csv"
    reviews.write_text("child_ref,review_date,participation_code\nR1,2026-08-10,PN1\n",
                       encoding="utf-8")  # fmt: skip
    import_caseload(caseload, children, ACTOR, today=TODAY)
    import_reviews(caseload, reviews, ACTOR, today=TODAY)
    with caseload.session() as s:
        return s.scalars(select(Child.id).where(Child.child_ref == "R1")).one()


def _next(caseload: Caseload, child_id: str):  # type: ignore[no-untyped-def]
    with caseload.session() as s:
        [history] = histories(s, [s.get(Child, child_id)])
        return next_review(history)


def test_one_imported_review_of_a_child_in_care_since_2019_is_not_their_first(
    caseload: Caseload, tmp_path: Path
) -> None:
    child_id = _import(caseload, tmp_path, "2019-09-02")
    nxt = _next(caseload, child_id)
    assert (nxt.due, nxt.kind) == (date(2027, 2, 10), ReviewKind.SUBSEQUENT)
    assert "Assumed a later review" in nxt.assumption
    assert "2 September 2019" in nxt.assumption
    with caseload.session() as s:
        f = load_child(s, child_id)
        [review] = f.reviews
        assert review.imported and review.held_date == date(2026, 8, 10)
        # Not a first review 7 years late: a later one whose own due date is unknown, so
        # the figures leave it out rather than count it late.
        assert (review.kind, review.due_date) == ("subsequent", None)
        assert f.review_numbers == {review.id: 2} and f.assumed_review_id == review.id
    due = {i.kind: i for i in _items(caseload, child_id)}
    assert due["review"].due == date(2027, 2, 10) and not due["review"].overdue


def test_the_iro_confirms_the_review_number_and_the_timescale_follows(
    caseload: Caseload, tmp_path: Path
) -> None:
    child_id = _import(caseload, tmp_path, "2019-09-02")
    with operation(caseload, ACTOR) as op:
        review = op.session.scalars(select(Review).where(Review.child_id == child_id)).one()
        review_ops.confirm_review_number(op, review, number=1)
    # It really was the first (a very late one): the second is due 3 months on.
    nxt = _next(caseload, child_id)
    assert (nxt.due, nxt.kind, nxt.assumption) == (date(2026, 11, 10), ReviewKind.SECOND, "")
    with operation(caseload, ACTOR) as op:
        review = op.session.scalars(select(Review).where(Review.child_id == child_id)).one()
        review_ops.confirm_review_number(op, review, number=14)
    nxt = _next(caseload, child_id)
    assert (nxt.due, nxt.kind, nxt.assumption) == (date(2027, 2, 10), ReviewKind.SUBSEQUENT, "")
    with caseload.session() as s:
        assert load_child(s, child_id).review_numbers == {review.id: 14}


def test_an_imported_review_asks_for_no_catch_up_paperwork(
    caseload: Caseload, tmp_path: Path
) -> None:
    child_id = _import(caseload, tmp_path, "2019-09-02")
    kinds = {i.kind for i in _items(caseload, child_id)}
    assert "decisions_to_share" not in kinds
    assert "record_to_distribute" not in kinds
    # The mid-way update of the current cycle is the IRO's own work, so it stays.
    assert "midway_update" in kinds


def test_a_review_held_in_the_program_still_asks_for_its_paperwork(caseload: Caseload) -> None:
    """The same review recorded by the IRO (not imported): 17 August and 8 September."""
    with operation(caseload, ACTOR) as op:
        from iro_desktop.store.ops import children

        child = children.add_child(
            op, child_ref="R2", first_name="Sky", last_name="Ferris",
            date_of_birth=date(2012, 4, 18), became_looked_after=date(2019, 9, 2), today=TODAY,
        )  # fmt: skip
        children.set_legal_status(op, child, "C2", date(2019, 9, 2), TODAY)
        review_ops.record_held_review(op, child, held_date=date(2026, 8, 10),
                                      participation_code="PN1", today=TODAY)  # fmt: skip
        child_id = child.id
    due = {i.kind: i.due for i in _items(caseload, child_id)}
    assert due["decisions_to_share"] == date(2026, 8, 17)
    assert due["record_to_distribute"] == date(2026, 9, 8)


def test_a_placement_after_the_last_review_brings_the_next_one_forward_when_it_is_the_only_one(
    caseload: Caseload, tmp_path: Path
) -> None:
    child_id = _import(caseload, tmp_path, "2026-10-05")
    nxt = _next(caseload, child_id)
    assert (nxt.due, nxt.kind) == (date(2026, 11, 2), ReviewKind.BROUGHT_FORWARD)
    assert "5 October 2026" in nxt.reason


def test_the_placement_a_child_came_into_care_in_brings_nothing_forward(
    caseload: Caseload, tmp_path: Path
) -> None:
    child_id = _import(caseload, tmp_path, "2019-09-02")
    assert _next(caseload, child_id).kind == ReviewKind.SUBSEQUENT


def _items(caseload: Caseload, child_id: str):  # type: ignore[no-untyped-def]
    with caseload.session() as s:
        return [i for i in due_items(s, TODAY) if i.child_id == child_id]


def test_migration_0007_marks_reviews_already_imported_and_keeps_the_triggers(
    tmp_path: Path,
) -> None:
    """A file from before 0007 (e.g. the day of the 511-day-overdue report): a review with
    only a date and a code (as an import wrote it) is marked imported; one written up with
    who came is not. The search and write_gen triggers on ``reviews`` are still there."""
    from sqlalchemy import text

    from iro_desktop.store import caseload as caseload_file
    from iro_desktop.store import migrations
    from iro_desktop.store.types import Base
    from tests.helpers import PASSPHRASE

    folder = tmp_path / "old"
    opened = caseload_file.create(folder, passphrase=PASSPHRASE, use_keyring=False)
    with opened.engine.begin() as conn:
        names = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))
        for name in [*(t.name for t in reversed(Base.metadata.sorted_tables)), *names.scalars()]:
            if name != "alembic_version" and not name.startswith("search_fts_"):
                conn.execute(text(f'DROP TABLE IF EXISTS "{name}"'))
        conn.execute(text("DROP TABLE alembic_version"))
    migrations.upgrade(opened.engine, "0005")
    review = (
        "INSERT INTO reviews (id, version, updated_at, deleted, child_id, kind, status,"
        " held_date, participation_code, venue_chosen_by_child, in_lesson_time,"
        " child_wants_lesson_time, series_of_meetings, invitees, not_wanted, attendees,"
        " advocate_present, interpreter_present) VALUES (:id, 1, '2026-01-01 00:00:00', 0,"
        " 'c1', 'first', 'held', :held, 'PN1', 0, 0, 0, 0, '[]', '[]', :came, 0, 0)"
    )
    with opened.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO children (id, version, updated_at, deleted, child_ref, first_name,"
            " last_name, date_of_birth, became_looked_after, interpreter_needed,"
            " unaccompanied_asylum_seeking) VALUES ('c1', 1, '2026-01-01 00:00:00', 0,"
            " 'OLD1', 'Wren', 'Elmstead', '2015-04-01', '2019-09-02', 0, 0)"
        ))  # fmt: skip
        conn.execute(text(review), {"id": "r-import", "held": "2025-02-03", "came": "[]"})
        conn.execute(text(review), {"id": "r-held", "held": "2025-08-04", "came": '["Wren"]'})
    opened.close()
    reopened = caseload_file.open_caseload(folder, passphrase=PASSPHRASE)
    try:
        with reopened.session() as s:
            found = {r.id: (r.imported, r.number) for r in s.scalars(select(Review))}
            assert found == {"r-import": (True, None), "r-held": (False, None)}
            triggers = set(s.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                                          " AND tbl_name = 'reviews'")))  # fmt: skip
        assert {"search_reviews_au", "write_gen_reviews_au", "search_reviews_ai"} <= triggers
    finally:
        reopened.close()
