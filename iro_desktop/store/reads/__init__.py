"""Reads: what the screens, the commands and the central store show, never a write.

Every write goes through ``store.ops``; everything here only looks, and returns plain
dataclasses (built in the GUI's worker thread, with no Qt). ``reading`` wraps a read to
run later in one session, closed before the result returns.

This package's ``__init__`` loads no SQLAlchemy: the first screen names the saved start
views (``VIEW_NAMES``) and draws them (``caseload_rows``, ``whats_due``) before the store
layer has loaded. The modules that query (``caseload_facts``, ``due_facts``, ...) do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from iro_desktop import __version__

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from iro_desktop.store.caseload import Caseload

T = TypeVar("T")

__all__ = ["VIEW_FORMAT", "VIEW_NAMES", "Session", "reading"]

# The saved start views the first screen is drawn from (``store.start_view``): what's due
# (``whats_due``) and the caseload table (``caseload_rows``). Here, so that the launcher
# can name them before anything that loads Qt.
VIEW_NAMES = ("due", "caseload")
# Stamped on each saved view; a view with another stamp is not drawn. Bump the number when
# ChildFacts, DueFact or DueKind change (tests/gui/test_start_view.py pins them). The release
# is part of it, so an upgrade that changes a rule never draws the old figures.
VIEW_FORMAT = f"4/{__version__}"


def reading(caseload: Caseload, fn: Callable[[Session], T]) -> Callable[[], T]:
    """Worker-side body of a read: one session, closed before the result goes back."""

    def work() -> T:
        with caseload.session() as session:
            return fn(session)

    return work
