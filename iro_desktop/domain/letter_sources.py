"""What a letter was made from, and what has changed in the review record since.

A saved letter keeps a snapshot of the review's decisions as they were when it was written
(or last brought up to date): for each decision id, its version and the parts the letter
copies (wording, owner, due date). Comparing that snapshot with the decisions as they are
now says, in plain English, which were corrected, added or deleted since. A decision whose
version moved only because of something the letter does not print (a mid-way status) is
not a change to the letter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from iro_desktop.domain.dates import format_date

Snapshot = dict[str, dict[str, Any]]  # decision id -> {version, text, child_text, owner, due}
COPIED = ("text", "child_text", "owner", "due")  # the parts of a decision the letter prints
SHORT = 70


@dataclass(frozen=True)
class SourceChange:
    """One decision that is not in the letter as it now is in the review record."""

    kind: str  # "corrected", "added", "deleted"
    decision_id: str
    words: str  # "“Book a dentist visit”: now by 15 January 2027 (the letter says …)"


def snapshot_entry(
    version: int, text: str, child_text: str | None, owner: str, due: date | None
) -> dict[str, Any]:
    return {"version": int(version), "text": text or "", "child_text": child_text or "",
            "owner": owner or "", "due": due.isoformat() if due else None}  # fmt: skip


def _short(text: object) -> str:
    words = " ".join(str(text or "").split())
    return f"“{words if len(words) <= SHORT else words[: SHORT - 1].rstrip() + '…'}”"


def _when(value: object) -> str:
    if not isinstance(value, str) or not value:
        return "no date"
    try:
        return format_date(date.fromisoformat(value))
    except ValueError:
        return "no date"


def _corrected(was: Mapping[str, Any], now: Mapping[str, Any]) -> str:
    parts = []
    if was.get("due") != now.get("due"):
        parts.append(f"now by {_when(now.get('due'))} (the letter says {_when(was.get('due'))})")
    if was.get("owner") != now.get("owner"):
        parts.append(f"now for {now.get('owner') or 'no one'} (the letter says "
                     f"{was.get('owner') or 'no one'})")  # fmt: skip
    if was.get("text") != now.get("text") or was.get("child_text") != now.get("child_text"):
        parts.append("its wording was changed")
    return f"{_short(now.get('text'))}: {', '.join(parts)}"


def compare(
    recorded: Mapping[str, Any], live: Mapping[str, Mapping[str, Any]]
) -> list[SourceChange]:
    """Each decision corrected, added or deleted since ``recorded`` was taken."""
    found: list[SourceChange] = []
    for decision_id, now in live.items():
        was = recorded.get(decision_id)
        if not isinstance(was, Mapping):
            found.append(SourceChange("added", decision_id, f"{_short(now.get('text'))} was added"))
        elif was.get("version") != now.get("version") and any(
            was.get(key) != now.get(key) for key in COPIED
        ):
            found.append(SourceChange("corrected", decision_id, _corrected(was, now)))
    for decision_id, was in recorded.items():
        if decision_id not in live and isinstance(was, Mapping):
            found.append(
                SourceChange("deleted", decision_id, f"{_short(was.get('text'))} was deleted")
            )
    return found


def _count(n: int, what: str) -> str:
    return f"{n} decision{'s' if n != 1 else ''} {'was' if n == 1 else 'were'} {what}"


def notice(changes: list[SourceChange]) -> str:
    """ "2 decisions were corrected after this letter was written: …" (empty: none)."""
    if not changes:
        return ""
    counts = [(kind, sum(1 for c in changes if c.kind == kind))
              for kind in ("corrected", "added", "deleted")]  # fmt: skip
    said = [_count(n, kind) if not i else f"{n} {'was' if n == 1 else 'were'} {kind}"
            for i, (kind, n) in enumerate((k, n) for k, n in counts if n)]  # fmt: skip
    head = said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]
    return (f"{head} in the review record after this letter was written: "
            + "; ".join(c.words for c in changes) + ".")  # fmt: skip
