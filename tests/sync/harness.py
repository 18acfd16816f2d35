"""Test harness for sync: a real central store process on loopback, a cutting proxy,
real SQLCipher laptops, and a fresh PostgreSQL database per run."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import threading
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select

from iro_desktop.central import admin
from iro_desktop.central.embedded import EmbeddedServer, free_port
from iro_desktop.central.protocol import TABLES, table_of
from iro_desktop.central.store import CentralStore
from iro_desktop.store.caseload import Caseload, create
from iro_desktop.store.ops import children as child_ops
from iro_desktop.store.ops.core import Actor, operation
from iro_desktop.store.schema import MODELS_BY_TABLE, ChangeLog, Child, Note
from iro_desktop.store.serialise import to_payload
from iro_desktop.sync.client import CentralClient
from iro_desktop.sync.connect import connect
from iro_desktop.sync.run import SyncSummary, sync

PASSPHRASE = "correct horse battery staple"
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
TODAY = date(2025, 6, 2)


def server_process(db_url: str, workdir: Path, workers: int = 1) -> EmbeddedServer:
    """A real central store process on a free loopback port, as the demo starts one
    (with ``workers`` above one, that many worker processes behind the one port)."""
    port = free_port()
    return EmbeddedServer(db_url, workdir / f"server-{port}.log", port, workers=workers)


class Proxy:
    """A loopback TCP proxy that can cut a chosen response after some bytes."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.lock = threading.Lock()
        self.armed: tuple[str, int] | None = None  # (path fragment, bytes to let through)
        self.cuts = 0
        self.seen_path = threading.Event()
        self.watch: str | None = None
        self.closed = False
        self.conns: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def arm(self, path: str, after_bytes: int = 0) -> None:
        with self.lock:
            self.armed = (path, after_bytes)

    def _accept(self) -> None:
        while not self.closed:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                client.close()
                continue
            self.conns += [client, upstream]
            state: dict[str, Any] = {"cut": None}
            threading.Thread(target=self._up, args=(client, upstream, state), daemon=True).start()
            threading.Thread(target=self._down, args=(upstream, client, state), daemon=True).start()

    def _up(self, src: socket.socket, dst: socket.socket, state: dict[str, Any]) -> None:
        try:
            while data := src.recv(65536):
                head = data[:200].decode("latin-1")
                with self.lock:
                    if self.watch and self.watch in head:
                        self.seen_path.set()
                    if self.armed and self.armed[0] in head:
                        state["cut"] = self.armed[1]
                        self.armed = None
                dst.sendall(data)
        except OSError:
            pass
        finally:
            _close(src, dst)

    def _down(self, src: socket.socket, dst: socket.socket, state: dict[str, Any]) -> None:
        try:
            while data := src.recv(65536):
                cut = state["cut"]
                if cut is not None:
                    if len(data) >= cut:
                        dst.sendall(data[:cut])
                        self.cuts += 1
                        break
                    state["cut"] = cut - len(data)
                dst.sendall(data)
        except OSError:
            pass
        finally:
            _close(src, dst)

    def close(self) -> None:
        self.closed = True
        self.sock.close()
        for c in self.conns:
            _close(c)


def _close(*socks: socket.socket) -> None:
    for s in socks:
        with contextlib.suppress(OSError):
            s.shutdown(socket.SHUT_RDWR)
        s.close()


def pg_database() -> str | None:
    """A fresh PostgreSQL database URL, or ``None`` (test skipped) when unreachable."""
    import psycopg

    name = f"iro_sync_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(
            "host=127.0.0.1 port=5432 user=postgres dbname=test", autocommit=True, connect_timeout=3
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        if os.environ.get("CI") == "true":
            raise RuntimeError(f"PostgreSQL must be reachable on CI: {exc}") from exc
        return None
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


def drop_pg(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(
        "host=127.0.0.1 port=5432 user=postgres dbname=test", autocommit=True
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class Central:
    """One running central store and handles to administer it."""

    db_url: str
    store: CentralStore
    server: EmbeddedServer
    tmp: Path

    @property
    def url(self) -> str:
        return self.server.url

    def iro(self, name: str = "Test IRO") -> str:
        email = f"{uuid.uuid4().hex[:8]}@example.org"
        admin.add_iro(self.store, email, name)
        return email

    def token(self, email: str) -> str:
        return admin.issue_token(self.store, email)

    def change_log_count(self) -> dict[str, int]:
        with self.store.reading() as s:
            ids = list(s.scalars(select(ChangeLog.change_id)))
        return {i: ids.count(i) for i in set(ids)}

    def rows_for(self, child_ids: set[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        with self.store.reading() as s:
            for name in TABLES:
                if name == "iros":
                    continue
                model: Any = MODELS_BY_TABLE[name]
                col = model.id if name == "children" else model.child_id
                for row in s.scalars(select(model).where(col.in_(sorted(child_ids)))):
                    out[row.id] = to_payload(row)
        return out


@dataclass
class Laptop:
    folder: Path
    email: str
    caseload: Caseload
    actor: Actor = field(init=False)

    def __post_init__(self) -> None:
        self.actor = Actor(self.email, device=self.folder.name)

    @classmethod
    def make(cls, tmp: Path, name: str, email: str) -> Laptop:
        return cls(tmp / name, email, create(tmp / name, passphrase=PASSPHRASE, use_keyring=False))

    def connect(self, url: str, token: str) -> None:
        connect(self.caseload, url, token)

    def sync(self) -> SyncSummary:
        return sync(self.caseload)

    def add_child(self, ref: str) -> str:
        with operation(self.caseload, self.actor) as op:
            child = child_ops.add_child(
                op,
                child_ref=ref,
                first_name="Sam",
                last_name="Example",
                date_of_birth=date(2014, 3, 1),
                became_looked_after=date(2021, 5, 4),
                today=TODAY,
            )
            child_ops.set_legal_status(op, child, "C2", date(2021, 5, 4), TODAY)
            return child.id

    def add_note(self, child_id: str, text: str) -> str:
        with operation(self.caseload, self.actor) as op:
            note = Note(child_id=child_id, note_date=TODAY, text=text)
            op.save(note)
            return note.id

    def edit_note(self, note_id: str, text: str) -> None:
        with operation(self.caseload, self.actor) as op:
            note = op.session.get(Note, note_id)
            assert note is not None
            note.text = text
            op.save(note)

    def note_text(self, note_id: str) -> str | None:
        with self.caseload.session() as s:
            note = s.get(Note, note_id)
            return note.text if note else None

    def child_ids(self) -> set[str]:
        with self.caseload.session() as s:
            return set(s.scalars(select(Child.id)))

    def rows(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        with self.caseload.session() as s:
            for name in TABLES:
                if name == "iros":
                    continue
                for row in s.execute(select(table_of(MODELS_BY_TABLE[name]))).mappings():
                    out[row["id"]] = dict(row)
        return out

    def payloads(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        with self.caseload.session() as s:
            for name in TABLES:
                if name == "iros":
                    continue
                for row in s.scalars(select(MODELS_BY_TABLE[name])):
                    out[row.id] = to_payload(row)  # type: ignore[attr-defined]
        return out

    def client(self, url: str, token: str) -> CentralClient:
        return CentralClient(url, token)


def wire_change(
    table: str, payload: dict[str, Any], *, change_id: str | None = None, base_version: int = 0
) -> dict[str, Any]:
    """One change as a laptop pushes it (``payload["id"]`` is the row)."""
    return {
        "change_id": change_id or str(uuid.uuid4()),
        "table": table,
        "row_id": payload["id"],
        "op": "upsert",
        "version": base_version + 1,
        "base_version": base_version,
        "payload": payload,
    }


def push_raw(url: str, token: str, changes: list[dict[str, Any]]) -> httpx.Response:
    """POST a push as any client could: ASCII JSON, so a lone surrogate travels as \\ud800."""
    return httpx.post(
        f"{url}/v1/push",
        content=json.dumps({"changes": changes}),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        timeout=60,
    )


def laptop_pair(central: Central, tmp: Path) -> tuple[Laptop, Laptop, str]:
    """Two connected laptops of one new IRO: (a, b, the IRO's email)."""
    email = central.iro()
    a = Laptop.make(tmp, "a", email)
    b = Laptop.make(tmp, "b", email)
    a.connect(central.url, central.token(email))
    b.connect(central.url, central.token(email))
    return a, b, email


def holding_laptop(central: Central, tmp: Path, name: str = "Test IRO") -> tuple[Laptop, str, str]:
    """A connected laptop whose IRO holds one synced child: (laptop, token, child id)."""
    email = central.iro(name)
    token = central.token(email)
    laptop = Laptop.make(tmp, "lap", email)
    laptop.connect(central.url, token)
    child = laptop.add_child(f"H{uuid.uuid4().hex[:6]}")
    laptop.sync()
    return laptop, token, child
