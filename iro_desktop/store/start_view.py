"""The lists the IRO last saw, kept inside the encrypted file for the first screen.

After unlocking, ``store.quick_open`` reads these with the bare SQLCipher driver and the
program draws what's due and the caseload at once, while SQLAlchemy and the rules load;
the live lists replace them moments later. Migration 0003 explains the write count that
keeps a saved view from ever being older than the data.

A reader saves a view in two steps: ``write_count`` in the same read transaction as the
lists it reads, then ``remember`` later in its own short write. If anything was written
in between, the saved count is already behind, and the view will not be used.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session


def write_count(session: Session) -> int | None:
    """How many writes the file has seen; None where there is no start view (central)."""
    try:
        value = session.execute(text("SELECT n FROM write_gen WHERE id = 1")).scalar()
    except OperationalError:
        session.rollback()
        return None
    return None if value is None else int(value)


def remember(session: Session, name: str, count: int, body: dict[str, Any]) -> None:
    """Keep a view read at write count ``count``; committed at once. Saving the view that
    is already there writes nothing (no disk flush after every unlock)."""
    session.execute(
        text(
            "INSERT INTO start_view (name, gen, body) VALUES (:n, :g, :b)"
            " ON CONFLICT (name) DO UPDATE SET gen = excluded.gen, body = excluded.body"
            " WHERE start_view.gen != excluded.gen OR start_view.body != excluded.body"
        ),
        {"n": name, "g": count, "b": json.dumps(body, ensure_ascii=False)},
    )
    session.commit()


def forget(session: Session) -> None:
    """Drop every saved view, in the caller's transaction: when children leave this laptop
    their names must not stay behind, even unused, in a view."""
    exists = text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'start_view'")
    if session.execute(exists).first() is not None:
        session.execute(text("DELETE FROM start_view"))
