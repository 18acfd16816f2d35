"""Small drawings that make the letter friendly: a sun, a cloud, footsteps, a speech bubble.

They are drawn with vector shapes rather than emoji because no emoji font can be embedded by
reportlab, and a shape prints crisply on any printer, in colour or in grey.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.lib.colors import Color, HexColor, white
from reportlab.pdfgen.canvas import Canvas


@dataclass(frozen=True)
class Theme:
    """One section's colours: a pale fill and a strong accent that reads on it."""

    fill: Color
    accent: Color


GREEN = Theme(HexColor("#DDF2E3"), HexColor("#1E6B3E"))
AMBER = Theme(HexColor("#FFEFD1"), HexColor("#8A4600"))
BLUE = Theme(HexColor("#DCEAFB"), HexColor("#1B4F8F"))
PURPLE = Theme(HexColor("#EDE3F8"), HexColor("#5B3390"))
TEAL = Theme(HexColor("#D9F0EE"), HexColor("#135E57"))
ROSE = Theme(HexColor("#FBE3EA"), HexColor("#8C2A4A"))
GREY = Theme(HexColor("#EEF1F4"), HexColor("#3A4654"))


def sun(c: Canvas, x: float, y: float, r: float, theme: Theme = GREEN) -> None:
    c.saveState()
    c.setStrokeColor(HexColor("#E0A100"))
    c.setFillColor(HexColor("#FFC83D"))
    c.setLineWidth(r * 0.12)
    c.setLineCap(1)
    for k in range(8):
        a = k * math.pi / 4
        c.line(x + math.cos(a) * r * 0.7, y + math.sin(a) * r * 0.7,
               x + math.cos(a) * r, y + math.sin(a) * r)  # fmt: skip
    c.circle(x, y, r * 0.5, stroke=0, fill=1)
    _smile(c, x, y, r * 0.5)
    c.restoreState()


def cloud(c: Canvas, x: float, y: float, r: float, theme: Theme = AMBER) -> None:
    c.saveState()
    c.setFillColor(HexColor("#9FB3C8"))
    for dx, dy, rr in ((-0.45, -0.1, 0.38), (0.0, 0.15, 0.5), (0.45, -0.1, 0.38)):
        c.circle(x + dx * r, y + dy * r, rr * r, stroke=0, fill=1)
    c.roundRect(x - 0.8 * r, y - 0.48 * r, 1.6 * r, 0.5 * r, 0.25 * r, stroke=0, fill=1)
    c.setFillColor(HexColor("#4C7DBA"))
    for dx in (-0.35, 0.05, 0.45):
        c.circle(x + dx * r, y - 0.78 * r, 0.09 * r, stroke=0, fill=1)
    c.restoreState()


def steps(c: Canvas, x: float, y: float, r: float, theme: Theme = BLUE) -> None:
    """Two footprints walking forward: what happens next."""
    c.saveState()
    c.setFillColor(theme.accent)
    for fx, fy, tilt in ((-0.35, -0.35, -12), (0.3, 0.25, 12)):
        c.saveState()
        c.translate(x + fx * r, y + fy * r)
        c.rotate(tilt)
        c.ellipse(-0.17 * r, -0.3 * r, 0.17 * r, 0.2 * r, stroke=0, fill=1)
        for tx, ty, tr in ((-0.1, 0.3, 0.06), (0.0, 0.34, 0.06), (0.1, 0.3, 0.055)):
            c.circle(tx * r, ty * r, tr * r, stroke=0, fill=1)
        c.restoreState()
    c.restoreState()


def speech(c: Canvas, x: float, y: float, r: float, theme: Theme = PURPLE) -> None:
    c.saveState()
    c.setFillColor(theme.accent)
    c.roundRect(x - 0.8 * r, y - 0.45 * r, 1.6 * r, 1.1 * r, 0.35 * r, stroke=0, fill=1)
    p = c.beginPath()
    p.moveTo(x - 0.4 * r, y - 0.4 * r)
    p.lineTo(x - 0.65 * r, y - 0.85 * r)
    p.lineTo(x - 0.05 * r, y - 0.4 * r)
    p.close()
    c.drawPath(p, stroke=0, fill=1)
    c.setFillColor(white)
    for dx in (-0.4, 0.0, 0.4):
        c.circle(x + dx * r, y + 0.1 * r, 0.11 * r, stroke=0, fill=1)
    c.restoreState()


def heart(c: Canvas, x: float, y: float, r: float, theme: Theme = ROSE) -> None:
    c.saveState()
    c.setFillColor(theme.accent)
    c.circle(x - 0.28 * r, y + 0.15 * r, 0.32 * r, stroke=0, fill=1)
    c.circle(x + 0.28 * r, y + 0.15 * r, 0.32 * r, stroke=0, fill=1)
    p = c.beginPath()
    p.moveTo(x - 0.59 * r, y + 0.05 * r)
    p.lineTo(x, y - 0.65 * r)
    p.lineTo(x + 0.59 * r, y + 0.05 * r)
    p.close()
    c.drawPath(p, stroke=0, fill=1)
    c.restoreState()


def phone(c: Canvas, x: float, y: float, r: float, theme: Theme = TEAL) -> None:
    c.saveState()
    c.setFillColor(theme.accent)
    c.roundRect(x - 0.5 * r, y - 0.9 * r, 1.0 * r, 1.8 * r, 0.2 * r, stroke=0, fill=1)
    c.setFillColor(white)
    c.rect(x - 0.38 * r, y - 0.55 * r, 0.76 * r, 1.25 * r, stroke=0, fill=1)
    c.circle(x, y - 0.73 * r, 0.1 * r, stroke=0, fill=1)
    c.setFillColor(theme.accent)
    for row in range(3):
        for col in range(2):
            c.circle(
                x + (col - 0.5) * 0.36 * r, y + (0.35 - row * 0.35) * r, 0.09 * r, stroke=0, fill=1
            )
    c.restoreState()


def face(c: Canvas, x: float, y: float, r: float, mood: int) -> None:
    """A face for the youngest's forms: mood 2 (great) down to -2 (bad)."""
    fills = {2: "#8BD17C", 1: "#C5E384", 0: "#FFE07A", -1: "#FFB870", -2: "#F08C8C"}
    c.saveState()
    c.setFillColor(HexColor(fills[mood]))
    c.setStrokeColor(HexColor("#3A4654"))
    c.setLineWidth(max(0.8, r * 0.07))
    c.circle(x, y, r, stroke=1, fill=1)
    c.setFillColor(HexColor("#3A4654"))
    c.circle(x - 0.33 * r, y + 0.25 * r, 0.09 * r, stroke=0, fill=1)
    c.circle(x + 0.33 * r, y + 0.25 * r, 0.09 * r, stroke=0, fill=1)
    c.setLineCap(1)
    bend = mood * 0.12 * r
    p = c.beginPath()
    p.moveTo(x - 0.4 * r, y - 0.3 * r + bend * 0.5)
    p.curveTo(x - 0.15 * r, y - 0.3 * r - bend, x + 0.15 * r, y - 0.3 * r - bend,
              x + 0.4 * r, y - 0.3 * r + bend * 0.5)  # fmt: skip
    c.drawPath(p, stroke=1, fill=0)
    c.restoreState()


def _smile(c: Canvas, x: float, y: float, r: float) -> None:
    c.setFillColor(HexColor("#7A4A00"))
    c.circle(x - 0.32 * r, y + 0.2 * r, 0.09 * r, stroke=0, fill=1)
    c.circle(x + 0.32 * r, y + 0.2 * r, 0.09 * r, stroke=0, fill=1)
    c.setStrokeColor(HexColor("#7A4A00"))
    c.setLineWidth(r * 0.1)
    c.arc(x - 0.45 * r, y - 0.55 * r, x + 0.45 * r, y + 0.15 * r, 200, 140)


ICONS = {"sun": sun, "cloud": cloud, "steps": steps, "speech": speech, "heart": heart,
         "phone": phone}  # fmt: skip


def confetti(c: Canvas, width: float, height: float, density: int) -> None:
    """Soft dots along the top edge of the page: cheerful without getting in the way."""
    colours = ("#FFD7A8", "#BFE6C8", "#C9DDF7", "#E2D1F4", "#F8CAD6")
    c.saveState()
    for k in range(density):
        colour = HexColor(colours[k % len(colours)])
        c.setFillColor(colour)
        # A fixed pattern, so every printout of one letter is identical.
        fx = (k * 0.6180339887) % 1.0
        fy = ((k * 0.41421356) % 1.0) * 0.55
        r = 3 + (k * 7 % 5) * 1.6
        c.circle(fx * width, height - 6 - fy * 40, r, stroke=0, fill=1)
    c.restoreState()
