"""The ``iro-desktop`` command: opens the program, or runs one scripted task.

Each sub-command lives in its own module with ``register(subparsers)``; the module is
imported only when needed, so ``iro-desktop due`` never loads Qt.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from iro_desktop import __version__

COMMAND_MODULES = (
    "iro_desktop.cli.open_cmd",
    "iro_desktop.cli.init_cmd",
    "iro_desktop.cli.demo_cmd",
    "iro_desktop.cli.import_cmd",
    "iro_desktop.cli.export_cmd",
    "iro_desktop.cli.due_cmd",
    "iro_desktop.cli.calendar_cmd",
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


EXIT_PIPE_CLOSED = 141  # what a shell reports for a command stopped by SIGPIPE


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. SIGPIPE stays ignored (Python's default): a reader that stops early
    (``iro-desktop due | head``) ends the command quietly below, while a server or a sync
    whose peer drops a socket gets an error it handles instead of being killed."""
    try:
        code = _run(argv)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader of our output went away: say nothing more (Python's documented recipe).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_PIPE_CLOSED
    return code


def _run(argv: Sequence[str] | None) -> int:
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
