"""Reads: what the screens, the commands and the central store show, never a write.

Every write goes through ``store.ops``; everything here only looks. ``reading`` wraps a
read to run later (in the GUI's worker) in one session, closed before the result returns.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.orm import Session

from iro_desktop.store.caseload import Caseload

T = TypeVar("T")

__all__ = ["Session", "reading"]


def reading(caseload: Caseload, fn: Callable[[Session], T]) -> Callable[[], T]:
    """Worker-side body of a read: one session, closed before the result goes back."""

    def work() -> T:
        with caseload.session() as session:
            return fn(session)

    return work
