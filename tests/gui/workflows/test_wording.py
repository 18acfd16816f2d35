"""Issue 12's wording points: plurals, "Informal (informal)", clipped labels and tabs."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from iro_desktop.gui import style
from iro_desktop.gui.context import Context
from iro_desktop.gui.letters import editor, printouts
from iro_desktop.gui.workflows.challenge_dialog import ChallengeDialog
from iro_desktop.gui.workflows.challenge_list import ChallengeList, count_words
from tests.gui.workflows.conftest import child_id


def test_challenge_counts_are_plural_only_when_more_than_one(qtbot: QtBot, ctx: Context) -> None:
    assert count_words(1) == "1 challenge or alert"
    assert count_words(2) == "2 challenges and alerts"
    view = ChallengeList(None, ctx, child_id(ctx.caseload))
    qtbot.addWidget(view)
    assert view.title.text().endswith(": no challenges or alerts")


def test_the_informal_stage_is_not_called_informal_twice(qtbot: QtBot, ctx: Context) -> None:
    dialog = ChallengeDialog(None, ctx, child_id(ctx.caseload))
    qtbot.addWidget(dialog)
    stages = [dialog.stage.itemText(i) for i in range(dialog.stage.count())]
    assert stages[0] == "Informal" and stages[1] == "Team manager (formal stage 1)"


def test_the_review_choosers_never_clip_the_date(qtbot: QtBot) -> None:
    for make in (printouts._combo, editor._combo):
        box = make("Review")
        qtbot.addWidget(box)
        box.show()  # empty while the dialog reads the reviews, and laid out so
        box.sizeHint()
        box.addItem("Held 19 November 2026")  # then filled: it used to keep its first width
        need = box.fontMetrics().horizontalAdvance("Held 19 November 2026")
        assert box.sizeHint().width() > need


def test_the_selected_tab_with_the_focus_ring_has_room_for_its_name(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style.apply(app, style_set=True)
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    for name in ("Profile", "Reviews", "Footprint"):
        tabs.addTab(QWidget(), name)
    tabs.setCurrentIndex(1)
    tabs.show()
    bar = tabs.tabBar()
    bar.setFocus()
    text = bar.fontMetrics().horizontalAdvance("Reviews")
    border, padding = 2, 12  # style.STYLE_SHEET: the same border focused or not
    assert bar.tabRect(1).width() >= text + 2 * (border + padding)
