import re

import pytest

from iro_desktop.domain import codes
from iro_desktop.domain.codes import check_code
from iro_desktop.domain.errors import ValidationError

LEGAL = "C1 C2 D1 E1 J1 J2 J3 L1 L2 L3 V2 V3 V4"
PLACES = (
    "A3 A4 A5 A6 H5 K1 K2 K3 P1 P2 P3 R1 R2 R3 R5 S1 S2 T0 T1 T2 T3 T4 U1 U2 U3 U4 U5 U6 Z1 "
    "Z11 Z12 Z13 Z14"
)


def test_ssda903_code_lists_are_complete() -> None:
    assert sorted(codes.LEGAL_STATUSES) == LEGAL.split(" ")
    assert sorted(codes.PLACEMENT_TYPES) == sorted(PLACES.split(" "))
    assert set(codes.CATEGORIES_OF_NEED) == {f"N{i}" for i in range(1, 9)}
    assert set(codes.PARTICIPATION_CODES) == {f"PN{i}" for i in range(8)}
    short_breaks = codes.SHORT_BREAK_STATUSES
    assert short_breaks == frozenset({"V3", "V4"})
    assert short_breaks <= set(codes.LEGAL_STATUSES)


def test_every_903_year_s_placement_codes_can_be_recorded() -> None:
    from iro_desktop.domain.ssda903.codes import CollectionYear, codes_for

    for first in (2022, 2023, 2024, 2025, 2026):
        assert codes_for(CollectionYear(first)).place <= set(codes.PLACEMENT_TYPES)


def test_every_placement_type_has_a_friendly_group() -> None:
    assert set(codes.PLACEMENT_GROUPS) == set(codes.PLACEMENT_TYPES)
    assert set(codes.PLACEMENT_GROUPS.values()) == {
        "foster care",
        "family and friends",
        "residential",
        "placed for adoption",
        "placed with parents",
        "independent or supported living",
        "secure",
        "other",
    }
    assert codes.PLACEMENT_GROUPS["U4"] == "foster care"
    assert codes.PLACEMENT_GROUPS["U1"] == "family and friends"
    assert codes.PLACEMENT_GROUPS["A5"] == "placed for adoption"
    assert codes.PLACEMENT_GROUPS["P1"] == "placed with parents"
    assert codes.PLACEMENT_GROUPS["K1"] == "secure"


@pytest.mark.parametrize(
    "table",
    [
        codes.PEOPLE_ROLES,
        codes.VISIT_METHODS,
        codes.RESPONDENT_TYPES,
        codes.CONSULTATION_STATUSES,
        codes.DECISION_STATUSES,
        codes.MIDWAY_STATUSES,
        codes.CHALLENGE_CATEGORIES,
        codes.FEEDBACK_RATINGS,
    ],
)
def test_own_lists_use_lower_snake_keys_and_labels(table: dict[str, str]) -> None:
    for key, label in table.items():
        assert re.fullmatch(r"[a-z][a-z0-9_]*", key), key
        assert label.strip()


def test_status_lists_match_the_agreed_codes() -> None:
    assert list(codes.DECISION_STATUSES) == [
        "open", "done", "in_progress", "not_started", "drifting", "cancelled",
    ]  # fmt: skip
    assert list(codes.MIDWAY_STATUSES) == ["done", "in_progress", "not_started", "drifting"]
    assert list(codes.FEEDBACK_RATINGS) == ["excellent", "good", "okay", "poor"]


def test_challenge_categories_include_north_yorkshire_reasons() -> None:
    labels = set(codes.CHALLENGE_CATEGORIES.values())
    assert {
        "decisions of the review not acted on",
        "pre-meeting report not available",
        "assessment and progress records out of date",
        "life story work not progressed",
        "other",
    } <= labels


def test_check_code_normalises_case_and_space() -> None:
    assert check_code(codes.PARTICIPATION_CODES, " pn3 ", "participation_code") == "PN3"
    assert check_code(codes.DECISION_STATUSES, "Drifting", "status") == "drifting"
    assert check_code(codes.LEGAL_STATUSES, "c2", "legal_status") == "C2"


def test_check_code_names_field_and_valid_codes() -> None:
    with pytest.raises(ValidationError) as caught:
        check_code(codes.CATEGORIES_OF_NEED, "N9", "category_of_need")
    assert caught.value.field == "category_of_need"
    assert "'N9' is not a valid code" in caught.value.problem
    assert "N1, N2, N3, N4, N5, N6, N7, N8" in caught.value.problem
    with pytest.raises(ValidationError, match="is required"):
        check_code(codes.CATEGORIES_OF_NEED, "  ", "category_of_need")
