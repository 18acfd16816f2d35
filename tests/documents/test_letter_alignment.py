"""An Arabic (right-to-left) letter's English words from the IRO start at the left, as
English is read; Arabic words in it still start at the right."""

from __future__ import annotations

from pathlib import Path

from iro_desktop.documents import api
from tests.documents.test_letter import content
from tests.documents.test_letter_pages import words_drawn

ENGLISH = "Tuesdays football carries on."


def first_word_x(language: str, tmp: Path) -> float:
    data = api.render_letter(content(language=language, working_well=ENGLISH))
    return min(x for x, _y, word in words_drawn(data, tmp) if word == "Tuesdays")


def test_the_iros_english_words_in_an_arabic_letter_are_not_right_aligned(tmp_path: Path) -> None:
    english_letter = first_word_x("en", tmp_path)
    arabic_letter = first_word_x("ar", tmp_path)
    assert abs(arabic_letter - english_letter) < 40  # at the left margin, not the right
