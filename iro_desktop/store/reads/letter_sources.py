"""The review's decisions as a letter's snapshot of its sources (domain.letter_sources)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.domain.letter_sources import Snapshot, SourceChange, compare, snapshot_entry
from iro_desktop.store.schema import Decision

SOURCES = "sources"  # the key in ``Letter.content`` holding what the letter was made from


def decision_sources(session: Session, review_id: str) -> Snapshot:
    """Each decision of the review now on the record: id -> version and what the letter copies."""
    rows = session.scalars(
        select(Decision)
        .where(Decision.review_id == review_id, Decision.deleted.is_(False))
        .order_by(Decision.due_date, Decision.text)
    )
    return {d.id: snapshot_entry(d.version, d.text, d.child_friendly_text, d.owner, d.due_date)
            for d in rows}  # fmt: skip


def recorded_sources(content: object) -> Snapshot | None:
    """The snapshot a saved letter holds, or None for a letter written before they were kept."""
    if not isinstance(content, dict):
        return None
    sources = content.get(SOURCES)
    if not isinstance(sources, dict) or not isinstance(sources.get("decisions"), dict):
        return None
    return {str(k): dict(v) for k, v in sources["decisions"].items() if isinstance(v, dict)}


def letter_changes(
    session: Session, review_id: str, recorded: Snapshot | None
) -> list[SourceChange]:
    """What changed in the review's decisions since ``recorded`` (none when unknown)."""
    if recorded is None:
        return []
    return compare(recorded, decision_sources(session, review_id))
