"""The signals every screen of an unlocked workspace shares.

They exist before the caseload is fully open: the first screen is drawn from the saved
start view while the store loads, and its clicks must already go somewhere.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

PAGES = ("Home", "Caseload", "Search", "Figures")  # the workspace's pages, also the Go menu's items


def touches(changes: Any, tables: frozenset[str]) -> bool:
    """Whether ``changes`` (a ``store.ops.core.Changes``) wrote any of ``tables``: a view
    reloads only then. News it cannot read (not a ``Changes``) counts as touching."""
    written = getattr(changes, "tables", None)
    return written is None or bool(written & tables)


class WorkspaceSignals(QObject):
    changes_made = Signal(object)  # store.ops.core.Changes
    locking = Signal()  # a lock is about to close the caseload: keep drafts now
    open_child = Signal(str, str)  # child id, tab title ("" for the first tab)
    status = Signal(str)  # a short message for the status bar
    undo_written = Signal(object)  # a gui.undo.WriteCommand whose undo or redo was written
    # A setting-up action asked for from a screen ("import", "add_child", "connect",
    # "profile"); the main window runs it, as its File menu does.
    set_up = Signal(str)
