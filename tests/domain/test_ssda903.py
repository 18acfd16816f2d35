"""The 903 rules that need no store: code lists per year, periods of care, the return."""

from __future__ import annotations

from datetime import date

import pytest

from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.ssda903 import codes as c
from iro_desktop.domain.ssda903.care import build_care, in_county
from iro_desktop.domain.ssda903.returns import ChildReviews, reviews_for_return
from iro_desktop.domain.ssda903.rows import EpisodeRow, RowChecker, identify, postcode_district

Y2526 = c.CollectionYear(2025)


def test_collection_years_read_and_hold_their_dates() -> None:
    year = c.collection_year("2025/26")
    assert (year.start, year.end, str(year)) == (date(2025, 4, 1), date(2026, 3, 31), "2025/26")
    assert c.year_of(date(2026, 3, 31)) == year and c.year_of(date(2026, 4, 1)).first == 2026
    for bad in ("2025/27", "2025-26", "25/26", "2019/20"):
        with pytest.raises(ValidationError):
            c.collection_year(bad)


def test_placement_codes_follow_the_year() -> None:
    assert "Z1" in c.codes_for(c.CollectionYear(2023)).place
    assert "K3" not in c.codes_for(c.CollectionYear(2023)).place
    assert "K3" in c.codes_for(c.CollectionYear(2024)).place
    y2025 = c.codes_for(Y2526).place
    assert {"Z11", "Z12", "Z13", "Z14", "K3"} <= y2025
    assert not {"Z1", "H5", "P2"} & y2025


def test_sex_is_written_in_the_years_coding() -> None:
    assert c.sex_for_year("1", Y2526) == "M" and c.sex_for_year("F", c.CollectionYear(2023)) == "2"
    assert c.sex_for_year("U", c.CollectionYear(2023)) == "U"  # no number for unknown


def test_identify_needs_the_exact_column_names() -> None:
    assert identify(["CHILD", "DOB", "REVIEW", "REVIEW_CODE"]) == "Reviews"
    assert identify(["CHILD", "DOB", "REVIEW_CODE", "REVIEW"]) == "Reviews"
    assert identify(["child", "dob", "review", "review_code"]) is None
    assert identify(["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"]) == "OC3"


def test_pn0_follows_the_validators_age_rules() -> None:
    checker = RowChecker(Y2526)
    row = {"_row": "2", "CHILD": "1", "DOB": "10/05/2022", "REVIEW": "09/05/2026"}
    assert checker.review("r.csv", {**row, "REVIEW": "09/05/2025", "REVIEW_CODE": "PN0"})
    assert checker.review("r.csv", {**row, "REVIEW": "09/05/2025", "REVIEW_CODE": "PN1"}) is None
    assert "must be PN0" in checker.problems[-1].message


def ep(decom: str, rne: str, ls: str, place: str, dec: str = "", rec: str = "",
       why: str = "", post: str = "") -> EpisodeRow:  # fmt: skip
    def d(text: str) -> date:
        day, month, year = (int(x) for x in text.split("/"))
        return date(year, month, day)

    return EpisodeRow(0, "1", d(decom), rne, ls, "N1", place, "PR1", d(dec) if dec else None,
                      rec, why, post)  # fmt: skip


def test_a_temporary_move_and_back_are_placement_changes_with_reasons() -> None:
    care = build_care(
        [ep("01/05/2025", "S", "C2", "U4", "01/06/2025", "X1", "CHILD"),
         ep("01/06/2025", "T", "C2", "T1", "08/06/2025", "X1"),
         ep("08/06/2025", "T", "C2", "U4")],
        Y2526,
    )  # fmt: skip
    assert [s.place for s in care.placements] == ["U4", "T1", "U4"]
    assert care.placements[0].end_reason == "The child asked for the placement to end"
    assert len(care.periods) == 1 and care.became_looked_after == date(2025, 5, 1)


def test_short_breaks_stop_when_no_break_falls_in_the_year() -> None:
    breaks = [ep("01/05/2024", "S", "V3", "U6", "03/05/2024", "E8"),
              ep("01/09/2024", "S", "V3", "U6", "03/09/2024", "E8")]  # fmt: skip
    old = build_care(breaks, Y2526)
    assert old.short_breaks and old.ceased == date(2024, 9, 3)
    going = build_care(breaks, c.CollectionYear(2024))
    assert going.ceased is None and going.became_looked_after == date(2024, 5, 1)
    assert [(s.code, s.end) for s in going.legal_statuses] == [("V3", None)]


def test_in_or_out_of_county_by_district_or_area() -> None:
    assert postcode_district("gu21 4xx") == "GU21" and postcode_district("KT12AB") == "KT1"
    assert in_county("GU21 4XX", ["GU21"]) is True
    assert in_county("GU22 1AA", ["GU"]) is True
    assert in_county("G22 1AA", ["GU"]) is False
    assert in_county("", ["GU"]) is None and in_county("GU1 1AA", []) is None


def reviews(held: list[tuple[date, str]], **kw: object) -> tuple[list[object], list[str]]:
    child = ChildReviews(
        "C1", held, kw.get("periods", [(date(2024, 1, 1), None)]),  # type: ignore[arg-type]
        bool(kw.get("short", False)), bool(kw.get("in_return", True)),
        lambda day: date(2025, 9, 1),
    )  # fmt: skip
    rows, issues = reviews_for_return(child, Y2526)
    return list(rows), [str(i) for i in issues]


def test_the_return_writes_a_repeated_review_once_and_says_so() -> None:
    rows, issues = reviews([(date(2025, 6, 1), "PN1"), (date(2025, 6, 1), "PN6")])
    assert rows == [(date(2025, 6, 1), "PN1")]
    assert issues == ["C1: review of 1 June 2025 recorded twice (codes PN1 and PN6; PN1 kept); "
                      "written once"]  # fmt: skip


def test_the_return_lists_late_reviews_and_leaves_out_those_outside_care() -> None:
    periods = [(date(2024, 1, 1), date(2025, 5, 1)), (date(2025, 8, 1), None)]
    rows, issues = reviews(
        [(date(2025, 6, 1), "PN1"), (date(2025, 10, 1), "PN1"), (date(2024, 12, 1), "PN1")],
        periods=periods,
    )
    assert rows == [(date(2025, 10, 1), "PN1")]  # the 2024 review is outside the year
    assert issues == [
        "C1: review of 1 June 2025 left out: the child was not looked after that day",
        "C1: review of 1 October 2025 was held late: it was due by 1 September 2025 (30 days)",
    ]


def test_short_breaks_only_and_children_without_episodes_have_no_reviews() -> None:
    assert reviews([(date(2025, 6, 1), "PN1")], short=True)[0] == []
    assert reviews([(date(2025, 6, 1), "PN1")], in_return=False)[0] == []
