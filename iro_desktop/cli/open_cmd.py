"""``iro-desktop open`` (the default): the desktop program itself."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from iro_desktop.store.paths import DB_NAME, data_dir, env_passphrase

if TYPE_CHECKING:
    from concurrent.futures import Future

    from iro_desktop.store.quick_open import QuickStart


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("open", help="open the program (the default)")
    p.set_defaults(handler=run)


def early_unlock(folder: Path, passphrase: str | None = None) -> Future[QuickStart] | None:
    """With a passphrase given at launch, start checking it before Qt loads. Without one
    the key code is not loaded: the unlock screen comes first (tests/cli/test_lean_start.py)."""
    passphrase = passphrase or env_passphrase()
    if not passphrase or not (data_dir(folder) / DB_NAME).exists():
        return None
    from iro_desktop.store.quick_open import start_early
    from iro_desktop.store.reads import VIEW_NAMES

    return start_early(folder, passphrase, VIEW_NAMES)


def open_program(folder: Path, *, passphrase: str | None = None, demo: bool = False) -> int:
    early = early_unlock(folder, passphrase)
    from iro_desktop.gui.app import run_app

    return run_app(folder, passphrase=passphrase, demo=demo, early=early)


def run(args: argparse.Namespace) -> int:
    return open_program(data_dir(args.data_dir))
