"""Putting a finished PDF on paper or on disc; no network, no viewer program needed.

``print_pdf`` draws each page of the PDF into a ``QPrinter`` (set up by the system print
dialog, or a PDF file in tests). Pages are rendered at the printer's resolution capped
at 300 dpi, which prints sharp without holding a 1200-dpi page image in memory. It runs
in the worker with a document of its own, so the preview stays responsive.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize
from PySide6.QtGui import QPainter
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


def print_pdf(data: bytes, printer: QPrinter) -> int:
    """Print every page of ``data`` on ``printer``; returns the number of pages."""
    document, _buffer = open_pdf(data)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError("The printer could not be started. Check it is on and try again.")
    try:
        dpi = min(printer.resolution(), MOST_DPI)
        for index in range(document.pageCount()):
            if index and not printer.newPage():
                raise PrintError("The printer stopped part way through.")
            page = document.pagePointSize(index)  # points: 1/72 inch
            target = QRectF(painter.viewport())
            image = document.render(index, QSize(round(page.width() * dpi / 72),
                                                 round(page.height() * dpi / 72)))  # fmt: skip
            scale = min(target.width() / image.width(), target.height() / image.height())
            size = QSize(round(image.width() * scale), round(image.height() * scale))
            corner = QPointF((target.width() - size.width()) / 2, 0)
            painter.drawImage(QRectF(corner, size.toSizeF()), image)
        return document.pageCount()
    finally:
        painter.end()
        document.close()


def save_pdf(data: bytes, path: Path | str) -> Path:
    """Write ``data`` to ``path`` whole or not at all (a temporary file, then renamed)."""
    if not data.startswith(b"%PDF"):
        raise PrintError("There is no finished document to save yet.")
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
    try:
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".saving-", suffix=".pdf")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, target)
    except OSError as exc:
        raise PrintError(f"The PDF could not be saved there ({exc.strerror}).") from None
    return target
