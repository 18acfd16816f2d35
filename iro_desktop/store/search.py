"""Full-text search over every record and note, inside the encrypted caseload file.

The index (``search_rows`` + FTS5 ``search_fts``) is kept by triggers made in
migration 0002, so whatever writes a row (operation layer, sync, importer) indexes it.
JSON columns (a letter's content, a consultation's answers) are indexed by the words in
their string values only, never their keys (migration 0012), so snippets read as text.
Each word the IRO types is matched as a prefix ("sam" finds "Samira"), all words must
match, and punctuation is never passed to FTS5 as syntax, so no input can raise an
FTS5 query error. Results come back grouped by child, busiest child first.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.orm import Session

MAX_HITS = 300
SNIPPET_TOKENS = 12

# What each indexed table is called on screen.
KIND_LABELS: dict[str, str] = {
    "children": "Profile",
    "notes": "Case note",
    "visits": "Visit",
    "reviews": "Review",
    "decisions": "Decision",
    "challenges": "Challenge",
    "challenge_stages": "Challenge response",
    "midway_updates": "Mid-way update",
    "midway_items": "Mid-way update",
    "people": "Person",
    "placements": "Placement",
    "consultations": "Consultation",
    "review_feedback": "Feedback",
    "letters": "Letter",
}

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Hit:
    table: str
    row_id: str
    snippet: str

    @property
    def kind(self) -> str:
        return KIND_LABELS.get(self.table, self.table.replace("_", " ").capitalize())


@dataclass
class ChildHits:
    child_id: str
    name: str
    child_ref: str
    hits: list[Hit] = field(default_factory=list)


def match_expression(query: str) -> str | None:
    """Turn what the IRO typed into a safe FTS5 expression, or None if nothing to search."""
    words = _WORD.findall(query)
    if not words:
        return None
    return " ".join(f'"{w}"*' for w in words)


def search(session: Session, query: str, limit: int = MAX_HITS) -> list[ChildHits]:
    """Matching rows grouped by child, most recent rows first within each child.

    Ordering by rowid (newest indexed first) rather than bm25 keeps a common word over
    100,000 notes fast: FTS5 can stop after ``limit`` rows instead of ranking them all.
    """
    expression = match_expression(query)
    if expression is None:
        return []
    rows = session.execute(
        text(
            "SELECT r.table_name, r.row_id, r.child_id,"
            " snippet(search_fts, 0, '[', ']', ' … ', :tokens)"
            " FROM search_fts JOIN search_rows r ON r.rowid = search_fts.rowid"
            " WHERE search_fts MATCH :q ORDER BY search_fts.rowid DESC LIMIT :limit"
        ),
        {"q": expression, "limit": limit, "tokens": SNIPPET_TOKENS},
    ).all()
    grouped: dict[str, list[Hit]] = defaultdict(list)
    for table, row_id, child_id, snippet in rows:
        if child_id:
            grouped[child_id].append(Hit(table, row_id, " ".join(snippet.split())))
    if not grouped:
        return []
    names = _names(session, list(grouped))
    out = [
        ChildHits(cid, *names.get(cid, ("(unknown child)", "")), hits=hits)
        for cid, hits in grouped.items()
        if cid in names
    ]
    out.sort(key=lambda g: (-len(g.hits), g.name))
    return out


def _names(session: Session, ids: list[str]) -> dict[str, tuple[str, str]]:
    from sqlalchemy import select

    from iro_desktop.store.schema import Child

    rows = session.execute(
        select(
            Child.id, Child.preferred_name, Child.first_name, Child.last_name, Child.child_ref
        ).where(Child.id.in_(ids), Child.deleted.is_(False))
    ).all()
    return {r[0]: (f"{r[1] or r[2]} {r[3]}", r[4]) for r in rows}


def reindex(session: Session) -> None:
    """Rebuild the FTS5 structure (not its content); a maintenance step, rarely needed."""
    session.execute(text("INSERT INTO search_fts(search_fts) VALUES ('optimize')"))
