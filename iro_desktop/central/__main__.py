"""``python -m iro_desktop.central``: the ``central`` commands without the rest of the CLI."""

from __future__ import annotations

import argparse
import sys

from iro_desktop.cli.central_cmd import register
from iro_desktop.cli.common import run_handled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="iro-desktop")
    parser.add_argument("--data-dir")
    register(parser.add_subparsers(dest="command", required=True))
    return run_handled(parser.parse_args(["central", *(sys.argv[1:] if argv is None else argv)]))


if __name__ == "__main__":
    raise SystemExit(main())
