"""The central store as a service: alive and ready checks, several workers on one port,
migrations run once when workers start together, JSON logs with no personal data, and a
pg_dump/pg_restore round trip that loses nothing and duplicates nothing."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from iro_desktop.central import changes
from iro_desktop.central.app import create_app
from iro_desktop.central.embedded import EmbeddedServer, free_port
from iro_desktop.central.store import CentralStore
from iro_desktop.store import migrations
from iro_desktop.sync import state
from tests.sync.harness import Central, drop_pg, laptop_pair, pg_database

PG = "host=127.0.0.1 port=5432 user=postgres"


def _get(app: Any, path: str) -> httpx.Response:
    """One request to the app in this process (httpx's ASGI transport; starlette's test
    client now warns that it wants another package)."""

    async def get() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://central") as c:
            return await c.get(path)

    return asyncio.run(get())


@pytest.fixture
def pg_url() -> Iterator[str]:
    url = pg_database()
    if url is None:
        pytest.skip("PostgreSQL is not reachable at 127.0.0.1:5432 (set CI=true to require it)")
    yield url
    drop_pg(url)


def test_health_is_alive_and_ready_needs_a_current_database(tmp_path: Path) -> None:
    fresh = CentralStore(f"sqlite:///{tmp_path / 'central.db'}")  # not migrated yet
    away = CentralStore("postgresql+psycopg://postgres@127.0.0.1:1/nowhere?connect_timeout=2")
    try:
        app = create_app(fresh)
        assert _get(app, "/health").json()["status"] == "ok"
        answer = _get(app, "/ready")
        assert answer.status_code == 503 and "schema is at None" in answer.json()["detail"]
        fresh.upgrade()
        assert _get(app, "/ready").status_code == 200
        app = create_app(away)
        assert _get(app, "/health").status_code == 200
        answer = _get(app, "/ready")
        assert answer.status_code == 503 and "cannot be reached" in answer.json()["detail"]
    finally:
        fresh.dispose()
        away.dispose()


@pytest.mark.postgres
def test_workers_starting_together_migrate_once(pg_url: str) -> None:
    code = f"from iro_desktop.central.store import CentralStore; CentralStore({pg_url!r}).upgrade()"
    starting = [subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE)
                for _ in range(3)]  # fmt: skip
    for proc in starting:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    store = CentralStore(pg_url)
    try:
        assert store.not_ready() is None
        with store.reader.connect() as connection:
            assert migrations.current_revision(connection) == migrations.SCHEMA_HEAD
    finally:
        store.dispose()


def _workers(pid: int) -> list[int]:
    """The worker processes uvicorn spawned (not multiprocessing's resource tracker)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(p) for p in (task / "children").read_text().split()]
    return [p for p in found if b"spawn_main" in Path(f"/proc/{p}/cmdline").read_bytes()]


@pytest.mark.postgres
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
def test_two_workers_on_one_port_log_json_without_personal_data(
    pg_url: str, tmp_path: Path
) -> None:
    log = tmp_path / "server.log"
    server = EmbeddedServer(pg_url, log, workers=2,
                            extra=("--log-format", "json", "--log-level", "info"))  # fmt: skip
    server.start()
    try:
        assert server.proc is not None
        workers = _workers(server.proc.pid)
        assert len(workers) == 2, workers
        for _ in range(6):
            refused = httpx.get(f"{server.url}/v1/pull?since=5&child=Sam-Example",
                                headers={"Authorization": "Bearer not-a-token"})  # fmt: skip
            assert refused.status_code == 401
        assert httpx.get(f"{server.url}/ready").status_code == 200
    finally:
        server.stop()
    lines = [line for line in log.read_text().splitlines()
             if line and not line.startswith("Central store listening")]  # fmt: skip
    entries = [json.loads(line) for line in lines]  # every line is one JSON object
    access = [e for e in entries if e["logger"] == "uvicorn.access"]
    assert {(e["method"], e["path"], e["status"]) for e in access} >= {
        ("GET", "/v1/pull", 401),
        ("GET", "/ready", 200),
    }
    assert {e["pid"] for e in access} <= set(workers)
    text = log.read_text()
    assert "Sam-Example" not in text and "since" not in text  # no query string
    assert all(set(e) == {"time", "level", "logger", "pid", "method", "path", "status"}
               for e in access)  # no client address  # fmt: skip


def _pg(*args: str) -> None:
    subprocess.run([*args, "-h", "127.0.0.1", "-U", "postgres"], check=True, timeout=120)


@pytest.mark.postgres
def test_restore_from_backup_then_sync_loses_nothing_and_duplicates_nothing(
    pg_url: str, tmp_path: Path
) -> None:
    store = CentralStore(pg_url)
    store.upgrade()
    port = free_port()
    central = Central(pg_url, store, EmbeddedServer(pg_url, tmp_path / "a.log", port), tmp_path)
    central.server.start()
    a, b, _email = laptop_pair(central, tmp_path)
    child = a.add_child(f"R{uuid.uuid4().hex[:6]}")
    before = a.add_note(child, "before the backup")
    a.sync()
    b.sync()

    backup = tmp_path / "central.dump"
    _pg("pg_dump", "--format=custom", f"--file={backup}", "--dbname", pg_url.rsplit("/", 1)[1])
    after_a = a.add_note(child, "from laptop a after the backup")
    a.sync()
    b.sync()
    after_b = b.add_note(child, "from laptop b after the backup")
    b.edit_note(before, "edited on b after the backup")
    b.sync()

    # The server is lost; a new database is restored from the backup and served instead.
    central.server.stop()
    store.dispose()
    restored_url = pg_database()
    assert restored_url is not None
    try:
        name = restored_url.rsplit("/", 1)[1]
        _pg("pg_restore", "--no-owner", "--dbname", name, str(backup))
        store = CentralStore(restored_url)
        store.upgrade()
        server = EmbeddedServer(restored_url, tmp_path / "b.log", port)
        central = Central(restored_url, store, server, tmp_path)
        central.server.start()
        try:
            assert after_a not in central.rows_for({child})  # the restore lost them
            # Laptop a comes back first with more new work than the restore lost, so the
            # store's newest change passes laptop b's cursor: b must still be told.
            later = [a.add_note(child, f"a after the restore {i}") for i in range(8)]
            assert a.sync().restored
            with b.caseload.session() as s, store.reading() as central_session:
                b_cursor = state.cursor(s)
                assert b_cursor is not None and changes.head(central_session) > b_cursor
            assert b.sync().restored
            a.sync()
            rows = central.rows_for({child})
            assert {before, after_a, after_b, *later} <= set(rows)
            assert rows[before]["text"] == "edited on b after the backup"
            assert a.payloads() == b.payloads() == rows
            assert set(central.change_log_count().values()) == {1}  # nothing applied twice
            assert not any(c for c in [a.sync().conflicts, b.sync().conflicts])
        finally:
            central.server.stop()
            store.dispose()
    finally:
        drop_pg(restored_url)
