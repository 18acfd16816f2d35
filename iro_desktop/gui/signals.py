"""The signals every screen of an unlocked workspace shares.

They exist before the caseload is fully open: the first screen is drawn from the saved
start view while the store loads, and its clicks must already go somewhere.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

PAGES = ("Home", "Caseload", "Search", "Figures")  # the workspace's pages, also the Go menu's items


class WorkspaceSignals(QObject):
    changes_made = Signal(object)  # store.ops.core.Changes
    open_child = Signal(str, str)  # child id, tab title ("" for the first tab)
    status = Signal(str)  # a short message for the status bar
