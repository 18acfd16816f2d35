"""The main window's Print menu: the contact card and blank forms, not about one child."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from iro_desktop.gui.letters.preview import PdfPreview
from iro_desktop.gui.letters.printouts import PrintoutsDialog


def action(window, words: str):  # type: ignore[no-untyped-def]
    return next(a for a in window.print_actions if words in a.text().replace("&", ""))


def test_print_menu_is_only_there_when_unlocked(locked_window) -> None:
    menus = [a.text().replace("&", "") for a in locked_window.menuBar().actions()]
    assert "Print" in menus
    assert all(not a.isEnabled() for a in locked_window.print_actions)


def test_the_printouts_window_offers_only_what_is_not_about_a_child(window, qtbot) -> None:
    assert all(a.isEnabled() for a in window.print_actions)
    action(window, "Printouts not about one child").trigger()
    dialog = window.print_dialog
    assert isinstance(dialog, PrintoutsDialog) and dialog.isVisible()
    assert set(dialog.buttons) == {"Contact card and sheet", "Blank forms"}
    assert "child's record" in dialog.message.text()
    window.lock()
    assert not dialog.isVisible()


@pytest.mark.parametrize(
    ("words", "title", "expect"),
    [
        ("contact card", "Contact card and introductory sheet", "iro-card-"),
        ("Blank consultation forms", "Blank consultation forms", "consultation-forms"),
    ],
)
def test_each_print_item_opens_a_real_preview(
    window, qtbot, tmp_path: Path, words: str, title: str, expect: str
) -> None:
    action(window, words).trigger()
    dialog = window.print_dialog
    preview = dialog.opened[-1]
    assert isinstance(preview, PdfPreview) and title in preview.windowTitle()
    if not preview.pdf:
        qtbot.waitUntil(lambda: bool(preview.pdf), timeout=20_000)
    assert preview.pdf.startswith(b"%PDF") and preview.file_name.startswith(expect)
    if shutil.which("pdftotext"):
        from tests.gui.letters.conftest import pdf_text

        path = tmp_path / "shown.pdf"
        path.write_bytes(preview.pdf)
        assert len(pdf_text(path).split()) > 20
    window.lock()
    assert not preview.isVisible()
