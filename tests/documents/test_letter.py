"""The child's letter, rendered for real and read back with poppler."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from iro_desktop.documents import api
from iro_desktop.documents.content import Contact, DecisionLine, LetterContent, age_band
from iro_desktop.documents.errors import DocumentError
from iro_desktop.documents.letter import LAYOUTS
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.schema import Child, Review
from tests.documents.conftest import assert_fonts_embedded, page_count, pdf_text, plain

IRO = Contact("Jo Hartley", "iro", phone="01632 960123", mobile="07700 900123",
              email="jo.hartley@demo-borough.example")  # fmt: skip


def content(**changes: object) -> LetterContent:
    base = LetterContent(
        child_ref="T1", name="Sam", age_band="8_12", review_date=date(2025, 3, 3),
        participation_code="PN1",
        working_well="You have settled well and you feel safe at home.",
        worried_about="Your dental check is late.",
        needs_to_happen="Everyone will do what they said.",
        child_words="Can I see my sister more?",
        decisions=(DecisionLine("Social worker", "Arrange a dental check", date(2025, 4, 1)),
                   DecisionLine("IRO", "Offer an advocate", None)),
        next_review_due=date(2025, 9, 2), iro=IRO,
        social_worker=Contact("Lee Ashbury", "social_worker", phone="01632 960456"),
    )  # fmt: skip
    return replace(base, **changes)  # type: ignore[arg-type]


def test_every_demo_child_with_a_review_gets_a_letter(demo: Caseload, tmp_path: Path) -> None:
    with demo.session() as s:
        kids = list(s.scalars(select(Child).order_by(Child.child_ref)))
        held = select(Review).where(Review.held_date.is_not(None))
        reviewed = {r.child_id for r in s.scalars(held)}
    assert len(kids) == 65
    made = 0
    for child in kids:
        if child.id not in reviewed:
            with pytest.raises(DocumentError, match="no held review"):
                api.letter_pdf(demo, child.child_ref)
            continue
        data = api.letter_pdf(demo, child.child_ref)
        text = plain(pdf_text(data, tmp_path))
        name = child.preferred_name or child.first_name
        if child.language_code in (None, "en"):
            assert f"Dear {name}," in text
            assert "Jo Hartley" in text and "01632 960123" in text
            assert "Childline" in text
        else:  # in the language chosen on the child's profile (Pashto, Tigrinya)
            own = sum(ch.isalpha() and not ch.isascii() for ch in text)
            assert name in text and "Dear" not in text and own > 200, child.language_code
        assert 1 <= page_count(data, tmp_path) <= 4
        assert_fonts_embedded(data, tmp_path)
        made += 1
    assert made >= 60


def test_letter_says_who_will_do_what_by_when(tmp_path: Path) -> None:
    text = plain(pdf_text(api.render_letter(content()), tmp_path))
    assert "Your social worker, Lee, will arrange a dental check, by 1 April 2025." in text
    assert "I will offer an advocate." in text
    assert "Can I see my sister more?" in text
    assert "What is going well" in text and "What we are worried about" in text
    assert "Your next review will be by 2 September 2025." in text


@pytest.mark.parametrize(
    ("band", "phrase"),
    [("under_8", "jobs the grown-ups will do"), ("8_12", "Here is who will do what"),
     ("13_plus", "Who will do what, and by when")],
)  # fmt: skip
def test_each_age_band_has_its_own_wording(band: str, phrase: str, tmp_path: Path) -> None:
    text = plain(pdf_text(api.render_letter(content(age_band=band)), tmp_path))
    assert phrase in text


def test_type_sizes_meet_the_minimums() -> None:
    assert LAYOUTS["under_8"].body >= 14
    assert all(layout.body >= 12 for layout in LAYOUTS.values())
    assert LAYOUTS["under_8"].body > LAYOUTS["8_12"].body > LAYOUTS["13_plus"].body


def test_age_band_boundaries() -> None:
    born = date(2015, 6, 1)
    assert age_band(born, date(2023, 5, 31)) == "under_8"
    assert age_band(born, date(2023, 6, 1)) == "8_12"
    assert age_band(born, date(2028, 5, 31)) == "8_12"
    assert age_band(born, date(2028, 6, 1)) == "13_plus"


def test_intro_follows_participation(tmp_path: Path) -> None:
    missed = plain(pdf_text(api.render_letter(content(participation_code="PN7")), tmp_path))
    assert "We missed you at your review on 3 March 2025." in missed
    sent = plain(pdf_text(api.render_letter(content(participation_code="PN6")), tmp_path))
    assert "Thank you for telling us what you think" in sent


def test_nothing_is_swapped_silently_and_child_words_are_kept(tmp_path: Path) -> None:
    c = content(worried_about="The LA has not updated your PEP.",
                child_words="My PEP is rubbish.")  # fmt: skip
    text = plain(pdf_text(api.render_letter(c), tmp_path))
    assert "The LA has not updated your PEP." in text  # the check stops it, not a swap
    assert "My PEP is rubbish." in text


def test_dyslexia_font_is_embedded(tmp_path: Path) -> None:
    data = api.render_letter(content(), dyslexia_font=True)
    names = [row["name"] for row in assert_fonts_embedded(data, tmp_path)]
    assert any("OpenDyslexic" in n for n in names)
    assert "Dear Sam," in plain(pdf_text(data, tmp_path))


def test_photo_and_picture_are_included(tmp_path: Path) -> None:
    from io import BytesIO

    from PIL import Image

    def png(colour: tuple[int, int, int]) -> bytes:
        buf = BytesIO()
        Image.new("RGB", (60, 40), colour).save(buf, "PNG")
        return buf.getvalue()

    c = content(picture=png((200, 120, 40)), iro=replace(IRO, photo=png((40, 90, 200))))
    data = api.render_letter(c)
    assert data.count(b"/Subtype /Image") >= 2
    assert "Your picture" in plain(pdf_text(data, tmp_path))


def test_unreadable_picture_is_no_answer(tmp_path: Path) -> None:
    data = api.render_letter(content(picture=b"not an image"))
    assert "Your picture" not in plain(pdf_text(data, tmp_path))


def test_emoji_and_rtl_in_the_iros_text(awkward: Caseload, tmp_path: Path) -> None:
    data = api.letter_pdf(awkward, "AW002")
    text = plain(pdf_text(data, tmp_path))
    assert "Dear Lulu," in text
    assert "أحمد" in text and "ሰላም" in text
    assert "😀" not in text
    assert "You smiled a lot and told me" in text  # the emoji leave no double space
    assert_fonts_embedded(data, tmp_path)
    check = api.check_content(api.letter_content(awkward.sessions(), "AW002"))
    assert "😀" in check.unprintable


def test_huge_text_flows_onto_more_pages(awkward: Caseload, tmp_path: Path) -> None:
    data = api.letter_pdf(awkward, "AW003")
    assert page_count(data, tmp_path) > 10
    text = plain(pdf_text(data, tmp_path))
    assert "THE-END-MARKER" in text
    assert "will task number 39 for the team, by" in text
    assert_fonts_embedded(data, tmp_path)


def test_clear_errors(awkward: Caseload) -> None:
    with pytest.raises(DocumentError, match="no child with reference 'ZZ9'"):
        api.letter_pdf(awkward, "ZZ9")
    with pytest.raises(DocumentError, match="no held review"):
        api.letter_pdf(awkward, "AW001")
    with pytest.raises(DocumentError, match="no review held on 1 January 2020"):
        api.letter_pdf(awkward, "AW002", review_date=date(2020, 1, 1))
    from iro_desktop.domain.errors import ValidationError

    with pytest.raises(ValidationError, match="no wording for 'xx'"):
        api.letter_pdf(awkward, "AW002", language="xx")
