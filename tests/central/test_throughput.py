"""Many IROs at once on PostgreSQL (issue 17): checksums in one query still tell each IRO
exactly its own rows and notice a changed one; the connection pool is bounded per worker,
so four workers under a burst queue for connections instead of answering 503; a request
that waits too long for one is "busy" (503), never a 500."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from sqlalchemy import text, update

from iro_desktop.central import admin, auth, changes, simulated
from iro_desktop.central.__main__ import main as central_main
from iro_desktop.central.app import create_app
from iro_desktop.central.embedded import EmbeddedServer
from iro_desktop.central.serve import per_worker
from iro_desktop.central.store import CentralStore
from iro_desktop.cli.common import EXIT_BAD_INPUT
from iro_desktop.store import engine
from iro_desktop.store.schema import Child, Note
from tests.sync.harness import drop_pg, pg_database

pytestmark = pytest.mark.postgres

PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=test"


@pytest.fixture
def pg_url() -> Iterator[str]:
    url = pg_database()
    if url is None:
        pytest.skip("PostgreSQL is not reachable at 127.0.0.1:5432 (set CI=true to require it)")
    yield url
    drop_pg(url)


@pytest.fixture
def store(pg_url: str) -> Iterator[CentralStore]:
    s = CentralStore(pg_url)
    s.upgrade()
    yield s
    s.dispose()


def _principal(store: CentralStore, email: str) -> auth.Principal:
    token = admin.issue_token(store, email)
    with store.reading() as session:
        who = auth.authenticate(session, token)
    assert who is not None
    return who


def _push(store: CentralStore, who: auth.Principal, size: int) -> list[dict[str, Any]]:
    batch = simulated.new_child_batch(size)
    with store.writing() as session:
        results = changes.push(session, who, batch)
    assert [r["outcome"] for r in results] == ["applied"] * size
    return batch


def _sums(store: CentralStore, who: auth.Principal) -> tuple[dict[str, Any], dict[str, Any]]:
    """The one-query answer and the table-by-table one, for the same IRO."""
    with store.reading() as session:
        return (
            changes.checksums_in_one_query(session, who),
            changes.checksums_by_table(session, who),
        )


def test_checksums_in_one_query_see_each_iros_own_rows_and_notice_a_change(
    store: CentralStore,
) -> None:
    a_email, b_email, c_email = "a@example.org", "b@example.org", "c@example.org"
    for email in (a_email, b_email, c_email):
        admin.add_iro(store, email, email[0].upper())
    a, b, c = (_principal(store, e) for e in (a_email, b_email, c_email))
    a_batch = _push(store, a, 5)
    _push(store, b, 3)
    a_child = a_batch[0]["row_id"]
    with store.writing() as session:  # the authority gives A the child: its IRO is A now
        session.execute(update(Child).where(Child.id == a_child).values(iro_id=a.account_id))
    # C covers A's child: C sees its rows, and A's profile as its IRO.
    admin.cover(store, a_child[:12], c_email, auth.today() + timedelta(days=7))

    with store.reading() as session:
        assert session.get_bind().dialect.name == "postgresql"
        assert changes.checksums(session, a) == changes.checksums_in_one_query(session, a)
    one, by_table = _sums(store, a)
    assert one == by_table
    assert one["scope"] == [a_child]
    assert one["tables"]["children"][0] == 1 and one["tables"]["notes"][0] == 4
    assert one["tables"]["iros"][0] == 1  # A's own profile only
    b_one, b_by_table = _sums(store, b)
    assert b_one == b_by_table
    assert b_one["tables"]["notes"][0] == 2 and a_child not in b_one["scope"]
    c_one, c_by_table = _sums(store, c)
    assert c_one == c_by_table
    assert c_one["scope"] == [a_child] and c_one["tables"]["notes"][0] == 4
    assert c_one["tables"]["iros"][0] == 2  # C's own profile and A's, the child's IRO

    # A note's version moves on the server: A's and C's notes digests change, nothing else.
    with store.writing() as session:
        session.execute(update(Note).where(Note.id == a_batch[1]["row_id"]).values(version=2))
    after, after_by_table = _sums(store, a)
    assert after == after_by_table
    assert after["tables"]["notes"][0] == 4
    assert after["tables"]["notes"][1] != one["tables"]["notes"][1]
    assert {k: v for k, v in after["tables"].items() if k != "notes"} == {
        k: v for k, v in one["tables"].items() if k != "notes"
    }
    assert _sums(store, c)[0]["tables"]["notes"] == after["tables"]["notes"]
    assert _sums(store, b)[0] == b_one


def test_checksums_of_an_iro_with_no_children(store: CentralStore) -> None:
    admin.add_iro(store, "none@example.org", "N")
    who = _principal(store, "none@example.org")
    one, by_table = _sums(store, who)
    assert one == by_table
    assert one["scope"] == [] and one["tables"]["iros"][0] == 1
    assert all(count == 0 for name, (count, _h) in one["tables"].items() if name != "iros")


def test_each_worker_gets_its_share_of_the_connections() -> None:
    assert per_worker(20, 1) == 20
    assert per_worker(20, 4) == 5
    assert per_worker(3, 4) == 2  # never fewer than two
    e = engine.server_engine("postgresql+psycopg://postgres@127.0.0.1:5432/x", connections=5)
    try:
        assert e.pool.size() == 5  # type: ignore[attr-defined]
        assert e.pool._max_overflow == 0  # type: ignore[attr-defined]
    finally:
        e.dispose()


def _connections_to(url: str) -> int:
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", (url.rsplit("/", 1)[1],)
        ).fetchone()
    assert row is not None
    return int(row[0])


async def _sync_all(url: str, tokens: list[str]) -> list[int]:
    async def one(token: str) -> list[int]:
        headers = {"Authorization": f"Bearer {token}"}
        async with httpx.AsyncClient(base_url=url, headers=headers, timeout=120) as http:
            pushed = await http.post("/v1/push", json={"changes": simulated.new_child_batch(5)})
            statuses = [pushed.status_code]
            if pushed.status_code == 200:
                results = pushed.json()["results"]
                assert [r["outcome"] for r in results] == ["applied"] * 5
            statuses.append((await http.get("/v1/pull")).status_code)
            statuses.append((await http.get("/v1/checksums")).status_code)
            return statuses

    done = await asyncio.gather(*(one(t) for t in tokens))
    return [s for statuses in done for s in statuses]


def test_four_workers_under_a_burst_queue_for_a_bounded_pool_instead_of_503(
    store: CentralStore, pg_url: str, tmp_path: Path
) -> None:
    tokens = []
    for i in range(40):
        email = f"burst{i}@example.org"
        admin.add_iro(store, email, f"Burst {i}")
        tokens.append(admin.issue_token(store, email))
    store.dispose()
    before = _connections_to(pg_url)
    server = EmbeddedServer(
        pg_url, tmp_path / "server.log", workers=4, extra=("--connections", "8")
    ).start(deadline_s=120)
    try:
        statuses = asyncio.run(_sync_all(server.url, tokens))
        # 40 IROs at once against 4 x 2 connections: every request waited its turn.
        assert statuses == [200] * 120
        # Each worker keeps at most its share open: 8 in all (plus what was open before).
        assert _connections_to(pg_url) - before <= 8
    finally:
        server.stop()
    with store.reading() as session:
        applied = session.scalar(text("SELECT count(*) FROM change_log WHERE table_name='notes'"))
    assert applied == 40 * 4


def test_waiting_too_long_for_a_connection_is_busy_not_a_failure(
    store: CentralStore, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin.add_iro(store, "wait@example.org", "W")
    token = admin.issue_token(store, "wait@example.org")
    monkeypatch.setattr(engine, "POOL_WAIT_S", 0.2)
    small = CentralStore(pg_url, connections=1)
    app = create_app(small)

    async def me() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://central") as c:
            return await c.get("/v1/me", headers={"Authorization": f"Bearer {token}"})

    try:
        assert asyncio.run(me()).status_code == 200
        with small.reader.connect():  # the only connection is taken for the whole request
            answer = asyncio.run(me())
        assert answer.status_code == 503
        assert "busy" in answer.json()["detail"]
        assert asyncio.run(me()).status_code == 200  # and it comes back once freed
    finally:
        small.dispose()


def test_serve_refuses_no_connections(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    assert central_main(["serve", "--database", db, "--connections", "0"]) == EXIT_BAD_INPUT
    assert "--connections" in capsys.readouterr().err


def test_serve_refuses_no_threads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    assert central_main(["serve", "--database", db, "--threads", "0"]) == EXIT_BAD_INPUT
    assert "--threads" in capsys.readouterr().err


def test_a_request_takes_one_connection_and_a_worker_its_threads(store: CentralStore) -> None:
    """The token is checked in the request's own session (one connection from the pool,
    not one for the token and another for the work), and the worker's thread pool is as
    many as it is told (``THREADS``), not anyio's 40 contending for the interpreter."""
    from anyio import to_thread
    from sqlalchemy import event

    admin.add_iro(store, "one@example.org", "One")
    token = admin.issue_token(store, "one@example.org")
    checkouts: list[str] = []
    event.listen(store.reader, "checkout", lambda *_a: checkouts.append("out"))
    app = create_app(store, threads=3)
    headers = {"Authorization": f"Bearer {token}"}

    async def run() -> float:
        async with app.router.lifespan_context(app):  # as uvicorn starts a worker
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://c") as client:
                await client.get("/v1/pull", headers=headers)  # reads the store's identity once
                for path in ("/v1/pull", "/v1/checksums", "/v1/me", "/v1/authority"):
                    checkouts.clear()
                    assert (await client.get(path, headers=headers)).status_code == 200
                    assert checkouts == ["out"], path
                checkouts.clear()
                pushed = await client.post(
                    "/v1/push", json={"changes": simulated.new_child_batch(3)}, headers=headers
                )
                assert pushed.status_code == 200 and checkouts == ["out"]
            return to_thread.current_default_thread_limiter().total_tokens

    assert asyncio.run(run()) == 3


@pytest.mark.parametrize("path", ["beside other writers", "under the lock"])
def test_a_push_that_adds_rows_and_changes_them_stores_them_as_they_end(
    store: CentralStore, path: str
) -> None:
    """New rows go in with plain inserts at the end of their batch (issue 17): a note
    added and then changed in the same push is stored at its last version, each change
    is in the change log with its own payload, and the child is allocated to the IRO."""
    admin.add_iro(store, "both@example.org", "Both")
    who = _principal(store, "both@example.org")
    batch = simulated.new_child_batch(2)
    child, note = batch[0]["row_id"], batch[1]["row_id"]
    again = simulated.note_change(child, 1)
    again.update(row_id=note, version=2, base_version=1)
    again["payload"].update(id=note, version=2, text="changed in the same push")
    batch.append(again)
    if path == "beside other writers":
        with store.writing_unserialised() as session:
            results, log = changes.push_unlocked(session, who, batch)
            store.serialise(session)
            changes.write_log(session, log)
    else:
        with store.writing() as session:
            results = changes.push(session, who, batch)
    assert [r["outcome"] for r in results] == ["applied"] * 3
    with store.reading() as session:
        stored = session.get(Note, note)
        assert stored is not None
        assert (stored.version, stored.text) == (2, "changed in the same push")
        logged = session.execute(
            text("SELECT version, payload FROM change_log WHERE row_id = :r ORDER BY seq"),
            {"r": note},
        ).all()
        assert [(v, p["text"]) for v, p in logged] == [
            (1, "sim 0"),
            (2, "changed in the same push"),
        ]
        assert auth.visible_children(session, who.account_id) == {child}
        origin = session.execute(
            text("SELECT origin FROM allocations WHERE child_id = :c"), {"c": child}
        ).scalar_one()
        assert origin == changes.LAPTOP


def test_every_execution_is_planned_for_its_own_values(store: CentralStore) -> None:
    """psycopg prepares a statement run five times on a connection, and PostgreSQL may then
    keep one generic plan made while a table was small: in a run of pushes, a push's
    ``id IN (...)`` lookups became sequential scans, 4-5 ms each and growing with the table
    (profiled for issue 17). Server connections plan each execution for its own values."""
    for session_of in (store.writing, store.reading):
        with session_of() as session:
            assert session.scalar(text("SHOW plan_cache_mode")) == "force_custom_plan"
