"""Build a PDF from a list of blocks: page size, margins, fonts and what each page carries.

Every printout goes through ``build``, so all of them embed only the bundled fonts (the
canvas starts on Andika, not an unembedded Helvetica), carry a language tag for screen
readers, and come back as bytes the GUI can preview, print or save.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from iro_desktop.documents.fonts import font

PageDecorator = Callable[[Canvas, BaseDocTemplate], None]

LANG_TAGS = {"en": "en-GB", "ar": "ar", "ps": "ps", "prs": "prs", "ti": "ti", "fa": "fa-IR",
             "ckb": "ckb", "am": "am", "sq": "sq", "vi": "vi", "uk": "uk"}  # fmt: skip


@dataclass(frozen=True)
class Page:
    size: tuple[float, float] = A4
    left: float = 20 * mm
    right: float = 20 * mm
    top: float = 22 * mm
    bottom: float = 20 * mm


def build(
    story: Sequence[Flowable],
    *,
    title: str,
    language: str = "en",
    page: Page | None = None,
    decorate: PageDecorator | None = None,
    author: str = "",
    placed: list[tuple[int, Flowable]] | None = None,
) -> bytes:
    """Lay out ``story`` and return the PDF's bytes; ``placed`` collects (page, flowable)
    for every flowable drawn, for a caller that judges the pages."""
    page = page or Page()
    font("Andika")  # the canvas's starting font must be an embedded one
    out = io.BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=page.size,
        leftMargin=page.left,
        rightMargin=page.right,
        topMargin=page.top,
        bottomMargin=page.bottom,
        title=title,
        author=author,
        creator="IRO Desktop",
        subject=title,
        initialFontName="Andika",
        initialFontSize=12,
        lang=LANG_TAGS.get(language, language),
        invariant=1,
    )
    frame = Frame(
        page.left,
        page.bottom,
        page.size[0] - page.left - page.right,
        page.size[1] - page.top - page.bottom,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )

    def on_page(canvas: Canvas, document: BaseDocTemplate) -> None:
        if decorate is not None:
            canvas.saveState()
            decorate(canvas, document)
            canvas.restoreState()

    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page)])
    if placed is not None:
        doc.afterFlowable = lambda flowable: placed.append((doc.page, flowable))
    doc.build(list(story))
    return out.getvalue()


def frame_width(page: Page | None = None) -> float:
    page = page or Page()
    return page.size[0] - page.left - page.right


def frame_height(page: Page | None = None) -> float:
    page = page or Page()
    return page.size[1] - page.top - page.bottom
