"""Child mode: only this child's first name and questions, the answers saved as theirs,
and no way out without the IRO's passphrase."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from iro_desktop.gui.context import Context
from iro_desktop.gui.workflows.child_mode import ChildModeWindow
from iro_desktop.store.ops import casework, reviews
from iro_desktop.store.ops.core import operation
from iro_desktop.store.schema import Child, Consultation
from tests.gui.workflows.conftest import ACTOR, PASSPHRASE, TODAY, child_id


def plan_and_note(ctx: Context) -> None:
    with operation(ctx.caseload, ACTOR) as op:
        for child in op.session.scalars(select(Child)):
            reviews.plan_review(op, child, today=TODAY, planned_date=TODAY + timedelta(days=9),
                                venue="Home")  # fmt: skip
            casework.add_note(op, child, note_date=TODAY, today=TODAY,
                              text=f"SECRET IRO NOTE about {child.first_name}")  # fmt: skip


def every_text(window: QWidget) -> str:
    parts: list[str] = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        parts.append(widget.accessibleName())
        parts.append(widget.toolTip())
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            parts.append(widget.text())
        if isinstance(widget, QPlainTextEdit):
            parts += [widget.toPlainText(), widget.placeholderText()]
    return "\n".join(parts)


def open_mode(qtbot: QtBot, ctx: Context) -> ChildModeWindow:
    window = ChildModeWindow(ctx, child_id(ctx.caseload))
    qtbot.addWidget(window)
    window.show()
    return window


def leave(qtbot: QtBot, window: ChildModeWindow) -> None:
    """The IRO's passphrase, then the hand-back page, then out."""
    with qtbot.waitSignal(window.handback.shown):
        window.passphrase.setText(PASSPHRASE)
        window.check_passphrase()
    assert window.isVisible() and window.stack.currentWidget() is window.handback
    assert "did not ask for help" in window.handback.view.heading.text()
    assert window.handback.note.isHidden()  # nothing about unrecorded alerts when none
    with qtbot.waitSignal(window.left):
        window.handback.close_button.click()


def test_child_mode_shows_only_this_childs_first_name_and_questions(
    qtbot: QtBot, ctx: Context
) -> None:
    plan_and_note(ctx)
    window = open_mode(qtbot, ctx)
    text = every_text(window)
    assert "Hi Wrennie!" in text and "How do you feel about where you live?" in text
    for secret in ("Ezra", "Quillfeather", "Elmstead", "SECRET", "IRO NOTE", "W1", "E1"):
        assert secret not in text, secret


def test_the_child_answers_skips_and_the_answers_are_saved_as_theirs(
    qtbot: QtBot, ctx: Context
) -> None:
    plan_and_note(ctx)
    window = open_mode(qtbot, ctx)
    window.next()  # past the welcome
    page = window.current_question()
    assert page is not None and page.question.kind == "faces"
    qtbot.mouseClick(page.buttons[0], Qt.MouseButton.LeftButton)
    window.next()
    window.skip()  # school: skipped
    while (page := window.current_question()) is not None and page.box is None:
        window.skip()
    assert page is not None and page.box is not None
    page.box.setPlainText("My dog 🐶 and مرحبا")
    window.next()
    while window.current_question() is not None:
        window.next()
    assert window.stack.currentWidget() is window.summary_page
    with qtbot.waitSignal(window.saved):
        window.finish()
    with ctx.caseload.session() as s:
        [saved] = s.scalars(select(Consultation)).all()
    assert saved.completed_by_child and saved.respondent_type == "child_8_12"
    assert saved.answers["home"] == "great" and "school" not in saved.answers
    assert "My dog 🐶 and مرحبا" in saved.answers.values()


def test_leaving_needs_the_passphrase(qtbot: QtBot, ctx: Context) -> None:
    plan_and_note(ctx)
    window = open_mode(qtbot, ctx)
    window.close()  # a close attempt asks for the passphrase instead
    assert window.isVisible() and window.stack.currentWidget() is window.lock_page
    window.passphrase.setText("not it at all")
    window.check_passphrase()
    assert window.isVisible() and not window.unlocked
    assert "not the passphrase" in window.lock_message.text()
    qtbot.waitUntil(window.passphrase.isEnabled)
    leave(qtbot, window)
    assert window.unlocked and not window.isVisible()


def test_leaving_half_way_keeps_what_the_child_said(qtbot: QtBot, ctx: Context) -> None:
    plan_and_note(ctx)
    window = open_mode(qtbot, ctx)
    window.next()
    page = window.current_question()
    assert page is not None
    page.pick("okay")
    window.ask_passphrase()
    leave(qtbot, window)
    with ctx.caseload.session() as s:
        [saved] = s.scalars(select(Consultation)).all()
    assert saved.answers == {"home": "okay"} and saved.completed_by_child


def test_the_alert_buttons_show_their_whole_words_in_a_narrow_window(
    qtbot: QtBot, ctx: Context
) -> None:
    """At 800 pixels wide (a small tablet, or the offscreen screen) the row of alert
    buttons was squeezed and cut the words ("I want to talk to you alo"): each button is at
    least as wide as its words, in the style's type size, beside its icon and padding."""
    from PySide6.QtGui import QFont, QFontMetrics

    from iro_desktop.gui.workflows.child_mode import ALERT_POINTS

    window = open_mode(qtbot, ctx)  # it covers the screen: 800 wide on the offscreen one
    qtbot.waitExposed(window)
    assert window.width() <= 800
    for button in window.alert_buttons.values():
        font = QFont(button.font())
        font.setPointSizeF(ALERT_POINTS)
        words = QFontMetrics(font).horizontalAdvance(button.text())
        assert button.width() >= words + button.iconSize().width() + 2 * 16, button.text()
    leave(qtbot, window)
