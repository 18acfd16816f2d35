"""Rolling the mouse wheel down a long form scrolls it and leaves every list's choice
alone (in a real window, scrolling the mid-way update turned "In progress" into
"Drifting" under the pointer); an open list still scrolls its own items."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QScrollArea
from pytestqt.qtbot import QtBot

from iro_desktop.gui.context import Context
from iro_desktop.gui.workflows.visit_dialog import VisitDialog
from tests.gui.workflows.conftest import child_id


def roll_down(widget: QComboBox) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0), QPoint(0, -120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
        False,
    )  # fmt: skip
    QApplication.sendEvent(widget, event)


def test_the_wheel_over_a_list_scrolls_the_form_and_keeps_the_choice(
    qtbot: QtBot, ctx: Context
) -> None:
    dialog = VisitDialog(None, ctx, child_id(ctx.caseload))
    qtbot.addWidget(dialog)
    dialog.resize(760, 320)  # short enough that the form scrolls
    dialog.show()
    area = dialog.findChild(QScrollArea)
    assert area is not None and area.verticalScrollBar().maximum() > 0
    for combo in (dialog.method, dialog.purpose, dialog.seen_alone):
        before = combo.currentIndex()
        roll_down(combo)
        assert combo.currentIndex() == before, combo.accessibleName()
    assert area.verticalScrollBar().value() > 0  # the form moved instead


def test_the_profile_tab_list_keeps_its_choice_under_the_wheel(qtbot: QtBot, ctx: Context) -> None:
    from iro_desktop.gui.record.profile import ProfileForm

    tab = ProfileForm(ctx, child_id(ctx.caseload))
    qtbot.addWidget(tab)
    tab.resize(700, 300)
    tab.show()
    combos = [c for c in tab.findChildren(QComboBox) if c.isVisible()]
    assert combos
    for combo in combos:
        before = combo.currentIndex()
        roll_down(combo)
        assert combo.currentIndex() == before
