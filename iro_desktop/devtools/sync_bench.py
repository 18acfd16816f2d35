"""``iro-desktop bench`` sync section: first sync, incremental sync, central throughput."""

from __future__ import annotations

import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import httpx

from iro_desktop.central import admin, simulated
from iro_desktop.central.embedded import EmbeddedServer
from iro_desktop.central.store import CentralStore
from iro_desktop.devtools.bench import BenchReport
from iro_desktop.store.caseload import Caseload, create
from iro_desktop.store.ops.core import Actor, operation
from iro_desktop.store.schema import Note
from iro_desktop.sync.connect import connect
from iro_desktop.sync.run import sync

PASSPHRASE = "bench passphrase, synthetic data only"
TODAY = date(2025, 6, 2)
IROS = 200
CHANGES_EACH = 10


def _laptop(folder: Path) -> Caseload:
    return create(folder, passphrase=PASSPHRASE, use_keyring=False)


def _notes(caseload: Caseload, email: str, child_id: str, n: int) -> None:
    with operation(caseload, Actor(email, "bench")) as op:
        for i in range(n):
            op.save(Note(child_id=child_id, note_date=TODAY, text=f"bench note {i}"))


def run(report: BenchReport, workdir: Path) -> None:
    from iro_desktop.store.demo import build_demo
    from iro_desktop.store.schema import Child

    url = f"sqlite:///{workdir / 'central.db'}"
    store = CentralStore(url)
    store.upgrade()
    server = EmbeddedServer(url, workdir / "server.log").start()
    try:
        email = "bench.iro@example.org"
        admin.add_iro(store, email, "Bench IRO")
        a = _laptop(workdir / "a")
        build_demo(a, today=TODAY)
        connect(a, server.url, admin.issue_token(store, email))
        start = time.perf_counter()
        sync(a)
        report.add("first push of the 65-child demo caseload", time.perf_counter() - start, "s")
        b = _laptop(workdir / "b")
        connect(b, server.url, admin.issue_token(store, email))
        start = time.perf_counter()
        summary = sync(b)
        took = time.perf_counter() - start
        report.add(
            f"first sync, 65 children, 5 years ({summary.pulled:,} rows)",
            took,
            "s",
            "< 3 s",
            took < 3.0,
        )
        with b.session() as s:
            child_id = s.query(Child.id).first()[0]  # type: ignore[index]
        times = []
        for _ in range(3):
            _notes(b, email, child_id, 20)
            start = time.perf_counter()
            sync(b)
            times.append(time.perf_counter() - start)
        best = min(times)
        report.add("incremental sync of 20 changes", best * 1000, "ms", "< 300 ms", best < 0.3)
        _throughput(report, store, server.url)
    finally:
        server.stop()
        store.dispose()


def _throughput(report: BenchReport, store: CentralStore, url: str) -> None:
    """200 simulated IROs push and pull at once; compared with raw inserts into the same DB."""
    tokens: list[tuple[str, str]] = []
    for i in range(IROS):
        email = f"sim{i}@example.org"
        admin.add_iro(store, email, f"Simulated IRO {i}")
        tokens.append((admin.issue_token(store, email), str(uuid.uuid4())))

    def one_iro(token_child: tuple[str, str]) -> int:
        token, child_id = token_child
        with httpx.Client(
            base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=120
        ) as http:
            changes = [simulated.child_change(child_id)] + [
                simulated.note_change(child_id, i) for i in range(CHANGES_EACH - 1)
            ]
            out = http.post("/v1/push", json={"changes": changes}).json()["results"]
            http.get("/v1/pull", params={"since": 0}).raise_for_status()
            http.get("/v1/checksums").raise_for_status()
            return sum(r["outcome"] == "applied" for r in out)

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=IROS) as pool:
        applied = sum(pool.map(one_iro, tokens))
    sync_rate = applied / (time.perf_counter() - start)
    report.add(f"central store: {IROS} IROs syncing at once", sync_rate, "c/s")

    # Raw rate: the same rows (a note and its change-log entry), same batch size, no HTTP.
    raw_rate = simulated.raw_insert_rate(store, tokens[0][1], IROS, CHANGES_EACH)
    report.add("central store: raw insert rate, same database", raw_rate, "r/s")
    report.add("central store: sync throughput / raw insert rate", sync_rate / raw_rate, "x")
