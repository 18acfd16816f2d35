"""The ``iro-desktop`` command: opens the program, or runs one scripted task.

Each sub-command lives in its own module with ``register(subparsers)``. Only the module of
the command being run is imported: the others appear in ``--help`` from the table below
(``COMMANDS``, which tests/cli/test_lean_start.py keeps equal to what the modules register),
so ``iro-desktop --version`` loads nothing, ``iro-desktop due`` never loads Qt and
``iro-desktop`` (the program) reaches its unlock screen without the store layer.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from iro_desktop import __version__

PACKAGE = "iro_desktop.cli"

# (command, module in iro_desktop.cli, its one-line help), in the order --help lists them.
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("open", "open_cmd", "open the program (the default)"),
    ("init", "init_cmd", "set up a new, empty caseload (the passphrase is asked, or read "
     "from standard input when it is not a terminal)"),
    ("demo", "demo_cmd", "make the synthetic demo caseload and open it"),
    ("import", "import_cmd", "import the caseload or held reviews from a CSV file, or the "
     "authority's SSDA903 extract from a folder"),
    ("export", "export_cmd", "write the SSDA903 Reviews table for your caseload"),
    ("due", "due_cmd", "list every child's next review and whether it is overdue"),
    ("calendar", "calendar_cmd",
     "write planned reviews, visits and review deadlines to a calendar file (.ics)"),
    ("figures", "figures_cmd", "your caseload's figures (reviews in time, participation, "
     "...) for a year or a period"),
    ("settings", "settings_cmd", "list the settings, or change one"),
    ("bench", "bench_cmd", "measure speed and memory on this machine"),
    ("letter", "documents_cmd", "print the letter to the child after a review"),
    ("record", "documents_cmd", "print the statutory review record"),
    ("card", "documents_cmd", "print your introductory sheet and contact cards"),
    ("forms", "documents_cmd", "print blank consultation forms"),
    ("tour", "tour_cmd", "save a picture of each screen, using the demo caseload"),
    ("central", "central_cmd", "the central store: serve it or administer it"),
    ("connect", "sync_cmd", "connect this laptop to a central store"),
    ("sync", "sync_cmd", "sync with the central store now and print a summary"),
)  # fmt: skip
DEFAULT_COMMAND = "open"


class _Unparsable(Exception):
    pass


class _QuietParser(argparse.ArgumentParser):
    """Finds the command's name only; the real parser reports any mistake."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _Unparsable(message)


def chosen_command(argv: Sequence[str]) -> str | None:
    """The sub-command ``argv`` names (``None`` when it names none, or cannot be read)."""
    pre = _QuietParser(add_help=False)
    pre.add_argument("--data-dir")
    pre.add_argument("-v", "--verbose", action="store_true")
    try:
        _, rest = pre.parse_known_args(list(argv))
    except _Unparsable:
        return None
    return next((word for word in rest if not word.startswith("-")), None)


def build_parser(command: str | None = None, *, every: bool = True) -> argparse.ArgumentParser:
    """The parser, with every command's options (``every``), or only ``command``'s: the
    others are then listed by name and help, their modules not imported."""
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
    # A module may register several commands (letter, record, card, forms): all of them,
    # at its first command's place.
    wanted = {module for name, module, _help in COMMANDS if every or name == command}
    for name, module_name, help_text in COMMANDS:
        if module_name not in wanted:
            sub.add_parser(name, help=help_text, add_help=False)
        elif name not in sub.choices:
            importlib.import_module(f"{PACKAGE}.{module_name}").register(sub)
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
    words = list(sys.argv[1:] if argv is None else argv)
    command = chosen_command(words)
    args = build_parser(command, every=False).parse_args(words)
    if args.command is None:
        words = [*words, DEFAULT_COMMAND]
        args = build_parser(DEFAULT_COMMAND, every=False).parse_args(words)
    if getattr(args, "handler", None) is None:
        # The command's name was not where chosen_command looked: read it the long way.
        args = build_parser().parse_args(words)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    from iro_desktop.cli.common import run_handled

    return run_handled(args)
