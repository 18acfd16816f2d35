"""The Figures screen: the IRO's headline rates with their counts for a period, monthly
charts each with its table one click away, the children looked after at the end, and
export to CSV and PDF for supervision.

Everything is counted in the worker (``Context.read``/``run``); the screen only draws.
Every headline opens the children and items behind it.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QImage, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.documents.figures import tables
from iro_desktop.domain.dates import format_date
from iro_desktop.domain.figures import period as periods
from iro_desktop.domain.figures.measure import Measure
from iro_desktop.domain.figures.period import Period
from iro_desktop.domain.kpis import caseload_message
from iro_desktop.gui.figures.items_dialog import ItemsDialog
from iro_desktop.gui.figures.loading import Loaded, Picture, load, pictures, recount
from iro_desktop.gui.figures.tile import Tile
from iro_desktop.gui.style import heading, muted

if TYPE_CHECKING:
    from iro_desktop.gui.context import Context

YEARS_BACK = 5
CUSTOM = "From… to…"


def choices(today: date) -> list[tuple[str, Period | None]]:
    """The period chooser's entries: this year and the five before, this month and the
    last, and a span of the IRO's own."""
    first = periods.financial_year_of(today).start.year
    out: list[tuple[str, Period | None]] = [
        (f"Year {periods.year_label(y)}", periods.financial_year(y))
        for y in range(first, first - YEARS_BACK - 1, -1)
    ]
    last_month = today.replace(day=1) - timedelta(days=1)
    out += [
        ("This month", periods.month(today.year, today.month)),
        ("Last month", periods.month(last_month.year, last_month.month)),
        (CUSTOM, None),
    ]
    return out


class Chart(QTabWidget):
    """A chart with its table one click away (the Table tab). The picture is drawn in the
    worker by matplotlib, the same chart the PDF prints."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.setDocumentMode(True)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setAccessibleName(f"{name}: chart (its numbers are on the Table tab)")
        self.picture.setStyleSheet("background: white;")
        # The picture never widens the page: it is drawn to fit the width it has.
        self.picture.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.table = table_widget(name)
        self.addTab(self.picture, "Chart")
        self.addTab(self.table, "Table")

    @property
    def drawn(self) -> bool:
        return not self.picture.pixmap().isNull()

    def show_picture(self, picture: Picture) -> None:
        pixels, width, height = picture
        image = QImage(pixels, width, height, QImage.Format.Format_RGBA8888).copy()
        image.setDevicePixelRatio(self.devicePixelRatioF())
        self.picture.setPixmap(QPixmap.fromImage(image))
        self.picture.setMinimumHeight(int(height / self.devicePixelRatioF()))


def table_widget(name: str) -> QTableWidget:
    table = QTableWidget()
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    return table


def fill_table(widget: QTableWidget, table: tables.Table) -> None:
    widget.clear()
    widget.setColumnCount(len(table.header))
    widget.setRowCount(len(table.rows))
    widget.setHorizontalHeaderLabels(list(table.header))
    for r, row in enumerate(table.rows):
        for c, text in enumerate(row):
            cell = QTableWidgetItem(text)
            if c:
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if table.total_row and r == len(table.rows) - 1:
                font = cell.font()
                font.setBold(True)
                cell.setFont(font)
            widget.setItem(r, c, cell)
    header = widget.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    height = widget.horizontalHeader().height() + sum(
        widget.rowHeight(r) for r in range(widget.rowCount())) + 4  # fmt: skip
    widget.setMinimumHeight(min(height, 420))


class FiguresView(QWidget):
    filled = Signal()  # the figures for the chosen period are on the screen
    charted = Signal()  # ... and their charts drawn

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        self.loaded: Loaded | None = None
        self.dialog: ItemsDialog | None = None
        self.period_box = QComboBox()
        self.period_box.setAccessibleName("Period")
        self.choices = choices(ctx.today)
        for label, _ in self.choices:
            self.period_box.addItem(label)
        self.start_edit, self.end_edit = QDateEdit(), QDateEdit()
        for edit, name in ((self.start_edit, "From"), (self.end_edit, "To")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setAccessibleName(name)
            edit.setVisible(False)
        self.start_edit.setDate(QDate(ctx.today.replace(day=1)))
        self.end_edit.setDate(QDate(ctx.today))
        self.apply_button = QPushButton("Show")
        self.apply_button.setVisible(False)
        self.apply_button.clicked.connect(self.reload)
        self.csv_button = QPushButton("Save as CSV…")
        self.pdf_button = QPushButton("Save as PDF…")
        self.csv_button.clicked.connect(lambda: self._ask_export("csv"))
        self.pdf_button.clicked.connect(lambda: self._ask_export("pdf"))
        top = QHBoxLayout()
        top.addWidget(heading("Figures"))
        top.addStretch(1)
        for w in (QLabel("Period:"), self.period_box, self.start_edit, self.end_edit,
                  self.apply_button, self.csv_button, self.pdf_button):  # fmt: skip
            top.addWidget(w)
        self.summary = muted(QLabel("The figures are counted when you open this page."))
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("What the figures cover")
        self.tiles: dict[str, Tile] = {}
        self.tile_grid = QGridLayout()
        self.tile_grid.setSpacing(8)
        self.monthly_chart = Chart("Reviews held in time, month by month")
        self.participation_chart = Chart("Participation by month")
        charts_row = QHBoxLayout()
        for title, chart in (
            ("Reviews held in time, month by month", self.monthly_chart),
            ("Participation by code and month", self.participation_chart),
        ):
            column = QVBoxLayout()
            column.addWidget(heading(title, 1.1))
            column.addWidget(chart, 1)
            charts_row.addLayout(column, 1)  # fmt: skip
        self.end_tables: dict[str, QTableWidget] = {}
        end_row = QHBoxLayout()
        for key, title in (
            ("by_age_band", "Age"),
            ("by_legal_status", "Legal status"),
            ("by_category_of_need", "Category of need"),
        ):
            column = QVBoxLayout()
            column.addWidget(heading(title, 1.0))
            self.end_tables[key] = table_widget(title)
            column.addWidget(self.end_tables[key])
            column.addStretch(1)
            end_row.addLayout(column, 1)  # fmt: skip
        self.end_heading = heading("Children looked after at the end of the period", 1.1)
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.addWidget(self.summary)
        inner.addLayout(self.tile_grid)
        inner.addLayout(charts_row)
        inner.addWidget(self.end_heading)
        inner.addLayout(end_row)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        self.period_box.currentIndexChanged.connect(self._period_chosen)
        ctx.signals.changes_made.connect(lambda _changes: self._changed())

    def _changed(self) -> None:
        """Count again now if on screen, else when next shown."""
        if self.isVisible():
            self.reload()
        else:
            self.loaded = None

    def showEvent(self, event: QShowEvent) -> None:
        """Counted when first shown, not at every unlock."""
        super().showEvent(event)
        if self.loaded is None:
            self.reload()

    # --- what to count -----------------------------------------------------

    def period(self) -> Period:
        _label, chosen = self.choices[self.period_box.currentIndex()]
        if chosen is not None:
            return chosen
        start, end = self.start_edit.date().toPython(), self.end_edit.date().toPython()
        assert isinstance(start, date) and isinstance(end, date)
        return Period(start, max(start, end))

    def _period_chosen(self, _index: int) -> None:
        custom = self.choices[self.period_box.currentIndex()][1] is None
        for w in (self.start_edit, self.end_edit, self.apply_button):
            w.setVisible(custom)
        if not custom:
            self.recount()

    def reload(self) -> None:
        """Read the caseload again (at first, and after any change) and count."""
        period, today = self.period(), self.ctx.today
        self.summary.setText("Counting…")
        self.ctx.read(lambda s: load(s, period, today), self.show_loaded)

    def recount(self) -> None:
        """Another period: count what was read, in the worker, without reading again."""
        if self.loaded is None:
            self.reload()
            return
        loaded, period, today = self.loaded, self.period(), self.ctx.today
        self.summary.setText("Counting…")
        self.ctx.run(lambda: recount(loaded, period, today), self.show_loaded)

    def _chart_width(self) -> int:
        """Pixels across for each chart: half the page's width, less the margins."""
        ratio = self.devicePixelRatioF()
        return int(max(380, self.width() // 2 - 60) * ratio)

    # --- drawing -----------------------------------------------------------

    def show_loaded(self, loaded: Loaded) -> None:
        self.loaded = loaded
        f = loaded.figures
        self.summary.setText(
            f"{f.period.describe()}, counted as at {format_date(f.today)}"
            f". {caseload_message(f.caseload.children, f.caseload.guidance)} at the end. "
            "Work still within its deadline is left out of each rate, never counted late. "
            "Choose a figure to see the children behind it."
        )
        self._fill_tiles(f.all_measures())
        fill_table(self.monthly_chart.table, _monthly_table(loaded.monthly))
        fill_table(self.participation_chart.table, tables.participation(f))
        for t in tables.children_at_end(f):
            if t.key in self.end_tables:
                fill_table(self.end_tables[t.key], t)
        self.end_heading.setText(
            f"Children looked after on {format_date(f.children_at_end.day)}: "
            f"{f.children_at_end.total}"
        )
        self.filled.emit()
        width = self._chart_width()
        self.ctx.run(
            lambda: pictures(loaded, width), lambda drawn: self._draw(loaded, drawn), owner=self
        )

    def _draw(self, loaded: Loaded, drawn: dict[str, Picture]) -> None:
        if loaded is not self.loaded:
            return  # another period was chosen meanwhile
        self.monthly_chart.show_picture(drawn["monthly"])
        self.participation_chart.show_picture(drawn["participation"])
        self.charted.emit()

    def _fill_tiles(self, measures: dict[str, Measure]) -> None:
        shown = [m for k, m in measures.items() if not k.startswith("reviews_in_timescale_")
                 and not k.startswith("feedback_")]  # fmt: skip
        for i, m in enumerate(shown):
            tile = self.tiles.get(m.name)
            if tile is None:
                tile = Tile()
                tile.clicked.connect(lambda _=False, name=m.name: self.open_items(name))
                self.tiles[m.name] = tile
                self.tile_grid.addWidget(tile, i // 3, i % 3)
            tile.show_measure(m)

    def open_items(self, name: str) -> ItemsDialog | None:
        if self.loaded is None:
            return None
        measure = self.loaded.figures.all_measures()[name]
        self.dialog = ItemsDialog(measure, lambda child_id: self.ctx.signals.open_child.emit(
            child_id, ""), self)  # fmt: skip
        self.dialog.show()
        return self.dialog

    # --- export ------------------------------------------------------------

    def _ask_export(self, kind: str) -> None:
        if self.loaded is None:
            return
        label = "CSV files (*.csv)" if kind == "csv" else "PDF files (*.pdf)"
        name = f"figures-{self.loaded.figures.period.start.isoformat()}.{kind}"
        path, _ = QFileDialog.getSaveFileName(self, "Save the figures", name, label)
        if path:
            self.export(kind, Path(path))

    def export(self, kind: str, path: Path) -> None:
        """Write the figures on the screen to ``path``, off the UI thread."""
        if self.loaded is None:
            return
        loaded = self.loaded

        def work() -> Path:
            from iro_desktop.domain.figures.report import as_json

            if kind == "csv":
                path.write_text(tables.to_csv([("caseload", as_json(loaded.figures))]), "utf-8")
            else:
                from iro_desktop.documents.figures.report_pdf import Scope, render

                scope = Scope("IRO figures", f"The caseload of {loaded.who}")
                path.write_bytes(render(loaded.figures, scope))
            return path

        self.ctx.run(work, lambda done: self.ctx.status(f"Saved {done.name}"), owner=self)


def _monthly_table(monthly: dict[str, tuple[int, int]]) -> tables.Table:
    rows = [(tables.month_name(m), str(n), str(d - n), str(d)) for m, (n, d) in monthly.items()]
    total_n = sum(n for n, _ in monthly.values())
    total_d = sum(d for _, d in monthly.values())
    rows.append(("Total", str(total_n), str(total_d - total_n), str(total_d)))
    return tables.Table(
        "reviews_by_month",
        "Reviews held in time, month by month",
        ("Month", "In time", "Late", "All"),
        tuple(rows),
        total_row=True,
    )
