"""Right-to-left and Ethiopic letters: shaped, in reading order, right font, text round trip."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from iro_desktop.documents import api, bidi_runs
from iro_desktop.documents.content import Contact, DecisionLine, LetterContent
from iro_desktop.documents.wording import load
from tests.documents.conftest import assert_fonts_embedded, pdf_text, plain

IRO = Contact("Jo Hartley", "iro", phone="01632 960123", email="jo@demo-borough.example")

SAMPLES = {
    # Arabic, with lam-alef ligatures (الاجتماع) and a comma that mirrors.
    "ar": ("سارة", "لقد استقررت جيداً مع العائلة، وأخبرتني أنك تشعر بالأمان في الاجتماع."),
    # Pashto letters with no presentation forms in Unicode (ګ ښ ځ ټ ډ ړ ږ ڼ ې ۍ).
    "ps": ("احمد", "ته په ښوونځي کې ښه ځې او ګډ لوبې کوې، ټول درته ډاډه دي."),
    # Dari, with a zero-width non-joiner inside a word (می‌خواهم).
    "prs": ("مریم", "می‌خواهم به مکتب بروم و با دوستانم بازی کنم."),
    "ti": ("ዮናስ", "ምስ ስድራ ጽቡቕ ተላማሚድካ ኣለኻ። ኣብ ገዛ ውሑስ ከም ዝስምዓካ ነጊርካኒ።"),
}


def words(text: str) -> str:
    """Words in order, without punctuation or joiners.

    Poppler rebuilds right-to-left lines from glyph positions and puts a neutral mark (a
    comma, the spaces around a number) on the wrong side of its space; the glyphs are in the
    right place on the page. Comparing words keeps the test about reading order.
    """
    kept = []
    for token in plain(text).split(" "):
        token = "".join(ch for ch in token if not unicodedata.category(ch).startswith("P"))
        if token:
            kept.append(token)
    return " ".join(kept)


def letter(language: str) -> LetterContent:
    name, sentence = SAMPLES[language]
    return LetterContent(
        child_ref="S1", name=name, age_band="13_plus", review_date=date(2025, 3, 3),
        participation_code="PN1", working_well=sentence, child_words=sentence,
        decisions=(DecisionLine("Social worker", sentence.split("،")[0].split("።")[0],
                                date(2025, 4, 1)),),
        next_review_due=date(2025, 9, 2), iro=IRO, language=language,
    )  # fmt: skip


@pytest.mark.parametrize("language", ["ar", "ps", "prs"])
def test_right_to_left_round_trip(language: str, tmp_path: Path) -> None:
    data = api.render_letter(letter(language))
    text = plain(pdf_text(data, tmp_path))
    name, sentence = SAMPLES[language]
    wording = load(language)
    # Words, letters and vowel marks come back in reading order.
    assert words(sentence) in words(text)
    assert words(wording.text("greeting", "13_plus", name=name)) in words(text)
    assert words(wording.text("heading_worried", "13_plus")) not in words(text)  # no section
    assert words(wording.text("heading_working_well", "13_plus")) in words(text)
    # The phone number stays left to right inside the right-to-left line.
    assert "01632 960123" in text
    fonts = assert_fonts_embedded(data, tmp_path)
    assert any("NotoNaskhArabic" in row["name"] for row in fonts)


def test_dari_keeps_its_zero_width_non_joiner(tmp_path: Path) -> None:
    text = pdf_text(api.render_letter(letter("prs")), tmp_path)
    assert "می\u200cخواهم" in text


def test_ethiopic_round_trip(tmp_path: Path) -> None:
    data = api.render_letter(letter("ti"))
    text = plain(pdf_text(data, tmp_path))
    name, sentence = SAMPLES["ti"]
    assert sentence in text
    assert load("ti").text("greeting", name=name) in text
    fonts = assert_fonts_embedded(data, tmp_path)
    assert any("NotoSansEthiopic" in row["name"] for row in fonts)


def test_untranslated_wording_is_marked_on_the_iros_copy_only(tmp_path: Path) -> None:
    iros = plain(pdf_text(api.render_letter(replace(letter("ar"), copy="iro")), tmp_path))
    assert "awaiting a check by a qualified translator" in iros
    childs = plain(pdf_text(api.render_letter(letter("ar")), tmp_path))
    assert "qualified translator" not in childs
    english = plain(pdf_text(api.render_letter(replace(letter("ar"), language="en")), tmp_path))
    assert "qualified translator" not in english


def test_arabic_glyphs_are_shaped_not_isolated(tmp_path: Path) -> None:
    """Joined Arabic uses contextual glyphs: the PDF must not hold the isolated forms only."""
    from iro_desktop.documents import shaping
    from iro_desktop.documents.fonts import chain, font

    line = shaping.shape("سلام", chain("NotoNaskhArabic"), True)
    naskh = font("NotoNaskhArabic")
    gids = [naskh.face.charToGlyph[ord(ch)] for c in line.segments[0].chunks for ch in c.codes]
    nominal = [naskh.face.charToGlyph[ord(ch)] for ch in "سلام"]
    assert gids != nominal[::-1], "HarfBuzz should have picked joining forms"


def test_bidi_runs_put_numbers_and_english_in_place() -> None:
    text = "الهاتف: " + bidi_runs.ltr("01632 960123") + " Sam"
    runs = bidi_runs.visual_runs(text, True)
    drawn = [text[r.start : r.end].strip("\u202a\u202c ") for r in runs]
    assert drawn[-1].startswith("الهاتف")  # the label is rightmost: read first
    assert drawn[0].startswith("01632 960123")  # the number reads left to right, whole
    assert bidi_runs.base_is_rtl("مرحبا Sam") and not bidi_runs.base_is_rtl("Sam مرحبا")


def test_fonts_load_without_searching_the_system(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """reportlab parses every .afm file on the machine when asked for a font it does not
    know: over half a second on a desktop with the Ghostscript fonts."""
    from reportlab.pdfbase import pdfmetrics

    from iro_desktop.documents import fonts

    def no_search(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("searched the system for font metrics")

    monkeypatch.setattr(pdfmetrics, "bruteForceSearchForAFM", no_search)
    monkeypatch.setattr(pdfmetrics, "_fonts", {
        k: v for k, v in pdfmetrics._fonts.items() if k not in fonts.FACES})  # fmt: skip
    monkeypatch.setattr(fonts, "_registered", {})
    for name in fonts.FACES:
        assert fonts.font(name).fontName == name


NEW_LANGUAGES = {
    # code: (font family expected in the PDF, the child's name, a sentence in the language)
    "fa": ("NotoNaskhArabic", "نگار", "می‌خواهم با خواهرم بیشتر وقت بگذرانم."),
    "ckb": ("NotoNaskhArabic", "ئاڵان", "دەمەوێت زیاتر خوشکەکەم ببینم."),
    "am": ("NotoSansEthiopic", "ሳራ", "እህቴን ብዙ ጊዜ ማየት እፈልጋለሁ።"),
    "sq": ("Andika", "Arbër", "Dua ta shoh motrën time më shpesh."),
    "vi": ("Andika", "Minh", "Em muốn gặp chị gái thường xuyên hơn."),
    "uk": ("Andika", "Олеся", "Я хочу частіше бачити свою сестру. Ґанок, їжак, є."),
}


@pytest.mark.parametrize("code", sorted(NEW_LANGUAGES))
def test_the_six_new_languages_print_in_their_own_font(code: str, tmp_path: Path) -> None:
    family, name, sentence = NEW_LANGUAGES[code]
    wording = load(code)
    assert wording.needs_translator_check  # drafted, awaiting a qualified translator
    assert wording.font == family and wording.rtl == (family == "NotoNaskhArabic")
    c = replace(
        letter("ar"),
        language=code,
        name=name,
        working_well=sentence,
        child_words=sentence,
        copy="iro",
    )
    data = api.render_letter(c)
    text = plain(pdf_text(data, tmp_path))
    assert wording.text("greeting", name=name).rstrip("،,፣") in text
    assert wording.text("heading_unhappy") in text
    assert "0800 1111" in text
    assert "awaiting a qualified translator's check" in text  # the IRO's copy is marked
    fonts = [row["name"] for row in assert_fonts_embedded(data, tmp_path)]
    assert any(family in f for f in fonts), fonts
    from iro_desktop.documents.text_block import TextBlock, TextStyle

    for key, value in wording.texts.items():  # every fixed text has its glyphs bundled
        if isinstance(value, str):
            style = TextStyle(main_font=wording.font)
            assert TextBlock(value, style).missing_characters() == "", (code, key)
    childs = plain(pdf_text(api.render_letter(replace(c, copy="child")), tmp_path))
    assert "translator" not in childs
