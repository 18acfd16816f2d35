"""Printing leaves the UI thread free: the pages are drawn in the worker, and printing
to a PDF file hands over the finished PDF itself."""

from __future__ import annotations

import time
from pathlib import Path

from iro_desktop.gui.context import Context
from iro_desktop.gui.tasks import StallWatch
from tests.gui.letters.conftest import pdf_pages, pdf_text
from tests.gui.letters.test_editor import open_editor
from tests.gui.letters.test_preview import UNSAVED, open_preview, pdf_printer


def test_printing_a_long_letter_never_holds_up_the_ui_thread(
    qtbot, ctx: Context, child_id: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, ctx, child_id)
    editor.form.fields["working_well"].setPlainText(" ".join([UNSAVED + "."] * 150))
    preview = open_preview(qtbot, editor)
    pages = preview.document.pageCount()  # type: ignore[union-attr]
    watch = StallWatch(limit_ms=100.0, tick_ms=10)
    stalls: list[float] = []
    watch.stalled.connect(stalls.append)
    paper = tmp_path / "printed.pdf"
    watch.start()
    began = time.perf_counter()
    with qtbot.waitSignal(preview.output, timeout=30_000):
        preview.print_to(pdf_printer(paper))
        assert not preview.print_button.isEnabled()  # busy: not sent twice
        assert not preview.save_button.isEnabled()
        assert preview.status.text() == "Printing…"
    took = (time.perf_counter() - began) * 1000
    watch.timer.stop()
    print(f"print_to: {took:.0f} ms in all, worst UI stall {watch.worst_ms:.0f} ms")
    assert stalls == [], f"the UI thread stalled for {stalls} ms"
    assert pdf_pages(paper) == pages and UNSAVED in pdf_text(paper)
    assert preview.print_button.isEnabled() and preview.save_button.isEnabled()


def test_a_printer_gets_every_page_drawn_in_the_worker(
    qtbot, ctx: Context, child_id: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The real-printer path (page images on a ``QPainter``), run in the worker thread as
    ``print_to`` runs it; a PDF-file printer stands in for the paper one here."""
    from iro_desktop.gui.letters.printing import print_pdf

    editor = open_editor(qtbot, ctx, child_id)
    editor.form.fields["working_well"].setPlainText(" ".join([UNSAVED + "."] * 150))
    preview = open_preview(qtbot, editor)
    paper = tmp_path / "drawn.pdf"
    printer = pdf_printer(paper)
    data = preview.pdf
    done: list[int] = []
    with qtbot.waitSignal(ctx.runner.busy_changed, timeout=60_000, check_params_cb=lambda b: not b):
        ctx.run(lambda: print_pdf(data, printer), done.append, owner=preview)
    assert done == [preview.document.pageCount()] == [pdf_pages(paper)]  # type: ignore[union-attr]
    assert paper.stat().st_size > 50_000  # real page images, not blank pages
