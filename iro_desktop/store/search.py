"""Full-text search over every record and note, inside the encrypted caseload file.

The index (``search_rows`` + FTS5 ``search_fts``) is kept by triggers made in
migration 0002, so whatever writes a row (operation layer, sync, importer) indexes it.
JSON columns (a letter's content, a consultation's answers) are indexed by the words in
their string values only, never their keys (migration 0012), so snippets read as text.
Each word the IRO types is matched as a prefix ("sam" finds "Samira"), all words must
match, and punctuation is never passed to FTS5 as syntax, so no input can raise an
FTS5 query error. Results come back grouped by child, busiest child first.

FTS5's ``unicode61`` tokenizer keeps letters and numbers only: an emoji, "£" or "+" is a
separator there, never a token, so no index entry holds one. A symbol the IRO types is
looked for as written instead (``instr`` over the indexed text, the same text the
snippets come from): with words, among the rows the words found; alone, over every row,
newest first, stopping at ``limit``. So "🙂" finds "happy🙂" and "🙂 today", "£" finds
"£50", "🐶 dog" finds a row with both. Punctuation typed beside words is still ignored
("Ollie's" finds "Ollie’s"); typed alone ("#", "?"), it is looked for as written too.
Emoji variation selectors are left out of what is looked for, so "❤️" finds "❤" too.
"""

from __future__ import annotations

import re
import unicodedata
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
# Not part of a symbol looked for: word characters, spaces, emoji variation selectors.
_NOT_MARK = re.compile(r"[\w\s\ufe0e\ufe0f]+", re.UNICODE)


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


def symbols(query: str) -> list[str]:
    """What the IRO typed that is not a word, to be found as written: each run of symbols
    (an emoji, "£", "+"), split at punctuation, which is dropped; punctuation alone
    ("#", "?!") only when nothing else was typed."""
    runs = [run for run in _NOT_MARK.split(query) if run]
    found = [
        piece
        for run in runs
        for piece in re.split(r"\s+", "".join(" " if _punctuation(ch) else ch for ch in run))
        if piece
    ]
    if found or _WORD.search(query):
        return found
    return runs


def _punctuation(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P")


def search(session: Session, query: str, limit: int = MAX_HITS) -> list[ChildHits]:
    """Matching rows grouped by child, most recent rows first within each child.

    Ordering by rowid (newest indexed first) rather than bm25 keeps a common word over
    100,000 notes fast: FTS5 can stop after ``limit`` rows instead of ranking them all.
    """
    expression, marks = match_expression(query), symbols(query)
    if expression is None and not marks:
        return []
    params: dict[str, object] = {"limit": limit, "tokens": SNIPPET_TOKENS}
    where = []
    if expression is not None:
        where.append("search_fts MATCH :q")
        params["q"] = expression
    for n, mark in enumerate(marks):
        where.append(f"instr(search_fts.body, :m{n}) > 0")
        params[f"m{n}"] = mark
    snippet = (
        "snippet(search_fts, 0, '[', ']', ' … ', :tokens)"
        if expression is not None
        else "search_fts.body"  # no FTS5 match to cut a snippet around: cut below
    )
    rows = session.execute(
        text(
            f"SELECT r.table_name, r.row_id, r.child_id, {snippet}"
            " FROM search_fts JOIN search_rows r ON r.rowid = search_fts.rowid"
            f" WHERE {' AND '.join(where)} ORDER BY search_fts.rowid DESC LIMIT :limit"
        ),
        params,
    ).all()
    grouped: dict[str, list[Hit]] = defaultdict(list)
    for table, row_id, child_id, found in rows:
        if child_id:
            cut = found if expression is not None else around(found, marks[0])
            grouped[child_id].append(Hit(table, row_id, " ".join(cut.split())))
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


def around(body: str, mark: str) -> str:
    """A snippet of ``body`` around its first ``mark``, cut as FTS5 cuts one: the mark in
    brackets, about ``SNIPPET_TOKENS`` words in all, " … " where text was left out."""
    at = body.find(mark)
    end = at + len(mark)
    half = SNIPPET_TOKENS // 2
    starts = [m.start() for m in re.finditer(r"\S+", body[:at])]
    ends = [m.end() for m in re.finditer(r"\S+", body[end:])]
    first = starts[-half] if len(starts) >= half else 0
    last = (
        end + ends[SNIPPET_TOKENS - half - 1] if len(ends) >= SNIPPET_TOKENS - half else len(body)
    )
    out = f"{body[first:at]}[{mark}]{body[end:last]}"
    return ("… " if first > 0 else "") + out + (" …" if last < len(body) else "")


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
