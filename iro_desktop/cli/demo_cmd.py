"""``iro-desktop demo``: make the synthetic demo caseload and open the program on it.

The demo lives in its own folder (``<data folder>/demo`` unless ``--data-dir`` is
given), marked as a demo, so ``--reset`` can never wipe a real caseload.

So that sync can be seen working, the demo runs with an embedded central store: a
child process serving its own SQLite file from a folder beside the demo
(``demo-central``, also marked), on a free loopback port, stopped when the program
exits. It is seeded once: the demo IRO's account, a device token kept in the demo
caseload, and the demo caseload itself (pushed by an ordinary sync). Later runs reuse
both; ``--reset`` makes both afresh. ``--no-open`` skips the central store unless
``--with-central`` is given (then it starts it, syncs once, prints the summary and
stops it); ``--no-central`` opens the demo without one.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from iro_desktop.cli.common import parse_today
from iro_desktop.store import caseload as caseload_file
from iro_desktop.store.demo import DEMO_PASSPHRASE, ensure_demo
from iro_desktop.store.errors import StoreError
from iro_desktop.store.paths import data_dir

CENTRAL_MARKER = "DEMO-CENTRAL"
SEEDED = "seeded"
PORT_FILE = "port"


def demo_dir(args: argparse.Namespace) -> Path:
    if args.data_dir or os.environ.get("IRO_DESKTOP_DATA_DIR"):
        return data_dir(args.data_dir)
    return data_dir() / "demo"


def central_dir(folder: Path) -> Path:
    """The demo's central store lives beside the demo caseload."""
    return folder.parent / f"{folder.name}-central"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("demo", help="make the synthetic demo caseload and open it")
    p.add_argument("--reset", action="store_true", help="throw the demo away and make it again")
    p.add_argument("--no-open", action="store_true", help="make it, but do not open the window")
    p.add_argument("--today", help="pretend today is this date (YYYY-MM-DD)")
    central = p.add_mutually_exclusive_group()
    central.add_argument(
        "--with-central",
        action="store_true",
        help="with --no-open: start the demo's central store, sync once, then stop it",
    )
    central.add_argument(
        "--no-central", action="store_true", help="open the demo without its central store"
    )
    p.set_defaults(handler=run)


def _wipe_central(central: Path) -> None:
    if not central.exists():
        return
    if not (central / CENTRAL_MARKER).exists():
        raise StoreError(f"{central} is not the demo's central store; it has not been touched.")
    shutil.rmtree(central)


@dataclass
class DemoCentral:
    """The running embedded central store of the demo."""

    folder: Path
    url: str
    server: object  # central.embedded.EmbeddedServer
    seeded_in_s: float | None = None  # set on the run that seeded it

    def stop(self) -> None:
        self.server.stop()  # type: ignore[attr-defined]


def _connected_url(folder: Path) -> tuple[str | None, bool]:
    """The demo laptop's central store URL, and whether it has ever synced."""
    from iro_desktop.sync import state

    caseload = caseload_file.open_caseload(folder, passphrase=DEMO_PASSPHRASE)
    try:
        with caseload.session() as session:
            return state.get(session, state.SERVER), state.cursor(session) is not None
    finally:
        caseload.close()


def start_demo_central(folder: Path, *, today: date, reset: bool = False) -> DemoCentral:
    """Start the demo's central store; seed it (and connect the demo laptop) the first time.

    Call after ``ensure_demo``. The seeded central store and the laptop belong together:
    if one is missing the other is made again (both are marked as the demo's).
    """
    from iro_desktop.central.embedded import EmbeddedServer, free_port, port_is_free
    from iro_desktop.central.store import CentralStore
    from iro_desktop.store.paths import ensure_private_dir

    central = central_dir(folder)
    seeded = (central / SEEDED).exists() and not reset
    if not seeded:
        _wipe_central(central)
        url_before, synced = _connected_url(folder)
        if url_before is not None or synced:
            # The laptop was connected to a central store that is gone: start both again.
            ensure_demo(folder, reset=True, today=today)
    ensure_private_dir(central)
    (central / CENTRAL_MARKER).write_text("This folder holds the demo's central store.\n")
    port_file = central / PORT_FILE
    port = int(port_file.read_text()) if port_file.exists() else 0
    if not port or not port_is_free(port):
        port = free_port()
    port_file.write_text(str(port))
    db_url = f"sqlite:///{central / 'central.db'}"
    store = CentralStore(db_url)
    store.upgrade()
    server = EmbeddedServer(db_url, central / "server.log", port).start()
    demo = DemoCentral(central, server.url, server)
    try:
        if seeded:
            url_before, _synced = _connected_url(folder)
            if url_before != server.url:
                _repoint(folder, server.url)
        else:
            start = time.perf_counter()
            _seed(folder, store, server.url)
            demo.seeded_in_s = time.perf_counter() - start
            (central / SEEDED).write_text("seeded\n")
    except BaseException:
        server.stop()
        raise
    finally:
        store.dispose()
    return demo


def _repoint(folder: Path, url: str) -> None:
    """The central store came up on another port: tell the laptop where it is now."""
    from iro_desktop.sync import state

    caseload = caseload_file.open_caseload(folder, passphrase=DEMO_PASSPHRASE)
    try:
        with caseload.session() as session, session.begin():
            state.put(session, state.SERVER, url)
    finally:
        caseload.close()


def _seed(folder: Path, store: object, url: str) -> None:
    """The demo IRO's account and a token; the laptop connects and pushes its caseload."""
    from iro_desktop.central import admin
    from iro_desktop.central.store import CentralStore
    from iro_desktop.store.demo import DEMO_IRO_EMAIL
    from iro_desktop.sync.connect import connect
    from iro_desktop.sync.run import sync

    assert isinstance(store, CentralStore)
    admin.add_iro(store, DEMO_IRO_EMAIL, "Jo Hartley")
    token = admin.issue_token(store, DEMO_IRO_EMAIL, "demo laptop")
    caseload = caseload_file.open_caseload(folder, passphrase=DEMO_PASSPHRASE)
    try:
        connect(caseload, url, token)
        sync(caseload)
        _waiting_for_the_first_sync(caseload, store, url)
    finally:
        caseload.close()


NEW_CHILD_CSV = (
    "child_ref,first_name,last_name,preferred_name,date_of_birth,gender,legal_status,"
    "became_looked_after,placement_start,placement_type\n"
    "DEMO-NEW1,Rowan,Ashby,,2016-02-14,Male,C2,{start},{start},U1\n"
)


def _waiting_for_the_first_sync(caseload: object, store: object, url: str) -> None:
    """So the first sync in the window has something to show: the team allocates a new
    child to the demo IRO, and one visit record is edited both on "another laptop" (already
    on the central store) and on this one (not yet pushed), which makes one conflict."""
    import uuid

    from sqlalchemy import select

    from iro_desktop.central import admin, imports
    from iro_desktop.central.store import CentralStore
    from iro_desktop.store.caseload import Caseload
    from iro_desktop.store.demo import DEMO_ACTOR, DEMO_IRO_EMAIL
    from iro_desktop.store.ops.core import operation
    from iro_desktop.store.schema import Visit
    from iro_desktop.store.serialise import to_payload
    from iro_desktop.store.types import utcnow
    from iro_desktop.sync.client import CentralClient

    assert isinstance(store, CentralStore) and isinstance(caseload, Caseload)
    central = Path(str(store.url).removeprefix("sqlite:///")).parent
    csv = central / "new-child.csv"
    csv.write_text(NEW_CHILD_CSV.format(start=date.today().replace(day=1).isoformat()))
    imports.import_file(store, "caseload", csv, DEMO_IRO_EMAIL)
    with caseload.session() as session:
        visit = session.scalars(select(Visit).order_by(Visit.visit_date.desc())).first()
        if visit is None:
            return
        payload = to_payload(visit)
    other = admin.issue_token(store, DEMO_IRO_EMAIL, "demo: another laptop")
    summary = payload.get("summary") or ""
    theirs = {**payload, "summary": summary + " The designated teacher will join the "
              "next review (added on my other laptop).",
              "version": payload["version"] + 1, "updated_at": utcnow().isoformat()}  # fmt: skip
    with CentralClient(url, other) as client:
        client.push([{"change_id": str(uuid.uuid4()), "table": "visits", "row_id": payload["id"],
                      "op": "upsert", "version": theirs["version"],
                      "base_version": payload["version"], "payload": theirs,
                      "created_at": utcnow().isoformat()}])  # fmt: skip
    with operation(caseload, DEMO_ACTOR) as op:
        mine = op.session.get(Visit, payload["id"])
        assert mine is not None
        mine.summary = summary + " Asked to chair part of the next review."
        mine.next_steps = "Book a quiet room at school for the review; send the child's letter."
        op.save(mine)


def run(args: argparse.Namespace) -> int:
    folder = demo_dir(args)
    today = parse_today(args.today)
    central_folder = central_dir(folder)
    if args.reset and central_folder.exists() and not (central_folder / CENTRAL_MARKER).exists():
        raise StoreError(
            f"{central_folder} is not the demo's central store; nothing has been touched."
        )
    made = ensure_demo(folder, reset=args.reset, today=today)
    print(("Made" if made else "Using") + f" the demo caseload in {folder}")
    print(f"Its passphrase is: {DEMO_PASSPHRASE}")
    with_central = not args.no_central and (args.with_central or not args.no_open)
    central: DemoCentral | None = None
    if with_central:
        if not (central_dir(folder) / SEEDED).exists() or args.reset or made:
            print("Setting up the demo's central store (first run only)…", flush=True)
        central = start_demo_central(folder, today=today, reset=args.reset or made)
        took = f" (seeded in {central.seeded_in_s:.1f} s)" if central.seeded_in_s else ""
        print(f"The demo's central store is running at {central.url}{took}; "
              f"its data is in {central.folder}", flush=True)  # fmt: skip
    try:
        if args.no_open:
            if central is not None:
                return _sync_once(folder)
            return 0
        from iro_desktop.cli.open_cmd import open_program

        return open_program(folder, passphrase=DEMO_PASSPHRASE, demo=True)
    finally:
        if central is not None:
            central.stop()


def _sync_once(folder: Path) -> int:
    from iro_desktop.sync.errors import SyncError
    from iro_desktop.sync.run import sync

    caseload = caseload_file.open_caseload(folder, passphrase=DEMO_PASSPHRASE)
    try:
        print(sync(caseload).line())
    except SyncError as exc:
        print(f"iro-desktop: sync failed: {exc}", file=sys.stderr)
        return 1
    finally:
        caseload.close()
    return 0
