"""Nothing a child says in child mode is lost to a lock or a crash.

On a copy of the real encrypted demo caseload, in the real main window: a child answers three
questions (a face, a drawing with words, one kept "just for my IRO") and presses "I don't
feel safe"; Ctrl+L locks; the answers are found only inside the encrypted file (no temp
file, nothing queued for sync) and the alert is already a saved record; unlocking brings
child mode straight back at the same question with every answer, without the caseload ever
being shown, and saving removes the draft. After a crash the next start offers the answers
by the child's name. The idle lock, tripping while a child is mid-answer, locks the same way.
"""

from __future__ import annotations

import base64
import tempfile
import time
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent, QPointingDevice, QTabletEvent
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from sqlalchemy import select

from iro_desktop.cli.demo_cmd import DEMO_PASSPHRASE
from iro_desktop.gui.workflows import open_child_mode
from iro_desktop.gui.workflows.child_mode import ChildModeWindow
from iro_desktop.gui.workflows.child_mode_pages import DrawingPad, QuestionPage
from iro_desktop.store import drafts
from iro_desktop.store.caseload import open_caseload
from iro_desktop.store.schema import MODELS_BY_TABLE, Child, ChildAlert, Consultation, OutboxEntry
from tests.gui.conftest import _OPEN, make_window
from tests.gui.test_drafts import files_holding
from tests.helpers import with_a_planned_review

WORDS = "Riding my bike to the harbour qx5rv"  # markers no file has
SECRET = "PELICAN my secret about the bus wq3zt"


def unlock(window: Any, qtbot: Any) -> None:
    with qtbot.waitSignal(window.unlocked, timeout=30_000):
        window.try_unlock(DEMO_PASSPHRASE)


def child_of_8_to_12(window: Any) -> Any:
    """One with a review planned: child mode is for the review to come."""
    booked = with_a_planned_review(window.ctx.caseload)
    rows = window.workspace.caseload.model.rows
    return next(r for r in rows if 8 <= r.age <= 12 and r.child_id in booked)


def called(window: Any, child_id: str) -> str:
    """The name the IRO and child mode use for the child: their preferred or first name."""
    with window.ctx.caseload.session() as s:
        child = s.get(Child, child_id)
        assert child is not None
        return str(child.preferred_name or child.first_name)


def start(window: Any, qtbot: Any, child_id: str) -> ChildModeWindow:
    mode = open_child_mode(window, window.ctx, child_id)
    assert isinstance(mode, ChildModeWindow)
    qtbot.waitUntil(lambda: mode.restored, timeout=10_000)
    return mode


def covers_screen(mode: ChildModeWindow) -> bool:
    """The whole screen, whether or not a window manager honours "full screen"."""
    screen = mode.screen()
    return screen is not None and mode.geometry().contains(screen.geometry())


def page(mode: ChildModeWindow, question_id: str) -> QuestionPage:
    return next(p for p in mode.pages if p.question.id == question_id)


def draw(pad: DrawingPad) -> None:
    points = [QPointF(60 + 14 * n, 40 + 9 * n) for n in range(16)]
    kinds = [QEvent.Type.MouseButtonPress, *[QEvent.Type.MouseMove] * 14,
             QEvent.Type.MouseButtonRelease]  # fmt: skip
    for kind, point in zip(kinds, points, strict=True):
        held = (Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease
                else Qt.MouseButton.LeftButton)  # fmt: skip
        QApplication.sendEvent(pad, QMouseEvent(kind, point, pad.mapToGlobal(point),
                                                Qt.MouseButton.LeftButton, held,
                                                Qt.KeyboardModifier.NoModifier))  # fmt: skip


def answer_three(qtbot: Any, mode: ChildModeWindow) -> QImage:
    """A face, words and a drawing, and a secret kept just for the IRO; the child is left
    on the third question. Returns the drawing as it was drawn."""
    mode.start_button.click()
    home = mode.current_question()
    assert home is not None and home.question.id == "home"
    home.buttons[1].click()  # "Good"
    mode.next_button.click()
    mode.next_button.click()  # past "school", not answered
    good = mode.current_question()
    assert good is not None and good.question.id == "good"
    assert good.box is not None and good.draw_button is not None and good.pad is not None
    qtbot.keyClicks(good.box, WORDS)
    good.picture_buttons["pets"].click()
    good.draw_button.click()
    draw(good.pad)
    mode.next_button.click()
    worried = mode.current_question()
    assert worried is not None and worried.question.id == "worried" and worried.box is not None
    qtbot.keyClicks(worried.box, SECRET)
    worried.private.click()
    return good.pad.image.copy()


def kept_draft(folder: Path, child_id: str) -> tuple[drafts.Draft | None, list[str], int, str]:
    """What the caseload file holds, opened afresh: the draft, the Unfinished lines' keys,
    the child's alerts and everything queued for sync, as text."""
    caseload = open_caseload(folder, passphrase=DEMO_PASSPHRASE)
    try:
        found = drafts.load_draft(caseload, drafts.child_mode_key(child_id))
        listed = [u.draft.key for u in drafts.unfinished_forms(caseload)]
        with caseload.session() as s:
            alerts = len(s.scalars(select(ChildAlert).where(ChildAlert.child_id == child_id))
                         .all())  # fmt: skip
            outbox = " ".join(str(v) for e in s.scalars(select(OutboxEntry))
                              for v in vars(e).values())  # fmt: skip
    finally:
        caseload.close()
    return found, listed, alerts, outbox


def check_all_back(mode: ChildModeWindow, drawn: QImage) -> None:
    """The same question, and every answer as the child gave it."""
    current = mode.current_question()
    assert current is not None and current.question.id == "worried"
    assert page(mode, "home").choice == "good"
    good = page(mode, "good")
    assert good.box is not None and good.box.toPlainText() == WORDS
    assert good.picture_buttons["pets"].isChecked()
    assert good.pad is not None and good.pad.drawn and good.pad.image == drawn
    assert good.draw_button is not None and good.draw_button.isChecked()
    worried = page(mode, "worried")
    assert worried.box is not None and worried.box.toPlainText() == SECRET
    assert worried.is_private() and not good.is_private()
    assert mode.alert_buttons["not_safe"].isChecked()


def save_and_leave(qtbot: Any, mode: ChildModeWindow) -> Consultation:
    mode.stack.setCurrentWidget(mode.summary_page)
    with qtbot.waitSignal(mode.saved, timeout=10_000) as saved:
        mode.save_button.click()
    mode.ask_passphrase()
    with qtbot.waitSignal(mode.handback.shown, timeout=10_000):
        mode.passphrase.setText(DEMO_PASSPHRASE)
        mode.check_passphrase()
    with qtbot.waitSignal(mode.left):
        mode.handback.close_button.click()
    row = saved.args[0]
    assert isinstance(row, Consultation)
    return row


def check_saved(window: Any, child_id: str, row_id: str, drawn: QImage) -> None:
    with window.ctx.caseload.session() as s:
        row = s.get(Consultation, row_id)
        assert row is not None and row.completed_by_child
        assert row.answers["home"] == "good" and row.answers["good"] == f"Pets. {WORDS}"
        assert "worried" not in row.answers and row.private_answers["worried"]["answer"] == SECRET
        png = base64.b64decode(row.drawings["good"])
        assert QImage.fromData(png) == drawn.convertToFormat(QImage.Format.Format_RGB32)
        alerts = s.scalars(select(ChildAlert).where(ChildAlert.child_id == child_id)).all()
        assert [a.kind for a in alerts] == ["not_safe"]  # tried again after the lock: once
    assert drafts.load_draft(window.ctx.caseload, drafts.child_mode_key(child_id)) is None


def test_a_lock_mid_answer_loses_nothing_and_child_mode_comes_back(
    demo_folder: Path, qtbot: Any
) -> None:
    started = time.time() - 1
    window = make_window(demo_folder, qtbot)
    unlock(window, qtbot)
    child = child_of_8_to_12(window)
    mode = start(window, qtbot, child.child_id)
    privacy = mode.findChild(QLabel, "privacy")
    assert isinstance(privacy, QLabel)
    told = " ".join(privacy.text().split())
    assert "it will not go in the letter" in told and "and for a new IRO if you get one" in told
    with qtbot.waitSignal(mode.alert_saved):
        mode.alert_buttons["not_safe"].click()
    drawn = answer_three(qtbot, mode)
    assert mode.autosave.isActive()  # just typed: not yet kept by the timer

    worried = page(mode, "worried")
    assert worried.box is not None
    qtbot.keyClick(worried.box, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # Ctrl+L
    assert window.is_locked() and window.stack.currentWidget() is window.unlock_screen
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(mode)  # gone, not hidden: its labels named the child
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [window]

    found, listed, alerts, outbox = kept_draft(demo_folder, child.child_id)
    assert found is not None and found.values["at"] == "worried"
    assert found.values["pages"]["worried"]["typed"] == SECRET
    assert found.values["pages"]["good"]["drawing"]  # the drawing is in the draft
    assert listed == [drafts.child_mode_key(child.child_id)]
    assert alerts == 1  # saved the moment it was pressed, not only drafted
    assert WORDS not in outbox and SECRET not in outbox  # a draft is never synced
    assert "drafts" not in MODELS_BY_TABLE
    roots = [demo_folder, Path(tempfile.gettempdir())]
    for marker in (WORDS, SECRET):
        assert files_holding(marker.encode(), roots, started) == []  # only inside encryption

    drawn_under: list[tuple[bool, bool]] = []  # (from the start view, child mode over it)
    window.caseload_drawn.connect(lambda live: drawn_under.append(
        (not live, window.child_mode is not None and window.child_mode.isVisible())))  # fmt: skip
    unlock(window, qtbot)
    back = window.child_mode
    assert isinstance(back, ChildModeWindow) and back.isVisible() and covers_screen(back)
    qtbot.waitUntil(lambda: bool(drawn_under))
    # No start view drawn, and child mode was up before the caseload was: never seen.
    assert set(drawn_under) == {(False, True)}
    qtbot.waitUntil(lambda: back.restored, timeout=10_000)
    check_all_back(back, drawn)
    assert window.unfinished is None  # the prompt names children: not over child mode
    row = save_and_leave(qtbot, back)
    check_saved(window, child.child_id, row.id, drawn)


def crash(window: Any) -> None:
    """The process dies: no lock, no draft written at the end, the file simply closed."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ChildModeWindow):
            widget.leaving = True
            widget.autosave.stop()
            widget.close()
            widget.deleteLater()
    ctx, window.ctx = window.ctx, None
    ctx.alive = False
    ctx.caseload.close()
    window._drop_workspace()
    window.hide()
    _OPEN.remove(window)
    window.deleteLater()


def test_after_a_crash_the_next_start_offers_the_childs_answers(
    demo_folder: Path, qtbot: Any
) -> None:
    window = make_window(demo_folder, qtbot)
    unlock(window, qtbot)
    child = child_of_8_to_12(window)
    name = called(window, child.child_id)
    mode = start(window, qtbot, child.child_id)
    with qtbot.waitSignal(mode.alert_saved):
        mode.alert_buttons["not_safe"].click()
    drawn = answer_three(qtbot, mode)
    key = drafts.child_mode_key(child.child_id)
    caseload = window.ctx.caseload

    def kept() -> bool:  # by the autosave, a moment after the last answer
        found = drafts.load_draft(caseload, key)
        return found is not None and found.values["pages"]["worried"]["private"]

    qtbot.waitUntil(kept, timeout=10_000)
    crash(window)

    again = make_window(demo_folder, qtbot)
    unlock(again, qtbot)
    qtbot.waitUntil(lambda: again.unfinished is not None and again.unfinished.isVisible())
    prompt = again.unfinished
    label, carry, _discard = prompt.rows[key]
    assert label.text().startswith(f"{name}'s answers in child mode are not saved yet")
    with qtbot.waitSignal(prompt.reopened) as opened:
        carry.click()
    back = opened.args[0]
    assert isinstance(back, ChildModeWindow) and covers_screen(back)
    qtbot.waitUntil(lambda: back.restored, timeout=10_000)
    check_all_back(back, drawn)
    row = save_and_leave(qtbot, back)
    check_saved(again, child.child_id, row.id, drawn)


def test_the_idle_lock_trips_mid_answer_the_same_way(demo_folder: Path, qtbot: Any) -> None:
    window = make_window(demo_folder, qtbot)
    unlock(window, qtbot)
    child = child_of_8_to_12(window)
    name = called(window, child.child_id)
    mode = start(window, qtbot, child.child_id)
    mode.start_button.click()
    mode.next_button.click()
    mode.next_button.click()
    good = mode.current_question()
    assert good is not None and good.pad is not None and good.draw_button is not None
    good.draw_button.click()
    # A pen on the drawing pad is use, as a key or the mouse is: the countdown starts again.
    window.idle.set_interval_ms(6000)
    window.idle.start()
    qtbot.waitUntil(lambda: 0 < window.idle.timer.remainingTime() < 4500)
    point = QPointF(30, 30)
    pen = QTabletEvent(QEvent.Type.TabletPress, QPointingDevice.primaryPointingDevice(), point,
                       good.pad.mapToGlobal(point), 0.5, 0.0, 0.0, 0.0, 0.0, 0.0,
                       Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton,
                       Qt.MouseButton.LeftButton)  # fmt: skip
    QApplication.sendEvent(good.pad, pen)
    assert window.idle.timer.remainingTime() > 5000
    assert good.box is not None
    qtbot.keyClicks(good.box, WORDS)  # mid-answer, then the child stops

    window.idle.set_interval_ms(300)
    with qtbot.waitSignal(window.locked, timeout=5_000):
        window.idle.start()
    assert window.is_locked() and window.stack.currentWidget() is window.unlock_screen
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(mode)
    visible = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert visible == [window]  # only the unlock screen: nothing of the IRO's or the child's
    names = " ".join(w.text() for w in window.findChildren(QWidget) if hasattr(w, "text")
                     and isinstance(w.text(), str))  # fmt: skip
    assert name not in names
    found, _listed, _alerts, _outbox = kept_draft(demo_folder, child.child_id)
    assert found is not None and found.values["pages"]["good"]["typed"] == WORDS
    unlock(window, qtbot)
    back = window.child_mode
    assert isinstance(back, ChildModeWindow)
    qtbot.waitUntil(lambda: back.restored, timeout=10_000)
    again = back.current_question()
    assert again is not None and again.question.id == "good"
    assert again.box is not None and again.box.toPlainText() == WORDS
