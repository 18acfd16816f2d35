"""matplotlib's own drawing of a chart, played straight onto a reportlab canvas.

matplotlib still lays out and draws every chart (``Figure.draw``); this is only the
backend it draws through, as its PDF backend is: each path and each line of text becomes
the matching reportlab canvas operation, text staying text in Andika. It replaces writing
SVG with matplotlib and reading it back with svglib, which cost the annual report about
150 ms a chart (issue 14), most of it parsing and converting SVG, clip paths above all.
"""

from __future__ import annotations

import math
from typing import Any, Literal

import numpy as np
from matplotlib import font_manager
from matplotlib.backend_bases import GraphicsContextBase
from matplotlib.backends._backend_pdf_ps import RendererPDFPSBase
from matplotlib.figure import Figure
from matplotlib.path import Path
from matplotlib.transforms import Affine2D, Transform
from reportlab.pdfgen.canvas import Canvas

from iro_desktop.documents.fonts import font

CAPS = {"butt": 0, "round": 1, "projecting": 2}
JOINS = {"miter": 0, "round": 1, "bevel": 2}
HATCH_CELL = 72.0  # points: the tile matplotlib's PDF backend draws a hatch in


class CanvasRenderer(RendererPDFPSBase):
    """At 72 dots an inch, so matplotlib's pixels are the canvas's points. Text is
    measured by matplotlib from the same Andika files reportlab embeds."""

    _afm_font_dir = ""  # never used: the 14 core fonts are off (pdf.use14corefonts)
    _use_afm_rc_name = "pdf.use14corefonts"

    def __init__(self, canv: Canvas, width_in: float, height_in: float) -> None:
        super().__init__(width_in, height_in)  # type: ignore[no-untyped-call]
        self.canv = canv

    def points_to_pixels(self, points: Any) -> Any:
        return points

    def draw_path(
        self, gc: GraphicsContextBase, path: Path, transform: Transform, rgbFace: Any = None
    ) -> None:
        stroke = gc.get_linewidth() > 0 and gc.get_rgb()[3] > 0
        fill = rgbFace is not None and (len(rgbFace) < 4 or rgbFace[3] > 0)
        hatch = gc.get_hatch() is not None
        if not (stroke or fill or hatch):
            return
        c = self.canv
        c.saveState()
        self._clip(gc)
        outline = self._path(path, transform)
        if fill:
            c.setFillColorRGB(*rgbFace[:3])
            c.drawPath(outline, stroke=0, fill=1)
        if hatch:
            self._hatch(gc, outline, path, transform)
        if stroke:
            c.setStrokeColorRGB(*gc.get_rgb()[:3])
            c.setLineWidth(gc.get_linewidth())
            c.setLineCap(CAPS.get(gc.get_capstyle(), 0))
            c.setLineJoin(JOINS.get(gc.get_joinstyle(), 0))
            offset, dashes = gc.get_dashes()
            if dashes is not None:
                c.setDash(np.asarray(dashes, dtype=float).tolist(), offset or 0)
            c.drawPath(outline, stroke=1, fill=0)
        c.restoreState()

    def draw_text(
        self,
        gc: GraphicsContextBase,
        x: float,
        y: float,
        s: str,
        prop: font_manager.FontProperties,
        angle: float,
        ismath: bool | Literal["TeX"] = False,
        mtext: Any = None,
    ) -> None:
        if ismath:  # none of the charts' texts is mathematics; drawn as outlines if one is
            super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
            return
        weight = prop.get_weight()
        bold = (font_manager.weight_dict.get(weight, 400) if isinstance(weight, str)
                else weight) >= 600  # fmt: skip
        name = font("Andika-Bold" if bold else "Andika").fontName
        c = self.canv
        c.saveState()
        c.setFillColorRGB(*gc.get_rgb()[:3])
        c.translate(x, y)
        if angle:
            c.rotate(angle)
        c.setFont(name, prop.get_size_in_points())
        c.drawString(0, 0, s)
        c.restoreState()

    def _clip(self, gc: GraphicsContextBase) -> None:
        box = gc.get_clip_rectangle()
        if box is not None:
            area = self.canv.beginPath()
            area.rect(box.x0, box.y0, box.width, box.height)
            self.canv.clipPath(area, stroke=0, fill=0)
        # A path and its transform (the stubs say a TransformedPath; it is its parts).
        shape, shape_transform = gc.get_clip_path()
        if shape is not None and shape_transform is not None:
            self.canv.clipPath(self._path(shape, shape_transform), stroke=0, fill=0)  # type: ignore[arg-type]

    def _path(self, path: Path, transform: Transform) -> Any:
        out = self.canv.beginPath()
        last = (0.0, 0.0)
        for points, code in path.iter_segments(transform, remove_nans=True, simplify=False):
            if code == Path.MOVETO:
                out.moveTo(*points)
            elif code == Path.LINETO:
                out.lineTo(*points)
            elif code == Path.CURVE3:  # quadratic: as the cubic through the same points
                (qx, qy), (ex, ey) = points[:2], points[2:]
                out.curveTo(last[0] + 2 / 3 * (qx - last[0]), last[1] + 2 / 3 * (qy - last[1]),
                            ex + 2 / 3 * (qx - ex), ey + 2 / 3 * (qy - ey), ex, ey)  # fmt: skip
            elif code == Path.CURVE4:
                out.curveTo(*points)
            elif code == Path.CLOSEPOLY:
                out.close()
                continue
            last = (points[-2], points[-1])
        return out

    def _hatch(
        self, gc: GraphicsContextBase, outline: Any, path: Path, transform: Transform
    ) -> None:
        """The hatch tiled over the shape, inside it, as matplotlib's PDF backend draws it."""
        c = self.canv
        c.saveState()
        c.clipPath(outline, stroke=0, fill=0)
        c.setStrokeColorRGB(*gc.get_hatch_color()[:3])
        c.setLineWidth(gc.get_hatch_linewidth())
        cell = gc.get_hatch_path()
        box = path.get_extents(transform)
        for i in range(math.floor(box.x0 / HATCH_CELL), math.ceil(box.x1 / HATCH_CELL)):
            for j in range(math.floor(box.y0 / HATCH_CELL), math.ceil(box.y1 / HATCH_CELL)):
                tile = Affine2D().scale(HATCH_CELL).translate(i * HATCH_CELL, j * HATCH_CELL)
                c.drawPath(self._path(cell, tile), stroke=1, fill=0)
        c.restoreState()


def draw(fig: Figure, canv: Canvas) -> None:
    """Draw ``fig`` with its lower left corner at the canvas's origin, one point a pixel."""
    dpi = fig.dpi
    fig.set_dpi(72)
    try:
        width, height = fig.get_size_inches()
        fig.draw(CanvasRenderer(canv, width, height))
    finally:
        fig.set_dpi(dpi)
