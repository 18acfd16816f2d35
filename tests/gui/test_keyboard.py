"""Keyboard-only use, and a name for every control a screen reader lands on."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

CTRL = Qt.KeyboardModifier.ControlModifier


def focus_in(window) -> QWidget:  # type: ignore[no-untyped-def]
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    assert widget.isVisible() and window.isAncestorOf(widget), widget
    return widget


def key(window, qtbot, k, mod=Qt.KeyboardModifier.NoModifier) -> QWidget:  # type: ignore[no-untyped-def]
    QTest.keyClick(focus_in(window), k, mod)
    return focus_in(window)


def ready(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)


def test_home_caseload_child_tabs_and_search_by_keys_alone(window, qtbot) -> None:
    ready(window, qtbot)
    ws = window.workspace
    assert focus_in(window) is ws.nav
    key(window, qtbot, Qt.Key.Key_2, CTRL)
    assert ws.pages.currentWidget() is ws.caseload
    for _ in range(12):  # Tab from the list of pages into the caseload's own search box
        if focus_in(window) is ws.caseload.search:
            break
        key(window, qtbot, Qt.Key.Key_Tab)
    assert focus_in(window) is ws.caseload.search
    child = ws.caseload.model.rows[3]
    QTest.keyClicks(ws.caseload.search, child.child_ref)
    assert ws.caseload.proxy.rowCount() == 1
    key(window, qtbot, Qt.Key.Key_Return)
    record = ws.record
    assert record is not None and record.child_id == child.child_id
    tabs = record.tabs
    widget = focus_in(window)
    assert record.isAncestorOf(widget)
    seen = [tabs.currentIndex()]
    for _ in range(tabs.count() - 1):
        key(window, qtbot, Qt.Key.Key_Tab, CTRL)
        seen.append(tabs.currentIndex())
        assert record.isAncestorOf(focus_in(window))
    assert seen == list(range(tabs.count()))
    key(window, qtbot, Qt.Key.Key_F, CTRL)
    assert focus_in(window) is ws.search.field
    QTest.keyClicks(ws.search.field, "school")
    key(window, qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(ws.search.results) > 0, timeout=5000)
    key(window, qtbot, Qt.Key.Key_1, CTRL)
    assert ws.pages.currentWidget() is ws.home


INTERACTIVE = (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit,
               QAbstractSpinBox, QAbstractItemView)  # fmt: skip


def unnamed(root: QWidget) -> list[str]:
    buddies = {label.buddy() for label in root.findChildren(QLabel) if label.buddy()}
    out = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisibleTo(root):
            continue
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        parent = widget.parentWidget()
        if isinstance(parent, QAbstractSpinBox | QComboBox):
            continue  # the spin box's or combo's own line edit
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (widget.accessibleName() or widget in buddies or text.replace("&", "")):
            out.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return out


def test_every_control_on_the_main_screens_has_a_name(window, qtbot) -> None:
    ws = window.workspace
    for page in (0, 1, 2):
        ws.go(page)
        assert unnamed(window) == [], ws.pages.currentWidget()
    ws.open_child(ws.caseload.model.rows[0].child_id)
    for i in range(ws.record.tabs.count()):
        ws.record.tabs.setCurrentIndex(i)
        assert unnamed(window) == [], ws.record.tabs.tabText(i)


def test_choosing_search_by_keys_or_by_mouse_puts_the_cursor_in_its_box(window, qtbot) -> None:
    """In a real window the IRO clicked Search and typed: the words went nowhere."""
    ready(window, qtbot)
    ws = window.workspace
    key(window, qtbot, Qt.Key.Key_3, CTRL)
    assert ws.pages.currentWidget() is ws.search and focus_in(window) is ws.search.field
    key(window, qtbot, Qt.Key.Key_1, CTRL)
    ws.nav.setFocus()
    row = ws.nav.visualItemRect(ws.nav.item(2)).center()
    QTest.mouseClick(ws.nav.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0), row)
    assert ws.pages.currentWidget() is ws.search and focus_in(window) is ws.search.field
    ws.nav.setFocus()
    key(window, qtbot, Qt.Key.Key_Up)  # along the list by keys: the focus stays on it
    key(window, qtbot, Qt.Key.Key_Down)
    assert ws.pages.currentWidget() is ws.search and focus_in(window) is ws.nav
