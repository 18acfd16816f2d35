"""``iro-desktop central serve|admin ...``: run and administer the central store."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ENV_DATABASE = "IRO_DESKTOP_CENTRAL_DATABASE"  # the same name serve.py gives its workers


def _db_options(p: argparse.ArgumentParser) -> None:
    # SUPPRESS keeps the global --data-dir when this one is not given.
    p.add_argument(
        "--data-dir",
        default=argparse.SUPPRESS,
        help="folder for the central store's SQLite file (default: user data folder)",
    )
    p.add_argument(
        "--database",
        default=os.environ.get(ENV_DATABASE) or None,
        help=f"database URL, e.g. postgresql://user@host/db (default: {ENV_DATABASE}, which "
        "keeps a password off the command line, else SQLite in the data folder)",
    )


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    central = sub.add_parser("central", help="the central store: serve it or administer it")
    csub = central.add_subparsers(dest="central_command", metavar="ACTION", required=True)

    serve = csub.add_parser("serve", help="run the central store's HTTP API")
    _db_options(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--tls-cert", help="serve HTTPS with this certificate (PEM)")
    serve.add_argument("--tls-key", help="the certificate's private key (PEM)")
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker processes on the one port (several need PostgreSQL to be worth it)",
    )
    serve.add_argument(
        "--connections",
        type=int,
        default=None,
        help="PostgreSQL connections for all the workers together (default 20, shared "
        "out between them); requests beyond them wait their turn",
    )
    serve.add_argument(
        "--threads",
        type=int,
        default=None,
        help="requests each worker works on at once (default 4); the rest wait their turn",
    )
    serve.add_argument(
        "--log-format",
        choices=("text", "json"),
        default="text",
        help="json: one JSON object a line, with no client address, query or error message",
    )
    serve.add_argument(
        "--log-level", choices=("warning", "info", "debug"), default="warning",
        help="info logs every request (method, path and status)",
    )  # fmt: skip
    serve.set_defaults(handler=run_serve)

    export = csub.add_parser("export", help="write the SSDA903 return for a collection year")
    _db_options(export)
    export.add_argument("what", choices=("903",))
    export.add_argument("--year", required=True, help="the collection year, such as 2025/26")
    export.add_argument("--out", required=True, type=Path, help="the folder to write into")
    export.set_defaults(handler=run_export)

    admin = csub.add_parser("admin", help="accounts, tokens, allocation, cover, imports")
    _db_options(admin)
    asub = admin.add_subparsers(dest="admin_command", metavar="TASK", required=True)
    p = asub.add_parser("add-iro", help="add an IRO account")
    p.add_argument("email")
    p.add_argument("--name", required=True)
    p = asub.add_parser("disable-iro", help="disable an account (refused at once)")
    p.add_argument("email")
    p = asub.add_parser("issue-token", help="issue a device token (printed once, never stored)")
    p.add_argument("email")
    p.add_argument("--label", help="which device, e.g. 'laptop 2'")
    p = asub.add_parser("revoke-tokens", help="revoke every token of an account")
    p.add_argument("email")
    p = asub.add_parser("allocate", help="allocate a child (or transfer them) to an IRO")
    p.add_argument("child_ref")
    p.add_argument("email")
    p = asub.add_parser("cover", help="let another IRO see a child until a date")
    p.add_argument("child_ref")
    p.add_argument("email")
    p.add_argument("--until", required=True, help="YYYY-MM-DD")
    p = asub.add_parser("setting", help="the same as 'central authority set KEY VALUE'")
    p.add_argument("key")
    p.add_argument("value", help="lists: one item per line, or a JSON list")
    p = asub.add_parser(
        "import", help="import the caseload or reviews CSV, or the SSDA903 extract (a folder)"
    )
    p.add_argument("kind", choices=("caseload", "reviews", "903"))
    p.add_argument("file", type=Path, help="the CSV file, or for 903 the folder of CSV files")
    p.add_argument("--iro", help="EMAIL of the IRO the imported children are allocated to")
    p.add_argument(
        "--allocations",
        type=Path,
        help="for 903: a CSV file with the columns CHILD,iro_email allocating each child",
    )
    p.add_argument("--year", help="for 903: the collection year, such as 2025/26")
    admin.set_defaults(handler=run_admin)

    authority = csub.add_parser(
        "authority",
        help="the authority's settings (name, contacts, timescales...) every laptop is given",
    )
    _db_options(authority)
    tsub = authority.add_subparsers(dest="authority_command", metavar="TASK", required=True)
    tsub.add_parser("show", help="list the authority's settings and what is set here")
    p = tsub.add_parser("set", help="set one for every laptop (read-only there from the sync)")
    p.add_argument("key")
    p.add_argument("value", help="lists: one item per line, or a JSON list")
    p = tsub.add_parser("unset", help="stop setting one: each IRO's own again, last value kept")
    p.add_argument("key")
    authority.set_defaults(handler=run_authority)

    from iro_desktop.cli.central_report_cmd import register_report

    register_report(csub)


def _store(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from iro_desktop.central.store import CentralStore, database_url

    store = CentralStore(database_url(getattr(args, "data_dir", None), args.database))
    store.upgrade()
    return store


def run_serve(args: argparse.Namespace) -> int:
    from iro_desktop.central.serve import serve
    from iro_desktop.central.store import database_url

    url = database_url(getattr(args, "data_dir", None), args.database)
    print(
        f"Central store listening on {'https' if args.tls_cert else 'http'}://"
        f"{args.host}:{args.port}",
        file=sys.stderr,
        flush=True,
    )
    if args.workers < 1:
        from iro_desktop.domain.errors import ValidationError

        raise ValidationError("--workers", "must be at least 1")
    extra = {}
    if args.connections is not None:
        if args.connections < 1:
            from iro_desktop.domain.errors import ValidationError

            raise ValidationError("--connections", "must be at least 1")
        extra["connections"] = args.connections
    if args.threads is not None:
        if args.threads < 1:
            from iro_desktop.domain.errors import ValidationError

            raise ValidationError("--threads", "must be at least 1")
        extra["threads"] = args.threads
    serve(url, args.host, args.port, certfile=args.tls_cert, keyfile=args.tls_key,
          workers=args.workers, log_format=args.log_format, log_level=args.log_level,
          **extra)  # fmt: skip
    return 0


def run_export(args: argparse.Namespace) -> int:
    from iro_desktop.cli.export_cmd import print_return
    from iro_desktop.domain.ssda903.codes import collection_year
    from iro_desktop.store.ssda903.exporter import build_return, write_return

    year = collection_year(args.year, "--year")
    store = _store(args)
    try:
        with store.reading() as session:
            ret = build_return(session, year)
    finally:
        store.dispose()
    print_return(ret, write_return(args.out, ret))
    return 0


def _setting(store, key: str, raw: str) -> None:  # type: ignore[no-untyped-def]
    """One of the authority's settings, declared and checked as on a laptop, audited, and
    given to every laptop at its next sync (the 903 import reads
    authority_postcode_districts from here too)."""
    from iro_desktop.central import authority
    from iro_desktop.cli.settings_cmd import parse_value

    value = authority.set_value(store, key, parse_value(raw))
    print(f"{key} is now {value!r}; every laptop has it from its next sync")


def run_authority(args: argparse.Namespace) -> int:
    from iro_desktop.central import authority

    store = _store(args)
    try:
        task = args.authority_command
        if task == "set":
            _setting(store, args.key, args.value)
        elif task == "unset":
            if authority.unset(store, args.key):
                print(
                    f"{args.key} is no longer set here; from their next sync each IRO can "
                    "change it (their laptop keeps the last value)"
                )
            else:
                print(f"{args.key} was not set here")
        else:
            for key, value in authority.show(store):
                shown = repr(value) if value is not None else "(not set here: each IRO's own)"
                print(f"{key} = {shown}")
        return 0
    finally:
        store.dispose()


def _import_903(store, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from iro_desktop.central import imports
    from iro_desktop.cli.import_cmd import print_problems
    from iro_desktop.domain.ssda903.codes import collection_year

    if bool(args.iro) == bool(args.allocations):
        print("Give either --iro EMAIL or --allocations FILE.csv", file=sys.stderr)
        return 2
    year = collection_year(args.year, "--year") if args.year else None
    problems, summary = imports.import_903(
        store, args.file, iro_email=args.iro, allocations=args.allocations, year=year
    )
    if problems:
        print_problems(args.file, list(problems))
        return 2
    print(f"Imported the SSDA903 extract in {args.file}.")
    for line in summary:
        print(f"  {line}")
    return 0


def run_admin(args: argparse.Namespace) -> int:
    from iro_desktop.central import admin, imports
    from iro_desktop.domain.dates import parse_date

    store = _store(args)
    try:
        task = args.admin_command
        if task == "add-iro":
            admin.add_iro(store, args.email, args.name)
            print(f"Added {args.email}")
        elif task == "disable-iro":
            admin.disable_iro(store, args.email)
            print(f"Disabled {args.email}; their tokens are refused from now on")
        elif task == "issue-token":
            print(admin.issue_token(store, args.email, args.label))
        elif task == "revoke-tokens":
            print(f"Revoked {admin.revoke_tokens(store, args.email)} token(s)")
        elif task == "allocate":
            admin.allocate(store, args.child_ref, args.email)
            print(f"Allocated {args.child_ref} to {args.email}")
        elif task == "cover":
            until = parse_date(args.until, "--until")
            admin.cover(store, args.child_ref, args.email, until)
            print(f"{args.email} covers {args.child_ref} until {until.isoformat()}")
        elif task == "setting":
            _setting(store, args.key, args.value)
        elif task == "import" and args.kind == "903":
            return _import_903(store, args)
        elif task == "import":
            problems, count = imports.import_file(store, args.kind, args.file, args.iro)
            if problems:
                for line in problems:
                    print(line, file=sys.stderr)
                print(f"Nothing imported: {len(problems)} problem(s)", file=sys.stderr)
                return 1
            print(f"Imported {count} row(s)")
        return 0
    finally:
        store.dispose()
