"""The ``iro-desktop`` command: opens the program, or runs one scripted task.

Each sub-command lives in its own module with ``register(subparsers)``; the module is
imported only when needed, so ``iro-desktop due`` never loads Qt.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import signal
import sys
from collections.abc import Sequence

from iro_desktop import __version__

COMMAND_MODULES = (
    "iro_desktop.cli.open_cmd",
    "iro_desktop.cli.demo_cmd",
    "iro_desktop.cli.import_cmd",
    "iro_desktop.cli.due_cmd",
    "iro_desktop.cli.figures_cmd",
    "iro_desktop.cli.settings_cmd",
    "iro_desktop.cli.bench_cmd",
    "iro_desktop.cli.documents_cmd",
    "iro_desktop.cli.tour_cmd",
    "iro_desktop.cli.central_cmd",
    "iro_desktop.cli.sync_cmd",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="iro-desktop",
        description="IRO Desktop: casework for Independent Reviewing Officers, offline.",
    )
    parser.add_argument("--version", action="version", version=f"iro-desktop {__version__}")
    parser.add_argument(
        "--data-dir",
        help="folder that holds the caseload (default: your user data folder, "
        "or IRO_DESKTOP_DATA_DIR)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # a command still being built
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `iro-desktop due | head` is fine
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.command is None:
        args = parser.parse_args([*(argv or sys.argv[1:]), "open"])
    from iro_desktop.cli.common import run_handled

    return run_handled(args)
