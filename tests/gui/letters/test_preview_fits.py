"""The preview opens with the whole width of the page in view, at 1366x768 too (at a fixed
125% the end of every line was cut off and needed the scroll bar), and zooms from there."""

from __future__ import annotations

import io

from PySide6.QtPdfWidgets import QPdfView
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from iro_desktop.gui.context import Context
from iro_desktop.gui.letters.preview import PdfPreview


def a4_page() -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    page.drawString(72, 760, "Dear Kas, thank you for your part in your review.")
    page.showPage()
    page.save()
    return out.getvalue()


def test_the_preview_shows_the_whole_width_of_the_page_and_zooms_from_there(
    qtbot: QtBot, ctx: Context
) -> None:
    preview = PdfPreview(None, ctx, "Letter to Kas", "letter.pdf")
    qtbot.addWidget(preview)
    preview.resize(900, 688)  # what fit_screen leaves on a 1366x768 laptop
    preview.show()
    preview.set_pdf(a4_page())
    bar = preview.view.horizontalScrollBar()
    qtbot.waitUntil(lambda: preview.view.verticalScrollBar().maximum() > 0, timeout=5000)
    assert bar.maximum() == 0  # nothing to scroll sideways: every line's end is in view
    fitted = preview.fitted_zoom()
    assert fitted is not None and 0.5 < fitted < 1.25
    preview.zoom(1.2)  # Ctrl and +
    assert preview.view.zoomMode() is QPdfView.ZoomMode.Custom
    assert abs(preview.view.zoomFactor() - fitted * 1.2) < 0.01
