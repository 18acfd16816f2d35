"""The figures as a PDF laid out like the statistical sections of an IRO annual report:
each table with its chart beside it, landscape A4, counts only (no child is named).

Used for the IRO's own figures (``iro-desktop figures --format pdf`` and the Figures
screen's export) and for the service's annual report from the central store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from matplotlib.figure import Figure
from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    KeepTogether,
    Table,
    TableStyle,
)

from iro_desktop.documents import pdf
from iro_desktop.documents.blocks import gap
from iro_desktop.documents.figures import canvas_renderer, charts, tables
from iro_desktop.documents.fonts import font
from iro_desktop.documents.text_block import TextBlock, TextStyle
from iro_desktop.domain.dates import format_date
from iro_desktop.domain.figures.measure import Measure
from iro_desktop.domain.figures.report import Figures

PAGE = pdf.Page(size=landscape(A4), left=16 * mm, right=16 * mm, top=16 * mm, bottom=16 * mm)
BODY = TextStyle(size=10, leading=13)
MUTED = HexColor("#3A4654")
RULE = HexColor("#C9D2DC")
HEAD_FILL = HexColor("#1B4F8F")
TOTAL_FILL = HexColor("#EEF1F4")
CHART_WIDTH = 118 * mm
TALL = 22  # table rows above which a table no longer stands beside its chart


@dataclass(frozen=True)
class Scope:
    """Whose figures: the title line and who they are for."""

    title: str
    subtitle: str
    authority: str = ""
    names: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class IroRow:
    name: str
    caseload: int
    measures: dict[str, Measure]


class Chart(Flowable):  # type: ignore[misc]
    """A matplotlib chart drawn as vectors straight onto the page's canvas
    (``canvas_renderer``), scaled to ``width``; its text is in Andika, as the tables'."""

    def __init__(self, fig: Figure, width: float = CHART_WIDTH) -> None:
        super().__init__()
        self.fig = fig
        width_in, height_in = fig.get_size_inches()
        self.scale = width / (width_in * 72)
        self.width, self.height = width, height_in * 72 * self.scale
        self.fit = 1.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.fit = min(1.0, avail_height / self.height) if avail_height > 0 else 1.0
        return self.width * self.fit, self.height * self.fit

    def draw(self) -> None:
        self.canv.scale(self.fit * self.scale, self.fit * self.scale)  # a tall chart shrinks
        canvas_renderer.draw(self.fig, self.canv)


def data_table(table: tables.Table, width: float) -> Table:
    font("Andika")
    font("Andika-Bold")
    n = len(table.header)
    first = width * (0.2 if n > 8 else 0.55 if n > 4 else 0.62 if n > 2 else 0.7)
    rest = (width - first) / max(n - 1, 1)
    out = Table([list(table.header), *[list(r) for r in table.rows]],
                colWidths=[first] + [rest] * (n - 1), repeatRows=1, hAlign="LEFT")  # fmt: skip
    style = [
        ("FONTNAME", (0, 0), (-1, -1), "Andika"),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5 if n < 10 else 8),
        ("LEADING", (0, 0), (-1, -1), 10),
        ("FONTNAME", (0, 0), (-1, 0), "Andika-Bold"),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("TEXTCOLOR", (0, 0), (-1, 0), white),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    if table.total_row:
        style += [("FONTNAME", (0, -1), (-1, -1), "Andika-Bold"),
                  ("BACKGROUND", (0, -1), (-1, -1), TOTAL_FILL)]  # fmt: skip
    out.setStyle(TableStyle(style))
    return out


def _heading(title: str) -> TextBlock:
    return TextBlock(title, BODY.but(size=12.5, leading=16, weight="bold", colour=HEAD_FILL,
                                     space_after=4))  # fmt: skip


def _note(text: str) -> TextBlock:
    return TextBlock(text, BODY.but(size=8.5, leading=11, colour=MUTED, space_before=3))


def section(title: str, table: tables.Table, chart: Figure | None) -> list[Flowable]:
    """A heading, then the table with its chart beside it (kept together on a page)."""
    width = pdf.frame_width(PAGE)
    if len(table.rows) > TALL:
        # Too long to stand beside a chart: the table across (it may run over a page),
        # then its chart.
        across: list[Flowable] = [_heading(title), data_table(table, width * 0.6)]
        if table.note:
            across.append(_note(table.note))
        return [*across, gap(6), *([Chart(chart)] if chart else []), gap(10)]
    if chart is None:
        body: Flowable = data_table(table, width * 0.5)
    else:
        left = width - CHART_WIDTH - 8 * mm
        body = _side_by_side([data_table(table, left), Chart(chart)], [left + 8 * mm,
                                                                      CHART_WIDTH])  # fmt: skip
    parts: list[Flowable] = [_heading(title), body]
    if table.note:
        parts.append(_note(table.note))
    return [KeepTogether([*parts, gap(10)])]


def pair(*items: tuple[str, tables.Table]) -> Flowable:
    """Small tables without a chart, two to a row, so a page is not half empty."""
    width = pdf.frame_width(PAGE)
    column = (width - 10 * mm) / 2
    cells = []
    for title, table in items:
        cell: list[Flowable] = [_heading(title), data_table(table, column)]
        if table.note:
            cell.append(_note(table.note))
        cells.append(cell)
    return KeepTogether([_side_by_side(cells, [column + 10 * mm, column]), gap(10)])


def _side_by_side(cells: Sequence[object], widths: Sequence[float]) -> Table:
    row = Table([list(cells)], colWidths=list(widths), hAlign="LEFT")
    row.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("FONTNAME", (0, 0), (-1, -1), "Andika"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))  # fmt: skip
    return row


def _rates_chart(measures: Sequence[tables.Table]) -> Figure:
    rows = [r for t in measures for r in t.rows]
    return charts.rates(
        [r[0] for r in rows],
        [None if r[3] == "-" else float(r[3].rstrip("%")) for r in rows],
        [f"{r[1]}/{r[2]}" for r in rows],
    )


def figures_story(figures: Figures, scope: Scope, iros: Sequence[IroRow] = ()) -> list[Flowable]:
    story: list[Flowable] = [
        TextBlock(scope.title, BODY.but(size=20, leading=25, weight="bold", colour=HEAD_FILL)),
        TextBlock(scope.subtitle, BODY.but(size=11, leading=15, colour=MUTED)),
        TextBlock(
            f"{figures.period.describe()}. Figures as at {format_date(figures.today)}. "
            "Counts only: no child is named in this report. Work still within its "
            "deadline is left out of the rates, never counted late.",
            BODY.but(size=9.5, leading=13, colour=MUTED, space_before=2, space_after=10),
        ),
    ]
    headline = tables.headline(figures)
    story.extend(section("Headline measures", headline, _rates_chart([headline])))
    by_kind = tables.by_kind(figures)
    consultations = tables.consultations(figures)
    story.append(pair((by_kind.title, by_kind), (consultations.title, consultations)))
    part = tables.participation(figures)
    story.append(CondPageBreak(120 * mm))
    story.extend(section(part.title, part, charts.participation(
        list(figures.participation_by_month), figures.participation_by_month)))  # fmt: skip
    end = {t.key: t for t in tables.children_at_end(figures)}
    story.extend(section(f"Children looked after: {_lower_first(end['by_age_band'].title)}",
                         end["by_age_band"], charts.counts(end["by_age_band"])))  # fmt: skip
    for left, right in (
        ("by_legal_status", "by_category_of_need"),
        ("by_gender", "by_county"),
        ("by_ethnicity", None),
    ):
        shown = [end[k] for k in (left, right) if k is not None]
        story.append(pair(*((f"Children looked after: {_lower_first(t.title)}", t)
                            for t in shown)))  # fmt: skip
    stage, category, outcome = tables.challenges(figures)
    story.append(pair((category.title, category), (stage.title, stage)))
    story.append(pair((outcome.title, outcome)))
    rating, questions = tables.feedback(figures)
    story.append(pair((rating.title, rating), (questions.title, questions)))
    if iros:
        # The caseload chart, then each IRO's row (its Children column is the chart's table).
        t = tables.caseload_by_iro(figures, scope.names)
        story += [CondPageBreak(150 * mm), _heading("Caseload per IRO"),
                  Chart(charts.counts(t, guidance=figures.caseload.guidance), 150 * mm),
                  _note(f"{t.note} The numbers are in the Children column of the next table."),
                  CondPageBreak(80 * mm), _heading("Each IRO's figures"),
                  data_table(iro_table(iros), pdf.frame_width(PAGE)),
                  _note("Children: looked after on the last day of the period. Each rate counts "
                        "the children the IRO held at the end of the period (or when the child "
                        "left care), so the rows add up to the figures above.")]  # fmt: skip
    elif figures.caseload_by_iro:
        t = tables.caseload_by_iro(figures, scope.names)
        story.extend(section("Caseload per IRO", t,
                             charts.counts(t, guidance=figures.caseload.guidance)))  # fmt: skip
    return story


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


PER_IRO = (
    ("reviews_in_timescale", "Reviews\nin time"),
    ("participation_rate", "Partici-\npation"),
    ("records_distributed_in_time", "Records in\n20 days"),
    ("visited_before_review", "Seen before\nthe review"),
    ("midway_updates_in_time", "Mid-way\nin time"),
    ("iro_allocated_in_time", "Allocated\nin 5 days"),
    ("same_iro", "Same IRO\nthroughout"),
)


def iro_table(iros: Sequence[IroRow]) -> tables.Table:
    rows = []
    for row in iros:
        m = row.measures
        cells = [row.name, str(row.caseload)]
        for key, _ in PER_IRO:
            rate = m[key].rate if key in m else None
            cells.append("-" if rate is None else f"{tables.percent(rate)}\n"
                         f"{rate.numerator}/{rate.denominator}")  # fmt: skip
        rows.append(tuple(cells))
    return tables.Table("per_iro", "Each IRO's figures",
                        ("IRO", "Children", *(label for _, label in PER_IRO)), tuple(rows),
                        "Children: looked after on the last day of the period.")  # fmt: skip


def render(figures: Figures, scope: Scope, iros: Sequence[IroRow] = ()) -> bytes:
    footer = (
        f"{scope.authority + ' · ' if scope.authority else ''}{scope.title} · "
        f"{figures.period.describe()}"
    )

    def decorate(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.setFont("Andika", 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(PAGE.left, 8 * mm, footer)
        canvas.drawRightString(PAGE.size[0] - PAGE.right, 8 * mm, f"page {doc.page}")

    return pdf.build(figures_story(figures, scope, iros), title=scope.title, page=PAGE,
                     decorate=decorate)  # fmt: skip
