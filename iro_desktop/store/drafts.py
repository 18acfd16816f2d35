"""Autosaved drafts: unsaved form contents kept inside the encrypted caseload file.

A form saves its draft a moment after each edit (``AUTOSAVE_MS``), so a crash or power
cut loses at most a couple of seconds of typing. Drafts are personal data, so they
never go to a temp file; the ``drafts`` table comes from migration 0002 and is never
synced. A draft is removed when the form is saved or the IRO discards it. A save dialog's draft
(key ``FORM_PREFIX``...) says how to open the dialog again; ``unfinished_forms`` lists them
with the child's name for the "carry on?" prompt after unlocking. Child mode keeps the
child's answers the same way (``child_mode_key``), drawings included.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text

from iro_desktop.store.caseload import Caseload

AUTOSAVE_MS = 1500
FORM_PREFIX = "form:"  # a save dialog's draft; "profile:" and "letter:" are the others
CHILD_MODE_PREFIX = f"{FORM_PREFIX}child-mode:"  # a child's answers in child mode, not saved


def child_mode_key(child_id: str) -> str:
    """Child mode's draft: one per child (the answers, where they were, their alerts).
    It starts with ``FORM_PREFIX``, so the "carry on?" prompt offers it too."""
    return f"{CHILD_MODE_PREFIX}{child_id}"


@dataclass(frozen=True)
class Draft:
    key: str
    child_id: str | None
    values: dict[str, Any]
    saved_at: datetime


def save_draft(caseload: Caseload, key: str, child_id: str | None, values: dict[str, Any]) -> None:
    with caseload.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO drafts (key, child_id, payload, saved_at) VALUES (:k, :c, :p, :t)"
                " ON CONFLICT(key) DO UPDATE SET payload = excluded.payload,"
                " saved_at = excluded.saved_at"
            ),
            {"k": key, "c": child_id, "p": json.dumps(values), "t": datetime.now(UTC).isoformat()},
        )


def load_draft(caseload: Caseload, key: str) -> Draft | None:
    with caseload.engine.connect() as conn:
        row = conn.execute(
            text("SELECT key, child_id, payload, saved_at FROM drafts WHERE key = :k"), {"k": key}
        ).first()
    if row is None:
        return None
    return Draft(row[0], row[1], json.loads(row[2]), datetime.fromisoformat(row[3]))


def discard_draft(caseload: Caseload, key: str) -> None:
    with caseload.engine.begin() as conn:
        conn.execute(text("DELETE FROM drafts WHERE key = :k"), {"k": key})


def all_drafts(caseload: Caseload) -> list[Draft]:
    with caseload.engine.connect() as conn:
        rows = conn.execute(text("SELECT key, child_id, payload, saved_at FROM drafts")).all()
    return [Draft(r[0], r[1], json.loads(r[2]), datetime.fromisoformat(r[3])) for r in rows]


@dataclass(frozen=True)
class Unfinished:
    draft: Draft
    child_name: str  # as the IRO calls the child; "" when the child is no longer there


def unfinished_forms(caseload: Caseload) -> list[Unfinished]:
    """Every save dialog's draft, newest first, with the child's name."""
    with caseload.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT d.key, d.child_id, d.payload, d.saved_at,"
                " coalesce(c.preferred_name, c.first_name, '')"
                " FROM drafts d LEFT JOIN children c ON c.id = d.child_id"
                " WHERE substr(d.key, 1, :n) = :prefix ORDER BY d.saved_at DESC"
            ),
            {"n": len(FORM_PREFIX), "prefix": FORM_PREFIX},
        ).all()
    return [
        Unfinished(Draft(r[0], r[1], json.loads(r[2]), datetime.fromisoformat(r[3])), r[4])
        for r in rows
    ]
