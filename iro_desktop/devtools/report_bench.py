"""Annual report benchmark (``iro-desktop bench --only report``): the central store's
report over 2,000 children with five years of history, as JSON and as the PDF."""

from __future__ import annotations

import time
from pathlib import Path

from iro_desktop.central.store import CentralStore
from iro_desktop.devtools.bench import BenchReport
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

        def whole(fmt: str) -> tuple[float, float]:
            """Wall and CPU seconds (CPU shows the cost on a machine others share)."""
            begin, cpu = time.perf_counter(), time.process_time()
            made = annual_report(store, period, TODAY)
            if fmt == "pdf":
                render(made.figures, Scope("Bench", "Every IRO"),
                       [IroRow(i.name, i.caseload, i.measures) for i in made.iros])  # fmt: skip
            else:
                made.as_json()
            return time.perf_counter() - begin, time.process_time() - cpu

        whole("pdf")  # fonts, holidays and matplotlib load once per process
        for fmt, repeat in (("JSON", 3), ("PDF", 2)):
            runs = [whole(fmt.lower()) for _ in range(repeat)]
            wall, cpu = min(r[0] for r in runs), min(r[1] for r in runs)
            name = f"annual report, 2,000 children x 5 years, {fmt}"
            report.add(name, wall * 1000, "ms", "< 2,000 ms", wall < 2.0)
            report.add(f"{name} (CPU time)", cpu * 1000, "ms")
    finally:
        store.dispose()
