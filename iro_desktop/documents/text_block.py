"""A paragraph that breaks into lines and flows across pages, in any script or direction.

reportlab's own Paragraph neither reorders right-to-left lines (it needs a library that is
not on PyPI) nor hands back logical text for shaped glyphs, so every printout sets its text
with this one flowable instead. Lines are broken in logical order by measuring words, then
each line is shaped and drawn (``shaping.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from reportlab.lib.colors import Color, HexColor
from reportlab.platypus import Flowable

from iro_desktop.documents import bidi_runs, shaping
from iro_desktop.documents.fonts import chain

INK = HexColor("#1B2430")
_SPACES = re.compile(r" +")  # a no-break space (U+00A0) never breaks a line
NBSP = "\u00a0"
# A phone number, a number in groups, or a date: kept on one line. Digits joined by a
# no-break space are one number to the bidi algorithm too (rule W4), so "0800 1111" stays
# in that order inside right-to-left text; pure numbers are also marked left to right.
_LTR_GROUP = re.compile(
    r"(?<![\w])(?:"
    r"(?=[\w/-]*\d)[A-Z0-9][A-Za-z0-9]*(?:[/-][A-Za-z0-9]+)+"  # a reference: AB-1234/5
    r"|\+?\(?\d[\d()]*(?:[ \-]\(?\d[\d()]*)+"  # a phone number or grouped number
    r")(?![\w])"
)
_DATE = re.compile(r"(?<![\w])(\d{1,2}) (\w+) (\d{4})(?![\w])")
_DAY_MONTH = re.compile(r"(?<![\w])(\d{1,2}) ([A-Z][a-z]{2,}|[^\W\da-zA-Z]{3,})(?![\w])")
_ENDS_SENTENCE = re.compile(r"[.!?:;؟።]['\")\u202c]*$|^$")
LONG_BLOCK = 300  # points: a block taller than this may split mid-sentence if it must


def keep_numbers_whole(text: str) -> str:
    """``text`` with phone numbers, dates and references unbreakable and left to right."""
    text = _LTR_GROUP.sub(lambda m: bidi_runs.ltr(m.group(0).replace(" ", NBSP)), text)
    text = _DATE.sub(lambda m: NBSP.join(m.groups()), text)
    return _DAY_MONTH.sub(lambda m: NBSP.join(m.groups()), text)


@dataclass(frozen=True)
class TextStyle:
    size: float = 14
    leading: float = 21
    colour: Color = INK
    weight: str = "regular"  # regular, bold or italic
    main_font: str = "Andika"
    align: str = "start"  # start, end (start is the right in RTL), centre, left or right
    space_before: float = 0
    space_after: float = 0
    rtl: bool | None = None  # None: each paragraph's own first strong character decides

    @property
    def fonts(self) -> tuple[str, ...]:
        return chain(self.main_font, self.weight)

    def but(self, **changes: object) -> TextStyle:
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Line:
    text: str
    rtl: bool


def measure(text: str, style: TextStyle, rtl: bool = False) -> float:
    return shaping.shape(text, style.fonts, rtl).width_at(style.size)


def _hard_split(word: str, width: float, style: TextStyle, rtl: bool) -> list[str]:
    """Break a word longer than the line (a URL, a pasted string) between characters."""
    pieces = []
    rest = word
    while rest:
        if measure(rest, style, rtl) <= width:
            pieces.append(rest)
            break
        per_char = max(measure(rest[:50], style, rtl) / min(len(rest), 50), 0.1)
        n = max(1, min(len(rest), int(width / per_char)))
        while n > 1 and measure(rest[:n], style, rtl) > width:
            n -= 1
        while n < len(rest) and measure(rest[: n + 1], style, rtl) <= width:
            n += 1
        while 1 < n < len(rest) and not rest[n].isspace() and _is_mark(rest[n]):
            n -= 1  # never leave an accent or vowel sign at the start of a line
        pieces.append(rest[:n])
        rest = rest[n:]
    return pieces


def _is_mark(ch: str) -> bool:
    import unicodedata

    return unicodedata.category(ch).startswith("M") or ch in "\u200c\u200d"


def break_lines(text: str, width: float, style: TextStyle) -> list[Line]:
    """Lines in logical order; each ``\\n`` starts a new line."""
    lines: list[Line] = []
    space = measure(" ", style)
    for para in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        rtl = style.rtl if style.rtl is not None else bidi_runs.base_is_rtl(para)
        words = [w for w in _SPACES.split(keep_numbers_whole(para).strip()) if w]
        if not words:
            lines.append(Line("", rtl))
            continue
        current: list[str] = []
        current_width = 0.0
        for word in words:
            w = measure(word, style, rtl)
            if current and current_width + space + w <= width:
                current.append(word)
                current_width += space + w
                continue
            if current:
                lines.append(Line(" ".join(current), rtl))
                current, current_width = [], 0.0
            if w <= width:
                current, current_width = [word], w
            else:
                *whole, last = _hard_split(word, width, style, rtl)
                lines.extend(Line(p, rtl) for p in whole)
                current, current_width = [last], measure(last, style, rtl)
        lines.append(Line(" ".join(current), rtl))
    return lines


class TextBlock(Flowable):  # type: ignore[misc]
    """A block of text in one style; splits between lines when a page fills up."""

    def __init__(self, text: str, style: TextStyle, lines: list[Line] | None = None) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self._lines = lines
        self._for_width: float | None = None
        self.spaceBefore = style.space_before
        self.spaceAfter = style.space_after

    def lines(self, width: float) -> list[Line]:
        if self._lines is None or (self._for_width is not None and self._for_width != width):
            self._lines = break_lines(self.text, width, self.style)
            self._for_width = width
        return self._lines

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = len(self.lines(avail_width)) * self.style.leading
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """Split between lines, at the end of a sentence where there is one to split at;
        a short block with no such place moves to the next page whole."""
        lines = self.lines(avail_width)
        fit = int(avail_height // self.style.leading)
        if fit <= 0 or fit >= len(lines):
            return [] if fit <= 0 else [self]
        ends = [n for n in range(fit, 0, -1) if _ENDS_SENTENCE.search(lines[n - 1].text)]
        if ends:
            fit = ends[0]
        elif len(lines) * self.style.leading < LONG_BLOCK:
            return []
        first = TextBlock(self.text, self.style.but(space_after=0), lines[:fit])
        rest = TextBlock(self.text, self.style.but(space_before=0), lines[fit:])
        first._for_width = rest._for_width = avail_width
        return [first, rest]

    def draw(self) -> None:
        st = self.style
        canvas = self.canv
        canvas.setFillColor(st.colour)
        # Put the text's middle on the middle of its line box.
        drop = (st.leading + st.size * 0.62) / 2
        for i, line in enumerate(self.lines(self.width)):
            if not line.text:
                continue
            shaped = shaping.shape(line.text, st.fonts, line.rtl)
            w = shaped.width_at(st.size)
            if st.align == "centre":
                x = (self.width - w) / 2
            else:
                right = {"right": True, "left": False, "end": not line.rtl}.get(st.align, line.rtl)
                x = self.width - w if right else 0.0
            shaping.draw(canvas, shaped, x, self.height - i * st.leading - drop, st.size)

    def missing_characters(self) -> str:
        """Characters no bundled font has (emoji, say), which will not print."""
        gone = "".join(
            shaping.shape(p, self.style.fonts, False).missing for p in self.text.split("\n")
        )
        return "".join(dict.fromkeys(gone))
