"""Blank consultation forms to take on a visit, printed from the question sets.

The questions are data in ``resources/forms`` (their README gives the format; the review
screens read the same files), so a reworded question prints as reworded. Children's forms
get big type, faces to colour in, and room to draw; adults' forms get ruled lines.
"""

from __future__ import annotations

import json

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak

from iro_desktop.documents import art, pdf
from iro_desktop.documents.blocks import gap
from iro_desktop.documents.text_block import TextBlock, TextStyle
from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.forms import FACES, FormSpec, Question, parse_form
from iro_desktop.resources import forms_dir

LINE = HexColor("#9AA7B4")
FACE_WORDS = tuple(word for _key, _emoji, word in FACES)  # the screens' words, same order


def load_forms() -> list[FormSpec]:
    """Every question set in ``resources/forms``, in file-name order."""
    forms = []
    for path in sorted(forms_dir().glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise ValidationError(path.name, f"cannot be read as JSON ({exc})") from None
        forms.append(parse_form(data, path.name))
    return forms


class WritingSpace(Flowable):  # type: ignore[misc]
    """Ruled lines to write on, or an open box to draw in for the youngest."""

    def __init__(self, lines: int, spacing: float, box: bool) -> None:
        super().__init__()
        self.lines, self.spacing, self.box = lines, spacing, box

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, self.lines * self.spacing + 4
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(LINE)
        if self.box:
            c.setLineWidth(1.2)
            c.roundRect(0, 0, self.width, self.height, 12, stroke=1, fill=0)
            return
        c.setLineWidth(0.6)
        for n in range(self.lines):
            y = self.height - (n + 1) * self.spacing
            c.line(0, y, self.width, y)


class Faces(Flowable):  # type: ignore[misc]
    """Five faces from great to bad, with a word under each, to circle or colour in."""

    def __init__(self, size: float, style: TextStyle) -> None:
        super().__init__()
        self.size, self.style = size, style

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, self.size * 2 + self.style.leading + 6
        return self.width, self.height

    def draw(self) -> None:
        step = self.width / 5
        for n, mood in enumerate((2, 1, 0, -1, -2)):
            cx = step * (n + 0.5)
            art.face(self.canv, cx, self.height - self.size, self.size * 0.9, mood)
            word = TextBlock(FACE_WORDS[n], self.style.but(align="centre", space_after=0))
            word.wrap(step, self.style.leading)
            word.drawOn(self.canv, cx - step / 2, 0)


class TickBoxes(Flowable):  # type: ignore[misc]
    def __init__(self, choices: tuple[str, ...], style: TextStyle) -> None:
        super().__init__()
        self.choices, self.style = choices, style

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = len(self.choices) * self.style.leading * 1.3
        return self.width, self.height

    def draw(self) -> None:
        box = self.style.size
        for n, choice in enumerate(self.choices):
            y = self.height - (n + 1) * self.style.leading * 1.3
            self.canv.setStrokeColor(HexColor("#3A4654"))
            self.canv.setLineWidth(1)
            self.canv.roundRect(0, y + 2, box, box, 3, stroke=1, fill=0)
            label = TextBlock(choice, self.style.but(space_after=0))
            label.wrap(self.width - box * 2, self.style.leading)
            label.drawOn(self.canv, box * 1.6, y + 2 + box / 2 - self.style.leading / 2)


def _answer_space(q: Question, form: FormSpec, style: TextStyle) -> Flowable:
    young = form.for_child and _youngest(form)
    if q.kind == "faces":
        return Faces(style.size * 1.4, style)
    if q.kind == "yes_no":
        return TickBoxes(("Yes", "No"), style)
    if q.kind == "choice":
        return TickBoxes(q.choices, style)
    if young:
        return WritingSpace(5, style.leading, box=True)
    return WritingSpace(4 if form.for_child else 5, style.leading * 1.15, box=False)


def _youngest(form: FormSpec) -> bool:
    return form.ages is not None and form.ages[1] <= 7


def form_story(form: FormSpec) -> list[Flowable]:
    size = 16 if _youngest(form) else 14 if form.for_child else 12
    body = TextStyle(size=size, leading=size * 1.45, space_after=size * 0.4)
    theme = art.PURPLE if form.for_child else art.GREY
    out: list[Flowable] = [
        TextBlock(
            form.title,
            body.but(size=size * 1.8, leading=size * 2.2, weight="bold", colour=theme.accent),
        ),
    ]
    if form.intro:
        out.append(TextBlock(form.intro, body))
    out += [TextBlock("Name: ______________________    Date: ______________", body), gap(6)]
    for n, q in enumerate(form.questions, start=1):
        parts: list[Flowable] = [
            TextBlock(f"{n}. {q.text}", body.but(weight="bold", space_before=size * 0.6))
        ]
        if q.hint:
            parts.append(TextBlock(q.hint, body.but(colour=HexColor("#3A4654"))))
        parts.append(_answer_space(q, form, body))
        out.append(KeepTogether(parts))
    return out


def render_forms(forms: list[FormSpec]) -> bytes:
    """One PDF with each form starting on a new page."""
    story: list[Flowable] = []
    for n, form in enumerate(forms):
        if n:
            story.append(PageBreak())
        story += form_story(form)
    return pdf.build(story, title="Consultation forms", page=pdf.Page(top=18 * mm))
