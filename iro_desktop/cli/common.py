"""What every command shares: finding the caseload, the actor, and friendly failure."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date
from typing import TYPE_CHECKING

from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.errors import PassphraseRequired, StoreError, WrongPassphrase

if TYPE_CHECKING:  # the store layer loads only for a command that opens the caseload
    from iro_desktop.store.caseload import Caseload
    from iro_desktop.store.ops.core import Actor

EXIT_FAILED = 1
EXIT_BAD_INPUT = 2


def run_handled(args: argparse.Namespace) -> int:
    """Run the chosen command; a known failure prints one clear line, not a traceback."""
    try:
        result: int = args.handler(args)
        return result
    except StoreError as exc:
        print(f"iro-desktop: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except ValidationError as exc:
        print(f"iro-desktop: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


def open_from_args(args: argparse.Namespace) -> Caseload:
    """Open the caseload; at a terminal, ask for the passphrase if it is needed."""
    from iro_desktop.store.caseload import open_caseload

    try:
        return open_caseload(args.data_dir)
    except PassphraseRequired:
        if not sys.stdin.isatty():
            raise
    for _ in range(3):
        try:
            return open_caseload(args.data_dir, passphrase=getpass.getpass("Passphrase: "))
        except WrongPassphrase as exc:
            print(exc, file=sys.stderr)
    raise WrongPassphrase()


def cli_actor(caseload: Caseload) -> Actor:
    """Scripted work is done as the laptop's IRO, from the command line."""
    from iro_desktop.store.ops.core import Actor
    from iro_desktop.store.queries import me

    with caseload.session() as session:
        owner = me(session)
    return Actor(email=owner.email if owner else "local user", device="cli")


def parse_today(value: str | None) -> date:
    from iro_desktop.domain.dates import parse_date

    return parse_date(value, "--today") if value else date.today()
