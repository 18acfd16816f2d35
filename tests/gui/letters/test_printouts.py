"""The printouts window and the record's buttons: each document previews for real."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from iro_desktop.gui import workflows
from iro_desktop.gui.context import Context
from iro_desktop.gui.letters.editor import LetterEditor
from iro_desktop.gui.letters.preview import PdfPreview
from iro_desktop.gui.letters.printouts import PrintoutsDialog
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.schema import Child
from tests.gui.letters.conftest import pdf_text


def opener(label: str):  # type: ignore[no-untyped-def]
    return dict(workflows.ACTIONS)[label]


def shown_text(preview: PdfPreview, tmp_path: Path) -> str:
    assert preview.document is not None
    assert preview.document.status() == QPdfDocument.Status.Ready
    path = tmp_path / "shown.pdf"
    path.write_bytes(preview.pdf)
    return pdf_text(path)


@pytest.fixture
def parent(qtbot) -> Iterator[QWidget]:  # type: ignore[no-untyped-def]
    """The record stand-in: kept alive until qtbot has closed its windows."""
    widget = QWidget()
    yield widget
    widget.deleteLater()


@pytest.fixture
def printouts(qtbot, parent: QWidget, ctx: Context, child_id: str) -> PrintoutsDialog:  # type: ignore[no-untyped-def]
    dialog = opener("Print&outs…")(parent, ctx, child_id)
    assert isinstance(dialog, PrintoutsDialog)
    qtbot.waitUntil(lambda: bool(dialog.child_ref), timeout=5000)
    return dialog


def wait_ready(qtbot, preview: PdfPreview) -> PdfPreview:  # type: ignore[no-untyped-def]
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: preview.document is not None, timeout=10_000)
    return preview


def test_the_review_record_previews(qtbot, printouts: PrintoutsDialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert printouts.reviews.count() >= 1 and printouts.reviews.currentData() is not None
    preview = wait_ready(qtbot, printouts.preview_record())
    text = shown_text(preview, tmp_path)
    assert printouts.child_ref in text and preview.file_name.startswith("review-record-")


def test_the_contact_card_previews_in_another_language(
    qtbot, printouts: PrintoutsDialog, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    printouts.card_language.setCurrentIndex(printouts.card_language.findData("ti"))
    preview = wait_ready(qtbot, printouts.preview_card())
    assert preview.document.pageCount() >= 1  # type: ignore[union-attr]
    assert any("\u1200" <= ch <= "\u137f" for ch in shown_text(preview, tmp_path))  # Ethiopic


def test_one_blank_form_or_all_of_them(qtbot, printouts: PrintoutsDialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    printouts.forms.setCurrentIndex(1)
    one = wait_ready(qtbot, printouts.preview_forms())
    everything_index = printouts.forms.findData("")
    printouts.forms.setCurrentIndex(everything_index)
    every = wait_ready(qtbot, printouts.preview_forms())
    assert 1 <= one.document.pageCount() < every.document.pageCount()  # type: ignore[union-attr]
    assert printouts.forms.itemText(1).split()[0] in shown_text(one, tmp_path)


def test_a_child_with_no_held_review_has_no_letter_to_print(
    qtbot, parent: QWidget, store: Caseload, ctx: Context
) -> None:  # type: ignore[no-untyped-def]
    from iro_desktop.store.ops import children
    from iro_desktop.store.ops.core import Actor, operation
    from tests.conftest import TODAY

    with operation(store, Actor("iro@demo-borough.example")) as op:
        new = children.add_child(op, child_ref="NEW1", first_name="Rowan", last_name="Tey",
                                 date_of_birth=TODAY.replace(year=TODAY.year - 9),
                                 became_looked_after=TODAY, today=TODAY)  # fmt: skip
        new_id = new.id
    dialog = opener("Print&outs…")(parent, ctx, new_id)
    qtbot.waitUntil(lambda: dialog.child_ref == "NEW1", timeout=5000)
    assert not dialog.buttons["Review record"].isEnabled()
    assert not dialog.buttons["The young person's letter"].isEnabled()
    editor = LetterEditor(parent, ctx, new_id)
    qtbot.waitUntil(lambda: "no held review" in editor.message.text(), timeout=5000)
    assert not editor.save_button.isEnabled() and not editor.form.isEnabled()
    with store.session() as s:
        assert s.scalar(select(Child.child_ref).where(Child.id == new_id)) == "NEW1"


def test_the_record_has_the_letter_and_printouts_buttons(qtbot, record) -> None:  # type: ignore[no-untyped-def]
    labels = [record.action_bar.itemAt(i).widget().text() for i in range(record.action_bar.count())]
    assert "The &letter…" in labels and "Print&outs…" in labels
    button = next(record.action_bar.itemAt(i).widget() for i in range(record.action_bar.count())
                  if record.action_bar.itemAt(i).widget().text() == "The &letter…")  # fmt: skip
    button.click()  # the main window's runner is inline: the letter is there at once
    editor = next(w for w in record.findChildren(LetterEditor))
    qtbot.waitUntil(lambda: editor.letter is not None)
    assert editor.ctx is record.ctx  # the workspace's own: its date, actor and signals
    editor.close()
