"""``iro-desktop bench``: prints speed and memory figures, with goals and ratios.

A benchmark is a command a person runs and reads, not a timed test that flakes. Every
section lives in ``iro_desktop/devtools/`` (``<topic>_bench.py`` with ``run(report, workdir)``).
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sys
import tempfile
from pathlib import Path

from iro_desktop.devtools.bench import BenchReport

SECTIONS = {
    "store": "iro_desktop.devtools.store_bench",
    "gui": "iro_desktop.devtools.gui_bench",
    "documents": "iro_desktop.devtools.documents_bench",
    "sync": "iro_desktop.devtools.sync_bench",
    "central": "iro_desktop.devtools.central_bench",
    "report": "iro_desktop.devtools.report_bench",
    "figures": "iro_desktop.devtools.figures_bench",
    "bundle": "iro_desktop.devtools.bundle_bench",
    # Not run by default (minutes, and needs PostgreSQL): ``--only throughput``.
    "throughput": "iro_desktop.devtools.throughput_bench",
}
NOT_BY_DEFAULT = {"throughput"}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("bench", help="measure speed and memory on this machine")
    p.add_argument(
        "--only", action="append", choices=sorted(SECTIONS), help="run only these sections"
    )
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    report = BenchReport()
    print(
        f"IRO Desktop benchmarks on {platform.node() or 'this machine'}, "
        f"Python {platform.python_version()}",
        file=sys.stderr,
    )
    for name in args.only or [n for n in SECTIONS if n not in NOT_BY_DEFAULT]:
        try:
            module = importlib.import_module(SECTIONS[name])
        except ModuleNotFoundError as exc:
            if exc.name == SECTIONS[name]:
                continue
            raise
        with tempfile.TemporaryDirectory(prefix=f"iro-bench-{name}-") as tmp:
            report.section(name)
            module.run(report, Path(tmp))
    if args.json:
        print(json.dumps(report.as_dicts(), indent=2))
    else:
        print(report.as_table())
    return 0
