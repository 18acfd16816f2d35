"""Every chart of the figures, drawn by matplotlib for both the screen and the PDF.

matplotlib is the one charting library: the Figures screen shows these ``Figure`` objects
on its Qt canvas, and the PDF draws the same figures as vectors straight onto its
reportlab canvas (``canvas_renderer``). Nothing here imports pyplot, so no global state or
GUI backend is touched, and a chart can be built in a worker thread.

Colours: one dark blue for single series; for the participation codes the cividis map,
which is made for colour-blind readers and rises steadily in lightness, so the codes stay
apart printed in grey. Every bar carries its number, so no reading depends on colour.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache, wraps
from typing import Any, ParamSpec

from matplotlib import colormaps, font_manager, rc_context
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from iro_desktop.documents.figures.tables import Table, month_name
from iro_desktop.resources import fonts_dir

INK = "#1F2933"
BLUE = "#1B4F8F"
PALE = "#C9D2DC"
GUIDANCE = "#8A4600"
LATE = "#E69F00"  # Okabe-Ito orange: light where the blue is dark
GUIDANCE_FILL = "#F6EBDD"  # the guidance colour, pale: solid, so it prints the same
WIDTH_IN = 4.6
YLABEL_IN = 0.22  # an axis title's room: one line of 8 pt text, turned, and a gap
MIN_SLOTS = 6  # room for at least six months' bars, so one month is not one wide block
P = ParamSpec("P")


@cache
def _font() -> str:
    """The bundled Andika, so charts and tables read in one typeface."""
    for weight in ("Regular", "Bold"):
        font_manager.fontManager.addfont(str(fonts_dir() / "andika" / f"Andika-{weight}.ttf"))
    return "Andika"


def _styled(build: Callable[P, Figure]) -> Callable[P, Figure]:
    """Build the chart with Andika as every text's font (fonts are fixed when a text is
    made, so the whole build runs inside the setting)."""

    @wraps(build)
    def styled(*args: P.args, **kwargs: P.kwargs) -> Figure:
        with rc_context({"font.family": _font(), "font.size": 8, "text.color": INK}):
            return build(*args, **kwargs)

    return styled


def _figure(
    height_in: float,
    width_in: float = WIDTH_IN,
    *,
    labels: Sequence[str] = (),
    below_in: float = 0.3,
    ylabel: str = "",
) -> tuple[Figure, Any]:
    """A figure whose margins are set from its labels' length, not by a layout engine
    (which draws every chart twice: the slowest part of a report's charts). A ``ylabel``
    stands left of the numbers, so it has its own room there."""
    fig = Figure(figsize=(width_in, height_in), dpi=100)
    longest = max((len(line) for label in labels for line in label.split("\n")), default=3)
    left_in = 0.15 + longest * 0.058 + (YLABEL_IN if ylabel else 0.0)
    fig.subplots_adjust(left=left_in / width_in, right=1 - 0.5 / width_in,
                        bottom=below_in / height_in, top=1 - 0.12 / height_in)  # fmt: skip
    ax = fig.add_subplot()
    ax.tick_params(colors=INK, labelsize=8)
    if ylabel:
        ax.set_ylabel(ylabel, fontsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(PALE)
    fig.set_facecolor("white")
    return fig, ax


@_styled
def rates(labels: Sequence[str], percents: Sequence[float | None], counts: Sequence[str],
          title: str = "") -> Figure:  # fmt: skip
    """Horizontal bars of percentages, each labelled with its rate and counts."""
    height = 0.5 + 0.34 * len(labels)
    wrapped = [_wrap(label, 36) for label in labels]
    fig, ax = _figure(height, labels=wrapped)
    values = [p or 0.0 for p in percents]
    y = list(range(len(labels)))[::-1]
    ax.barh(y, [100] * len(values), color="#EEF1F4", height=0.62)
    ax.barh(y, values, color=BLUE, height=0.62)
    for yi, p, count in zip(y, percents, counts, strict=True):
        if p is None:
            ax.text(2, yi, "none", va="center", ha="left", fontsize=7.5, color=INK)
            continue
        inside = p > 55
        ax.text(p - 2 if inside else p + 2, yi, f"{p:.1f}%  ({count})", va="center",
                ha="right" if inside else "left", fontsize=7.5,
                color="white" if inside else INK)  # fmt: skip
    ax.set_yticks(y, wrapped)
    ax.set_xlim(0, 100)
    ax.set_xticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
    ax.tick_params(axis="y", length=0)
    if title:
        ax.set_title(title, fontsize=9, color=INK, loc="left")
    return fig


@_styled
def participation(months: Sequence[str], table: dict[str, dict[str, int]]) -> Figure:
    """Reviews per month, stacked by participation code (cividis, darkest first)."""
    fig, ax = _figure(3.1, labels=["100"], below_in=0.75, ylabel="Reviews")
    codes = list(next(iter(table.values()))) if table else []
    colours = colormaps["cividis"].resampled(max(len(codes), 2))
    bottoms = [0] * len(months)
    x = list(range(len(months)))
    for i, code in enumerate(codes):
        values = [table[m][code] for m in months]
        ax.bar(x, values, bottom=bottoms, color=colours(i), label=code, width=0.72,
               edgecolor="white", linewidth=0.4)  # fmt: skip
        bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
    for xi, total in zip(x, bottoms, strict=True):
        ax.text(xi, total, str(total), ha="center", va="bottom", fontsize=7, color=INK
                )  # fmt: skip
    ax.set_xticks(x, [month_name(m)[:3] for m in months], rotation=0)
    ax.set_xlim(-0.6, max(len(months), MIN_SLOTS) - 0.4)  # a short period keeps slim bars
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(0, max([*bottoms, 1]) * 1.15)
    ax.legend(ncols=8, fontsize=7, frameon=False, loc="upper center",
              bbox_to_anchor=(0.5, -0.09), handlelength=1, columnspacing=0.8)  # fmt: skip
    return fig


@_styled
def monthly(months: Sequence[str], table: dict[str, tuple[int, int]], yes: str = "In time",
            no: str = "Late") -> Figure:  # fmt: skip
    """Each month's items as two stacked bars: counted (dark blue) under not counted (pale
    orange, hatched), so the two parts differ in lightness and pattern, not only hue."""
    fig, ax = _figure(2.6, labels=["100"], below_in=0.6)
    x = list(range(len(months)))
    counted = [table[m][0] for m in months]
    rest = [table[m][1] - table[m][0] for m in months]
    ax.bar(x, counted, color=BLUE, width=0.72, label=yes)
    ax.bar(x, rest, bottom=counted, color=LATE, hatch="///", edgecolor="white", width=0.72,
           linewidth=0.4, label=no)  # fmt: skip
    for xi, c, r in zip(x, counted, rest, strict=True):
        if c + r:
            ax.text(xi, c + r, f"{c}/{c + r}", ha="center", va="bottom", fontsize=6.5, color=INK)
    ax.set_xticks(x, [month_name(m)[:3] for m in months])
    ax.set_xlim(-0.6, max(len(months), MIN_SLOTS) - 0.4)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(0, max([c + r for c, r in zip(counted, rest, strict=True)] + [1]) * 1.2)
    ax.legend(ncols=2, fontsize=7, frameon=False, loc="upper center",
              bbox_to_anchor=(0.5, -0.1), handlelength=1.4)  # fmt: skip
    return fig


@_styled
def counts(table: Table, *, guidance: tuple[int, int] | None = None) -> Figure:
    """Bars of a tally table (its total row left out), each bar labelled with its count."""
    rows = [r for r in table.rows if r[0] != "Total"]
    labels = [_wrap(r[0], 26) for r in rows]
    values = [int(r[1]) for r in rows]
    fig, ax = _figure(0.6 + (0.3 if len(rows) <= 12 else 0.17) * len(rows), labels=labels)
    y = list(range(len(rows)))[::-1]
    ax.barh(y, values, color=BLUE, height=0.62, zorder=2)
    top = max([*values, 1])
    for yi, v in zip(y, values, strict=True):
        ax.text(v + top * 0.01, yi, str(v), va="center", fontsize=7.5, color=INK
                )  # fmt: skip
    if guidance is not None:
        low, high = guidance
        ax.axvspan(low, high, color=GUIDANCE_FILL, lw=0, zorder=0)
        ax.axvline(low, color=GUIDANCE, lw=0.8, ls="--")
        ax.axvline(high, color=GUIDANCE, lw=0.8, ls="--")
        ax.text(high, y[0] + 0.6, f" guidance {low}-{high}", fontsize=7, color=GUIDANCE,
                va="bottom")  # fmt: skip
        top = max(top, high)
    ax.set_xlim(0, top * 1.15)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_yticks(y, labels)
    ax.tick_params(axis="y", length=0)
    return fig


def _wrap(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width)
    cut = cut if cut > 0 else width
    return text[:cut] + "\n" + _wrap(text[cut:].strip(), width)


def rgba(fig: Figure, width_px: int) -> tuple[bytes, int, int]:
    """The chart drawn as pixels, ``width_px`` wide (the height follows): what the screen
    shows. Drawn wherever it is called, so the screen draws it in its worker thread."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    fig.set_dpi(max(width_px, 100) / fig.get_figwidth())
    canvas.draw()  # type: ignore[no-untyped-call]
    width, height = canvas.get_width_height(physical=True)
    return bytes(canvas.buffer_rgba()), width, height  # type: ignore[no-untyped-call]
