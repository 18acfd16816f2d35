"""The mouse wheel scrolls a long form; it never changes a drop-down list's choice.

Qt turns a list's choice when the wheel is rolled over it, even unfocused. In a form that
scrolls, the IRO rolling down the page passes over lists (a decision's "Done / In
progress / Drifting", a participation code) and changed them without seeing it. Each list
inside a scrolling form hands its wheel to the form instead; an open list still scrolls.
The filter sits on the lists themselves, not on the application, so no other event pays
for it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QAbstractScrollArea, QComboBox


class WheelScrollsForm(QObject):
    def __init__(self, area: QAbstractScrollArea) -> None:
        super().__init__(area)
        self.area = area

    def watch(self) -> None:
        """Take in the lists the form holds now (call again after adding more)."""
        for combo in self.area.findChildren(QComboBox):
            combo.removeEventFilter(self)  # once each, however often this is called
            combo.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(watched, QComboBox)
            and not watched.view().isVisible()
        ):
            QCoreApplication.sendEvent(self.area.verticalScrollBar(), event)
            return True
        return False


def wheel_scrolls_form(area: QAbstractScrollArea) -> WheelScrollsForm:
    guard = WheelScrollsForm(area)
    guard.watch()
    return guard
