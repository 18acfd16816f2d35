"""The Figures screen over the demo: the same numbers as ``iro-desktop figures``, each
figure opening the children behind it, other periods, and export to CSV and PDF."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import pytest

from iro_desktop.cli.demo_cmd import DEMO_PASSPHRASE
from iro_desktop.cli.main import main
from iro_desktop.gui.signals import PAGES
from tests.conftest import TODAY


def figures_view(window):  # type: ignore[no-untyped-def]
    window.workspace.go(PAGES.index("Figures"))
    view = window.workspace.figures
    assert view is not None and view.loaded is not None  # counted when first shown
    return view


def test_the_screen_shows_what_the_command_prints(
    window, demo_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    view = figures_view(window)
    view.period_box.setCurrentIndex(1)  # the year before this one: 2025/26
    assert view.loaded.figures.period.start.isoformat() == "2025-04-01"
    monkeypatch.setenv("IRO_DESKTOP_PASSPHRASE", DEMO_PASSPHRASE)
    assert main(["--data-dir", str(demo_folder), "figures", "--year", "2025/26", "--format",
                 "json", "--today", TODAY.isoformat()]) == 0  # fmt: skip
    printed = json.loads(capsys.readouterr().out)
    for name, counts in printed["measures"].items():
        tile = view.tiles[name].accessibleName()
        assert f"{counts['numerator']} of {counts['denominator']}" in tile, name
    table = view.participation_chart.table
    total = table.item(table.rowCount() - 1, table.columnCount() - 1).text()
    assert int(total) == sum(sum(m.values()) for m in printed["participation_by_month"].values())
    assert view.participation_chart.drawn and view.monthly_chart.drawn
    ages = view.end_tables["by_age_band"]
    assert ages.item(ages.rowCount() - 1, 1).text() == str(printed["children_at_end"]["total"])


def test_a_figure_opens_the_children_behind_it(window) -> None:  # type: ignore[no-untyped-def]
    view = figures_view(window)
    view.period_box.setCurrentIndex(1)
    measure = view.loaded.figures.measures["reviews_in_timescale"]
    view.tiles["reviews_in_timescale"].click()
    dialog = view.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.table.rowCount() == measure.denominator + len(measure.waiting)
    late = [dialog.table.item(r, 4).text() for r in range(dialog.table.rowCount())]
    assert late.count("no") == measure.denominator - measure.numerator
    late_item = next(i for i in measure.items if not i.counted)
    assert dialog.table.item(0, 1).text() == late_item.child_ref  # what counts against first
    dialog.table.cellDoubleClicked.emit(0, 0)
    record = window.workspace.record
    assert record is not None and not dialog.isVisible()
    assert record.child_id == late_item.child_id


def test_other_periods_and_an_empty_month(window) -> None:  # type: ignore[no-untyped-def]
    view = figures_view(window)
    custom = [label for label, _ in view.choices].index("From… to…")
    view.period_box.setCurrentIndex(custom)
    assert view.start_edit.isVisible() and view.apply_button.isVisible()
    from PySide6.QtCore import QDate

    view.start_edit.setDate(QDate(2030, 1, 1))  # a month nothing has happened in yet
    view.end_edit.setDate(QDate(2030, 1, 31))
    view.apply_button.click()
    figures = view.loaded.figures
    assert list(figures.participation_by_month) == ["2030-01"]
    assert sum(figures.participation_by_month["2030-01"].values()) == 0
    assert "none yet, 0 of 0" in view.tiles["reviews_in_timescale"].accessibleName()


def test_export_csv_and_pdf(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    view = figures_view(window)
    view.period_box.setCurrentIndex(1)
    view.export("csv", tmp_path / "figures.csv")
    view.export("pdf", tmp_path / "figures.pdf")
    with (tmp_path / "figures.csv").open(encoding="utf-8") as saved:
        rows = list(csv.DictReader(saved))
    reviews = {r["column"]: int(r["value"]) for r in rows
               if r["table"] == "measures" and r["row"] == "reviews_in_timescale"}  # fmt: skip
    measure = view.loaded.figures.measures["reviews_in_timescale"]
    assert reviews == {"numerator": measure.numerator, "denominator": measure.denominator}
    text = subprocess.run(["pdftotext", str(tmp_path / "figures.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert "Headline measures" in text and "2025/26" in text


def test_figures_are_counted_again_after_a_change(window) -> None:  # type: ignore[no-untyped-def]
    view = figures_view(window)
    before = view.loaded
    from iro_desktop.store.changes import Changes

    window.workspace.signals.changes_made.emit(Changes())
    assert view.loaded is not before
