"""The letter as a child keeps it, read back from real PDFs: numbers whole and in order in
every language, pages that never hold a lone panel, heading or half a sentence, decisions
written to the child, and wording that follows their age and how they took part."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from iro_desktop.documents import api
from iro_desktop.documents.content import ChildSaid, Contact, DecisionLine, KeptWord
from iro_desktop.documents.wording import available, load
from tests.documents.conftest import page_count, pdf_text, plain
from tests.documents.test_letter import content

PHONES = ("01632 960926", "0800 1111", "07700 900123")


def page_texts(data: bytes, tmp: Path) -> list[str]:
    path = tmp / "pages.pdf"
    path.write_bytes(data)
    pages = []
    for n in range(1, page_count(data, tmp) + 1):
        args = ["pdftotext", "-enc", "UTF-8", "-f", str(n), "-l", str(n), str(path), "-"]
        out = subprocess.run(args, check=True, capture_output=True, text=True)
        pages.append(out.stdout)
    return pages


def lines_of(text: str) -> list[str]:
    """Extracted lines without bidi marks, blank lines and the page footer."""
    out = []
    for line in text.splitlines():
        clean = "".join(ch for ch in line if unicodedata.category(ch) != "Cf").strip()
        if clean and "Demo Borough Council" not in clean:
            out.append(re.sub(r"\s+", " ", clean))
    return out


def words_drawn(data: bytes, tmp: Path) -> list[tuple[float, float, str]]:
    """(x, y, word) of every word as drawn on the page, from ``pdftotext -bbox``."""
    path = tmp / "bbox.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout  # fmt: skip
    found = re.findall(r'<page |xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', out)
    page, words = 0, []
    for x, y, word in found:
        if not x:
            page += 1
            continue
        words.append((float(x), float(y) + 10_000 * page, word))
    return words


def long_letter(band: str, **changes: object):  # type: ignore[no-untyped-def]
    """A full letter: several paragraphs, six decisions, two things said and answered."""
    words = (
        "You have settled well with your carers and you told me you feel safe. Your "
        "school says your reading has come on well this term, and you like football. "
    )
    return content(
        age_band=band,
        working_well=words * 3,
        worried_about="We are worried that you missed time with your mum when the taxi did "
        "not come. You can ring 01632 960926 to talk about it, or Childline on 0800 1111. " * 2,
        decisions=tuple(
            DecisionLine("Social worker", f"Sort out job number {n} for you", date(2025, 4, n))
            for n in range(1, 7)
        ),
        said=(
            ChildSaid(
                "Can I see my sister more?",
                "review",
                "We will ask her carers about a visit every month.",
            ),
            ChildSaid("I want to stay here.", "visit", "Everyone agreed you will stay."),
        ),
        **changes,
    )


@pytest.fixture(scope="module")
def letters() -> dict[tuple[str, bool], bytes]:
    return {(band, dys): api.render_letter(long_letter(band), dyslexia_font=dys)
            for band in ("under_8", "8_12", "13_plus") for dys in (False, True)}  # fmt: skip


@pytest.mark.parametrize("language", available())
def test_numbers_are_whole_and_in_order_in_every_language(language: str, tmp_path: Path) -> None:
    said = "Ring 01632 960926 or 0800 1111, any time. " * 6  # lands on every place in a line
    c = content(language=language, working_well=said, worried_about=said.replace("Ring", "Or"),
                iro=Contact("Jo Hartley", "iro", phone="07700 900123"))  # fmt: skip
    text = pdf_text(api.render_letter(c), tmp_path)
    lines = lines_of(text)
    for phone in PHONES:
        assert any(phone in line for line in lines), (language, phone)
    for line in lines:  # never split: no line ends or starts with half a number
        for phone in PHONES:
            head, tail = phone.split(" ")
            assert not re.search(rf"(?<!\d){head}$", line), (language, line)
            assert not re.search(rf"^{tail}(?!\d)", line), (language, line)
    assert "1111 0800" not in plain(text)  # the right-to-left bug: numbers reversed
    for left, right in (("0800", "1111"), ("01632", "960926")):  # as drawn, not as extracted
        drawn = words_drawn(api.render_letter(c), tmp_path)
        for x, y, word in drawn:
            if word.strip(".,،") != left:
                continue
            partners = [bx for bx, by, b in drawn if b.strip(".,،") == right and abs(by - y) < 1]
            nearest = min(partners, key=lambda bx: abs(bx - x))
            assert nearest > x, (language, left, right)  # the second group on the right
    review_day = load(language).date(date(2025, 3, 3)).split()
    assert any(all(part in line for part in review_day) for line in lines), review_day


@pytest.mark.parametrize("band", ["under_8", "8_12", "13_plus"])
@pytest.mark.parametrize("dyslexia", [False, True])
def test_no_page_holds_a_lone_panel_heading_or_half_a_sentence(
    letters: dict[tuple[str, bool], bytes], band: str, dyslexia: bool, tmp_path: Path
) -> None:
    data = letters[(band, dyslexia)]
    pages = [lines_of(p) for p in page_texts(data, tmp_path)]
    assert len(pages) >= 2
    wording = load("en")
    headings = {wording.text(k, band) for k in ("heading_working_well", "heading_worried",
                "heading_next", "heading_told_us_we_will", "heading_contact")}  # fmt: skip
    sign_off = wording.text("sign_off", band)
    for n, lines in enumerate(pages, 1):
        assert len(lines) >= 4, f"page {n} holds almost nothing: {lines}"
        assert lines[-1] not in headings | {sign_off}, f"page {n} ends on {lines[-1]!r}"
        if n < len(pages):
            assert re.search(r"[.!?:,]$", lines[-1]), f"page {n} ends mid-sentence: {lines[-1]!r}"
    last = pages[-1]
    assert last[:2] == [sign_off, "Jo Hartley"] or sign_off in last  # "From" with the name
    assert "Jo Hartley" in last and wording.text("heading_contact", band) in last
    unhappy = wording.text("heading_unhappy", band)
    [home] = [lines for lines in pages if unhappy in lines]  # never the panel alone
    assert home.index(unhappy) > 0 or sign_off in home, "'If you are unhappy' alone on a page"


def test_the_page_number_and_footer_stay_on_one_line(
    letters: dict[tuple[str, bool], bytes], tmp_path: Path
) -> None:
    for data in letters.values():
        for n, page in enumerate(page_texts(data, tmp_path), 1):
            footer = [line for line in page.splitlines() if "Demo Borough Council" in line]
            assert footer and footer[0].rstrip().endswith(f"Page {n}"), footer


def test_decisions_are_written_to_the_child_and_duplicates_merged(tmp_path: Path) -> None:
    from iro_desktop.documents.content import merge_duplicates

    twice = DecisionLine("Social worker", "Share the pre-meeting report with the young person",
                         date(2025, 4, 1))  # fmt: skip
    lines = merge_duplicates([twice, twice, DecisionLine("IRO", "Check the PEP is done", None,
                                                          sentence="I will check your school "
                                                          "plan is done.")])  # fmt: skip
    text = plain(pdf_text(api.render_letter(content(decisions=lines)), tmp_path))
    assert text.count("Your social worker, Lee, will share") == 1
    assert ("Your social worker, Lee, will share the report your social worker writes before "
            "your meeting with you, by 1 April 2025.") in text  # fmt: skip
    assert "I will check your school plan is done." in text  # the IRO's own sentence
    assert "young person" not in text.lower()
    for band in ("under_8", "8_12", "13_plus"):
        own = plain(pdf_text(api.render_letter(long_letter(band)), tmp_path)).lower()
        assert "young person" not in own
    # In a translated letter the decision's English words are put into plain words too.
    for language in ("ar", "ti", "uk"):
        translated = api.render_letter(content(decisions=[twice], language=language))
        assert "young person" not in plain(pdf_text(translated, tmp_path)).lower(), language


def test_kept_words_print_in_their_box_and_the_answers_follow_what_was_said(
    tmp_path: Path,
) -> None:
    c = content(worried_about="Your care order stays.",
                kept=(KeptWord("care order", "the judge's decision that the council looks "
                                             "after you"),))  # fmt: skip
    assert api.check_content(c).unresolved == []
    full = long_letter("8_12", kept=c.kept)
    full = type(full)(**{**full.__dict__, "worried_about": c.worried_about})
    text = plain(pdf_text(api.render_letter(full), tmp_path))
    assert "Words we used" in text
    assert "care order: the judge's decision that the council looks after you" in text
    assert "You told us, we will" in text
    said = text.index("Can I see my sister more?")
    assert text.index("We will ask her carers about a visit every month.") > said


def test_wording_follows_age_and_participation(tmp_path: Path) -> None:
    baby = content(age_band="under_8", participation_code="PN0")
    little = plain(pdf_text(api.render_letter(baby), tmp_path))
    assert "What you told us" not in little and "What we saw and heard" in little
    advocate = plain(pdf_text(api.render_letter(content(participation_code="PN2")), tmp_path))
    assert "An advocate spoke for you at your review" in advocate
    assert "If you would like one" not in advocate
    offered = plain(pdf_text(api.render_letter(content(participation_code="PN1")), tmp_path))
    assert "If you would like one" in offered


def test_the_score_is_of_the_printed_text(tmp_path: Path) -> None:
    """The editor's score reads the decisions as they print, not the fragments typed."""
    packed = content(age_band="under_8", working_well="The IRO, SW, TM and PA met.",
                     worried_about="The PEP and SDQ are late.")  # fmt: skip
    check = api.check_content(packed)
    assert check.reading.score is not None and not check.reading.meets_target
    printed = plain(pdf_text(api.render_letter(packed), tmp_path))
    for sentence in check.reading.hardest:
        assert sentence.text in printed
    decided = content(decisions=(DecisionLine("Social worker", "x", date(2025, 4, 1),
                                              sentence="Lee will ring you."),))  # fmt: skip
    from iro_desktop.documents.letter import printed_parts

    assert "Lee will ring you." in [p.text for p in printed_parts(decided) if p.source == "iro"]
