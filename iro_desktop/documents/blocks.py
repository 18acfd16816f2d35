"""The building blocks every printout shares: headings with a picture, coloured panels,
speech bubbles, bulleted items and images.

Each mirrors itself for right-to-left text (picture on the right, bullet on the right), and
each can split across a page so a very long letter still prints whole.
"""

from __future__ import annotations

import io
import logging

from reportlab.lib.colors import Color
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, Spacer

from iro_desktop.documents import art
from iro_desktop.documents.text_block import TextBlock, TextStyle

log = logging.getLogger(__name__)
KEEP_WHOLE_BELOW = 260  # points: a third of a page


class Heading(Flowable):  # type: ignore[misc]
    """A section heading on a pale pill, with its small picture at the start side."""

    def __init__(self, text: str, style: TextStyle, theme: art.Theme, icon: str | None,
                 rtl: bool = False, icon_size: float | None = None) -> None:  # fmt: skip
        super().__init__()
        self.theme = theme
        self.icon = icon
        self.rtl = rtl
        self.icon_size = icon_size or style.size * 1.5
        self.pad = style.size * 0.6
        self.label = TextBlock(text, style.but(colour=theme.accent, weight="bold", rtl=rtl))
        self.keepWithNext = True
        self.spaceBefore = style.space_before
        self.spaceAfter = style.space_after

    def _text_width(self, width: float) -> float:
        return width - 2 * self.pad - (self.icon_size + self.pad if self.icon else 0)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        _, h = self.label.wrap(self._text_width(avail_width), avail_height)
        self.height = max(h, self.icon_size) + 2 * self.pad * 0.8
        return avail_width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setFillColor(self.theme.fill)
        c.roundRect(0, 0, self.width, self.height, self.height / 2.6, stroke=0, fill=1)
        c.restoreState()
        text_w = self._text_width(self.width)
        icon_x = self.pad + self.icon_size / 2
        text_x = self.pad + (self.icon_size + self.pad if self.icon else 0)
        if self.rtl:
            icon_x = self.width - icon_x
            text_x = self.width - text_x - text_w
        if self.icon:
            art.ICONS[self.icon](c, icon_x, self.height / 2, self.icon_size / 2, self.theme)
        _, h = self.label.wrap(text_w, self.height)
        self.label.drawOn(c, text_x, (self.height - h) / 2)


class Panel(Flowable):  # type: ignore[misc]
    """A soft coloured box around a few blocks; too tall for the page, it splits in two."""

    def __init__(self, items: list[Flowable], theme: art.Theme, pad: float = 12,
                 space_after: float = 10) -> None:  # fmt: skip
        super().__init__()
        self.items = items
        self.theme = theme
        self.pad = pad
        self.spaceAfter = space_after
        self._sizes: list[tuple[float, float]] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        inner = avail_width - 2 * self.pad
        self._sizes = []
        total = 0.0
        for item in self.items:
            _, h = item.wrap(inner, 1e9)
            gap = item.getSpaceBefore() + item.getSpaceAfter() if total else item.getSpaceAfter()
            self._sizes.append((h, gap))
            total += h + gap
        self.width = avail_width
        self.height = total + 2 * self.pad
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        if self.height < KEEP_WHOLE_BELOW:
            return []  # a short box moves to the next page whole rather than in two halves
        kind = type(self)
        used = self.pad
        for n, (item, (h, gap)) in enumerate(zip(self.items, self._sizes, strict=True)):
            if used + h + gap + self.pad <= avail_height:
                used += h + gap
                continue
            room = avail_height - used - gap - self.pad
            parts = item.split(avail_width - 2 * self.pad, room) if room > 0 else []
            if len(parts) >= 2:
                head, tail = [*self.items[:n], parts[0]], parts[1:] + self.items[n + 1 :]
            elif n > 0:
                head, tail = self.items[:n], self.items[n:]
            else:
                return []
            halves = [kind(head, self.theme, self.pad, 0),
                      kind(tail, self.theme, self.pad, self.spaceAfter)]  # fmt: skip
            for half in halves:
                half.rtl = getattr(self, "rtl", False)
            return halves
        return [self]

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setFillColor(self.theme.fill)
        c.roundRect(0, 0, self.width, self.height, 14, stroke=0, fill=1)
        c.restoreState()
        self._draw_items()

    def _draw_items(self) -> None:
        y = self.height - self.pad
        for n, (item, (h, _gap)) in enumerate(zip(self.items, self._sizes, strict=True)):
            if n:
                y -= item.getSpaceBefore()
            y -= h
            item.drawOn(self.canv, self.pad, y)
            y -= item.getSpaceAfter() if n + 1 < len(self.items) else 0


class Bubble(Panel):
    """The child's own words, in a speech bubble with a tail."""

    rtl = False

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setFillColor(self.theme.fill)
        c.setStrokeColor(self.theme.accent)
        c.setLineWidth(1.6)

        def x(v: float) -> float:  # the tail sits at the start side: the right in RTL
            return self.width - v if self.rtl else v

        p = c.beginPath()
        p.moveTo(x(28), 1)
        p.lineTo(x(16), -12)
        p.lineTo(x(52), 1)
        c.roundRect(0, 0, self.width, self.height, 18, stroke=1, fill=1)
        c.drawPath(p, stroke=1, fill=1)
        c.setStrokeColor(self.theme.fill)
        c.line(x(29), 0.8, x(51), 0.8)
        c.restoreState()
        self._draw_items()


class Bulleted(Flowable):  # type: ignore[misc]
    """A text block with a round coloured bullet at its start side."""

    def __init__(self, block: TextBlock, colour: Color, rtl: bool = False) -> None:
        super().__init__()
        self.block = block
        self.colour = colour
        self.rtl = rtl
        self.indent = block.style.size * 1.5
        self.spaceBefore = block.style.space_before
        self.spaceAfter = block.style.space_after

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        _, self.height = self.block.wrap(avail_width - self.indent, avail_height)
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = self.block.split(avail_width - self.indent, avail_height)
        if len(parts) < 2:
            return parts and [self]
        return [Bulleted(parts[0], self.colour, self.rtl), _Indented(parts[1], self.indent,
                                                                      self.rtl)]  # fmt: skip

    def draw(self) -> None:
        st = self.block.style
        r = st.size * 0.26
        cx = self.width - self.indent / 2 if self.rtl else self.indent / 2 - r * 0.5
        cy = self.height - st.leading / 2
        self.canv.setFillColor(self.colour)
        self.canv.circle(cx, cy, r, stroke=0, fill=1)
        self.block.drawOn(self.canv, 0 if self.rtl else self.indent, 0)


class _Indented(Bulleted):
    def __init__(self, block: TextBlock, indent: float, rtl: bool) -> None:
        super().__init__(block, art.GREY.fill, rtl)
        self.indent = indent

    def draw(self) -> None:
        self.block.drawOn(self.canv, 0 if self.rtl else self.indent, 0)


def picture(data: bytes | None, max_width: float, max_height: float) -> Flowable | None:
    """An image scaled to fit, or None (with a log line, no personal data) if unreadable."""
    if not data:
        return None
    try:
        reader = ImageReader(io.BytesIO(data))
        w, h = reader.getSize()
    except Exception:
        log.warning("an image could not be read and was left out of the printout")
        return None
    scale = min(max_width / w, max_height / h, 1.0 if w > 600 else 3.0)
    img = Image(io.BytesIO(data), width=w * scale, height=h * scale)
    img.hAlign = "CENTER"
    return img


def gap(points: float) -> Spacer:
    return Spacer(1, points)
