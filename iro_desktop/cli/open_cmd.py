"""``iro-desktop open`` (the default): the desktop program itself."""

from __future__ import annotations

import argparse
from concurrent.futures import Future
from pathlib import Path

from iro_desktop.store.keys import env_passphrase
from iro_desktop.store.paths import DB_NAME, data_dir
from iro_desktop.store.quick_open import QuickStart, start_early
from iro_desktop.store.reads import VIEW_NAMES


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("open", help="open the program (the default)")
    p.set_defaults(handler=run)


def early_unlock(folder: Path, passphrase: str | None = None) -> Future[QuickStart] | None:
    """With a passphrase given at launch, start checking it before Qt loads."""
    passphrase = passphrase or env_passphrase()
    if not passphrase or not (data_dir(folder) / DB_NAME).exists():
        return None
    return start_early(folder, passphrase, VIEW_NAMES)


def open_program(folder: Path, *, passphrase: str | None = None, demo: bool = False) -> int:
    early = early_unlock(folder, passphrase)
    from iro_desktop.gui.app import run_app

    return run_app(folder, passphrase=passphrase, demo=demo, early=early)


def run(args: argparse.Namespace) -> int:
    return open_program(data_dir(args.data_dir))
