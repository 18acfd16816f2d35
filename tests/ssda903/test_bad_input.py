"""Bad 903 input: every problem listed with file, row and column; nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from iro_desktop.domain.ssda903.codes import CollectionYear
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.ops.core import Actor
from iro_desktop.store.schema import AuditEntry, Child, Placement
from iro_desktop.store.schema.ssda903 import Ssda903Episode
from iro_desktop.store.ssda903.importer import Import903Failed, import_903
from tests.conftest import TODAY
from tests.ssda903.files import EPISODE_ROWS, EPISODES, HEADER_ROWS, write_extract

ACTOR = Actor(email="iro@demo-borough.example", device="test")


def failure(caseload: Caseload, folder: Path, year: int = 2025) -> list[str]:
    with pytest.raises(Import903Failed) as failed:
        import_903(caseload, folder, ACTOR, today=TODAY, year=CollectionYear(year))
    with caseload.session() as s:
        for model in (Child, Placement, AuditEntry, Ssda903Episode):
            assert s.scalar(select(func.count()).select_from(model)) == 0
    return [str(p) for p in failed.value.report.problems]


BAD_EPISODES = {
    "bad date": ("900001,2024-06-01,S,C1,N1,U6,PR1,,,,,,", "DECOM: '2024-06-01' is not a date"),
    "bad RNE": ("900001,01/06/2024,Q,C1,N1,U6,PR1,,,,,,", "RNE: 'Q' is not a valid code"),
    "bad LS": ("900001,01/06/2024,S,C9,N1,U6,PR1,,,,,,", "LS: 'C9' is not a valid code"),
    "bad CIN": ("900001,01/06/2024,S,C1,N9,U6,PR1,,,,,,", "CIN: 'N9' is not a valid code"),
    "place of another year": (
        "900001,01/06/2024,S,C1,N1,Z1,,,,,,,",
        "PLACE: 'Z1' is not a valid code in 2025/26",
    ),
    "DEC without REC": ("900001,01/06/2024,S,C1,N1,U6,PR1,01/07/2024,,,,,", "REC: DEC and REC go"),
    "DEC before DECOM": ("900001,01/06/2024,S,C1,N1,U6,PR1,01/05/2024,E13,,,,", "DEC: is before"),
    "after the year": (
        "900001,01/06/2026,S,C1,N1,U6,PR1,,,,,,",
        "DECOM: is after the end of the collection year",
    ),
    "bad reason": ("900001,01/06/2024,S,C1,N1,U6,PR1,,,WHIM,,,", "REASON_PLACE_CHANGE: 'WHIM'"),
    "bad postcode": ("900001,01/06/2024,S,C1,N1,U6,PR1,,,,,NOT A POSTCODE,", "PL_POST:"),
    "provider on a temporary placement": (
        "900001,01/06/2024,S,C1,N1,T1,PR1,,,,,,",
        "PLACE_PROVIDER: must be blank",
    ),
    "child not in Header": ("999999,01/06/2024,S,C1,N1,U6,PR1,,,,,,", "999999 is not in Header"),
}


@pytest.mark.parametrize("case", sorted(BAD_EPISODES))
def test_each_kind_of_bad_episode_is_named(caseload: Caseload, tmp_path: Path, case: str) -> None:
    row, expected = BAD_EPISODES[case]
    folder = write_extract(tmp_path / "x", episodes=[*EPISODE_ROWS, row])
    problems = failure(caseload, folder)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"episodes.csv, row {len(EPISODE_ROWS) + 2}, ")
    assert expected in problems[0]


def test_every_problem_in_every_file_is_listed_at_once(caseload: Caseload, tmp_path: Path) -> None:
    header = [*HEADER_ROWS, "900009,X,31/02/2010,ZZZZ,123,,", "900001,M,14/03/2012,WBRI,,,"]
    episodes = [
        *EPISODE_ROWS,
        "900002,01/03/2025,P,V2,N4,U4,PR1,,,,,,",  # overlaps the episode before
    ]
    reviews = ["900001,14/03/2012,10/07/2025,PN0", "900002,02/07/2015,10/06/2025,PN9"]
    folder = write_extract(tmp_path / "x", header=header, episodes=episodes, reviews=reviews)
    problems = failure(caseload, folder)
    expected = [
        "header.csv, row 6, SEX: 'X' is not a valid code",
        "header.csv, row 6, DOB: is not a real date",
        "header.csv, row 6, ETHNIC: 'ZZZZ' is not a valid code",
        "header.csv, row 6, UPN: '123' is not a UPN",
        "header.csv, row 7, CHILD: repeats row 2",
        "episodes.csv, row 10, DECOM: is before the previous episode ended",
        "reviews.csv, row 2, REVIEW_CODE: cannot be PN0",
        "reviews.csv, row 3, REVIEW_CODE: 'PN9' is not a valid code",
    ]
    for line in expected:
        assert any(p.startswith(line) for p in problems), (line, problems)


def test_a_file_matching_no_903_table_is_named(caseload: Caseload, tmp_path: Path) -> None:
    folder = write_extract(tmp_path / "x")
    (folder / "episodes.csv").write_text(
        EPISODES.replace("DECOM", "START") + "\n" + EPISODE_ROWS[0] + "\n", encoding="utf-8"
    )
    (folder / "notes.csv").write_text("what,when\nlunch,noon\n", encoding="utf-8")
    problems = failure(caseload, folder)
    assert any(
        p.startswith("episodes.csv, row 1: the header matches no SSDA903 table; it looks like "
                     "Episodes but is missing DECOM and unexpected START")
        for p in problems
    ), problems  # fmt: skip
    assert any(
        p.startswith("notes.csv, row 1: the header matches no SSDA903 table") for p in problems
    )
    assert any(p.startswith("Episodes table: no file in the folder holds it") for p in problems)


def test_sex_is_accepted_in_either_coding(caseload: Caseload, tmp_path: Path) -> None:
    """1/2 up to 2023/24 and M/F/U from 2024/25: an extract may carry either."""
    folder = write_extract(tmp_path / "x")
    report = import_903(caseload, folder, ACTOR, today=TODAY, year=CollectionYear(2025))
    assert len(report.added) == 4
    with caseload.session() as s:
        genders = dict(s.execute(select(Child.child_ref, Child.gender)).all())
    assert genders == {"900001": "Male", "900002": "Female", "900003": "Male", "900004": "Female"}
