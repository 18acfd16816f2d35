"""See a printout before it is printed; print it or save it as a PDF. All offline.

The window opens at once saying what it is preparing; the PDF is made in the worker and
arrives through ``set_pdf`` (or ``set_error``). It is shown with QtPdf from memory, never
from a temporary file, because it holds a child's details.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.gui.context import Context
from iro_desktop.gui.errors import say
from iro_desktop.gui.letters.printing import (
    draw_pages,
    open_pdf,
    page_images,
    pdf_pages,
    save_pdf,
)
from iro_desktop.gui.style import fit_screen, heading, muted

UNENCRYPTED = "A saved PDF is not encrypted: keep it somewhere safe, or print it instead."


def documents_folder() -> str:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return found or str(Path.home())


class PdfPreview(QDialog):
    ready = Signal()  # the PDF is loaded and shown
    failed = Signal(str)
    output = Signal(str)  # "printer" or the saved file's path, once it has worked

    def __init__(self, parent: QWidget | None, ctx: Context, title: str, file_name: str) -> None:
        super().__init__(parent)
        self.ctx, self.file_name = ctx, file_name
        self.pdf: bytes = b""  # what is printed or saved
        self.shown: bytes = b""  # what is on screen (the IRO's copy, where they differ)
        self.document: QPdfDocument | None = None
        self._buffer: Any = None
        self.dialog: QPrintDialog | None = None
        self._printer: QPrinter | None = None
        self.setWindowTitle(f"Preview: {title}")
        self.setAccessibleName(f"Preview of {title}")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        fit_screen(self, 900, 700)
        self.status = QLabel(f"Preparing {title[:1].lower() + title[1:]}…")
        self.status.setAccessibleName("Preview status")
        self.status.setWordWrap(True)
        self.view = QPdfView()
        self.view.setAccessibleName(f"Pages of {title}")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        # The whole width of the page at first (at a fixed 125% a 1366x768 laptop cut off
        # every line's end); Ctrl and + or - zoom on from there.
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(16)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.print_button = QPushButton("&Print…")
        self.print_button.setAccessibleName("Print")
        self.print_button.clicked.connect(self.print_dialog)
        self.save_button = QPushButton("Save as P&DF…")
        self.save_button.setAccessibleName("Save as PDF")
        self.save_button.clicked.connect(self.save_as)
        close = QPushButton("&Close")
        close.setAccessibleName("Close")
        close.clicked.connect(self.reject)
        for button in (self.print_button, self.save_button):
            button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(muted(QLabel(UNENCRYPTED)), 1)
        row.addWidget(self.print_button)
        row.addWidget(self.save_button)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title, 1.15))
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        for keys, step in (("Ctrl++", 1.2), ("Ctrl+=", 1.2), ("Ctrl+-", 1 / 1.2)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(lambda s=step: self.zoom(s))

    # --- the document ----------------------------------------------------------------

    def render(  # type: ignore[override]
        self, make: Callable[[], bytes], printed: Callable[[], bytes] | None = None
    ) -> None:
        """Make the PDF in the worker, then show it. With ``printed``, what is shown is the
        IRO's copy and ``printed`` makes the copy that is printed or saved (the child's)."""
        if printed is None:
            self.ctx.run(
                make, self.set_pdf, lambda e: self.set_error(say("Not made", e, "PdfPreview"))
            )
            return

        def both() -> tuple[bytes, bytes]:
            return make(), printed()

        self.ctx.run(
            both,
            lambda pair: self.set_pdf(*pair),
            lambda e: self.set_error(say("Not made", e, "PdfPreview")),
            owner=self,
        )

    def set_pdf(self, data: bytes, printed: bytes | None = None) -> None:
        try:
            document, buffer = open_pdf(data)
        except Exception as exc:
            self.set_error(say("Not shown", exc, "PdfPreview"))
            return
        old = self.document
        self.pdf, self.document, self._buffer = printed or data, document, buffer
        self.shown = data
        document.setParent(self)
        self.view.setDocument(document)
        if old is not None:
            old.deleteLater()
        pages = document.pageCount()
        note = (" This is your copy, marked for a translator's check; the child's copy prints "
                "without the mark." if printed is not None and printed != data else "")  # fmt: skip
        self.status.setText(f"{pages} page{'s' if pages != 1 else ''}. Ctrl and + or − to "
                            f"zoom.{note}")  # fmt: skip
        for button in (self.print_button, self.save_button):
            button.setEnabled(True)
        self.print_button.setFocus()
        self.ready.emit()

    def set_error(self, text: str) -> None:
        self.status.setText(f"⚠ {text}")
        self.status.setStyleSheet("color: #a4262c;")
        self.failed.emit(text)

    def zoom(self, step: float) -> None:
        now = self.view.zoomFactor()
        if self.view.zoomMode() is not QPdfView.ZoomMode.Custom:
            now = self.fitted_zoom() or now
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(4.0, now * step)))

    def fitted_zoom(self) -> float | None:
        """The zoom at which a page fills the view's width, as fit-to-width draws it."""
        if self.document is None or self.document.pageCount() == 0:
            return None
        page = self.document.pagePointSize(0).width() * self.view.logicalDpiX() / 72
        margins = self.view.documentMargins()
        room = self.view.viewport().width() - margins.left() - margins.right()
        return room / page if page > 0 and room > 0 else None

    # --- out of the program ----------------------------------------------------------

    def print_dialog(self) -> QPrintDialog:
        """The system's print dialog, window-modal (a lock can still close it)."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.file_name)
        self._printer = printer  # the dialog only points at it: keep it alive
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print")
        # Printing starts once the dialog has finished with its printer.
        dialog.accepted.connect(lambda *_: QTimer.singleShot(0, lambda: self.print_to(printer)))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()  # QDialog.open() without a nested event loop
        self.dialog = dialog
        return dialog

    def print_to(self, printer: QPrinter) -> None:
        """Everything slow in the worker; the UI thread only says how it went.

        Printing to a PDF file (the print dialog's own "Print to file") writes the finished
        PDF itself, text and all. A real printer gets the pages as images, drawn in the
        worker too: Qt allows a ``QPainter`` on a ``QPrinter`` in another thread, and the
        UI thread does not touch this printer until the result arrives."""
        data, dpi = self.pdf, printer.resolution()
        to_file = ""
        if printer.outputFormat() is QPrinter.OutputFormat.PdfFormat:
            to_file = printer.outputFileName()
        self.status.setText("Printing…")
        self._printer = printer  # alive until the worker is done with it
        self._set_busy(True)

        def work() -> int:
            if to_file:
                save_pdf(data, to_file, add_suffix=False)
                return pdf_pages(data)
            return draw_pages(page_images(data, dpi), printer)

        def failed(error: BaseException) -> None:
            self._set_busy(False)
            self.set_error(say("Not printed", error, "PdfPreview"))

        self.ctx.run(work, self._printed, failed, owner=self)

    def _set_busy(self, busy: bool) -> None:
        for button in (self.print_button, self.save_button):
            button.setEnabled(not busy)

    def _printed(self, pages: int) -> None:
        self._set_busy(False)
        self.status.setText(f"Sent {pages} page{'s' if pages != 1 else ''} to the printer.")
        self.output.emit("printer")

    def save_as(self) -> None:
        suggested = str(Path(documents_folder()) / self.file_name)
        path, _filter = QFileDialog.getSaveFileName(
            self, "Save as PDF", suggested, "PDF documents (*.pdf)"
        )
        if not path:
            return
        data = self.pdf
        self.ctx.run(lambda: save_pdf(data, path), self._saved,
                     lambda e: self.set_error(say("Not saved", e, "PdfPreview")))  # fmt: skip

    def _saved(self, path: Path) -> None:
        self.status.setText(f"Saved as {path}.")
        self.output.emit(str(path))
