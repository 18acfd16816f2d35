"""The round trip: the central store imports the 903 extract and allocates it, two IROs hold
reviews on their laptops and sync, and the central store exports the return."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from iro_desktop.central.__main__ import main as central_main
from iro_desktop.domain.ssda903.codes import SEX_NUMBER_TO_LETTER
from iro_desktop.store.ops import reviews as review_ops
from iro_desktop.store.ops.core import operation
from iro_desktop.store.schema import Allocation, Child, Placement
from tests.ssda903.files import EPISODE_ROWS, EPISODES, HEADER, HEADER_ROWS, write_extract
from tests.sync.harness import Central, Laptop


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def as_rows(columns: str, lines: list[str]) -> list[dict[str, str]]:
    return list(csv.DictReader([columns, *lines]))


def hold(laptop: Laptop, ref: str, day: date, code: str) -> None:
    with operation(laptop.caseload, laptop.actor) as op:
        kid = op.session.scalars(select(Child).where(Child.child_ref == ref)).one()
        review_ops.record_held_review(
            op, kid, held_date=day, participation_code=code, today=date.today()
        )


def test_import_hold_reviews_on_two_laptops_sync_and_export(
    central: Central, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--database", central.db_url]
    a_email, b_email = central.iro("IRO A"), central.iro("IRO B")
    allocations = tmp_path / "allocations.csv"
    allocations.write_text(
        f"CHILD,iro_email\n900001,{a_email}\n900002,{a_email}\n900003,{b_email}\n900004,{b_email}\n"
    )
    extract = write_extract(tmp_path / "extract")
    districts = ["admin", *db, "setting", "authority_postcode_districts", '["KT1", "KT2"]']
    assert central_main(districts) == 0
    args = ["admin", *db, "import", "903", str(extract), "--allocations", str(allocations)]
    assert central_main(args) == 0
    assert "children added: 4" in capsys.readouterr().out
    with central.store.reading() as s:
        allocated = {a.child_id: a.start_date for a in s.scalars(select(Allocation))}
        assert len(allocated) == 4 and set(allocated.values()) == {date.today()}

    a = Laptop.make(tmp_path, "a", a_email)
    b = Laptop.make(tmp_path, "b", b_email)
    a.connect(central.url, central.token(a_email))
    b.connect(central.url, central.token(b_email))
    a.sync(), b.sync()
    with a.caseload.session() as s:
        assert set(s.scalars(select(Child.child_ref))) == {"900001", "900002"}
        away = dict(s.execute(select(Placement.area, Placement.out_of_county)).all())
    assert away == {"KT1": False, "ZZ9": True, "KT2": False}
    hold(a, "900001", date(2026, 1, 8), "PN1")
    hold(a, "900002", date(2025, 7, 1), "PN6")
    hold(b, "900003", date(2026, 2, 2), "PN2")
    hold(b, "900004", date(2025, 7, 1), "PN1")  # short breaks only: not in the return
    for laptop in (a, b, a, b):
        laptop.sync()

    out = tmp_path / "return"
    capsys.readouterr()
    assert central_main(["export", *db, "903", "--year", "2025/26", "--out", str(out)]) == 0
    printed = capsys.readouterr()
    assert "900004: 1 review(s) left out: children on short breaks only" in printed.err

    header = [
        {**row, "SEX": SEX_NUMBER_TO_LETTER.get(row["SEX"], row["SEX"])}
        for row in as_rows(HEADER, HEADER_ROWS)
    ]
    assert read(out / "Header.csv") == header
    in_year = [row for row in as_rows(EPISODES, EPISODE_ROWS) if _in_2025_26(row)]
    assert read(out / "Episodes.csv") == in_year
    reviews = [(r["CHILD"], r["REVIEW"], r["REVIEW_CODE"]) for r in read(out / "Reviews.csv")]
    assert reviews == [
        ("900001", "10/07/2025", "PN1"),  # from the extract
        ("900001", "08/01/2026", "PN1"),  # laptop A
        ("900002", "01/07/2025", "PN6"),  # laptop A
        ("900003", "05/11/2025", "PN6"),  # from the extract
        ("900003", "02/02/2026", "PN2"),  # laptop B
    ]
    assert {r["DOB"] for r in read(out / "Reviews.csv") if r["CHILD"] == "900001"} == {"14/03/2012"}


def _in_2025_26(row: dict[str, str]) -> bool:
    def day(text: str) -> date:
        d, m, y = (int(x) for x in text.split("/"))
        return date(y, m, d)

    return day(row["DECOM"]) <= date(2026, 3, 31) and (
        not row["DEC"] or day(row["DEC"]) >= date(2025, 4, 1)
    )
