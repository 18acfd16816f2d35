"""What the GUI and the command line call: caseload in, PDF bytes (or checks) out.

No Qt here. The GUI runs these in its worker and hands the bytes to its preview and print
dialog; ``check_letter`` is cheap enough to run as the IRO types.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from iro_desktop.documents import card, forms, letter, record
from iro_desktop.documents.content import LetterContent, load_letter_content
from iro_desktop.documents.plain_language import Flag, find_jargon
from iro_desktop.documents.reading_ease import ReadingEase, reading_ease
from iro_desktop.documents.text_block import TextBlock, TextStyle
from iro_desktop.documents.wording import load as load_wording
from iro_desktop.store.caseload import Caseload

LETTER_SECTIONS = ("working_well", "worried_about", "needs_to_happen")


def letter_pdf(
    caseload: Caseload,
    child_ref: str,
    *,
    review_date: date | None = None,
    language: str | None = None,
    dyslexia_font: bool = False,
    picture: bytes | None = None,
) -> bytes:
    """The child's letter for a review (the latest held one unless a date is given)."""
    with caseload.session() as session:
        content = letter_content(session, child_ref, review_date=review_date,
                                 language=language, picture=picture)  # fmt: skip
    return letter.render_letter(content, dyslexia_font=dyslexia_font)


def letter_content(session: Session, child_ref: str, **options: object) -> LetterContent:
    content = load_letter_content(session, child_ref, **options)  # type: ignore[arg-type]
    load_wording(content.language)  # an unknown language fails here, before any drawing
    return content


def render_letter(content: LetterContent, *, dyslexia_font: bool = False) -> bytes:
    """For the editor's preview: render what is on screen, saved or not."""
    return letter.render_letter(content, dyslexia_font=dyslexia_font)


def record_pdf(caseload: Caseload, child_ref: str, *, review_date: date | None = None) -> bytes:
    with caseload.session() as session:
        content = record.load_record_content(session, child_ref, review_date)
    return record.render_record(content)


def card_pdf(caseload: Caseload, *, language: str = "en", iro_email: str | None = None) -> bytes:
    with caseload.session() as session:
        iro, authority = card.load_iro(session, iro_email)
    return card.render_card(iro, authority, language)


def forms_pdf(form_ids: Iterable[str] | None = None) -> dict[str, bytes]:
    """Blank forms by id; all of them unless ``form_ids`` names some."""
    wanted = set(form_ids) if form_ids is not None else None
    return {f.id: forms.render_forms([f]) for f in forms.load_forms()
            if wanted is None or f.id in wanted}  # fmt: skip


def all_forms_pdf() -> bytes:
    return forms.render_forms(forms.load_forms())


@dataclass(frozen=True)
class LetterCheck:
    """What the editor shows beside the letter: jargon per section, and reading ease."""

    jargon: dict[str, list[Flag]]
    reading: ReadingEase
    unprintable: str  # characters no bundled font has (emoji, say)

    @property
    def jargon_count(self) -> int:
        return sum(len(flags) for flags in self.jargon.values())


def check_letter(sections: dict[str, str], age_band: str, language: str = "en") -> LetterCheck:
    """Check the IRO's text of a letter. ``sections`` maps a section name to its text."""
    jargon = {name: find_jargon(text) for name, text in sections.items() if text}
    everything = "\n\n".join(text for text in sections.values() if text)
    missing = TextBlock(everything, TextStyle()).missing_characters()
    return LetterCheck(jargon, reading_ease(everything, age_band, language), missing)


def check_content(content: LetterContent) -> LetterCheck:
    sections = {name: getattr(content, name) for name in LETTER_SECTIONS}
    sections.update({f"decision {n}": d.what for n, d in enumerate(content.decisions, 1)})
    return check_letter(sections, content.age_band, content.language)
