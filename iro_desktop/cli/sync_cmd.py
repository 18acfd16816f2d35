"""``iro-desktop connect`` and ``iro-desktop sync``: the laptop's side of the central store."""

from __future__ import annotations

import argparse
import sys

from iro_desktop.cli.common import EXIT_FAILED, open_from_args


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("connect", help="connect this laptop to a central store")
    p.add_argument(
        "--server",
        help="the central store's URL (https://...); not needed when this computer's policy "
        "fixes it",
    )
    p.add_argument(
        "--token-stdin",
        action="store_true",
        help="read the device token from standard input (otherwise IRO_DESKTOP_TOKEN, "
        "or you are asked for it); never give it on the command line, where others can see it",
    )
    p.add_argument("--ca-bundle", help="your authority's CA certificates (PEM), if it has its own")
    p.set_defaults(handler=run_connect)
    p = sub.add_parser("sync", help="sync with the central store now and print a summary")
    p.set_defaults(handler=run_sync)


ENV_TOKEN = "IRO_DESKTOP_TOKEN"


def read_token(from_stdin: bool) -> str:
    """The device token from standard input, the environment, or a hidden prompt."""
    import getpass
    import os

    from iro_desktop.domain.errors import ValidationError

    if from_stdin:
        token = sys.stdin.readline().strip()
    elif os.environ.get(ENV_TOKEN):
        token = os.environ[ENV_TOKEN].strip()
    elif sys.stdin.isatty():
        token = getpass.getpass("Device token: ").strip()
    else:
        token = ""
    if not token:
        raise ValidationError(
            "token", f"is needed: type it when asked, or use --token-stdin or {ENV_TOKEN}"
        )
    return token


def run_connect(args: argparse.Namespace) -> int:
    from iro_desktop.sync.connect import connect, with_policy

    with_policy(args.server, args.ca_bundle)  # refuse what the policy forbids before asking
    token = read_token(args.token_stdin)
    caseload = open_from_args(args)
    try:
        who = connect(caseload, args.server, token, ca_bundle=args.ca_bundle)
    finally:
        caseload.close()
    print(f"Connected to {who.server_url} as {who.email}. Run 'iro-desktop sync' to sync now.")
    return 0


def run_sync(args: argparse.Namespace) -> int:
    from iro_desktop.sync.errors import SyncError
    from iro_desktop.sync.run import sync

    caseload = open_from_args(args)
    try:
        summary = sync(caseload)
    except SyncError as exc:
        print(f"iro-desktop: sync failed: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        caseload.close()
    print(summary.line())
    for note in summary.notes:
        print(note)
    return 0
