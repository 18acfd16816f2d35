"""The letter editor on a real encrypted caseload: the check as the IRO types, and saving."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage, QTextCharFormat
from sqlalchemy import func, select

from iro_desktop.gui.context import Context
from iro_desktop.gui.letters.editor import LetterEditor
from iro_desktop.gui.letters.jargon_field import LetterField
from iro_desktop.gui.letters.picture import PRINT_SIDE
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.schema import Letter

ARABIC = "أنت شجاع جدا"


def open_editor(qtbot, ctx: Context, child_id: str) -> LetterEditor:  # type: ignore[no-untyped-def]
    editor = LetterEditor(None, ctx, child_id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: editor.draft is not None and editor.isEnabled())
    return editor


def type_into(qtbot, editor: LetterEditor, field: LetterField, text: str):  # type: ignore[no-untyped-def]
    """Put ``text`` in a box and wait for the check that follows the typing."""
    with qtbot.waitSignal(editor.checked, timeout=10_000) as blocker:
        field.setPlainText(text)
    return blocker.args[0]


def letters_saved(store: Caseload) -> list[Letter]:
    with store.session() as s:
        return list(s.scalars(select(Letter)))


def underlined(field: LetterField) -> list[tuple[int, int]]:
    block = field.document().firstBlock()
    wave = QTextCharFormat.UnderlineStyle.WaveUnderline
    return [(r.start, r.length) for r in block.layout().formats()
            if r.format.underlineStyle() == wave]  # fmt: skip


def test_it_opens_on_the_latest_held_review_with_its_text(
    qtbot, ctx: Context, child_id: str
) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, ctx, child_id)
    assert editor.draft is not None and editor.draft.letter_id is None
    assert editor.review.currentData() == editor.draft.review_id
    assert editor.form.fields["working_well"].text() == editor.draft.content.working_well
    assert len(editor.form.rows) == len(editor.draft.content.decisions) >= 2
    assert editor.title.text() == f"Letter to {editor.draft.content.name}"


def test_jargon_is_underlined_and_one_click_uses_the_suggestion(
    qtbot, ctx: Context, child_id: str
) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, ctx, child_id)
    field = editor.form.fields["worried_about"]
    check = type_into(qtbot, editor, field, "Your PEP is late.")
    assert [f.term for f in check.jargon["worried_about"]] == ["PEP"]
    assert (5, 3) in underlined(field)
    [button] = [b for b in editor.panel.fix_buttons if "instead of PEP" in b.accessibleName()]
    assert button.text() == "Use “school plan”"
    with qtbot.waitSignal(editor.checked, timeout=10_000) as after:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert field.text() == "Your school plan is late."
    assert after.args[0].jargon["worried_about"] == []
    assert underlined(field) == []
    field.undo()  # one undo step brings the IRO's own word back
    assert field.text() == "Your PEP is late."


def test_the_keyboard_can_fix_jargon_under_the_cursor(qtbot, ctx: Context, child_id: str) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, ctx, child_id)
    field = editor.form.fields["needs_to_happen"]
    type_into(qtbot, editor, field, "The LA will phone.")
    cursor = field.textCursor()
    cursor.setPosition(5)
    field.setTextCursor(cursor)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
    assert field.text() == "The the council will phone."  # the glossary's straight swap


def test_the_reading_ease_label_follows_the_text(qtbot, ctx: Context, child_id: str) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, ctx, child_id)
    for key, field in editor.form.check_fields().items():
        if key != "working_well":
            field.setPlainText("")
    easy = type_into(qtbot, editor, editor.form.fields["working_well"],
                     "You are kind. You like your dog. You feel safe.")  # fmt: skip
    assert easy.reading.meets_target
    assert "meets the target of 75" in editor.panel.reading.text()
    jargon = (
        "Multidisciplinary safeguarding considerations necessitate comprehensive "
        "interagency communication regarding educational developmental outcomes."
    )
    hard = type_into(qtbot, editor, editor.form.fields["working_well"], jargon)
    assert not hard.reading.meets_target
    assert "is below the target of 75" in editor.panel.reading.text()


def test_emoji_the_font_cannot_print_are_flagged(qtbot, ctx: Context, child_id: str) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, ctx, child_id)
    check = type_into(qtbot, editor, editor.form.fields["child_words"], "I am happy 😀 here")
    assert "😀" in check.unprintable
    assert editor.panel.missing.isVisible() and "😀" in editor.panel.missing.text()
    assert (11, 2) in underlined(editor.form.fields["child_words"])  # two UTF-16 units


def test_right_to_left_text_runs_right_to_left(qtbot, ctx: Context, child_id: str) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, ctx, child_id)
    field = editor.form.fields["child_words"]
    field.setPlainText(ARABIC)
    assert field.document().firstBlock().textDirection() == Qt.LayoutDirection.RightToLeft
    cursor = field.textCursor()
    cursor.setPosition(0)
    field.setTextCursor(cursor)
    assert field.cursorRect().x() > field.viewport().width() / 2  # starts at the right edge
    field.setPlainText("Hello")
    assert field.document().firstBlock().textDirection() == Qt.LayoutDirection.LeftToRight


def test_saving_keeps_emoji_rtl_text_and_choices(
    qtbot, ctx: Context, store: Caseload, child_id: str
) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, ctx, child_id)
    editor.form.fields["working_well"].setPlainText("You smiled a lot 😀")
    editor.form.fields["child_words"].setPlainText(ARABIC)
    editor.form.rows[0].what.setPlainText("Your social worker will ring you")
    editor.language.setCurrentIndex(editor.language.findData("ar"))
    editor.dyslexia.setChecked(True)
    assert editor.panel.translator.isVisible()
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        editor.save_button.click()
    [letter] = letters_saved(store)
    assert letter.review_id == editor.draft.review_id and letter.language == "ar"  # type: ignore[union-attr]
    assert letter.content["working_well"] == "You smiled a lot 😀"
    assert letter.content["child_words"] == ARABIC and letter.content["dyslexia_font"] is True
    assert letter.content["decisions"][0]["what"] == "Your social worker will ring you"
    assert not editor.dirty and "Saved" in editor.message.text()
    reopened = open_editor(qtbot, ctx, child_id)  # a saved letter wins over the review's text
    assert reopened.form.fields["child_words"].text() == ARABIC
    assert reopened.language.currentData() == "ar" and reopened.dyslexia.isChecked()


def test_huge_text_is_refused_and_nothing_is_written(
    qtbot, ctx: Context, store: Caseload, child_id: str
) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, ctx, child_id)
    editor.form.fields["worried_about"].setPlainText("word " * 4000)
    with qtbot.waitSignal(editor.failed, timeout=10_000):
        editor.save_button.click()
    assert letters_saved(store) == []
    assert (
        "too long" in editor.message.text() and "What we are worried about" in editor.message.text()
    )
    assert "too long" in editor.form.error_text("worried_about")
    assert editor.save_button.isEnabled()


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (
            lambda p: p.write_bytes(b"MZ\x90\x00 this is a program, not a picture" * 50),
            "not a picture",
        ),
        (lambda p: os.truncate(p.touch() or p, 40 * 1024 * 1024), "too big a file"),
    ],
)
def test_an_absurd_picture_file_is_refused(
    qtbot, ctx: Context, store: Caseload, child_id: str, tmp_path: Path, make, words: str
) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, ctx, child_id)
    path = tmp_path / "drawing.png"
    make(path)
    with qtbot.waitSignal(editor.failed, timeout=10_000):
        editor.add_picture(str(path))
    assert words in editor.message.text()
    assert editor.form.picture is None and letters_saved(store) == []


def test_a_big_photo_is_scaled_down_and_saved(
    qtbot, ctx: Context, store: Caseload, child_id: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    image = QImage(3200, 2400, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    path = tmp_path / "photo.jpg"
    assert image.save(str(path))
    editor = open_editor(qtbot, ctx, child_id)
    editor.add_picture(str(path))
    qtbot.waitUntil(lambda: editor.form.picture is not None, timeout=10_000)
    kept = QImage.fromData(editor.form.picture)
    assert (kept.width(), kept.height()) == (PRINT_SIDE, 1200)
    assert editor.form.remove.isEnabled() and editor.form.thumb.pixmap() is not None
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        editor.save()
    [letter] = letters_saved(store)
    assert letter.content["picture"]
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Letter)) == 1


def test_the_context_menu_point_finds_the_jargon(qtbot, ctx: Context, child_id: str) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, ctx, child_id)
    field = editor.form.fields["working_well"]
    type_into(qtbot, editor, field, "Your placement is good.")
    cursor = field.textCursor()
    cursor.setPosition(7)
    rect = field.cursorRect(cursor)
    point = field.viewport().mapTo(field, QPoint(rect.x() + 2, rect.center().y()))
    flag = field._flag_under(point)
    assert flag is not None and flag.term == "placement"
    assert field._flag_under(field.viewport().mapTo(field, QPoint(2, rect.center().y()))) is None


def test_the_editor_opens_no_bigger_than_the_screen_leaves(
    qtbot, ctx: Context, child_id: str
) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, ctx, child_id)
    available = editor.screen().availableGeometry()
    assert editor.width() <= available.width()
    assert editor.height() <= available.height() - 40
