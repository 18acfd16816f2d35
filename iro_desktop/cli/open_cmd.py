"""``iro-desktop open`` (the default): the desktop program itself."""

from __future__ import annotations

import argparse
from pathlib import Path

from iro_desktop.store.paths import data_dir


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("open", help="open the program (the default)")
    p.set_defaults(handler=run)


def open_program(folder: Path, *, passphrase: str | None = None, demo: bool = False) -> int:
    from iro_desktop.gui.app import run_app

    return run_app(folder, passphrase=passphrase, demo=demo)


def run(args: argparse.Namespace) -> int:
    return open_program(data_dir(args.data_dir))
