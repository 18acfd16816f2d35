"""``iro-desktop tour --out DIR``: a PNG of each main screen, drawn offscreen on the demo."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("tour", help="save a picture of each screen, using the demo caseload")
    p.add_argument("--out", required=True, help="folder for the PNG files")
    p.add_argument("--today", help="pretend today is this date (YYYY-MM-DD)")
    p.add_argument("--search", default="school", help="what to search for in the picture")
    p.set_defaults(handler=handler)


def handler(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from iro_desktop.cli.common import parse_today
    from iro_desktop.devtools.tour import run_tour
    from iro_desktop.store.demo import DEMO_PASSPHRASE, ensure_demo

    today = parse_today(args.today)
    with tempfile.TemporaryDirectory(prefix="iro-tour-") as tmp:
        folder = Path(tmp) / "demo"
        ensure_demo(folder, reset=False, today=today)
        saved = run_tour(folder, Path(args.out), passphrase=DEMO_PASSPHRASE, today=today,
                         query=args.search)  # fmt: skip
    for path in saved:
        print(path)
    return 0
