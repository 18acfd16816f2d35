"""The statutory record, the IRO's card and sheet, and the blank consultation forms."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from iro_desktop.documents import api, forms
from iro_desktop.documents.errors import DocumentError
from iro_desktop.documents.wording import available, load
from iro_desktop.resources import fonts_dir, letters_dir
from iro_desktop.store.caseload import Caseload
from tests.documents.conftest import assert_fonts_embedded, page_count, pdf_text, plain


def test_statutory_record(demo: Caseload, tmp_path: Path) -> None:
    data = api.record_pdf(demo, "DB10402")
    text = plain(pdf_text(data, tmp_path))
    for needed in ("Statutory review of a looked-after child: record", "DB10402", "Participation",
                   "The IRO's view of the care plan", "Decisions", "Next review", "Due by",
                   "Distribution", "(the child's letter)", "Attendees"):  # fmt: skip
        assert needed in text, needed
    assert any(code in text for code in ("PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"))
    assert_fonts_embedded(data, tmp_path)


def test_the_record_is_for_professionals(demo: Caseload, tmp_path: Path) -> None:
    from iro_desktop.documents.record_content import load_record_content

    with demo.session() as session:
        content = load_record_content(session, "DB10402", None)
    data = api.record_pdf(demo, "DB10402")
    text = plain(pdf_text(data, tmp_path))
    for needed in ("Decisions of the last review", "Health", "Education", "Family time",
                   "Permanence", "Reasons:", "Challenges raised since the last review",
                   "Completion and sign-off", "Record completed", "Signed",
                   "Independent Reviewing Officer", "Jo Hartley (IRO, chair)"):  # fmt: skip
        assert needed in text, needed
    for attendee in content.attendees:  # by name and role, never a bare role
        assert "(" in attendee and attendee in text
    assert not re.search(r"\b[Yy]our?\b", " ".join(t for _, t in content.sections[:3]))
    pages = page_count(data, tmp_path)
    for n in range(1, pages + 1):
        path = tmp_path / "r.pdf"
        path.write_bytes(data)
        page = subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert page.count("OFFICIAL-SENSITIVE") >= 2, n  # top and foot of every page


def test_third_person() -> None:
    from iro_desktop.documents.record_content import third_person

    assert (third_person("You are settled and your school says you like maths.", "Sam")
            == "Sam is settled and their school says they like maths.")  # fmt: skip
    assert third_person("Your carers told me about you.", "Sam") == (
        "Sam's carers told me about them."
    )


def test_record_for_every_reviewed_demo_child(demo: Caseload, tmp_path: Path) -> None:
    made = 0
    for n in range(65):
        try:
            data = api.record_pdf(demo, f"DB{10400 + n}")
        except DocumentError:
            continue
        assert page_count(data, tmp_path) >= 1
        made += 1
    assert made >= 60


def test_record_errors(awkward: Caseload) -> None:
    with pytest.raises(DocumentError, match="no held review"):
        api.record_pdf(awkward, "AW001")


@pytest.mark.parametrize("language", ["en", "ar", "ti"])
def test_card_and_introductory_sheet(demo: Caseload, language: str, tmp_path: Path) -> None:
    data = api.card_pdf(demo, language=language)
    text = plain(pdf_text(data, tmp_path))
    wording = load(language)
    assert "Jo Hartley" in text and "01632 960123" in text
    if language == "en":
        for heading in ("Who I am", "How to reach me", "Getting an advocate",
                        "The Children in Care Council", "If you are unhappy"):  # fmt: skip
            assert heading in text
    assert text.count(wording.card_text("card_line").rstrip(".").split(" ")[-1]) >= 6
    assert page_count(data, tmp_path) >= 4  # a sheet for each age band, then the cards
    assert "0808 157 0101" in text and "01632 960100" in text  # advocacy and the CiCC
    assert_fonts_embedded(data, tmp_path)


def test_each_age_band_has_its_own_sheet_and_the_card_is_for_a_six_year_old(
    demo: Caseload, tmp_path: Path
) -> None:
    little = plain(pdf_text(api.card_pdf(demo, band="under_8"), tmp_path))
    older = plain(pdf_text(api.card_pdf(demo, band="13_plus"), tmp_path))
    assert "Hello! I am Jo Hartley" in little and "Hello!" not in older
    assert "A helper just for you" in little and "Getting an advocate" in older
    for text in (little, older):
        assert "ring Demo Borough Advocacy Service" in text and "0808 157 0101" in text
        assert "01632 960100" in text  # the Children in Care Council
    data = api.card_pdf(demo, band="under_8")
    cards = plain(pdf_text(data, tmp_path).split("\f")[-2])  # the last page: the cards
    assert cards.count("The person who checks your plan is right for you") == 6
    assert cards.count("Childline: 0800 1111") == 6
    assert "Your IRO" not in cards
    path = tmp_path / "bbox.pdf"
    path.write_bytes(data)
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page_count(data, tmp_path)), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    sizes = [
        float(b) - float(a)
        for a, b, w in re.findall(r'yMin="([\d.]+)"[^>]*yMax="([\d.]+)">([^<]*)</word>', out)
        if w == "Hartley"
    ]
    assert sizes and min(sizes) >= 18  # 18 pt: large type a six-year-old can read


def test_blank_forms_for_every_age_band_and_respondent(tmp_path: Path) -> None:
    specs = forms.load_forms()
    ids = {f.id for f in specs}
    assert {"child_4_7", "child_8_12", "child_13_plus", "parent", "foster_carer",
            "residential_staff", "adopter", "social_worker"} <= ids  # fmt: skip
    data = forms.render_forms(specs)
    text = plain(pdf_text(data, tmp_path))
    for spec in specs:
        assert spec.title in text
        assert spec.questions[-1].text in text
    assert page_count(data, tmp_path) >= len(specs)
    assert_fonts_embedded(data, tmp_path)
    singles = api.forms_pdf(["child_4_7"])
    assert list(singles) == ["child_4_7"]
    assert "Great" in plain(pdf_text(singles["child_4_7"], tmp_path))
    for screen in ("Tap", "tap ", "Click", "click", "swipe", "on the screen"):
        assert screen not in text, screen  # paper words on paper
    assert "Colour in a face" in plain(pdf_text(singles["child_4_7"], tmp_path))


def test_forms_carry_the_childs_name_page_numbers_and_how_to_return_them(
    demo: Caseload, tmp_path: Path
) -> None:
    details = api.forms_details(demo, "DB10402")
    data = api.all_forms_pdf(**details)
    pages = pdf_text(data, tmp_path).split("\f")[:-1]
    assert len(pages) == page_count(data, tmp_path) > 8
    for n, page in enumerate(pages, 1):
        assert f"Name: {details['child_name']}" in page, n
        assert f"Page {n}" in page, n
    text = plain(pdf_text(data, tmp_path))
    assert text.count("How to send this back") == len(forms.load_forms())
    assert "Town Hall, Demo Borough DB1 1AA" in text
    blank = plain(pdf_text(api.all_forms_pdf(), tmp_path))
    assert "Name: ____" in blank


def test_every_language_has_all_the_wording() -> None:
    english = load("en")
    assert set(available()) >= {"en", "ar", "ps", "prs", "ti"}
    assert load("fa-AF").code == "prs"
    for code in available():
        w = load(code)
        assert set(english.texts) <= set(w.texts), code
        assert set(english.card) <= set(w.card), code
        assert len(w.months) == 12
        assert w.needs_translator_check == (code != "en")
        for key, value in english.texts.items():
            if isinstance(value, str) and key in w.texts and isinstance(w.texts[key], str):
                wanted = {p for p in ("{name}", "{date}", "{who}", "{what}", "{n}") if p in value}
                assert all(p in w.texts[key] for p in wanted), (code, key)
    assert load("ar").rtl and load("ps").rtl and load("prs").rtl
    assert not load("ti").rtl and load("ti").font == "NotoSansEthiopic"


def test_letter_files_are_valid_json_with_a_translator_flag() -> None:
    for path in letters_dir().glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert "needs_translator_check" in data["meta"], path.name


def test_each_bundled_font_has_its_licence_and_truetype_outlines() -> None:
    from iro_desktop.documents.fonts import FACES

    for face in FACES.values():
        folder = fonts_dir() / face.folder
        assert (folder / face.file).read_bytes()[:4] == b"\x00\x01\x00\x00", face.file
        assert list(folder.glob("OFL.txt")) or list(folder.glob("LICENSE.txt")), face.folder
