"""The 903 importer on a real encrypted caseload: what each child's record becomes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from iro_desktop.domain.ssda903.codes import CollectionYear
from iro_desktop.domain.working_days import add_working_days
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.ops.core import Actor
from iro_desktop.store.ops.settings_write import write_setting
from iro_desktop.store.queries import due_list, histories, next_review
from iro_desktop.store.schema import AuditEntry, Child, LegalStatus, OutboxEntry, Placement, Review
from iro_desktop.store.ssda903.importer import import_903
from tests.conftest import TODAY
from tests.ssda903.files import EPISODE_ROWS, HEADER_ROWS, write_extract

ACTOR = Actor(email="iro@demo-borough.example", device="test")
YEAR = CollectionYear(2025)


def run(caseload: Caseload, folder: Path, year: CollectionYear | None = YEAR):  # type: ignore[no-untyped-def]
    return import_903(caseload, folder, ACTOR, today=TODAY, year=year)


def child(caseload: Caseload, ref: str):  # type: ignore[no-untyped-def]
    with caseload.session() as s:
        kid = s.scalars(select(Child).where(Child.child_ref == ref)).one()
        [history] = histories(s, [kid])
        s.expunge_all()
        return history


@pytest.fixture
def imported(caseload: Caseload, tmp_path: Path) -> Caseload:
    with caseload.session() as s, s.begin():
        write_setting(s, ACTOR, "authority_postcode_districts", ["KT1", "KT2", "KT3"])
    run(caseload, write_extract(tmp_path / "extract"))
    return caseload


def test_episodes_become_statuses_placements_and_periods(imported: Caseload) -> None:
    h = child(imported, "900001")
    assert h.child.became_looked_after == date(2024, 6, 1)
    assert h.child.ceased_looked_after is None
    assert h.child.category_of_need == "N1"
    assert h.child.gender == "Male" and h.child.ethnicity == "White British"
    assert [(s.code, s.start_date, s.end_date) for s in h.legal_statuses] == [
        ("C1", date(2024, 6, 1), date(2024, 9, 10)),
        ("C2", date(2024, 9, 10), None),
    ]
    # The legal status change (RNE L) is not a change of placement.
    assert [(p.place_code, p.start_date, p.end_date) for p in h.placements] == [
        ("U6", date(2024, 6, 1), date(2025, 1, 15)),
        ("U4", date(2025, 1, 15), None),
    ]
    first, second = h.placements
    assert first.end_reason == "Change to or implementation of the care plan"
    assert (first.area, first.out_of_county) == ("KT1", False)
    assert (second.area, second.out_of_county) == ("ZZ9", True)
    assert second.provider == "Private provision"


def test_a_child_who_left_care_is_marked_and_leaves_the_due_list(imported: Caseload) -> None:
    h = child(imported, "900002")
    assert h.child.ceased_looked_after == date(2025, 8, 20)
    assert h.placements[-1].end_reason.startswith("Returned home")
    with imported.session() as s:
        refs = {e.child_ref for e in due_list(s, TODAY)}
    assert "900002" not in refs
    assert {"900001", "900003", "900004"} <= refs


def test_a_child_who_returned_to_care_starts_again_with_a_first_review(
    imported: Caseload,
) -> None:
    h = child(imported, "900003")
    assert h.child.became_looked_after == date(2025, 10, 10)
    assert h.child.ceased_looked_after is None
    assert [p.start_date for p in h.placements] == [date(2023, 5, 1), date(2025, 10, 10)]
    with imported.session() as s:
        entry = next(e for e in due_list(s, TODAY) if e.child_ref == "900003")
    # The review of 5 November 2025 was in the new period, so the next is the second.
    assert entry.kind == "second"
    assert entry.next_review_due == date(2026, 2, 5)


def test_short_breaks_are_one_series_on_the_short_breaks_timescale(imported: Caseload) -> None:
    h = child(imported, "900004")
    assert h.short_breaks
    assert h.child.became_looked_after == date(2025, 4, 5)
    assert h.child.ceased_looked_after is None
    with imported.session() as s:
        entry = next(e for e in due_list(s, TODAY) if e.child_ref == "900004")
    # No review in the extract, and the first was due long before the import: the last
    # review's date is asked for, not a first review counted 16 months late.
    assert entry.history_needed and not entry.overdue
    assert h.child.review_history_needed_since == TODAY
    # The timescale itself: three months from the first short break; later breaks do not
    # bring it forward.
    h.child.review_history_needed_since = None  # as if the child had come in time
    nxt = next_review(h)
    assert (str(nxt.kind), nxt.due) == ("first", date(2025, 7, 5))


def test_reviews_in_the_extract_are_recorded_once(imported: Caseload, tmp_path: Path) -> None:
    with imported.session() as s:
        held = s.scalars(select(Review.held_date).where(Review.held_date.is_not(None))).all()
        imported = s.scalars(select(Review.imported).where(Review.held_date.is_not(None))).all()
    assert sorted(held) == [date(2025, 7, 10), date(2025, 11, 5)]
    assert all(imported)  # history: counted for the timescales, no catch-up paperwork


def counts(caseload: Caseload) -> dict[str, int]:
    with caseload.session() as s:
        return {
            m.__tablename__: s.scalar(select(func.count()).select_from(m)) or 0
            for m in (Child, LegalStatus, Placement, Review, AuditEntry, OutboxEntry)
        }


def test_the_same_extract_twice_changes_nothing(imported: Caseload, tmp_path: Path) -> None:
    before = counts(imported)
    report = run(imported, write_extract(tmp_path / "again"))
    assert counts(imported) == before
    assert not report.changes
    assert not (report.added or report.left_care or report.placements_changed)
    assert any("Nothing changed" in line for line in report.summary())


def test_a_later_extract_adds_ends_and_corrects(imported: Caseload, tmp_path: Path) -> None:
    from iro_desktop.store.ops.core import operation
    from iro_desktop.store.ops.reviews import record_held_review

    with operation(imported, ACTOR) as op:  # the IRO's own work: a review on the laptop
        kid = op.session.scalars(select(Child).where(Child.child_ref == "900001")).one()
        record_held_review(op, kid, held_date=date(2026, 1, 20), participation_code="PN1",
                           today=TODAY)  # fmt: skip
        kid_id = kid.id
    later = [row for row in EPISODE_ROWS if not row.startswith("900001,15/01/2025")]
    later += [
        # 900001's placement ended on 1 February 2026 and a new one began (a move).
        "900001,15/01/2025,P,C2,N1,U4,PR4,01/02/2026,X1,CREQB,ZZ1 1AA,ZZ9 3CD,SC100002",
        "900001,01/02/2026,P,C2,N1,K2,PR4,,,,ZZ1 1AA,KT1 9ZZ,SC100006",
    ]
    # 900003's return was recorded with the wrong placement type: R1 corrected to U6.
    later = [r.replace("10/10/2025,S,C1,N1,R1,PR4", "10/10/2025,S,C1,N1,U6,PR4") for r in later]
    header = [*HEADER_ROWS, "900005,F,11/11/2011,CHNE,UN4,,"]
    later.append("900005,01/03/2026,S,C2,N1,U6,PR1,,,,ZZ5 5EE,KT2 1AA,SC100007")
    report = run(imported, write_extract(tmp_path / "later", header=header, episodes=later))
    assert report.added == ["900005"]
    assert report.placements_changed == ["900001", "900003"]
    h = child(imported, "900001")
    assert [p.place_code for p in h.placements] == ["U6", "U4", "K2"]
    assert h.placements[1].end_reason.startswith("The carer asked")
    assert [p.place_code for p in child(imported, "900003").placements] == ["K2", "U6"]
    with imported.session() as s:
        reviews = s.scalars(select(Review).where(Review.child_id == kid_id)).all()
        entry = next(e for e in due_list(s, TODAY) if e.child_ref == "900001")
    held = sorted(r.held_date for r in reviews if r.held_date)
    assert held == [date(2025, 7, 10), date(2026, 1, 20)]  # the IRO's work is kept
    # The move on 1 February 2026 came after the last review: brought forward to 20
    # working days after it, well before the six-monthly date (20 July 2026).
    moved = add_working_days(date(2026, 2, 1), 20)
    assert (entry.kind, entry.next_review_due) == ("brought_forward", moved)


def test_a_laptop_correction_survives_a_reimport(imported: Caseload, tmp_path: Path) -> None:
    from iro_desktop.store.ops.children import update_placement
    from iro_desktop.store.ops.core import operation

    with operation(imported, ACTOR) as op:
        kid = op.session.scalars(select(Child).where(Child.child_ref == "900001")).one()
        [history] = histories(op.session, [kid])
        update_placement(op, history.placements[-1], today=TODAY, area="Oakfield")
    run(imported, write_extract(tmp_path / "again"))
    assert child(imported, "900001").placements[-1].area == "Oakfield"
