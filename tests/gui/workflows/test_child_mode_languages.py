"""Child mode speaks every letter language: each has a wording file with everything English
has and every question of the three children's question sets, marked for a translator's
check until one has checked it, and right to left where the letters are."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from PySide6.QtGui import QFont, QTextLayout
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from iro_desktop.documents import wording
from iro_desktop.domain.forms import parse_form
from iro_desktop.gui.context import Context
from iro_desktop.gui.style import lacks_letters
from iro_desktop.gui.workflows.child_mode_words import Words, letter_font
from iro_desktop.resources import forms_dir, resources_dir
from tests.gui.workflows.test_child_mode_answers import open_mode, plan, speaks

LETTER_LANGUAGES = sorted(wording.available())
OTHERS = [code for code in LETTER_LANGUAGES if code != "en"]
CHILD_FORMS = ("child_4_7", "child_8_12", "child_13_plus")
PLACEHOLDER = re.compile(r"\{\w+\}")


def raw(code: str) -> dict[str, Any]:
    path = resources_dir() / "child_mode" / f"{code}.json"
    assert path.is_file(), f"no child-mode wording for the letter language {code}"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_the_letters_have_more_languages_than_english_and_arabic() -> None:
    assert {"en", "ar", "am", "ckb", "fa", "prs", "ps", "sq", "ti", "uk", "vi"} <= set(
        LETTER_LANGUAGES
    )


@pytest.mark.parametrize("code", OTHERS)
def test_every_letter_language_has_every_key_english_has(code: str) -> None:
    english, own = raw("en"), raw(code)
    assert own["format"] == 1 and own["language"] == code
    for part in ("ui", "faces", "postcard"):
        for key, text in english[part].items():
            said = own[part].get(key)
            assert isinstance(said, str) and said.strip(), f"{code}: {part}.{key} missing"
            assert PLACEHOLDER.findall(said) == PLACEHOLDER.findall(text), f"{code}: {part}.{key}"
            if key != "leave":  # the IRO's own link stays in English, as in Arabic
                assert said != text, f"{code}: {part}.{key} is still English"
    pictures = json.loads((resources_dir() / "pictures" / "pictures.json").read_text())
    assert set(own["pictures"]) == set(pictures["pictures"]), code
    words = Words(code)
    assert not words.missing and words.code == code
    for form_id in CHILD_FORMS:
        form = parse_form(json.loads((forms_dir() / f"{form_id}.json").read_text()))
        mine = own["forms"][form_id]
        assert "{name}" in mine["greeting"] and mine["intro"].strip()
        for question in form.questions:
            shown = words.question(form_id, question)
            assert shown.text != question.text, f"{code}: {form_id}.{question.id} is English"
            assert (shown.hint is None) == (question.hint is None), f"{code}: {question.id}"
            if question.hint:
                assert shown.hint != question.hint, f"{code}: {form_id}.{question.id} hint"
            for choice in question.choices:
                assert words.choice(form_id, question.id, choice) != choice, (code, choice)


ETHIOPIC = re.compile("[\u1200-\u139f]")
SENTENCE_END = re.compile(r"[.።](?:\s|$)")


@pytest.mark.parametrize("code", OTHERS)
def test_the_child_is_told_as_much_about_private_answers_in_every_language(code: str) -> None:
    """What the child is told before starting (who sees their answers, that a private one
    is kept for a new IRO too, when the IRO must tell someone) is said sentence for
    sentence in every language: a sentence added in English and not in Arabic fails here."""
    english, own = raw("en")["ui"], raw(code)["ui"]
    sentences = len(SENTENCE_END.findall(english["privacy"]))
    assert len(SENTENCE_END.findall(own["privacy"])) == sentences, code
    assert own["just_for_iro_tip"].count("(") == english["just_for_iro_tip"].count("("), code


@pytest.mark.parametrize("code", OTHERS)
def test_each_new_wording_is_marked_for_a_translators_check(code: str) -> None:
    own = raw(code)
    assert own["needs_translator_check"] is True
    assert "NOT yet checked by a qualified translator" in own["note"]
    assert Words(code).unchecked


def test_right_to_left_languages_are_flagged_as_the_letters_are() -> None:
    rtl = {code for code in LETTER_LANGUAGES if Words(code).rtl}
    assert rtl == {code for code in LETTER_LANGUAGES if wording.load(code).rtl}
    assert rtl == {"ar", "ckb", "fa", "prs", "ps"}
    for code in rtl:  # "Back" points right and "Next" left when reading right to left
        words = Words(code)
        assert words("back").startswith("▶") and words("next").endswith("◀"), code


def drawn_in(label: QLabel) -> set[str]:
    """The font families Qt draws ``label``'s words in, character by character."""
    layout = QTextLayout(label.text(), label.font())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return {run.rawFont().familyName().casefold() for run in layout.glyphRuns()}


def test_amharic_and_tigrinya_show_in_the_bundled_ethiopic_font_in_child_mode_only(
    qtbot: QtBot, ctx: Context
) -> None:
    """A laptop with no Ethiopic font of its own would show boxes: child mode adds the
    letters' bundled Noto Sans Ethiopic and has Qt try it for characters the usual font
    lacks (seen in a screenshot: Tigrinya questions as letters, not boxes). Only in that
    window: a substitution for the whole program once drew every later screen's words in
    it, taller, so an English child's page no longer fitted a 1366x768 laptop."""
    assert not lacks_letters(Words("uk")("privacy"))  # Cyrillic: the usual font has it
    assert letter_font("am") == letter_font("ti") == "NotoSansEthiopic"
    usual = QFont(QApplication.font())
    plan(ctx, on=9)
    speaks(ctx, "am")
    amharic = open_mode(qtbot, ctx)
    amharic.next()
    shown = [label for label in amharic.findChildren(QLabel) if ETHIOPIC.search(label.text())]
    assert len(shown) >= 5  # the greeting, the privacy words, the first question ...
    for label in shown:
        assert "noto sans ethiopic" in drawn_in(label), label.text()
    assert QApplication.font() == usual and not QFont.substitutes(usual.family())
    speaks(ctx, "en")
    english = open_mode(qtbot, ctx)
    english.next()
    for label in english.findChildren(QLabel):
        assert "noto sans ethiopic" not in drawn_in(label), label.text()
