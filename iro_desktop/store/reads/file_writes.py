"""How many writes the caseload file has seen, and what a write by another program may
have touched (``gui.outside``: ``iro-desktop import`` at a terminal while the program is
open)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from iro_desktop.store.changes import Changes
from iro_desktop.store.queries import child_ids
from iro_desktop.store.start_view import write_count
from iro_desktop.store.types import Base

OUTSIDE_MARK = "outside"  # in the row ids of the Changes announced for such a write


def writes_so_far(session: Session) -> int | None:
    return write_count(session)


def moved_since(session: Session, seen: int | None) -> tuple[int | None, Changes | None]:
    """The write count now and, only when it moved past ``seen``, a ``Changes`` naming
    every table and child (what another program wrote is not known, only that it wrote).
    The program's own writes also touch the file, so most looks find nothing moved and
    cost one small read."""
    count = write_count(session)
    if count is None or seen is None or count == seen:
        return count, None
    tables = set(Base.metadata.tables)
    return count, Changes(tables, child_ids(session), {OUTSIDE_MARK})
