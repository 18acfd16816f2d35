"""``iro-desktop bench``: prints speed and memory figures, with goals and ratios.

A benchmark is a command a person runs and reads, not a timed test that flakes. Each
layer keeps its own section (``<layer>/bench.py`` with ``run(report, workdir)``).
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sys
import tempfile
from pathlib import Path

from iro_desktop.bench import BenchReport

SECTIONS = {
    "store": "iro_desktop.store.bench",
    "gui": "iro_desktop.devtools.gui_bench",
    "documents": "iro_desktop.documents.bench",
    "sync": "iro_desktop.sync.bench",
    "central": "iro_desktop.central.bench",
    "report": "iro_desktop.documents.figures.bench",
    "figures": "iro_desktop.devtools.figures_bench",
    "bundle": "iro_desktop.devtools.bundle_bench",
    # Not run by default (minutes, and needs PostgreSQL): ``--only throughput``.
    "throughput": "iro_desktop.central.throughput_bench",
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
