"""Child mode for a six-year-old and a fifteen-year-old: a whole run by keyboard, pictures
and drawing (printed in the letter), answers just for the IRO (absent from the letter, the
record and every export), the child's alerts reaching the IRO first, and the summary."""

from __future__ import annotations

import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QPushButton, QScrollArea, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from iro_desktop.documents import api
from iro_desktop.gui.context import Context
from iro_desktop.gui.workflows.child_alerts import ChildAlertsDialog
from iro_desktop.gui.workflows.child_mode import ChildModeWindow
from iro_desktop.gui.workflows.child_mode_pages import DrawingPad, QuestionPage
from iro_desktop.store import search
from iro_desktop.store.due_items import due_items
from iro_desktop.store.ops import children, reviews
from iro_desktop.store.ops.child_mode import record_override
from iro_desktop.store.ops.core import operation
from iro_desktop.store.reads.child_file import load_child
from iro_desktop.store.schema import Child, ChildAlert, Consultation, Review
from tests.gui.workflows.conftest import ACTOR, PASSPHRASE, TODAY, child_id
from tests.gui.workflows.test_child_mode import every_text

PUBLIC = "I like feeding the ducks with Nan"
SECRET = "ZEBRAFISH my secret about the bus"


def plan(ctx: Context, on: int = 0) -> None:
    with operation(ctx.caseload, ACTOR) as op:
        for child in op.session.scalars(select(Child)):
            reviews.plan_review(op, child, today=TODAY, planned_date=TODAY + timedelta(days=on),
                                venue="Home")  # fmt: skip


def hold(ctx: Context) -> None:
    with operation(ctx.caseload, ACTOR) as op:
        wren = op.session.scalar(select(Child).where(Child.child_ref == "W1"))
        review = op.session.scalar(select(Review).where(Review.child_id == wren.id))  # type: ignore[union-attr]
        assert wren is not None and review is not None
        reviews.hold_review(op, review, wren, held_date=TODAY, participation_code="PN1",
                            attendees=["Wren", "IRO"], today=TODAY)  # fmt: skip


def open_mode(qtbot: QtBot, ctx: Context) -> ChildModeWindow:
    window = ChildModeWindow(ctx, child_id(ctx.caseload))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def tab_to(qtbot: QtBot, target: QWidget) -> None:
    """Press Tab until ``target`` has focus: every control is reachable by Tab."""
    for _ in range(80):
        if focused() is target:
            return
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target.accessibleName()}")


def press(qtbot: QtBot, key: Qt.Key = Qt.Key.Key_Space) -> None:
    qtbot.keyClick(focused(), key)


def draw(pad: DrawingPad) -> None:
    """A stroke with the mouse (a finger or pen arrives the same way)."""
    points = [QPointF(40 + 12 * n, 60 + 7 * n) for n in range(20)]
    kinds = [QEvent.Type.MouseButtonPress, *[QEvent.Type.MouseMove] * 18,
             QEvent.Type.MouseButtonRelease]  # fmt: skip
    for kind, point in zip(kinds, points, strict=True):
        held = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else (
            Qt.MouseButton.LeftButton)  # fmt: skip
        event = QMouseEvent(kind, point, pad.mapToGlobal(point), Qt.MouseButton.LeftButton, held,
                            Qt.KeyboardModifier.NoModifier)  # fmt: skip
        QApplication.sendEvent(pad, event)


def page(window: ChildModeWindow, question_id: str) -> QuestionPage:
    return next(p for p in window.pages if p.question.id == question_id)


def saved_form(ctx: Context) -> Consultation:
    with ctx.caseload.session() as s:
        [row] = s.scalars(select(Consultation)).all()
        s.expunge(row)
    return row


def pdf_text(data: bytes, tmp_path: Path, name: str) -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip


def pdf_images(data: bytes, tmp_path: Path, name: str) -> list[tuple[int, int]]:
    path = tmp_path / f"{name}-img.pdf"
    path.write_bytes(data)
    listing = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]  # fmt: skip
    return [(int(line.split()[3]), int(line.split()[4])) for line in listing if line.strip()]


def test_a_whole_run_by_keyboard_only(qtbot: QtBot, ctx: Context) -> None:
    plan(ctx, on=9)
    window = open_mode(qtbot, ctx)
    assert focused() is window.start_button  # never the small "For your IRO: leave" link
    press(qtbot, Qt.Key.Key_Return)
    first = window.current_question()
    assert first is not None and focused() is first.buttons[0]  # focus on the first answer
    press(qtbot)  # Space picks the first face
    for current in window.pages:
        assert window.current_question() is current
        control = current.first_control()
        assert focused() is control
        if current is not first:
            press(qtbot)  # Space: the first face, thumb, choice or picture
        if current.box is not None:
            tab_to(qtbot, current.box)
            qtbot.keyClicks(current.box, "Typed with keys")
        tab_to(qtbot, window.next_button)
        press(qtbot, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.summary_page
    assert focused() is window.save_button
    tab_to(qtbot, window.alert_buttons["talk_alone"])  # on the summary too
    with qtbot.waitSignal(window.alert_saved):
        press(qtbot)
    tab_to(qtbot, window.save_button)
    with qtbot.waitSignal(window.saved):
        press(qtbot, Qt.Key.Key_Enter)
    assert window.stack.currentWidget() is window.done_page
    press(qtbot, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.lock_page and focused() is window.passphrase
    qtbot.keyClicks(window.passphrase, PASSPHRASE)
    with qtbot.waitSignal(window.handback.shown):
        press(qtbot, Qt.Key.Key_Return)
    tab_to(qtbot, window.handback.close_button)
    with qtbot.waitSignal(window.left):
        press(qtbot)
    row = saved_form(ctx)
    assert row.completed_by_child and row.answers["home"] == "great"
    assert row.answers["good"] == "My family. Typed with keys"
    assert row.answers["worried"] == "Feeling lonely. Typed with keys"
    assert row.answers["attend"] == "yes" and row.answers["where"] == "Where I live"


def test_faces_and_pictures_are_bundled_pictures_not_a_font(qtbot: QtBot, ctx: Context) -> None:
    plan(ctx, on=9)
    window = open_mode(qtbot, ctx)
    faces = page(window, "home")
    assert [b.accessibleName() for b in faces.buttons] == ["Great", "Good", "Okay", "Not good",
                                                           "Bad"]  # fmt: skip
    for button in faces.buttons:
        assert not button.icon().isNull() and button.iconSize().width() >= 96
        assert button.width() >= 120 or button.minimumWidth() >= 120  # a large target
        assert not any(ord(ch) > 0x2FFF for ch in button.text())  # no emoji to render as a box
    frames = {b.styleSheet().split("solid ")[1].split(";")[0] for b in faces.buttons}
    assert len(frames) == 5  # each face its own colour
    for button in (*window.alert_buttons.values(), page(window, "worried").draw_button):
        assert button is not None and not button.icon().isNull()
    assert "👍" not in every_text(window) and "😀" not in every_text(window)


def test_a_drawing_is_saved_with_the_answer_and_printed_in_the_letter(
    qtbot: QtBot, ctx: Context, tmp_path: Path
) -> None:
    plan(ctx)
    window = open_mode(qtbot, ctx)
    happy = page(window, "good")  # Wren is 10: "What is going well for you?"
    window.stack.setCurrentWidget(happy)
    assert happy.draw_button is not None and happy.pad is not None
    qtbot.mouseClick(happy.draw_button, Qt.MouseButton.LeftButton)
    assert happy.pad.isVisible()
    draw(happy.pad)
    happy.picture_buttons["pets"].click()
    assert happy.box is not None
    happy.box.setPlainText(PUBLIC)
    window.stack.setCurrentWidget(window.summary_page)
    assert "(a drawing)" in every_text(window.summary_page)
    with qtbot.waitSignal(window.saved):
        window.finish()
    row = saved_form(ctx)
    assert row.answers["good"] == f"Pets. {PUBLIC}" and set(row.drawings) == {"good"}
    hold(ctx)
    letter = api.letter_pdf(ctx.caseload, "W1")
    assert (900, 560) in pdf_images(letter, tmp_path, "letter")
    assert "Your picture" in pdf_text(letter, tmp_path, "letter")


def test_a_private_answer_is_kept_from_the_letter_the_record_and_every_export(
    qtbot: QtBot, ctx: Context, tmp_path: Path
) -> None:
    plan(ctx)
    window = open_mode(qtbot, ctx)
    assert "Just for my IRO" in every_text(window.welcome)  # told in plain words first
    public, private = page(window, "good"), page(window, "worried")
    assert public.box is not None and private.box is not None and private.pad is not None
    public.box.setPlainText(PUBLIC)
    private.box.setPlainText(SECRET)
    private.draw_button.click()  # type: ignore[union-attr]
    draw(private.pad)
    private.private.click()
    with qtbot.waitSignal(window.saved):
        window.finish()
    row = saved_form(ctx)
    assert "worried" not in row.answers and "worried" not in row.drawings
    assert row.private_answers["worried"]["answer"] == SECRET
    hold(ctx)
    letter = api.letter_pdf(ctx.caseload, "W1")
    text = pdf_text(letter, tmp_path, "letter")
    assert PUBLIC in " ".join(text.split()) and "ZEBRAFISH" not in text
    assert (900, 560) not in pdf_images(letter, tmp_path, "letter")
    record = api.record_pdf(ctx.caseload, "W1")
    assert "ZEBRAFISH" not in pdf_text(record, tmp_path, "record")
    with ctx.caseload.session() as s:
        assert search.search(s, "ZEBRAFISH") == []
        assert "ZEBRAFISH" not in repr(load_child(s, child_id(ctx.caseload)))
    from iro_desktop.gui.workflows.consultation_dialog import ConsultationDialog

    dialog = ConsultationDialog(None, ctx, child_id(ctx.caseload), "child_8_12")
    qtbot.addWidget(dialog)
    assert "ZEBRAFISH" not in every_text(dialog) and PUBLIC in every_text(dialog)
    # The IRO's safeguarding override, with a reason, is what brings it into the record.
    with operation(ctx.caseload, ACTOR) as op:
        form = op.session.get(Consultation, row.id)
        assert form is not None
        record_override(op, form, reason="Risk of harm on the bus: referral made", today=TODAY)
    row = saved_form(ctx)
    assert row.answers["worried"] == SECRET and "Risk of harm" in (row.override_reason or "")
    assert row.override_on == TODAY and not row.private_answers
    assert "ZEBRAFISH" in pdf_text(api.letter_pdf(ctx.caseload, "W1"), tmp_path, "after")


def test_each_alert_reaches_the_iro_before_anything_else_and_stays_until_acted_on(
    qtbot: QtBot, ctx: Context
) -> None:
    plan(ctx, on=9)
    window = open_mode(qtbot, ctx)
    cid = child_id(ctx.caseload)
    left: list[bool] = []
    window.left.connect(lambda: left.append(True))
    for kind in ("not_safe", "talk_alone"):
        with qtbot.waitSignal(window.alert_saved):
            window.alert_buttons[kind].click()
    assert "Your IRO will see this" in window.alert_message.text()
    with ctx.caseload.session() as s:
        due = [i for i in due_items(s, TODAY) if i.kind == "child_alert"]
        footprint = load_child(s, cid).footprint
    assert {i.child_id for i in due} == {cid} and len(due) == 2
    assert sum(e.kind == "Child's alert" and "open" in e.title for e in footprint) == 2
    window.ask_passphrase()
    with qtbot.waitSignal(window.handback.shown):
        window.passphrase.setText(PASSPHRASE)
        window.check_passphrase()
    # First: the alerts, in the still-open child mode window, before it closes.
    assert window.isVisible() and not left and window.stack.currentWidget() is window.handback
    rows = window.handback.view.rows
    assert [r.line.kind for r in rows] == ["not_safe", "talk_alone"]
    assert "asked for you" in window.handback.view.heading.text()
    assert window.handback.note.isVisible() and "stays on Home" in window.handback.note.text()
    rows[0].action.setPlainText("Spoke with Wren alone; safeguarding referral made today.")
    rows[0].record.click()
    rows[1].record.click()  # nothing written: refused beside it, the alert stays open
    assert "required" in rows[1].message.text()
    with qtbot.waitSignal(window.left):
        window.handback.close_button.click()
    with ctx.caseload.session() as s:
        still = [i for i in due_items(s, TODAY) if i.kind == "child_alert"]
        alerts = s.scalars(select(ChildAlert)).all()
        footprint = load_child(s, cid).footprint
    assert len(still) == 1 and "talk to you alone" in still[0].detail
    assert sorted(a.acted_on is not None for a in alerts) == [False, True]
    assert any("acted on" in e.title and "referral" in e.detail for e in footprint)
    later = ChildAlertsDialog(None, ctx, cid)  # the Review cycle tab, another day
    qtbot.addWidget(later)
    [row] = later.view.rows
    row.action.setPlainText("Met Wren alone at school.")
    row.record.click()
    with ctx.caseload.session() as s:
        assert not [i for i in due_items(s, TODAY) if i.kind == "child_alert"]


def test_the_summary_can_be_changed_and_printed(qtbot: QtBot, ctx: Context, tmp_path: Path) -> None:
    plan(ctx, on=9)
    window = open_mode(qtbot, ctx)
    home = page(window, "home")
    home.pick("great")
    window.stack.setCurrentWidget(window.summary_page)
    assert "Great" in every_text(window.summary_page)
    window.change_buttons[0].click()
    assert window.current_question() is home
    home.buttons[-1].click()
    window.stack.setCurrentWidget(window.summary_page)
    text = every_text(window.summary_page)
    assert "Bad" in text and "Great" not in text
    preview = window.print_answers()
    assert preview is not None
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: bool(preview.pdf))  # type: ignore[attr-defined]
    printed = pdf_text(preview.pdf, tmp_path, "mine")  # type: ignore[attr-defined]
    assert "What Wrennie said" in printed and "Bad" in printed
    assert "Elmstead" not in printed
    with qtbot.waitSignal(window.saved):
        window.save_button.click()
    assert saved_form(ctx).answers == {"home": "bad"}


def test_works_at_1366_by_768_with_large_targets(qtbot: QtBot, ctx: Context) -> None:
    """In the program's own look (tests/gui/conftest.py), with the pictures showing and with
    the drawing pad open, for each age band."""
    with operation(ctx.caseload, ACTOR) as op:  # and a child of 6, whose words are biggest
        children.add_child(op, child_ref="Y1", first_name="Yarrow", last_name="Elmstead",
                           date_of_birth=TODAY - timedelta(days=6 * 366),
                           became_looked_after=TODAY - timedelta(days=400),
                           today=TODAY)  # fmt: skip
    plan(ctx, on=9)
    for ref in ("Y1", "W1", "E1"):  # 4 to 7, 8 to 12, 13 and over: each its own look
        window = ChildModeWindow(ctx, child_id(ctx.caseload, ref))
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        assert window.data is not None
        shown = [(page, False) for page in window.pages]  # pictures to tap, pad closed
        shown += [(page, True) for page in window.pages if page.draw_button is not None]
        for current, drawing in shown:
            window.stack.setCurrentWidget(current)
            if current.draw_button is not None:
                current.draw_button.setChecked(drawing)  # the drawing pad open, or not
            QApplication.processEvents()
            assert window.minimumSizeHint().height() <= 768 and window.height() <= 768
            area = current.findChild(QScrollArea)
            assert area is not None  # the page fits its part of the screen: nothing to scroll
            where = (window.data.form.id, current.question.id, drawing)
            assert area.widget().height() <= area.viewport().height(), where
            for button in current.findChildren(QPushButton):
                if button.isVisible():
                    assert button.height() >= 44, button.accessibleName()
                    corner = button.mapTo(window, QPoint(button.width(), button.height()))
                    assert corner.x() <= 1366 and corner.y() <= 768, button.accessibleName()
        window.close()


def test_each_age_band_has_its_own_look_and_questions(qtbot: QtBot, ctx: Context) -> None:
    plan(ctx, on=9)
    looks = {}
    for ref in ("W1", "E1"):  # Wren is 10, Ezra 14
        window = ChildModeWindow(ctx, child_id(ctx.caseload, ref))
        qtbot.addWidget(window)
        assert window.data is not None
        title = window.pages[0].findChild(QWidget, "question")
        looks[window.data.form.id] = (window.styleSheet(), title)
    assert set(looks) == {"child_8_12", "child_13_plus"}
    assert "#e6f4ff" in looks["child_8_12"][0] and "#f3f1f7" in looks["child_13_plus"][0]
    sizes = {form: label.font().pointSize() for form, (_s, label) in looks.items()}  # type: ignore[union-attr]
    assert sizes["child_8_12"] > sizes["child_13_plus"]


def test_the_feedback_postcard_is_given_in_child_mode_the_same_way(
    qtbot: QtBot, ctx: Context
) -> None:
    from iro_desktop.store.schema import ReviewFeedback

    plan(ctx)
    hold(ctx)  # the review Wren can now send a postcard about
    with operation(ctx.caseload, ACTOR) as op:
        wren = op.session.scalar(select(Child).where(Child.child_ref == "W1"))
        assert wren is not None
        reviews.plan_review(op, wren, today=TODAY, planned_date=TODAY + timedelta(days=60),
                            venue="Home")  # fmt: skip
    window = open_mode(qtbot, ctx)
    cards = [p for p in window.pages if p.postcard]
    assert [p.question.id for p in cards] == ["rating", "venue_as_wanted", "date_time_as_wanted",
                                              "asked_who_should_come", "comments"]  # fmt: skip
    assert not cards[0].buttons[0].icon().isNull()  # the same large faces
    assert not cards[0].private.isVisibleTo(window)
    window.pages[0].pick("good")
    cards[0].pick("great")
    cards[1].pick("yes")
    cards[2].pick("no")
    assert cards[4].box is not None
    cards[4].box.setPlainText("It was too long")
    window.stack.setCurrentWidget(window.summary_page)
    assert "How did your last review go?" in every_text(window.summary_page)
    with qtbot.waitSignal(window.saved):
        window.finish()
    with ctx.caseload.session() as s:
        [card] = s.scalars(select(ReviewFeedback)).all()
        [form] = s.scalars(select(Consultation)).all()
        assert card.rating == "excellent" and card.venue_as_wanted is True
        assert card.date_time_as_wanted is False and card.asked_who_should_come is None
        assert card.comments == "It was too long"
        assert form.answers == {"home": "good"}  # the postcard is not part of the form


def speaks(ctx: Context, code: str) -> None:
    with operation(ctx.caseload, ACTOR) as op:
        wren = op.session.scalar(select(Child).where(Child.child_ref == "W1"))
        assert wren is not None
        wren.language_code = code
        op.save(wren)


def test_arabic_reads_right_to_left_and_saves_the_same_answers(qtbot: QtBot, ctx: Context) -> None:
    plan(ctx, on=9)
    speaks(ctx, "ar")
    window = open_mode(qtbot, ctx)
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    for iros in (window.lock_page, window.handback):  # the IRO's pages read left to right
        assert iros.layoutDirection() == Qt.LayoutDirection.LeftToRight
    text = every_text(window)
    assert "أهلًا يا Wrennie!" in text and "ما شعورك تجاه المكان الذي تعيش فيه؟" in text
    assert "لا أشعر بالأمان" in window.alert_buttons["not_safe"].text()
    assert "not yet been checked by a qualified translator" in window.iro_note.text()
    window.next()
    home = window.current_question()
    assert home is not None
    back, forward = window.back_button, window.next_button
    assert back.mapTo(window, QPoint(0, 0)).x() > forward.mapTo(window, QPoint(0, 0)).x()
    faces = home.buttons
    assert faces[0].mapTo(window, QPoint(0, 0)).x() > faces[-1].mapTo(window, QPoint(0, 0)).x()
    assert faces[0].text() == "رائع"
    home.pick("great")
    good = page(window, "good")
    good.picture_buttons["family"].click()
    where = page(window, "where")
    assert where.buttons[0].text() == "حيث أعيش"
    where.buttons[0].click()
    window.stack.setCurrentWidget(window.summary_page)
    assert "عائلتي" in every_text(window.summary_page)
    with qtbot.waitSignal(window.saved):
        window.finish()
    assert saved_form(ctx).answers == {"home": "great", "good": "My family",
                                       "where": "Where I live"}  # fmt: skip


def test_a_language_without_child_mode_words_is_told_to_the_iro_first(
    qtbot: QtBot, ctx: Context
) -> None:
    plan(ctx, on=9)
    speaks(ctx, "de")  # not a letter language: no child-mode words
    window = open_mode(qtbot, ctx)
    assert window.stack.currentWidget() is window.welcome
    assert window.iro_note.isVisible() and "no words in de yet" in window.iro_note.text()
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight


FAKE_ESPEAK = """#!/bin/sh
case "$1" in
  --voices=*) echo "Pty Language Age/Gender VoiceName File Other Languages"
              [ "${1#--voices=}" = en-gb ] && echo " 2  en-gb  --/M  English  gmw/en"
              [ "${1#--voices=}" = ar ] && echo " 1  ar  --/M  arabic-mbrola-1  mb/mb-ar1"
              exit 0 ;;
  *) printf '%s\\n' "$@" >> "$SAID_LOG" ;;
esac
"""


def fake_espeak(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An espeak-ng that has an English voice only (its Arabic one needs MBROLA's data) and
    writes down what it was asked to say."""
    folder = tmp_path / "bin"
    folder.mkdir()
    program = folder / "espeak-ng"
    program.write_text(FAKE_ESPEAK)
    program.chmod(0o755)
    log = tmp_path / "said.txt"
    monkeypatch.setenv("PATH", f"{folder}:/usr/bin:/bin")
    monkeypatch.setenv("SAID_LOG", str(log))
    return log


def test_read_aloud_says_the_question_and_its_answers_offline(
    qtbot: QtBot, ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = fake_espeak(tmp_path, monkeypatch)
    plan(ctx, on=9)
    window = open_mode(qtbot, ctx)
    assert window.speaker is not None and window.welcome_read.isVisible()
    assert not window.iro_note.isVisible()
    window.next()
    home = window.current_question()
    assert home is not None and home.read_button.isVisible()
    home.read_button.click()
    qtbot.waitUntil(lambda: log.exists() and "Not good" in log.read_text())
    said = log.read_text().splitlines()
    assert said[:4] == ["-v", "en-gb", "-s", "140"]
    assert "How do you feel about where you live?. Great. Good. Okay. Not good. Bad" in said
    process = window.speaker.process
    assert process is not None
    qtbot.waitUntil(lambda: process.state() == process.ProcessState.NotRunning)


def test_a_language_with_no_voice_is_told_to_the_iro_before_the_child_starts(
    qtbot: QtBot, ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_espeak(tmp_path, monkeypatch)
    plan(ctx, on=9)
    speaks(ctx, "ar")
    window = open_mode(qtbot, ctx)
    assert window.stack.currentWidget() is window.welcome
    assert "There is no Arabic voice on this laptop" in window.iro_note.text()
    assert window.speaker is None and not window.welcome_read.isVisible()
    assert not any(p.read_button.isVisibleTo(window) for p in window.pages)


def test_without_a_speech_engine_the_iro_is_told(
    qtbot: QtBot, ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    plan(ctx, on=9)
    window = open_mode(qtbot, ctx)
    assert "no speech engine" in window.iro_note.text() and window.speaker is None


def test_a_long_answer_in_arabic_with_emoji_is_kept_to_the_last_character(
    qtbot: QtBot, ctx: Context
) -> None:
    """The answer box shows three lines at most and scrolls. An answer over the limit gets a
    message naming the question in the child's words and stays in the box, and once
    shortened it is saved to the last character, Arabic and emoji included."""
    plan(ctx, on=9)
    window = open_mode(qtbot, ctx)
    good = page(window, "good")
    assert good.box is not None
    window.stack.setCurrentWidget(good)
    sentence = "أحب كرة القدم 😀 مع أصدقائي. Football with my cousin on Saturdays 🙂. "
    words = (sentence * 400).strip() + " last words qz7"  # about 27,000 characters
    good.box.setPlainText(words)
    QApplication.processEvents()
    assert good.box.verticalScrollBar().maximum() > 0  # more than the box shows
    window.stack.setCurrentWidget(window.summary_page)
    window.save_button.click()  # the inline runner: written, or refused, by the time it returns
    said = window.summary_message.text()
    assert "the answer to “What is going well for you at the moment?” is too long" in said
    assert "27," in said and "the most is 5,000" in said and "good:" not in said
    assert good.box.toPlainText() == words  # nothing lost: still there to shorten
    with ctx.caseload.session() as s:
        assert s.scalars(select(Consultation)).all() == []
    shorter = words[:4_990] + " qz7"
    good.box.setPlainText(shorter)
    with qtbot.waitSignal(window.saved):
        window.save_button.click()
    assert saved_form(ctx).answers["good"] == shorter
