"""CSV imports: every row checked, every problem listed, all or nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from iro_desktop.cli.main import main
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.importer import ImportFailed, import_caseload, import_reviews
from iro_desktop.store.ops.core import Actor
from iro_desktop.store.schema import AuditEntry, Child, OutboxEntry, Placement, Review
from tests.conftest import PASSPHRASE, TODAY

ACTOR = Actor(email="iro@demo-borough.example", device="test")
CASELOAD_HEADER = (
    "child_ref,first_name,last_name,preferred_name,date_of_birth,gender,legal_status,"
    "became_looked_after,placement_start,placement_type"
)
GOOD_CASELOAD = f"""{CASELOAD_HEADER}
A1,Wren,Elmstead,,2014-03-09,Female,C2,2022-05-03,2022-05-03,U6
A2,Kit,Fennick,Kitty,2011-11-30,Male,V3,2025-01-06,2025-01-06,U4
A3,Bea,Marlowe,,2024-02-29,Female,C1,2025-06-02,2025-06-02,U6
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def table_counts(caseload: Caseload) -> dict[str, int]:
    with caseload.session() as s:
        return {
            m.__tablename__: s.scalar(select(func.count()).select_from(m)) or 0
            for m in (Child, Placement, Review, AuditEntry, OutboxEntry)
        }


def test_a_good_caseload_file_imports_every_child(caseload: Caseload, tmp_path: Path) -> None:
    result = import_caseload(caseload, write(tmp_path, "c.csv", GOOD_CASELOAD), ACTOR, today=TODAY)
    assert (result.added, result.updated) == (3, 0)
    with caseload.session() as s:
        kit = s.scalars(select(Child).where(Child.child_ref == "A2")).one()
        assert kit.preferred_name == "Kitty"


def test_a_known_child_ref_updates_that_child(caseload: Caseload, tmp_path: Path) -> None:
    import_caseload(caseload, write(tmp_path, "c.csv", GOOD_CASELOAD), ACTOR, today=TODAY)
    moved = (
        f"{CASELOAD_HEADER}\n"
        "A1,Wren,Elmstead-Oak,Wrennie,2014-03-09,Female,C2,2022-05-03,2026-09-01,K2\n"
    )
    result = import_caseload(caseload, write(tmp_path, "m.csv", moved), ACTOR, today=TODAY)
    assert (result.added, result.updated) == (0, 1)
    with caseload.session() as s:
        wren = s.scalars(select(Child).where(Child.child_ref == "A1")).one()
        placements = list(s.scalars(select(Placement).where(Placement.child_id == wren.id)))
    assert (wren.last_name, wren.preferred_name) == ("Elmstead-Oak", "Wrennie")
    assert sorted((p.place_code, p.end_date is None) for p in placements) == [
        ("K2", True),
        ("U6", False),
    ]


def test_a_bad_file_lists_every_problem_and_writes_nothing(
    caseload: Caseload, tmp_path: Path
) -> None:
    bad = f"""{CASELOAD_HEADER}
B1,Ava,Ashbury,,2014-02-30,Female,C2,2022-05-03,2022-05-03,U6
B2,,Brackwell,,2012-01-01,Male,C2,2022-05-03,2022-05-03,U6
B3,Ezra,Dunmere,,2012-01-01,Male,XX,2022-05-03,2022-05-03,U6
B4,Fern,Gorsley,,2012-01-01,Female,C2,2031-05-03,2022-05-03,U6
B5,Gabe,Halloway,,2012-01-01,Male,C2,2022-05-03,2022-05-03,Q9
B1,Ava,Ashbury,,2014-02-03,Female,C2,2022-05-03,2022-05-03,U6
B7,Isaac,Juniper,,2019-01-01,Male,C2,2018-05-03,2022-05-03,U6
B8,Jada,Kestrelby,,not a date,Female,C2,2022-05-03,2022-05-03,U6
"""
    before = table_counts(caseload)
    with pytest.raises(ImportFailed) as failed:
        import_caseload(caseload, write(tmp_path, "bad.csv", bad), ACTOR, today=TODAY)
    found = {(p.row, p.column) for p in failed.value.result.problems}
    assert found >= {
        (2, "date_of_birth"),  # 30 February
        (3, "first_name"),  # empty
        (4, "legal_status"),  # unknown code
        (5, "became_looked_after"),  # in the future
        (6, "placement_type"),  # unknown code
        (7, "child_ref"),  # repeats row 2
        (8, "became_looked_after"),  # before the date of birth
        (9, "date_of_birth"),  # not a date
    }
    messages = " ".join(p.message for p in failed.value.result.problems)
    assert "not a real date" in messages and "repeats row 2" in messages
    assert table_counts(caseload) == before


def test_a_missing_column_is_reported_against_the_header(
    caseload: Caseload, tmp_path: Path
) -> None:
    text = "child_ref,first_name,last_name\nA1,Wren,Elmstead\n"
    with pytest.raises(ImportFailed) as failed:
        import_caseload(caseload, write(tmp_path, "h.csv", text), ACTOR, today=TODAY)
    columns = {p.column for p in failed.value.result.problems if p.row == 1}
    assert {"date_of_birth", "legal_status", "placement_type"} <= columns
    assert table_counts(caseload)["children"] == 0


def test_reviews_import_checks_child_dates_and_the_age_rule(
    caseload: Caseload, tmp_path: Path
) -> None:
    import_caseload(caseload, write(tmp_path, "c.csv", GOOD_CASELOAD), ACTOR, today=TODAY)
    bad = """child_ref,review_date,participation_code
A1,2022-05-30,PN1
ZZ9,2023-01-01,PN1
A1,2027-01-01,PN1
A3,2025-06-20,PN1
A1,2022-11-20,PN8
A1,2022-05-30,PN1
"""
    before = table_counts(caseload)
    with pytest.raises(ImportFailed) as failed:
        import_reviews(caseload, write(tmp_path, "r.csv", bad), ACTOR, today=TODAY)
    found = {(p.row, p.column) for p in failed.value.result.problems}
    assert found >= {
        (3, "child_ref"),
        (4, "review_date"),
        (5, "participation_code"),
        (6, "participation_code"),
        (7, "review_date"),
    }
    assert table_counts(caseload) == before

    good = "child_ref,review_date,participation_code\nA1,2022-11-20,PN6\nA1,2022-05-30,PN1\n"
    result = import_reviews(caseload, write(tmp_path, "g.csv", good), ACTOR, today=TODAY)
    assert result.added == 2
    with caseload.session() as s:
        kinds = [r.kind for r in s.scalars(select(Review).order_by(Review.held_date))]
    assert kinds == ["first", "second"]


def test_cli_import_exits_non_zero_and_lists_problems(
    caseload: Caseload,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = caseload.folder
    caseload.close()
    monkeypatch.setenv("IRO_DESKTOP_PASSPHRASE", PASSPHRASE)
    bad = write(
        tmp_path, "bad.csv", f"{CASELOAD_HEADER}\nB1,,X,,2014-02-30,F,C2,2022-05-03,2022-05-03,U6\n"
    )
    assert main(["--data-dir", str(folder), "import", "caseload", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "nothing was imported" in err
    assert "row 2, date_of_birth: is not a real date" in err
    assert "row 2, first_name: is required" in err
    good = write(tmp_path, "good.csv", GOOD_CASELOAD)
    assert main(["--data-dir", str(folder), "import", "caseload", str(good)]) == 0
    assert "3 added" in capsys.readouterr().out
    assert (
        main(["--data-dir", str(folder), "due", "--today", "2026-11-24", "--format", "json"]) == 0
    )
    rows = json.loads(capsys.readouterr().out)
    assert [sorted(r) for r in rows] == [
        ["child_ref", "kind", "name", "next_review_due", "overdue"]
    ] * 3
