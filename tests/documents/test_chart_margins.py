"""The charts' words stay inside the picture: the participation chart's "Reviews" axis
title was drawn left of the figure's edge, so the Figures screen and the PDF lost it."""

from __future__ import annotations

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from iro_desktop.documents.figures import charts

MONTHS = ["2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09"]


def _inside(fig: Figure) -> list[str]:
    """The texts of the chart's y axis (its title and numbers) that stick out of it."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()  # type: ignore[no-untyped-call]
    renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]
    ax = fig.axes[0]
    low, high = ax.get_ylim()
    shown = [t.label1 for t in ax.yaxis.get_major_ticks() if low <= t.get_loc() <= high]
    texts = [ax.yaxis.label, *shown]
    width, height = canvas.get_width_height()
    out = []
    for text in texts:
        if not text.get_text():
            continue
        box = text.get_window_extent(renderer)
        if box.x0 < 0 or box.y0 < 0 or box.x1 > width or box.y1 > height:
            out.append(text.get_text())
    return out


def test_the_participation_charts_axis_title_is_inside_the_picture() -> None:
    table = {m: {"PN1": 3 + i, "PN2": 1, "PN0": 120} for i, m in enumerate(MONTHS)}
    fig = charts.participation(MONTHS, table)
    assert fig.axes[0].get_ylabel() == "Reviews"
    assert _inside(fig) == []
    charts.rgba(fig, 560)  # as the screen draws it, narrower
    assert _inside(fig) == []


def test_the_monthly_chart_stays_inside_the_picture() -> None:
    fig = charts.monthly(MONTHS, {m: (40, 120) for m in MONTHS})
    assert _inside(fig) == []
