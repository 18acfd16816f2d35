"""Large text on a small laptop: at 1.5 times the system font the main window still fits a
1366×768 screen, with room left for a title bar and a taskbar.

Every main screen (home, caseload, search, the child's record and each of its tabs, the
"Review cycle" tab) asks for at most 1366×700, and at that size every control is on the
screen, or in a scroll area that brings it into view (by mouse or by Tab). No text is made
smaller to get there.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTabBar,
    QTextEdit,
    QWidget,
)

from iro_desktop.gui import style
from iro_desktop.gui.record.profile import LONG_FIELDS
from iro_desktop.store.demo import DEMO_PASSPHRASE
from iro_desktop.store.ops import children as child_ops
from iro_desktop.store.schema import Child
from tests.conftest import TODAY
from tests.gui.conftest import make_window

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

MainWindow = Any  # the window and its workspace, record and panel are used untyped here

SCALE = 1.5
WIDTH, HEIGHT = 1366, 700  # a 1366×768 screen less a title bar and a taskbar
CONTROLS = (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit,
            QAbstractSpinBox, QAbstractItemView, QTabBar)  # fmt: skip


@pytest.fixture
def large_text(qapp: QApplication) -> Iterator[QFont]:
    """The system font 1.5 times its size, as set before the window is built; the look
    is put back afterwards for the tests that follow."""
    palette, font, sheet = QPalette(qapp.palette()), QFont(qapp.font()), qapp.styleSheet()
    look = qapp.style().name()
    bigger = QFont(font)
    bigger.setPointSizeF(font.pointSizeF() * SCALE)
    qapp.setFont(bigger)
    style.apply(qapp)
    yield bigger
    qapp.setStyle(look)
    qapp.setPalette(palette)
    qapp.setFont(font)
    qapp.setStyleSheet(sheet)


@pytest.fixture
def large_window(large_text: QFont, demo_folder: Path, qtbot: QtBot) -> MainWindow:
    window = make_window(demo_folder, qtbot)
    window.try_unlock(DEMO_PASSPHRASE)
    assert not window.is_locked()
    return window


def needed(window: MainWindow, qtbot: QtBot) -> QSize:
    """The window's minimum size once every layout has caught up with what it shows.

    Layouts settle over a few turns of the event loop, one level at a time, and the main
    window's own layout can keep its central widget's old minimum until that widget says
    its size changed; so it is asked, until three looks in a row agree."""
    central = window.centralWidget()
    looks: list[tuple[QSize, QSize, QSize]] = []

    def settled() -> bool:
        central.updateGeometry()
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        looks.append((central.minimumSizeHint(), window.minimumSizeHint(), window.minimumSize()))
        return len(looks) >= 3 and looks[-1] == looks[-2] == looks[-3]

    qtbot.waitUntil(settled, timeout=5000)
    least: QSize = window.minimumSizeHint().expandedTo(window.minimumSize())
    return least


def assert_fits(window: MainWindow, qtbot: QtBot, screen: str) -> None:
    least = needed(window, qtbot)
    hint = window.minimumSizeHint()
    for size, what in ((hint, "minimumSizeHint"), (least, "minimum size")):
        assert size.height() <= HEIGHT, f"{screen}: {what} {size.toTuple()} is too tall"
        assert size.width() <= WIDTH, f"{screen}: {what} {size.toTuple()} is too wide"
    central = window.centralWidget().minimumSizeHint()
    assert central.height() <= HEIGHT and central.width() <= WIDTH, (screen, central.toTuple())


def resize_to_laptop(window: MainWindow, qtbot: QtBot) -> None:
    assert_fits(window, qtbot, "before resizing")
    window.resize(WIDTH, HEIGHT)
    qtbot.waitUntil(lambda: window.size() == QSize(WIDTH, HEIGHT), timeout=5000)
    needed(window, qtbot)


def on_screen(widget: QWidget, window: QWidget) -> bool:
    """Whether all of ``widget`` shows: not cut off by any parent or by the window's edge."""
    whole = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    shown = QRect(whole)
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        shown &= QRect(parent.mapTo(window, QPoint(0, 0)), parent.size())
        parent = parent.parentWidget()
    return (shown & window.rect()) == whole


def bring_into_view(widget: QWidget) -> None:
    """Scroll each scroll area around ``widget`` until all of it shows, as the IRO would
    (``ensureWidgetVisible`` brings only a text box's cursor into view)."""
    parent = widget.parentWidget()
    while parent is not None:
        inside = parent.widget() if isinstance(parent, QScrollArea) else None
        if isinstance(parent, QScrollArea) and inside is not None:
            half = QPoint(widget.width() // 2, widget.height() // 2)
            middle = widget.mapTo(inside, half)
            parent.ensureVisible(middle.x(), middle.y(), widget.width() - half.x() + 1,
                                 widget.height() - half.y() + 1)  # fmt: skip
        parent = parent.parentWidget()


def out_of_reach(window: MainWindow) -> list[str]:
    """Controls that cannot be seen whole: off the window, or cut off with no scroll area
    to bring them into view."""
    lost = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisible():
            continue
        bring_into_view(widget)
        if not on_screen(widget, window):
            name = widget.accessibleName() or getattr(widget, "text", lambda: "")()
            lost.append(f"{type(widget).__name__} {name!r}")
    return lost


def open_record(window: MainWindow) -> Any:
    ws = window.workspace
    child = next(r for r in ws.caseload.model.rows if not r.overdue and r.age >= 4)
    ws.open_child(child.child_id)
    return ws.record


@pytest.mark.parametrize("page", ["Home", "Caseload", "Search"])
def test_each_main_screen_fits_a_laptop_screen_in_large_text(
    large_window: MainWindow, qtbot: QtBot, page: str
) -> None:
    ws = large_window.workspace
    if page == "Search":
        ws.show_search("school")
        qtbot.waitUntil(lambda: len(ws.search.results) > 0, timeout=5000)
    else:
        ws.go(("Home", "Caseload").index(page))
    assert_fits(large_window, qtbot, page)
    resize_to_laptop(large_window, qtbot)
    assert out_of_reach(large_window) == [], page


def test_every_tab_of_the_childs_record_fits_a_laptop_screen_in_large_text(
    large_window: MainWindow, qtbot: QtBot
) -> None:
    record = open_record(large_window)
    titles = [t.replace("&", "") for t in record.tab_titles()]
    assert {"Profile", "Placements", "People", "Reviews", "Footprint", "Review cycle"} <= set(
        titles
    )
    for i, title in enumerate(titles):
        record.tabs.setCurrentIndex(i)
        assert_fits(large_window, qtbot, f"the record's {title} tab")
    record.show_banner(
        "The next review has been brought forward from 3 March 2027 to 12 December 2026. "
        "The child moved to a new placement, so a review is due within 28 days."
    )  # the notice above the tabs takes lines of its own
    assert_fits(large_window, qtbot, "the record with its notice")
    resize_to_laptop(large_window, qtbot)
    for i, title in enumerate(titles):
        record.tabs.setCurrentIndex(i)
        assert out_of_reach(large_window) == [], title


def test_tab_brings_each_review_cycle_line_into_view(
    large_window: MainWindow, qtbot: QtBot
) -> None:
    record = open_record(large_window)
    record.show_tab("Review cycle")
    panel = record.tabs.currentWidget()
    assert panel.accessibleName() == "Review cycle"
    resize_to_laptop(large_window, qtbot)
    large_window.activateWindow()
    qtbot.waitUntil(large_window.isActiveWindow, timeout=5000)
    buttons = list(panel.buttons.values())
    assert not on_screen(buttons[-1], large_window), "expected more lines than fit at once"
    buttons[0].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(buttons[0].hasFocus, timeout=5000)
    for button in buttons[1:]:
        QTest.keyClick(QApplication.focusWidget() or large_window, Qt.Key.Key_Tab)
        assert button.hasFocus()  # Tab goes from line to line in the same order as before
        assert on_screen(button, large_window), button.accessibleName()
    assert panel.due.text()  # what is due for the child is still there, above the lines


def test_a_long_name_in_large_text_wraps_rather_than_widen_the_window(
    large_window: MainWindow, qtbot: QtBot
) -> None:
    ws = large_window.workspace
    child_id = ws.caseload.model.rows[0].child_id

    def rename(op: Any) -> Child:
        child = op.session.get(Child, child_id)
        return child_ops.update_child(op, child, today=TODAY,
                                      preferred_name="Oluwaseyifunmi-Anastasia",
                                      last_name="Featherstonehaugh-Wolstenholme")  # fmt: skip

    large_window.ctx.write(rename, lambda _child: None, owner=large_window)
    ws.open_child(child_id)
    record = ws.record
    full = "Oluwaseyifunmi-Anastasia Featherstonehaugh-Wolstenholme"
    qtbot.waitUntil(lambda: record.title.text() == full, timeout=5000)  # all of it, not cut
    assert_fits(large_window, qtbot, "a record with a long name")
    resize_to_laptop(large_window, qtbot)
    assert out_of_reach(large_window) == []


def test_the_profiles_text_boxes_grow_with_the_font(large_window: MainWindow, qtbot: QtBot) -> None:
    record = open_record(large_window)
    record.show_tab("Profile")
    resize_to_laptop(large_window, qtbot)
    for key, _label in LONG_FIELDS:
        editor = record.profile.form.editors[key]
        assert isinstance(editor, QPlainTextEdit)
        room = editor.viewport().height() - 2 * editor.document().documentMargin()
        assert room >= 4 * editor.fontMetrics().lineSpacing(), key  # four lines, as before


def test_the_window_opens_no_bigger_than_the_screen_leaves(demo_folder: Path) -> None:
    from iro_desktop.gui.main_window import MainWindow
    from iro_desktop.gui.tasks import InlineRunner

    window = MainWindow(demo_folder, runner=InlineRunner(), demo=True, today=TODAY)
    try:
        available = window.screen().availableGeometry()
        assert window.width() <= available.width()
        assert window.height() <= available.height() - 40  # room for the title bar
        assert window.width() >= min(1280, available.width())  # but no smaller than needed
    finally:
        window.deleteLater()


def test_fit_screen_keeps_the_asked_size_where_there_is_room(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWidget

    from iro_desktop.gui.style import fit_screen

    widget = QWidget()
    available = widget.screen().availableGeometry()
    fit_screen(widget, 300, 200)
    assert (widget.width(), widget.height()) == (300, 200)
    fit_screen(widget, available.width() + 500, available.height() + 500)
    assert widget.width() == available.width()
    assert widget.height() == available.height() - 40
    widget.deleteLater()
