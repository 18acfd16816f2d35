"""Preview, print and save as PDF, checked by reading the real PDFs back with poppler."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select

from iro_desktop.gui.context import Context
from iro_desktop.gui.letters.editor import LetterEditor
from iro_desktop.gui.letters.preview import PdfPreview
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.schema import Letter
from tests.conftest import TODAY
from tests.gui.letters.conftest import pdf_pages, pdf_text
from tests.gui.letters.test_editor import open_editor

UNSAVED = "You built a treehouse with Grandad this summer"


def open_preview(qtbot, editor: LetterEditor) -> PdfPreview:  # type: ignore[no-untyped-def]
    """Resolve every flag the way an IRO may (keep the word with its explanation, leave an
    unanswered thing out), then preview."""
    with qtbot.waitSignal(editor.checked, timeout=5000) as blocker:  # the check settles first
        editor.run_check()
    for _key, flag in blocker.args[0].unresolved:
        editor.panel.keep(flag)
    for row in editor.form.answers:
        if not row.answer.text().strip():
            row.no_answer.setChecked(True)
    with qtbot.waitSignal(editor.checked, timeout=5000) as blocker:
        editor.run_check()
    assert blocker.args[0].ready
    preview = editor.show_preview()
    assert preview is not None
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: preview.document is not None, timeout=10_000)
    return preview


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_the_preview_shows_the_unsaved_letter(
    qtbot, ctx: Context, child_id: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, ctx, child_id)
    editor.form.fields["working_well"].setPlainText(UNSAVED)
    editor.form.fields["child_words"].setPlainText("أنا سعيد")
    preview = open_preview(qtbot, editor)
    document = preview.document
    assert document is not None and document.status() == QPdfDocument.Status.Ready
    assert document.pageCount() >= 1 and preview.view.document() is document
    assert preview.print_button.isEnabled() and preview.save_button.isEnabled()
    shown = tmp_path / "shown.pdf"
    shown.write_bytes(preview.pdf)
    text = pdf_text(shown)
    assert UNSAVED in text and f"Dear {editor.letter.content.name}" in text  # type: ignore[union-attr]
    assert "أنا سعيد" in text


def test_save_as_pdf_writes_the_file_and_marks_a_saved_letter_printed(
    qtbot, ctx: Context, store: Caseload, child_id: str, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, ctx, child_id)
    editor.form.fields["working_well"].setPlainText(UNSAVED)
    with qtbot.waitSignal(editor.saved, timeout=5000):
        editor.save()
    preview = open_preview(qtbot, editor)
    target = tmp_path / "out" / "letter"  # no ".pdf": it is added
    target.parent.mkdir()
    asked: list[str] = []

    def fake_dialog(_parent, _title, suggested, _filter):  # type: ignore[no-untyped-def]
        asked.append(suggested)
        return str(target), "PDF documents (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_dialog))
    with qtbot.waitSignal(preview.output, timeout=5000) as blocker:
        preview.save_button.click()
    written = Path(blocker.args[0])
    assert written == target.with_name("letter.pdf") and asked[0].endswith(".pdf")
    assert written.read_bytes().startswith(b"%PDF") and UNSAVED in pdf_text(written)
    assert pdf_pages(written) == preview.document.pageCount()  # type: ignore[union-attr]
    assert list(target.parent.iterdir()) == [written]  # no temporary file left behind

    def printed_on() -> object:
        with store.session() as s:
            return s.scalar(select(Letter.printed_on))

    qtbot.waitUntil(lambda: printed_on() == TODAY, timeout=5000)


def test_cancelling_save_as_writes_nothing(
    qtbot, ctx: Context, child_id: str, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, ctx, child_id)
    preview = open_preview(qtbot, editor)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: ("", "")))
    with qtbot.assertNotEmitted(preview.output):
        preview.save_as()
    assert "Saved" not in preview.status.text()


def test_printing_draws_every_page(qtbot, ctx: Context, child_id: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, ctx, child_id)
    editor.form.fields["working_well"].setPlainText(" ".join([UNSAVED + "."] * 150))
    preview = open_preview(qtbot, editor)
    pages = preview.document.pageCount()  # type: ignore[union-attr]
    assert pages >= 2
    paper = tmp_path / "printed.pdf"
    with qtbot.waitSignal(preview.output, timeout=20_000) as blocker:
        preview.print_to(pdf_printer(paper))
    assert blocker.args == ["printer"] and pdf_pages(paper) == pages
    assert UNSAVED in pdf_text(paper)  # printing to a file writes the PDF itself, text and all
    assert f"Sent {pages} pages" in preview.status.text()
    assert "not saved yet" in editor.message.text()  # nothing to mark: never saved


def test_the_print_dialog_opens_without_blocking_and_cancel_prints_nothing(
    qtbot, ctx: Context, child_id: str
) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, ctx, child_id)
    preview = open_preview(qtbot, editor)
    dialog = preview.print_dialog()  # returns at once: no nested event loop
    assert dialog.isVisible() and dialog.windowModality() == Qt.WindowModality.WindowModal
    assert dialog.printer().docName().endswith(".pdf")
    with qtbot.assertNotEmitted(preview.output):
        dialog.reject()
    assert "Printing" not in preview.status.text()


# The printer is made to fail on purpose; Qt says so before we do.
@pytest.mark.qt_log_ignore(r"QPainter::begin\(\): Returned false")
def test_a_printer_that_cannot_start_is_reported(
    qtbot, ctx: Context, child_id: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, ctx, child_id)
    preview = open_preview(qtbot, editor)
    with qtbot.waitSignal(preview.failed, timeout=20_000):
        preview.print_to(pdf_printer(tmp_path / "no-such-folder" / "x.pdf"))
    assert "Not printed" in preview.status.text()


def test_the_iros_preview_is_marked_for_the_translator_and_the_childs_copy_is_not(
    qtbot, ctx: Context, child_id: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, ctx, child_id)
    editor.language.setCurrentIndex(editor.language.findData("ar"))
    preview = open_preview(qtbot, editor)
    shown, printed = tmp_path / "shown.pdf", tmp_path / "printed.pdf"
    shown.write_bytes(preview.shown)
    printed.write_bytes(preview.pdf)  # what Print and Save as PDF send out
    assert "qualified translator" in pdf_text(shown)
    assert "qualified translator" not in pdf_text(printed)
    assert "translator's check" in preview.status.text()
