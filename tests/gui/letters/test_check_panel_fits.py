"""The plain-language check beside the letter fits its column on a 1366x768 laptop: a
long rewrite and "Keep and explain" side by side pushed the second out of sight, behind
a sideways scroll bar."""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea
from pytestqt.qtbot import QtBot

from iro_desktop.gui.context import Context
from tests.gui.letters.test_editor import open_editor, type_into

LONG = (
    "Your placement with Dawn and Mike is going really well and you have settled in at "
    "your new school."
)


def test_a_long_rewrite_and_keep_and_explain_both_fit_beside_the_letter(
    qtbot: QtBot, ctx: Context, child_id: str
) -> None:
    editor = open_editor(qtbot, ctx, child_id)
    editor.resize(1300, 700)  # what fit_screen leaves on a 1366x768 laptop
    type_into(qtbot, editor, editor.form.fields["working_well"], LONG)
    panel = editor.panel
    assert panel.fix_buttons and panel.keep_buttons
    area = next(a for a in editor.findChildren(QScrollArea) if a.widget() is panel)
    buttons = (*panel.fix_buttons, *panel.keep_buttons)

    def laid_out() -> bool:  # the buttons shown and the panel at its full size
        shown = all(b.isVisible() and b.width() > 0 for b in buttons)
        return shown and panel.width() >= panel.minimumSizeHint().width()

    qtbot.waitUntil(laid_out)
    for button in buttons:
        right = button.mapTo(area.viewport(), button.rect().topRight()).x()
        assert right <= area.viewport().width(), button.text()
    assert panel.minimumSizeHint().width() <= area.viewport().width()  # no sideways scroll
