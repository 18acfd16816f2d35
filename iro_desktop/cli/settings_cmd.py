"""``iro-desktop settings``: see and change the declared settings of this laptop."""

from __future__ import annotations

import argparse
import json
import sys

from iro_desktop.cli.common import cli_actor, open_from_args
from iro_desktop.domain.settings import CENTRAL_STORE_NOTE, SETTINGS
from iro_desktop.store.ops.settings_write import write_setting
from iro_desktop.store.policy import current_policy
from iro_desktop.store.reads.profile import setting_rows


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("settings", help="list the settings, or change one")
    p.add_argument(
        "--set",
        nargs=2,
        metavar=("KEY", "VALUE"),
        help="change a setting (lists: one item per line, or a JSON list)",
    )
    p.add_argument("--reset", metavar="KEY", help="put a setting back to its default")
    p.set_defaults(handler=run)


def parse_value(raw: str) -> object:
    if raw.lstrip().startswith("["):
        try:
            return json.loads(raw)
        except json.JSONDecodeError:
            pass
    return raw


def run(args: argparse.Namespace) -> int:
    policy = current_policy()
    if policy.problem:
        print(f"iro-desktop: {policy.problem}", file=sys.stderr)
    caseload = open_from_args(args)
    try:
        actor = cli_actor(caseload)
        with caseload.session() as session, session.begin():
            if args.set:
                key, raw = args.set
                value = write_setting(session, actor, key, parse_value(raw))
                print(f"{key} is now {value!r}")
            elif args.reset:
                value = write_setting(session, actor, args.reset, None)
                print(f"{args.reset} is back to its default, {value!r}")
            else:
                for row in setting_rows(session):
                    if row.fixed_by:
                        mark = f"  (fixed by {row.fixed_by})"
                    elif row.supplied:
                        mark = f"  ({CENTRAL_STORE_NOTE})"
                    elif row.changed:
                        mark = "  (changed)"
                    else:
                        mark = ""
                    about = f"{SETTINGS[row.key].label}: {row.help} [{row.scope}]"
                    print(f"{row.key} = {row.value!r}{mark}\n    {about}")
    finally:
        caseload.close()
    return 0
