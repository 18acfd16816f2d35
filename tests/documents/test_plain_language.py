"""The jargon checker and the reading-ease score: pure functions, no PDF."""

from __future__ import annotations

import pytest

from iro_desktop.documents import api
from iro_desktop.documents.plain_language import find_jargon, replace_jargon
from iro_desktop.documents.reading_ease import TARGETS, reading_ease, score, syllables


def test_jargon_found_with_spans_and_suggestions() -> None:
    text = "The LA will update your PEP and refer you to CAMHS about contact."
    flags = find_jargon(text)
    found = [text[f.start : f.end] for f in flags]
    assert found == ["LA", "PEP", "refer", "CAMHS", "contact"]
    assert all(f.suggestion for f in flags)
    assert flags[0].suggestion == "the council"


@pytest.mark.parametrize(
    "text",
    ["Laura went to La La Land.", "We had a lovely day at the seaside.", "We met at school."],
)
def test_no_false_alarms(text: str) -> None:
    assert find_jargon(text) == []


def test_longest_term_wins_and_case_rules() -> None:
    flags = find_jargon("Your statutory review and the care plan. Section 20, s20, L.A.C., LACs.")
    assert [f.term for f in flags] == ["statutory review", "care plan", "S20", "S20", "LAC", "LAC"]
    assert find_jargon("the la and pep") == []  # acronyms only in capitals


def test_replacement_reads_as_english() -> None:
    swapped = replace_jargon("The LA will update your PEP.")
    assert swapped == "The council will update your school plan."
    assert replace_jargon("LA staff came.") == "The council staff came."
    assert replace_jargon("We talked about contact.") == "We talked about contact."  # flag only


def test_syllables() -> None:
    cases = {"cat": 1, "table": 2, "happy": 2, "beautiful": 3, "make": 1, "played": 1,
             "wanted": 2, "school": 1, "everyone": 3, "houses": 2, "social": 2}  # fmt: skip
    assert {w: syllables(w) for w in cases} == cases


def test_reading_ease_orders_text_sensibly() -> None:
    easy, *_ = score("You are safe. You like your home. We will see you soon.")
    hard, *_ = score(
        "The statutory review considered the appropriateness of the accommodation arrangements "
        "and determined that comprehensive multidisciplinary assessment was necessary."
    )
    assert easy is not None and hard is not None
    assert easy > 90 > 30 > hard
    assert TARGETS["under_8"] > TARGETS["8_12"] > TARGETS["13_plus"]
    young = reading_ease("You are safe. You like your home.", "under_8")
    assert young.meets_target and "meets the target" in young.describe()
    assert reading_ease("", "8_12").score is None
    assert reading_ease("مرحبا", "8_12", "ar").score is None


def test_check_letter_for_the_editor() -> None:
    check = api.check_letter(
        {
            "working_well": "You are doing well 😀.",
            "worried_about": "The LA is late with your PEP.",
        },
        "8_12",
    )
    assert check.jargon_count == 2
    assert [f.found for f in check.jargon["worried_about"]] == ["LA", "PEP"]
    assert check.unprintable == "😀"
    assert check.reading.score is not None
