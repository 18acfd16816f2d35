"""The stored copy of the 903 extract, one child at a time, for undo and redo of an import.

The copy (``schema.ssda903``: Header, UASC and Episodes rows as imported) is never synced
and has no versions, so an import puts each child's copy it changed in ``Changes.versions``
under the key ``(TABLE, child reference)``, whole (``copy_of``), before and after; undo
and redo write one of them back (``put_back``), where None means there was none: undo of
a first import removes the copy, so the export no longer writes those children's Header
and Episodes. ``moved`` is the copy's own ``ChangedSince`` check: compared by content.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from iro_desktop.store.changes import Payload
from iro_desktop.store.schema.ssda903 import Ssda903Child, Ssda903Episode
from iro_desktop.store.types import table_of

TABLE = "ssda903_extract"  # the key's table: one child's Header, UASC and Episodes rows
CHUNK = 500  # references per IN (...) list


def copy_of(header: Ssda903Child | None, episodes: list[Any]) -> Payload | None:
    """One child's stored copy as a payload (episodes by start date, as stored)."""
    if header is None and not episodes:
        return None
    return {
        "header": header.header if header is not None else None,
        "uasc": header.uasc if header is not None else None,
        "episodes": [e.episode for e in sorted(episodes, key=lambda e: (e.decom, e.id or 0))],
    }


def read(session: Session, refs: list[str]) -> dict[str, Payload | None]:
    """Each reference's stored copy now."""
    headers: dict[str, Ssda903Child] = {}
    episodes: dict[str, list[Ssda903Episode]] = {ref: [] for ref in refs}
    for start in range(0, len(refs), CHUNK):
        part = refs[start : start + CHUNK]
        for h in session.scalars(select(Ssda903Child).where(Ssda903Child.child_ref.in_(part))):
            headers[h.child_ref] = h
        for e in session.scalars(select(Ssda903Episode).where(Ssda903Episode.child_ref.in_(part))):
            episodes[e.child_ref].append(e)
    return {ref: copy_of(headers.get(ref), episodes[ref]) for ref in refs}


def moved(session: Session, expected: Mapping[str, Payload | None]) -> list[str]:
    """The references whose copy is no longer as ``expected`` (a later import changed it)."""
    now = read(session, list(expected))
    return [ref for ref, want in expected.items() if now[ref] != want]


def put_back(session: Session, copies: Mapping[str, Payload | None]) -> None:
    """Make each reference's stored copy the one given (None: no copy at all)."""
    refs = list(copies)
    for start in range(0, len(refs), CHUNK):
        part = refs[start : start + CHUNK]
        session.execute(delete(Ssda903Episode).where(Ssda903Episode.child_ref.in_(part)))
        session.execute(delete(Ssda903Child).where(Ssda903Child.child_ref.in_(part)))
    headers = [
        {"child_ref": ref, "header": copy["header"], "uasc": copy["uasc"]}
        for ref, copy in copies.items()
        if copy is not None and copy["header"] is not None
    ]
    episodes = [
        {"child_ref": ref, "decom": _decom(raw), "episode": raw}
        for ref, copy in copies.items()
        if copy is not None
        for raw in copy["episodes"]
    ]
    if headers:
        session.execute(insert(table_of(Ssda903Child)), headers)
    if episodes:
        session.execute(insert(table_of(Ssda903Episode)), episodes)


def _decom(raw: Mapping[str, str]) -> date:
    day, month, year = (int(x) for x in raw["DECOM"].split("/"))
    return date(year, month, day)
