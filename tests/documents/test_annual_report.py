"""The annual report over a synthetic authority with many IROs: the IROs' rows add up to
the service's figures, and the PDF lays out a long IRO table without losing a row."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from iro_desktop.central.report import annual_report
from iro_desktop.central.store import CentralStore
from iro_desktop.documents.figures.report_pdf import IroRow, Scope, render
from iro_desktop.domain.figures.period import parse_year
from iro_desktop.store.synthetic_history import TODAY, fill

IROS = 26  # more rows than fit beside a chart


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> CentralStore:
    folder = tmp_path_factory.mktemp("authority")
    made = CentralStore(f"sqlite:///{folder / 'central.db'}")
    made.upgrade()
    fill(made.writer, children=160, iros=IROS, years=3)
    return made


def test_the_iros_rows_add_up_to_the_service(store: CentralStore) -> None:
    report = annual_report(store, parse_year("2025/26"), TODAY)
    assert len(report.iros) == IROS
    for name, measure in report.figures.measures.items():
        rows = [i.measures[name] for i in report.iros]
        assert sum(m.numerator for m in rows) == measure.numerator, name
        assert sum(m.denominator for m in rows) == measure.denominator, name
    assert sum(i.caseload for i in report.iros) == report.figures.children_at_end.total
    assert report.figures.measures["iro_allocated_in_time"].denominator > 0
    assert report.as_json()["per_iro"][report.iros[0].email]["measures"]


def test_one_iro_counts_only_their_children(store: CentralStore) -> None:
    whole = annual_report(store, parse_year("2025/26"), TODAY)
    first = whole.iros[0]
    alone = annual_report(store, parse_year("2025/26"), TODAY, first.email)
    for name, measure in alone.figures.measures.items():
        assert measure.counts() == first.measures[name].counts(), name


def test_the_pdf_keeps_every_iro(store: CentralStore, tmp_path: Path) -> None:
    report = annual_report(store, parse_year("2025/26"), TODAY)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(
        render(
            report.figures,
            Scope("The year in figures", "Every IRO"),
            [IroRow(i.name, i.caseload, i.measures) for i in report.iros],
        )
    )
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert all(i.name in text for i in report.iros)
    assert "Caseload per IRO" in text and "guidance" in text
