"""Question sets as data: parsing, cleaning answers, and the age bands."""

from __future__ import annotations

from typing import Any

import pytest

from iro_desktop.domain import codes
from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.forms import FACE_KEYS, clean_answers, parse_form

GOOD: dict[str, Any] = {
    "format": 1, "id": "x", "title": "T", "audience": "child",
    "questions": [
        {"id": "a", "text": "How?", "kind": "faces"},
        {"id": "b", "text": "Where?", "kind": "choice", "choices": ["Here", "There"]},
        {"id": "c", "text": "Say"},
    ],
}  # fmt: skip


def test_a_good_form_parses() -> None:
    form = parse_form(GOOD)
    assert form.for_child and [q.kind for q in form.questions] == ["faces", "choice", "text"]
    assert form.respondent_types == ("x",)


@pytest.mark.parametrize(
    "change",
    [
        {"format": 2},
        {"audience": "robots"},
        {"questions": []},
        {"questions": [{"id": "a", "text": "?", "kind": "slider"}]},
        {"questions": [{"id": "a", "text": "?", "kind": "choice", "choices": ["one"]}]},
        {"questions": [{"id": "a", "text": "?"}, {"id": "a", "text": "!"}]},
        {"title": ""},
    ],
)
def test_a_broken_form_is_refused(change: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        parse_form({**GOOD, **change})


def test_answers_may_be_skipped_but_must_fit_the_question() -> None:
    form = parse_form(GOOD)
    assert clean_answers(form, {"a": "great", "b": "", "c": " שלום 🙂 "}) == {
        "a": "great", "c": "שלום 🙂"
    }  # fmt: skip
    assert clean_answers(form, {}) == {}
    assert set(FACE_KEYS) == {"great", "good", "okay", "not_good", "bad"}
    for bad in ({"a": "brilliant"}, {"b": "Nowhere"}, {"z": "?"}, {"c": "x" * 5001}):
        with pytest.raises(ValidationError):
            clean_answers(form, bad)


@pytest.mark.parametrize(("age", "band"), [(4, "child_4_7"), (7, "child_4_7"), (8, "child_8_12"),
                                           (12, "child_8_12"), (13, "child_13_plus")])  # fmt: skip
def test_age_bands(age: int, band: str) -> None:
    assert codes.child_band(age) == band
    assert band in codes.CHILD_RESPONDENT_TYPES


def test_no_band_under_four() -> None:
    with pytest.raises(ValidationError):
        codes.child_band(3)


def test_older_codes_still_work() -> None:
    for table, key in ((codes.VISIT_METHODS, "in_person"), (codes.RESPONDENT_TYPES, "carer"),
                       (codes.CONSULTATION_STATUSES, "returned")):  # fmt: skip
        assert key in table
