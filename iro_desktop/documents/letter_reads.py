"""What the letter screens read, in the worker: plain values, no Qt, no open rows.

``letter_file`` gives the editor everything for one held review: the letter as saved (or
the review's own text when none is saved yet, via ``documents.content``), the other held
reviews to choose from, and the saved letter's details.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from iro_desktop.documents import api
from iro_desktop.documents.content import (
    LetterContent,
    find_review,
    held_reviews,
    saved_letter,
)
from iro_desktop.documents.errors import DocumentError
from iro_desktop.domain.dates import format_date
from iro_desktop.domain.letter_sources import Snapshot, SourceChange
from iro_desktop.store.reads.letter_sources import (
    decision_sources,
    letter_changes,
    recorded_sources,
)
from iro_desktop.store.schema import Child

if TYPE_CHECKING:
    from iro_desktop.store.reads import Session

AGE_BANDS = {"under_8": "Under 8", "8_12": "8 to 12", "13_plus": "13 and over"}


@dataclass(frozen=True)
class LetterFile:
    child_id: str
    child_ref: str
    reviews: tuple[tuple[str, str], ...]  # (review id, "1 September 2026"), latest first
    review_id: str
    content: LetterContent
    letter_id: str | None = None
    dyslexia_font: bool = False
    written_on: date | None = None
    printed_on: date | None = None
    # The decisions the letter's lines were made from (None: an older letter, unknown),
    # and what has changed in the review record since: the editor's notice.
    sources: Snapshot | None = None
    changes: tuple[SourceChange, ...] = ()


def letter_file(session: Session, child_id: str, review_id: str | None = None) -> LetterFile:
    child = session.get(Child, child_id)
    if child is None or child.deleted:
        raise DocumentError("This child is no longer on the caseload.")
    held = held_reviews(session, child)
    review = next((r for r in held if r.id == review_id), None) or find_review(session, child, None)
    assert review.held_date is not None
    content = api.letter_content(session, child.child_ref, review_date=review.held_date)
    saved = saved_letter(session, review)
    options = dict(saved.content) if saved is not None else {}
    sources = (
        recorded_sources(options) if saved is not None else decision_sources(session, review.id)
    )
    return LetterFile(
        child_id=child.id,
        child_ref=child.child_ref,
        reviews=tuple((r.id, format_date(r.held_date)) for r in reversed(held) if r.held_date),
        review_id=review.id,
        content=content,
        letter_id=saved.id if saved is not None else None,
        dyslexia_font=bool(options.get("dyslexia_font", False)),
        written_on=saved.written_on if saved is not None else None,
        printed_on=saved.printed_on if saved is not None else None,
        sources=sources,
        changes=tuple(letter_changes(session, review.id, sources)),
    )


def review_dates(session: Session, child_id: str) -> list[tuple[date, str]]:
    """Held reviews, latest first, for the record's and printouts' choosers."""
    child = session.get(Child, child_id)
    if child is None:
        return []
    return [(r.held_date, format_date(r.held_date))
            for r in reversed(held_reviews(session, child)) if r.held_date]  # fmt: skip


def child_ref(session: Session, child_id: str) -> str:
    child = session.get(Child, child_id)
    if child is None:
        raise DocumentError("This child is no longer on the caseload.")
    return child.child_ref
