"""The sync status line in the main window's status bar, and the words it uses.

``describe`` is plain Python (tested on its own); ``StatusLine`` shows it with two
buttons: "Sync now" and, when there are any, "Settle conflicts".
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from iro_desktop.sync.conflicts import SyncStatus


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def ago(then: datetime, now: datetime) -> str:
    """'just now', '2 minutes ago', '3 hours ago', 'yesterday at 14:05', 'on 3 Nov at 09:10'."""
    seconds = (now - then).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return _plural(int(seconds // 60), "minute", "minutes") + " ago"
    local_then, local_now = then.astimezone(), now.astimezone()
    if seconds < 6 * 3600 or local_then.date() == local_now.date():
        return _plural(int(seconds // 3600), "hour", "hours") + " ago"
    clock = local_then.strftime("%H:%M")
    if local_then.date() == (local_now - timedelta(days=1)).date():
        return f"yesterday at {clock}"
    return f"on {local_then.day} {local_then.strftime('%b')} at {clock}"


def describe(
    status: SyncStatus | None,
    now: datetime,
    *,
    syncing: bool = False,
    retry_at: datetime | None = None,
) -> str:
    """The status line, e.g. 'Synced 2 minutes ago · 3 changes waiting · 1 conflict to settle'."""
    if status is None:
        return "Sync: checking…"
    if not status.connected:
        return "Not connected to a central store · work is kept on this laptop"
    if syncing:
        first = "Syncing now…"
    elif status.last_error:
        first = "Could not sync"
        if status.last_sync_at is not None:
            first += f" (last synced {ago(status.last_sync_at, now)})"
        if retry_at is not None:
            minutes = max(0, round((retry_at - now).total_seconds() / 60))
            soon = "in " + _plural(minutes, "minute", "minutes")
            first += " · trying again " + ("in under a minute" if minutes < 1 else soon)
    elif status.last_sync_at is None:
        first = "Not synced yet"
    else:
        first = f"Synced {ago(status.last_sync_at, now)}"
    parts = [first]
    waiting = status.changes_waiting
    parts.append(
        "no changes waiting" if waiting == 0 else _plural(waiting, "change", "changes") + " waiting"
    )
    if status.open_conflicts:
        parts.append(_plural(status.open_conflicts, "conflict", "conflicts") + " to settle")
    return " · ".join(parts)


class StatusLine(QWidget):
    """A label and two small buttons, for the status bar's right-hand side."""

    sync_clicked = Signal()
    conflicts_clicked = Signal()
    connect_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status: SyncStatus | None = None
        self.syncing = False
        self.retry_at: datetime | None = None
        self.error: str | None = None
        self.label = QLabel()
        self.label.setObjectName("syncStatus")
        self.label.setAccessibleName("Sync status")
        self.sync_button = QPushButton("Sync now")
        self.sync_button.setAccessibleName("Sync now")
        self.sync_button.setToolTip("Sync with the central store now (Ctrl+Shift+S)")
        self.sync_button.clicked.connect(self.sync_clicked)
        self.conflicts_button = QPushButton("Settle conflicts…")
        self.conflicts_button.setAccessibleName("Settle conflicts")
        self.conflicts_button.clicked.connect(self.conflicts_clicked)
        self.connect_button = QPushButton("Connect…")
        self.connect_button.setAccessibleName("Connect to a central store")
        self.connect_button.clicked.connect(self.connect_clicked)
        for button in (self.sync_button, self.conflicts_button, self.connect_button):
            button.setObjectName("statusButton")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.setSpacing(8)
        layout.addWidget(self.label)
        layout.addWidget(self.conflicts_button)
        layout.addWidget(self.sync_button)
        layout.addWidget(self.connect_button)
        self.clock = QTimer(self)  # "2 minutes ago" moves on by itself
        self.clock.setInterval(30_000)
        self.clock.timeout.connect(self.redraw)
        self.clock.start()
        self.redraw()

    def show_status(
        self,
        status: SyncStatus | None,
        *,
        syncing: bool = False,
        retry_at: datetime | None = None,
    ) -> None:
        self.status, self.syncing, self.retry_at = status, syncing, retry_at
        self.redraw()

    def set_syncing(self, on: bool) -> None:
        self.syncing = on
        self.redraw()

    def text(self) -> str:
        return self.label.text()

    def redraw(self) -> None:
        from iro_desktop.store.types import utcnow

        text = describe(self.status, utcnow(), syncing=self.syncing, retry_at=self.retry_at)
        self.label.setText(text)
        tip = ""
        if self.status is not None and self.status.connected:
            tip = f"Central store: {self.status.server_url}"
            if self.status.account_email:
                tip += f"\nSigned in as {self.status.account_email}"
            if self.status.last_error:
                tip += f"\nLast problem: {self.status.last_error}"
        self.label.setToolTip(tip)
        self.label.setAccessibleDescription(tip)
        connected = self.status is not None and self.status.connected
        self.sync_button.setVisible(connected)
        self.sync_button.setEnabled(connected and not self.syncing)
        self.connect_button.setVisible(self.status is not None and not connected)
        conflicts = self.status.open_conflicts if self.status is not None else 0
        self.conflicts_button.setVisible(conflicts > 0)
        self.conflicts_button.setText("Settle conflict…" if conflicts == 1 else "Settle conflicts…")
