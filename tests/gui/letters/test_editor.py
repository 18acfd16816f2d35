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
    qtbot.waitUntil(lambda: editor.letter is not None and editor.isEnabled())
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
    assert editor.letter is not None and editor.letter.letter_id is None
    assert editor.review.currentData() == editor.letter.review_id
    assert editor.form.fields["working_well"].text() == editor.letter.content.working_well
    assert len(editor.form.rows) == len(editor.letter.content.decisions) >= 2
    assert editor.title.text() == f"Letter to {editor.letter.content.name}"


def test_jargon_is_underlined_and_one_click_uses_the_suggestion(
    qtbot, ctx: Context, child_id: str
) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, ctx, child_id)
    field = editor.form.fields["worried_about"]
    check = type_into(qtbot, editor, field, "Your PEP is late.")
    assert [f.term for f in check.jargon["worried_about"]] == ["PEP"]
    assert (5, 3) in underlined(field)
    [button] = [b for b in editor.panel.fix_buttons if "instead of PEP" in b.accessibleName()]
    assert button.text() == "Use “Your school plan is late.”"  # the whole sentence
    with qtbot.waitSignal(editor.checked, timeout=10_000) as after:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert field.text() == "Your school plan is late."
    assert "worried_about" not in after.args[0].jargon
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
    assert field.text() == "The council will phone."  # never "The the council"


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
    assert hard.reading.hardest[0].text == jargon  # shown beside the letter, and shaded in it
    assert editor.panel.hardest.isVisibleTo(editor) and jargon in editor.panel.hardest.text()
    from iro_desktop.gui.letters.jargon_field import HARD_BACKGROUND

    block = editor.form.fields["working_well"].document().firstBlock()
    shaded = [(r.start, r.length) for r in block.layout().formats()
              if r.format.background().color() == HARD_BACKGROUND]  # fmt: skip
    assert shaded and shaded[0][0] == 0


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
    editor.form.rows[0].sentence.setPlainText("Your social worker will ring you")
    editor.language.setCurrentIndex(editor.language.findData("ar"))
    editor.dyslexia.setChecked(True)
    assert editor.panel.translator.isVisible()
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        editor.save_button.click()
    [letter] = letters_saved(store)
    assert letter.review_id == editor.letter.review_id and letter.language == "ar"  # type: ignore[union-attr]
    assert letter.content["working_well"] == "You smiled a lot 😀"
    assert letter.content["child_words"] == ARABIC and letter.content["dyslexia_font"] is True
    assert letter.content["decisions"][0]["sentence"] == "Your social worker will ring you"
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


def resolve_everything(qtbot, editor: LetterEditor):  # type: ignore[no-untyped-def]
    """Answer what the child said and clear the IRO's text of jargon; the last check."""
    for key, field in editor.form.check_fields().items():
        if not key.startswith("answer"):
            field.setPlainText("You are doing well.")
    editor.form.fields["child_words"].setPlainText("Can I see my sister more?")
    with qtbot.waitSignal(editor.checked, timeout=10_000) as blocker:
        editor.run_check()
    for row in editor.form.answers:
        row.answer.setPlainText("We will ask your sister's carers about more visits.")
    with qtbot.waitSignal(editor.checked, timeout=10_000) as blocker:
        editor.run_check()
    return blocker.args[0]


def test_printing_waits_until_every_flag_is_resolved(qtbot, ctx: Context, child_id: str) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, ctx, child_id)
    check = resolve_everything(qtbot, editor)
    assert check.ready and editor.preview_button.isEnabled()
    worried = editor.form.fields["worried_about"]
    check = type_into(qtbot, editor, worried, "There are CP concerns. The LAC review was late.")
    assert not check.ready and not editor.preview_button.isEnabled()
    assert editor.message.text() == (
        "Before printing, resolve each flag beside the letter: 2 pieces of jargon."
    )
    assert editor.show_preview() is None  # not even by a shortcut
    assert "Resolve each flag" in editor.message.text()
    cp = next(b for b in editor.panel.fix_buttons if "instead of CP concerns" in b.accessibleName())
    assert "There are worries about keeping you safe." in cp.accessibleName()
    with qtbot.waitSignal(editor.checked, timeout=10_000):
        cp.click()
    [keep] = editor.panel.keep_buttons  # what is left: "LAC review"; keep it, explained
    with qtbot.waitSignal(editor.checked, timeout=10_000) as after:
        keep.click()
    assert after.args[0].ready and editor.preview_button.isEnabled()
    assert editor.panel.kept == {"LAC review": "review meeting"}
    assert editor.current_content().kept[0].term == "LAC review"


def test_what_the_child_said_is_answered_or_flagged(qtbot, ctx: Context, child_id: str) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, ctx, child_id)
    check = resolve_everything(qtbot, editor)
    assert check.ready
    check = type_into(qtbot, editor, editor.form.fields["child_words"],
                      "Can I see my sister more?\nCan I have a phone?")  # fmt: skip
    assert [s.said for s in check.unanswered] == ["Can I have a phone?"]
    assert editor.form.answers[0].answer.text().startswith("We will ask")  # kept as typed
    assert "Can I have a phone?" in editor.panel.unanswered.text()
    with qtbot.waitSignal(editor.checked, timeout=10_000) as after:
        editor.form.answers[1].no_answer.setChecked(True)
    assert after.args[0].ready


def test_the_iro_writes_in_the_childs_language_beside_english(
    qtbot, ctx: Context, store: Caseload, child_id: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from iro_desktop.documents import api
    from tests.documents.conftest import pdf_text, plain

    editor = open_editor(qtbot, ctx, child_id)
    own = editor.form.own["working_well"][1]
    assert not own.isVisibleTo(editor)  # an English letter has no second box
    editor.language.setCurrentIndex(editor.language.findData("ar"))
    assert own.isVisibleTo(editor) and editor.form.rows[0].own.isVisibleTo(editor)
    own.setPlainText(ARABIC)
    editor.form.rows[0].own.setPlainText("ستتصل بك الأخصائية الاجتماعية")
    content = editor.current_content()
    assert content.translations == {"working_well": ARABIC,
                                    "decision 1": "ستتصل بك الأخصائية الاجتماعية"}  # fmt: skip
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        editor.save_button.click()
    [letter] = letters_saved(store)
    assert letter.content["translations"]["working_well"] == ARABIC
    text = plain(pdf_text(api.render_letter(content), tmp_path))
    assert "شجاع" in text and content.working_well.split(" ")[0] in text  # both, in order
    reopened = open_editor(qtbot, ctx, child_id)
    assert reopened.form.own["working_well"][1].text() == ARABIC
