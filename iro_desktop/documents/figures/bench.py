"""Annual report benchmark (``iro-desktop bench --only report``): the central store's
report over 2,000 children with five years of history, as JSON and as the PDF."""

from __future__ import annotations

import time
from pathlib import Path

from iro_desktop.bench import BenchReport
from iro_desktop.central.store import CentralStore
from iro_desktop.domain.figures.period import parse_year
from iro_desktop.store.synthetic_history import TODAY, fill

YEAR = "2025/26"


def run(report: BenchReport, workdir: Path) -> None:
    from iro_desktop.central.report import annual_report
    from iro_desktop.documents.figures.report_pdf import IroRow, Scope, render

    store = CentralStore(f"sqlite:///{workdir / 'central.db'}")
    store.upgrade()
    try:
        fill(store.writer)
        period = parse_year(YEAR)

        def whole(fmt: str) -> float:
            begin = time.perf_counter()
            made = annual_report(store, period, TODAY)
            if fmt == "pdf":
                render(made.figures, Scope("Bench", "Every IRO"),
                       [IroRow(i.name, i.caseload, i.measures) for i in made.iros])  # fmt: skip
            else:
                made.as_json()
            return time.perf_counter() - begin

        whole("json")  # fonts, holidays and charts load once per process
        json_s = min(whole("json") for _ in range(3))
        pdf_s = min(whole("pdf") for _ in range(2))
        report.add("annual report, 2,000 children x 5 years, JSON", json_s * 1000, "ms",
                   "< 2,000 ms", json_s < 2.0)  # fmt: skip
        report.add("annual report, 2,000 children x 5 years, PDF", pdf_s * 1000, "ms",
                   "< 2,000 ms", pdf_s < 2.0)  # fmt: skip
    finally:
        store.dispose()
