"""The child's own copy of what they said in child mode: their questions, their answers in
words and their drawings, in large print. Nothing else about them is on it (no surname, no
date of birth), so it is safe for them to keep."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from iro_desktop.documents import art, pdf
from iro_desktop.documents.blocks import Panel, gap, picture
from iro_desktop.documents.text_block import TextBlock, TextStyle

BODY = TextStyle(size=16, leading=23)


def child_answers_pdf(first_name: str, items: Sequence[tuple[str, str, bytes | None]]) -> bytes:
    """``items``: (question, what the child said in words, their drawing as PNG or None)."""
    story: list[Flowable] = [
        TextBlock(
            f"What {first_name} said",
            BODY.but(size=26, leading=32, weight="bold", colour=art.BLUE.accent),
        ),
        gap(8),
        TextBlock("These are your own answers for your review. You can keep this copy.", BODY),
        gap(10),
    ]
    for question, said, drawing in items:
        parts: list[Flowable] = [
            TextBlock(question, BODY.but(weight="bold")),
            TextBlock(said, BODY),
        ]
        made = picture(drawing, pdf.frame_width() * 0.7, 80 * mm)
        if made is not None:
            parts.append(made)
        story.append(Panel(parts, art.BLUE))
    return pdf.build(story, title=f"What {first_name} said")
