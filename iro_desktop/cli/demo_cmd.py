"""``iro-desktop demo``: make the synthetic demo caseload and open the program on it.

The demo lives in its own folder (``<data folder>/demo`` unless ``--data-dir`` is
given), marked as a demo, so ``--reset`` can never wipe a real caseload.
"""

from __future__ import annotations

import argparse
import os
import shutil
from datetime import date
from pathlib import Path

from iro_desktop.cli.common import parse_today
from iro_desktop.store import caseload as caseload_file
from iro_desktop.store.demo import build_demo
from iro_desktop.store.errors import StoreError
from iro_desktop.store.paths import data_dir

DEMO_PASSPHRASE = "demo caseload only"
MARKER = "DEMO-CASELOAD"


def demo_dir(args: argparse.Namespace) -> Path:
    if args.data_dir or os.environ.get("IRO_DESKTOP_DATA_DIR"):
        return data_dir(args.data_dir)
    return data_dir() / "demo"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("demo", help="make the synthetic demo caseload and open it")
    p.add_argument("--reset", action="store_true", help="throw the demo away and make it again")
    p.add_argument("--no-open", action="store_true", help="make it, but do not open the window")
    p.add_argument("--today", help="pretend today is this date (YYYY-MM-DD)")
    p.set_defaults(handler=run)


def ensure_demo(folder: Path, *, reset: bool, today: date) -> bool:
    """Make the demo if it is missing (or reset); True when a new one was made."""
    if caseload_file.exists(folder):
        if not reset:
            return False
        if not (folder / MARKER).exists():
            raise StoreError(
                f"{folder} holds a caseload that is not the demo; it has not been touched."
            )
        shutil.rmtree(folder)
    caseload = caseload_file.create(folder, passphrase=DEMO_PASSPHRASE, use_keyring=False)
    try:
        (folder / MARKER).write_text("This folder holds the synthetic demo caseload.\n")
        build_demo(caseload, today=today)
    finally:
        caseload.close()
    return True


def run(args: argparse.Namespace) -> int:
    folder = demo_dir(args)
    today = parse_today(args.today)
    made = ensure_demo(folder, reset=args.reset, today=today)
    print(("Made" if made else "Using") + f" the demo caseload in {folder}")
    print(f"Its passphrase is: {DEMO_PASSPHRASE}")
    if args.no_open:
        return 0
    from iro_desktop.cli.open_cmd import open_program

    return open_program(folder, passphrase=DEMO_PASSPHRASE, demo=True)
