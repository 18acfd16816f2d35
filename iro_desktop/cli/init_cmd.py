"""``iro-desktop init``: set up a new, empty caseload from the command line.

At a terminal the passphrase is asked twice and never echoed; from a script it is read
from standard input (its first line), so ``printf '%s\\n' "$PASS" | iro-desktop init``
works and no passphrase appears in the process list or the shell history.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from iro_desktop.cli.common import EXIT_BAD_INPUT
from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.paths import data_dir

NEXT_STEPS = (
    "Next: open the program (iro-desktop open) to enter your profile, or import your "
    "children: iro-desktop{where} import caseload FILE.csv"
)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "init",
        help="set up a new, empty caseload (the passphrase is asked, or read from "
        "standard input when it is not a terminal)",
    )
    p.add_argument(
        "--folder",
        type=Path,
        help="where to make it (default: --data-dir, IRO_DESKTOP_DATA_DIR or your user "
        "data folder)",
    )
    p.add_argument(
        "--no-keyring",
        action="store_true",
        help="do not also keep the key in this computer's keyring",
    )
    p.set_defaults(handler=run)


def read_passphrase() -> str:
    """Twice at a terminal; one line of standard input otherwise."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("New passphrase: ")
    if getpass.getpass("The same passphrase again: ") != first:
        raise ValidationError("passphrase", "was not the same twice; nothing was set up")
    return first


def run(args: argparse.Namespace) -> int:
    from iro_desktop.store import keys
    from iro_desktop.store.caseload import create, exists

    folder = data_dir(args.folder or args.data_dir)
    if exists(folder):
        print(f"iro-desktop: there is already a caseload in {folder}.", file=sys.stderr)
        return EXIT_BAD_INPUT
    passphrase = read_passphrase()
    keys.check_passphrase(passphrase)
    caseload = create(folder, passphrase=passphrase, use_keyring=not args.no_keyring)
    caseload.close()
    where = f" --data-dir {folder}" if args.folder or args.data_dir else ""
    print(f"Set up a new caseload in {folder}.")
    print(NEXT_STEPS.format(where=where))
    return 0
