"""Putting a finished PDF on paper or on disc; no network, no viewer program needed.

Printing to a PDF file writes the finished PDF as it is. For a real printer each page
of the PDF is rendered to an image in the worker (with a document of its own,
so the preview stays responsive) at the printer's resolution capped at 300 dpi, which
prints sharp without holding a 1200-dpi page in memory; the images are then drawn into
the ``QPrinter`` (set up by the system print dialog), in the worker as well: Qt allows a
``QPainter`` on a ``QPrinter`` in another thread, and the UI thread leaves it alone
meanwhile.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from iro_desktop.store.errors import StoreError

MOST_DPI = 300


class PrintError(StoreError):
    """The printer or the file could not take the document, in words."""


def open_pdf(data: bytes) -> tuple[QPdfDocument, QBuffer]:
    """A loaded document and the buffer it reads from (keep both alive together)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        raise PrintError("The document could not be read back for printing.")
    return document, buffer


def page_images(data: bytes, dpi: int) -> list[QImage]:
    """Every page of ``data`` as an image at ``dpi`` (at most 300): the slow part, for the
    worker. ``QImage`` is safe to make off the UI thread; the printer is not touched here."""
    document, _buffer = open_pdf(data)
    dpi = min(dpi, MOST_DPI)
    try:
        images = []
        for index in range(document.pageCount()):
            page = document.pagePointSize(index)  # points: 1/72 inch
            size = QSize(round(page.width() * dpi / 72), round(page.height() * dpi / 72))
            images.append(document.render(index, size))
        return images
    finally:
        document.close()


def draw_pages(images: list[QImage], printer: QPrinter) -> int:
    """Put the page images on ``printer``, one per sheet (in the worker: the UI thread
    does not touch ``printer`` until this returns)."""
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError("The printer could not be started. Check it is on and try again.")
    try:
        for index, image in enumerate(images):
            if index and not printer.newPage():
                raise PrintError("The printer stopped part way through.")
            target = QRectF(painter.viewport())
            scale = min(target.width() / image.width(), target.height() / image.height())
            size = QSize(round(image.width() * scale), round(image.height() * scale))
            corner = QPointF((target.width() - size.width()) / 2, 0)
            painter.drawImage(QRectF(corner, size.toSizeF()), image)
    finally:
        painter.end()
    return len(images)


def print_pdf(data: bytes, printer: QPrinter) -> int:
    """Both steps at once, for scripts and tests; returns the number of pages printed."""
    return draw_pages(page_images(data, printer.resolution()), printer)


def pdf_pages(data: bytes) -> int:
    """How many pages ``data`` has (read back, so a broken PDF says so)."""
    document, _buffer = open_pdf(data)
    try:
        return document.pageCount()
    finally:
        document.close()


def save_pdf(data: bytes, path: Path | str, *, add_suffix: bool = True) -> Path:
    """Write ``data`` to ``path`` whole or not at all (a temporary file, then renamed).
    ``add_suffix``: ".pdf" is added when the name has none (Save as PDF); printing to a
    file keeps the name the print dialog gave."""
    if not data.startswith(b"%PDF"):
        raise PrintError("There is no finished document to save yet.")
    target = Path(path)
    if add_suffix and target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
    temp: str | None = None
    try:
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".saving-", suffix=".pdf")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, target)
    except OSError as exc:
        if temp is not None and os.path.exists(temp):
            os.unlink(temp)
        raise PrintError(f"The PDF could not be saved there ({exc.strerror}).") from None
    return target
