"""Child mode starting as it does in the program: the window is shown at once and the
child's questions are read in the worker, so they land after the window is on screen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from iro_desktop.gui.context import Context
from iro_desktop.gui.tasks import TaskRunner
from iro_desktop.gui.workflows import open_child_mode
from iro_desktop.gui.workflows.child_mode import ChildModeWindow
from iro_desktop.store.caseload import Caseload
from tests.gui.workflows.conftest import ACTOR, TODAY, child_id
from tests.gui.workflows.test_child_mode import every_text, plan_and_note


@pytest.fixture
def threaded(store: Caseload) -> Iterator[Context]:
    runner = TaskRunner()
    yield Context(store, runner, TODAY, ACTOR)
    runner.wait()


def open_shown(qtbot: QtBot, ctx: Context) -> ChildModeWindow:
    window = ChildModeWindow(ctx, child_id(ctx.caseload))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded, timeout=10_000):
        window.show()  # before the read lands, as open_child_mode does
    return window


def test_child_mode_shown_before_its_questions_arrive_starts_without_a_fault(
    qtbot: QtBot, threaded: Context
) -> None:
    plan_and_note(threaded)
    window = open_shown(qtbot, threaded)
    assert window.stack.currentWidget() is window.welcome
    assert "Hi Wrennie!" in every_text(window.welcome)
    window.next()
    assert window.current_question() is not None


def test_child_mode_with_no_review_says_to_plan_one_first(qtbot: QtBot, threaded: Context) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    window = open_child_mode(parent, threaded, child_id(threaded.caseload))
    assert window is not None  # no review planned or held for this child
    qtbot.waitUntil(lambda: any(b.isVisible() for b in parent.findChildren(QMessageBox)),
                    timeout=10_000)  # fmt: skip
    [box] = [b for b in parent.findChildren(QMessageBox) if b.isVisible()]
    assert "Plan the review first" in box.text() and "something went wrong" not in box.text()
    assert not window.isVisible()


def test_child_mode_after_a_held_review_asks_for_the_next_one_not_the_old_one(
    qtbot: QtBot, threaded: Context
) -> None:
    """The child's answers now are for their next review: never filed under the review
    already held (its record and letter are written), as they once were."""
    from tests.gui.workflows.test_child_mode_answers import hold, plan

    plan(threaded, on=0)
    hold(threaded)  # Wren's review is held; the next one is not planned yet
    window = ChildModeWindow(threaded, child_id(threaded.caseload))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.refused, timeout=10_000) as refused:
        window.show()
    assert "Plan the review first" in refused.args[0]
    assert window.data is None  # no questions: nothing the child says can be filed wrongly
    assert not window.isVisible()  # gone without the passphrase: the child saw nothing
