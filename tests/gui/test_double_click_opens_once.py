"""A double-click opens a thing once: a search hit's entry (one window to close, not two
stacked), a child from the caseload or from Home (one record built, not two)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView

from iro_desktop.gui.record.entry_view import EntryDialog
from iro_desktop.store.ops import casework
from iro_desktop.store.schema import Child
from tests.conftest import TODAY


def double_click(view: QAbstractItemView, at: QPoint) -> None:
    viewport, left = view.viewport(), Qt.MouseButton.LeftButton
    none = Qt.KeyboardModifier(0)
    QTest.mouseClick(viewport, left, none, at)  # as a hand does: press, then again
    QTest.mouseDClick(viewport, left, none, at)


def opened_children(window: Any) -> list[str]:
    opened: list[str] = []
    window.workspace.signals.open_child.connect(lambda child_id, *_: opened.append(child_id))
    return opened


def test_double_clicking_a_search_hit_opens_one_window(window) -> None:
    child_id = window.workspace.caseload.model.rows[5].child_id

    def add(op: Any) -> None:
        casework.add_note(op, op.session.get(Child, child_id), note_date=TODAY, today=TODAY,
                          text="Rang the school about the Zanzibar trip")  # fmt: skip

    window.ctx.write(add, lambda _r: None, owner=window)
    window._search("Zanzibar")
    view = window.workspace.search
    hit = view.tree.topLevelItem(0).child(0)
    double_click(view.tree, view.tree.visualItemRect(hit).center())
    shown = [d for d in view.findChildren(EntryDialog) if d.isVisible()]
    assert len(shown) == 1


def test_double_clicking_a_child_in_the_caseload_opens_them_once(window) -> None:
    window.workspace.go(1)
    table = window.workspace.caseload.table
    opened = opened_children(window)
    double_click(table, table.visualRect(table.model().index(0, 0)).center())
    assert len(opened) == 1


def test_double_clicking_a_row_on_home_opens_the_child_once(window) -> None:
    window.workspace.go(0)
    tree = window.workspace.home.tree
    item = next(
        tree.topLevelItem(g).child(0)
        for g in range(tree.topLevelItemCount())
        if tree.topLevelItem(g).childCount()
    )
    opened = opened_children(window)
    double_click(tree, tree.visualItemRect(item).center())
    assert len(opened) == 1
