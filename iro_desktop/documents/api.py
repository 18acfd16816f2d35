"""What the GUI and the command line call: caseload in, PDF bytes (or checks) out.

No Qt here. The GUI runs these in its worker and hands the bytes to its preview and print
dialog; ``check_letter`` is cheap enough to run as the IRO types.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy.orm import Session

from iro_desktop.documents import card, forms, letter, record
from iro_desktop.documents.content import ChildSaid, LetterContent, load_letter_content
from iro_desktop.documents.plain_language import Flag, find_jargon
from iro_desktop.documents.reading_ease import ReadingEase, reading_ease
from iro_desktop.documents.text_block import TextBlock, TextStyle
from iro_desktop.documents.wording import load as load_wording
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.ops.core import Actor


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


def record_printed_anyway(caseload: Caseload, actor: Actor, content: LetterContent,
                          problems: list[str]) -> None:  # fmt: skip
    """Note in the audit that this letter was printed with its flags unresolved."""
    from iro_desktop.documents.content import find_child, find_review
    from iro_desktop.store.ops import letters as letter_ops
    from iro_desktop.store.ops.core import operation

    with operation(caseload, actor) as op:
        child = find_child(op.session, content.child_ref)
        review = find_review(op.session, child, content.review_date)
        letter_ops.record_printed_anyway(op, review, problems)


def letter_content(session: Session, child_ref: str, **options: object) -> LetterContent:
    content = load_letter_content(session, child_ref, **options)  # type: ignore[arg-type]
    load_wording(content.language)  # an unknown language fails here, before any drawing
    return content


def render_letter(content: LetterContent, *, dyslexia_font: bool = False) -> bytes:
    """For the editor's preview: render what is on screen, saved or not."""
    return letter.render_letter(content, dyslexia_font=dyslexia_font)


def with_suggested_sentences(content: LetterContent) -> LetterContent:
    """``content`` with each decision's sentence filled in (the suggestion) where the IRO
    has not written one, for the editor to show and the IRO to edit."""
    wording = load_wording(content.language)
    band = content.age_band
    filled = tuple(
        replace(d, sentence=letter.decision_text(d, wording, band, content))
        for d in content.decisions
    )
    return replace(content, decisions=filled)


def record_pdf(caseload: Caseload, child_ref: str, *, review_date: date | None = None) -> bytes:
    with caseload.session() as session:
        content = record.load_record_content(session, child_ref, review_date)
    return record.render_record(content)


def card_pdf(caseload: Caseload, *, language: str = "en", iro_email: str | None = None,
             band: str | None = None) -> bytes:  # fmt: skip
    """The introductory sheet (for one age band, or one for each) and the cut-out cards."""
    with caseload.session() as session:
        iro, authority = card.load_iro(session, iro_email)
        found = card.services(session)
    bands = (band,) if band else card.BANDS
    return card.render_card(iro, authority, language, bands, found)


def forms_pdf(form_ids: Iterable[str] | None = None, *, child_name: str = "",
              return_to: str = forms.RETURN_DEFAULT) -> dict[str, bytes]:  # fmt: skip
    """Blank forms by id; all of them unless ``form_ids`` names some."""
    wanted = set(form_ids) if form_ids is not None else None
    return {f.id: forms.render_forms([f], child_name=child_name, return_to=return_to)
            for f in forms.load_forms() if wanted is None or f.id in wanted}  # fmt: skip


def all_forms_pdf(*, child_name: str = "", return_to: str = forms.RETURN_DEFAULT) -> bytes:
    return forms.render_forms(forms.load_forms(), child_name=child_name, return_to=return_to)


def forms_details(
    caseload: Caseload, child_ref: str | None, *, child_id: str | None = None
) -> dict[str, str]:
    """The child's name for the forms' pages (the child named by reference, or by id from
    the program), and where the authority wants them sent."""
    from iro_desktop.documents.content import find_child
    from iro_desktop.store import queries
    from iro_desktop.store.schema import Child

    with caseload.session() as session:
        found = {"return_to": str(queries.setting(session, "forms_return"))}
        child = find_child(session, child_ref) if child_ref else None
        if child_id:
            child = session.get(Child, child_id)
        if child is not None:
            found["child_name"] = f"{child.preferred_name or child.first_name} {child.last_name}"
    return found


@dataclass(frozen=True)
class LetterCheck:
    """What the editor shows beside the letter, read from the letter as it will print:
    jargon per part, what the child said that has no answer yet, and reading ease."""

    jargon: dict[str, list[Flag]]  # every flag, by part ("working_well", "decision 2")
    kept: frozenset[str]  # terms the IRO kept with an explanation
    unanswered: tuple[ChildSaid, ...]
    reading: ReadingEase
    unprintable: str  # characters no bundled font has (emoji, say)

    @property
    def jargon_count(self) -> int:
        return len(self.unresolved)

    @property
    def unresolved(self) -> list[tuple[str, Flag]]:
        return [(key, f) for key, flags in self.jargon.items() for f in flags
                if f.term.lower() not in self.kept]  # fmt: skip

    @property
    def ready(self) -> bool:
        """Nothing stands in the way of printing."""
        return not self.unresolved and not self.unanswered

    def problems(self) -> list[str]:
        """Each thing to resolve before printing, in words, for the ``letter`` command."""
        out = [f"{key}: \u201c{f.found}\u201d ({f.means}); try \u201c{f.suggestion}\u201d"
               for key, f in self.unresolved]  # fmt: skip
        out += [f"not answered: \u201c{s.said}\u201d" for s in self.unanswered]
        return out


def check_content(content: LetterContent) -> LetterCheck:
    """Check the letter exactly as it will print: the IRO's sections, the decisions' sentences,
    the answers and the "Words we used" box. The child's own words are never checked."""
    parts = letter.printed_parts(content)
    written = [p for p in parts if p.source == "iro"]
    jargon = {p.key: flags for p in written if (flags := find_jargon(p.text))}
    kept = frozenset(k.term.lower() for k in content.kept if k.explanation.strip())
    unanswered: tuple[ChildSaid, ...] = ()
    if content.participation_code != "PN0":
        unanswered = tuple(s for s in letter.said_in(content) if not s.no_answer
                           and not s.answer.strip())  # fmt: skip
    scored = [p.text for p in written if not p.key.startswith("words used")]
    everything = "\n\n".join(p.text for p in parts if p.source != "fixed")
    missing = TextBlock(everything, TextStyle()).missing_characters()
    reading = reading_ease("\n\n".join(scored), content.age_band, content.language)
    return LetterCheck(jargon, kept, unanswered, reading, missing)
