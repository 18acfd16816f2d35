"""GUI figures for ``iro-desktop bench``: cold start, peak memory, search speed.

Cold start is measured in fresh subprocesses, the program and a bare PySide6 main window
started the same way, best of three each, so the ratio says what our code adds.
"""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from iro_desktop.bench import BenchReport

TODAY = date(2026, 11, 24)
NOTES = 100_000

BARE = """
import os, sys, time, resource
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(sys.argv)
w = QMainWindow(); w.setCentralWidget(QLabel("ready")); w.resize(1366, 768); w.show()
app.processEvents()
print("READY", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
"""

OURS = """
import os, sys, resource
from datetime import date
from pathlib import Path
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QTimer
from iro_desktop.gui.app import make_app
from iro_desktop.gui.main_window import MainWindow
app = make_app()
w = MainWindow(Path(sys.argv[1]), demo=True, today=date(2026, 11, 24))
w.resize(1366, 768); w.show()
w.try_unlock(sys.argv[2])
def ready():
    if w.workspace is None or w.workspace.caseload.model.rowCount() == 0:
        QTimer.singleShot(2, ready)
        return
    w.workspace.go(1)
    app.processEvents()
    print("READY", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
    w.lock()
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""


def _start(script: str, *args: str) -> tuple[float, int]:
    """Seconds from launch to READY, and the peak resident memory in KiB."""
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", script, *args], capture_output=True,
                          text=True, check=True)  # fmt: skip
    line = next(x for x in proc.stdout.splitlines() if x.startswith("READY"))
    return time.perf_counter() - started, int(line.split()[1])


def run(report: BenchReport, workdir: Path) -> None:
    from iro_desktop.store.demo import DEMO_PASSPHRASE, ensure_demo

    folder = workdir / "demo"
    ensure_demo(folder, reset=False, today=TODAY)
    bare = min(_start(BARE)[0] for _ in range(3))
    ours_runs = [_start(OURS, str(folder), DEMO_PASSPHRASE) for _ in range(3)]
    ours = min(t for t, _ in ours_runs)
    peak_mb = max(m for _, m in ours_runs) / 1024
    report.add("cold start, bare PySide6 main window", bare, "s")
    report.add("cold start to a usable caseload (incl. unlock)", ours, "s")
    ratio = ours / bare
    report.add("cold start ratio to bare PySide6", ratio, "x", "<= 1.5x", ratio <= 1.5)
    report.add("peak memory with the demo caseload", peak_mb, "MB", "< 250 MB", peak_mb < 250)
    _search(report, workdir)


def _search(report: BenchReport, workdir: Path) -> None:
    from sqlalchemy import select, text

    from iro_desktop.bench import best_of
    from iro_desktop.store.caseload import open_caseload
    from iro_desktop.store.demo import DEMO_PASSPHRASE, ensure_demo
    from iro_desktop.store.schema import Child
    from iro_desktop.store.search import search

    folder = workdir / "notes"
    ensure_demo(folder, reset=False, today=TODAY)
    caseload = open_caseload(folder, passphrase=DEMO_PASSPHRASE)
    try:
        with caseload.session() as s:
            ids = list(s.scalars(select(Child.id)))
        words = ("school", "contact", "mum", "dad", "carer", "placement", "health")
        words += ("dentist", "football", "drift", "advocate", "review", "plan", "college")
        words += ("court", "sibling", "worry", "happy")
        rows = [
            {"id": f"bench-{n:06d}", "c": ids[n % len(ids)], "d": "2026-01-01",
             "t": " ".join(words[(n * k) % len(words)] for k in (1, 3, 7, 11, 13)) + f" n{n}"}
            for n in range(NOTES)
        ]  # fmt: skip
        started = time.perf_counter()
        with caseload.engine.begin() as conn:
            conn.execute(
                text("INSERT INTO notes (id, version, updated_at, deleted, child_id, note_date,"
                     " kind, text) VALUES (:id, 1, '2026-01-01 00:00:00', 0, :c, :d,"
                     " 'case_note', :t)"),
                rows,
            )  # fmt: skip
        report.add(f"index {NOTES:,} notes (triggers, one transaction)",
                   time.perf_counter() - started, "s")  # fmt: skip
        with caseload.session() as s:
            for query in ("dentist", "foot", "n99999", "worry court"):
                seconds = best_of(lambda q=query: search(s, q), 5)
                ms = seconds * 1000
                report.add(f"search {NOTES:,} notes for '{query}'", ms, "ms", "< 50 ms", ms < 50)
    finally:
        caseload.close()
