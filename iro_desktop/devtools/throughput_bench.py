"""``iro-desktop bench --only throughput``: many IROs syncing at once against the central
store on PostgreSQL, with 1, 2 and 4 worker processes.

Each simulated IRO, all at once: pushes a new child with 19 notes (a 20-change push, timed
on its own), pulls everything it may see, and asks for checksums, as a laptop's sync does.
Throughput is the changes applied a second over the whole burst, as a ratio to the raw
insert rate of the same rows into the same database (``simulated.raw_insert_rate``). The
p95 is of the push's latency as each IRO saw it, all of them queuing at once.

It runs against its own fresh database on the PostgreSQL server at 127.0.0.1:5432 (user
postgres; ``IRO_DESKTOP_BENCH_PG`` gives another libpq connection string to create it from),
dropped afterwards; with no server there it says so and measures nothing. The clients run
on the same machine as the server and share its cores: the figures say what this machine
did, not what a server would.
"""

from __future__ import annotations

import asyncio
import os
import ssl
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx

from iro_desktop.central import admin, simulated
from iro_desktop.central.embedded import EmbeddedServer
from iro_desktop.central.store import CentralStore
from iro_desktop.devtools.bench import BenchReport

ADMIN_DSN = "host=127.0.0.1 port=5432 user=postgres dbname=test"
IRO_COUNTS = (200, 1000)
WORKERS = (1, 2, 4)
PUSH_SIZE = 20
GOAL_RATIO = 0.3
GOAL_P95_MS = 500.0


def _admin_dsn() -> str:
    return os.environ.get("IRO_DESKTOP_BENCH_PG", ADMIN_DSN)


def fresh_database() -> str | None:
    """A new, empty database's URL on the server, or ``None`` when it cannot be reached."""
    import psycopg

    name = f"iro_bench_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(_admin_dsn(), autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
            info = conn.info
            host, port, user = info.host, info.port, info.user
    except psycopg.OperationalError as exc:
        print(f"throughput: skipped, PostgreSQL cannot be reached ({exc})", file=sys.stderr)
        return None
    return f"postgresql+psycopg://{user}@{host}:{port}/{name}"


def drop_database(url: str) -> None:
    import psycopg

    with psycopg.connect(_admin_dsn(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


async def _one_iro(url: str, token: str, tls: ssl.SSLContext) -> tuple[int, float]:
    """One laptop's sync, on its own connection (as each laptop has)."""
    auth = {"Authorization": f"Bearer {token}"}
    changes = simulated.new_child_batch(PUSH_SIZE)
    # One connection for the whole sync, kept alive between its requests, as a laptop's
    # one client does (``sync/client.py``). ``verify=tls``: one TLS context for every
    # simulated laptop. Each client building its own (httpx's default, loading the CA
    # bundle) was two thirds of this process's CPU, taken from the server on the same two
    # cores (issue 17); a real laptop builds one.
    async with httpx.AsyncClient(base_url=url, headers=auth, timeout=600, verify=tls) as http:
        start = time.perf_counter()
        answer = await http.post("/v1/push", json={"changes": changes})
        took = time.perf_counter() - start
        answer.raise_for_status()
        applied = sum(r["outcome"] == "applied" for r in answer.json()["results"])
        (await http.get("/v1/pull", params={"since": 0})).raise_for_status()
        (await http.get("/v1/checksums")).raise_for_status()
    return applied, took


@dataclass
class Burst:
    rate: float  # changes applied a second
    pushes: list[float]  # each push's seconds, as its IRO saw it
    applied: int
    wall_s: float
    client_cpu_s: float  # CPU this process (the simulated laptops) used meanwhile


async def burst(url: str, tokens: list[str]) -> Burst:
    """All IROs at once."""
    tls = ssl.create_default_context()
    cpu, start = time.process_time(), time.perf_counter()
    done = await asyncio.gather(*(_one_iro(url, t, tls) for t in tokens))
    wall = time.perf_counter() - start
    applied = sum(a for a, _ in done)
    client = time.process_time() - cpu
    return Burst(applied / wall, [t for _, t in done], applied, wall, client)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def run(report: BenchReport, workdir: Path) -> None:
    url = fresh_database()
    if url is None:
        report.add("skipped: no PostgreSQL at 127.0.0.1:5432", 0, "")
        return
    store = CentralStore(url)
    try:
        store.upgrade()
        tokens = []
        for i in range(max(IRO_COUNTS)):
            email = f"sim{i}@example.org"
            admin.add_iro(store, email, f"Simulated IRO {i}")
            tokens.append(admin.issue_token(store, email))
        child = _a_child(store, workdir, tokens[0])
        raw = simulated.raw_insert_rate(store, child, batches=200, size=PUSH_SIZE)
        # Through the store's own engine, so a faster driver path (psycopg's raw cursor)
        # speeds the yardstick as much as the server: the ratio is the server's own cost.
        report.add(f"raw insert rate, PostgreSQL, {PUSH_SIZE}-row transactions", raw, "r/s")
        print(f"throughput: raw insert rate {raw:,.0f} rows/s", file=sys.stderr, flush=True)
        for workers in WORKERS:
            server = EmbeddedServer(url, workdir / f"server-{workers}.log", workers=workers)
            server.start(deadline_s=60)
            try:
                for count in IRO_COUNTS:
                    # On a shared machine the raw rate moves with the load: measured again
                    # just before the burst, it says how far that load explains a figure.
                    raw_now = simulated.raw_insert_rate(store, child, batches=200, size=PUSH_SIZE)
                    b = asyncio.run(burst(server.url, tokens[:count]))
                    rate, pushes, applied = b.rate, b.pushes, b.applied
                    assert applied == count * PUSH_SIZE, (applied, count)
                    ratio = rate / raw
                    goal = f">= {GOAL_RATIO}x" if count == min(IRO_COUNTS) else ""
                    report.add(f"{count:,} IROs at once, {workers} worker(s): sync / raw insert",
                               ratio, "x", goal, ratio >= GOAL_RATIO if goal else None)  # fmt: skip
                    report.add("  changes applied a second", rate, "c/s")
                    ms = p95(pushes) * 1000
                    print(f"throughput: {count} IROs, {workers} worker(s): {ratio:.3f}x raw, "
                          f"p95 push {ms:,.0f} ms; {b.wall_s:.1f} s, of which the simulated "
                          f"laptops' own CPU {b.client_cpu_s:.1f} s; raw just before "
                          f"{raw_now:,.0f} rows/s ({rate / raw_now:.3f}x that), load "
                          f"{os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)  # fmt: skip
                    report.add(f"  p95 of a {PUSH_SIZE}-change push under that load", ms, "ms",
                               f"< {GOAL_P95_MS:.0f} ms", ms < GOAL_P95_MS)  # fmt: skip
            finally:
                server.stop()
    finally:
        store.dispose()
        drop_database(url)


def _a_child(store: CentralStore, workdir: Path, token: str) -> str:
    """A child on the store for the raw inserts' notes to belong to (pushed as an IRO)."""
    batch = simulated.new_child_batch(1)
    server = EmbeddedServer(store.url, workdir / "server-setup.log").start(deadline_s=60)
    try:
        answer = httpx.post(
            f"{server.url}/v1/push",
            json={"changes": batch},
            headers={"Authorization": f"Bearer {token}"},
            timeout=60,
        )
        answer.raise_for_status()
    finally:
        server.stop()
    return str(batch[0]["row_id"])
