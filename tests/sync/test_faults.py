"""Faults: dropped connections mid-push and mid-pull, a restarted server, a killed client.

After the next successful sync every laptop equals the server, and every acknowledged
change is in the server's change log exactly once.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from iro_desktop.store.caseload import open_caseload
from iro_desktop.store.ops.core import operation
from iro_desktop.store.schema import Note, OutboxEntry
from iro_desktop.sync.errors import SyncError
from tests.sync.harness import PASSPHRASE, Central, Laptop, Proxy


@pytest.fixture
def proxy(own_central: Central) -> Iterator[Proxy]:
    p = Proxy(own_central.server.port)
    yield p
    p.close()


def _laptops(central: Central, tmp: Path, url: str) -> tuple[Laptop, Laptop, str]:
    email = central.iro()
    a, b = Laptop.make(tmp, "a", email), Laptop.make(tmp, "b", email)
    a.connect(url, central.token(email))
    b.connect(url, central.token(email))
    return a, b, email


def _no_change_lost_or_doubled(central: Central, *laptops: Laptop) -> None:
    counts = central.change_log_count()
    for lap in laptops:
        with lap.caseload.session() as s:
            pending = s.scalar(
                select(func.count()).select_from(OutboxEntry).where(OutboxEntry.pushed_at.is_(None))
            )
            acked = list(s.scalars(select(OutboxEntry.change_id)))
        assert pending == 0
        assert all(counts.get(c) == 1 for c in acked), (
            "an acknowledged change is missing or doubled"
        )


def _notes(lap: Laptop, child: str, n: int) -> None:
    with operation(lap.caseload, lap.actor) as op:
        for i in range(n):
            op.save(Note(child_id=child, note_date=date(2025, 1, 1), text=f"note {i}"))


def test_connection_dropped_mid_push(own_central: Central, proxy: Proxy, tmp_path: Path) -> None:
    a, b, _ = _laptops(own_central, tmp_path, proxy.url)
    child = a.add_child("F1")
    _notes(a, child, 50)
    proxy.arm("/v1/push", after_bytes=0)  # the server applies it; the answer never arrives
    with pytest.raises(SyncError):
        a.sync()
    assert proxy.cuts == 1
    summary = a.sync()  # pushes the same change UUIDs again: applied once
    assert summary.pushed == 52
    b.sync()
    assert a.payloads() == b.payloads() == own_central.rows_for({child})
    _no_change_lost_or_doubled(own_central, a, b)


@pytest.mark.parametrize("path", ["/v1/pull", "/v1/snapshot"])
def test_connection_dropped_mid_pull(
    own_central: Central, proxy: Proxy, tmp_path: Path, path: str
) -> None:
    a, b, _ = _laptops(own_central, tmp_path, proxy.url)
    child = a.add_child("F2")
    a.sync()
    if path == "/v1/pull":
        b.sync()
    _notes(a, child, 1500)  # more than one pull page
    a.sync()
    proxy.arm(path, after_bytes=40_000)  # cut in the middle of the body
    with pytest.raises(SyncError):
        b.sync()
    assert proxy.cuts == 1
    b.sync()
    assert b.payloads() == a.payloads() == own_central.rows_for({child})
    _no_change_lost_or_doubled(own_central, a, b)


def test_server_restarted(own_central: Central, tmp_path: Path) -> None:
    a, b, _ = _laptops(own_central, tmp_path, own_central.url)
    child = a.add_child("F3")
    a.sync()
    own_central.server.stop()
    a.add_note(child, "written while the server was down")
    with pytest.raises(SyncError, match="could not be reached"):
        a.sync()
    own_central.server.start()
    a.sync()
    b.sync()
    assert a.payloads() == b.payloads() == own_central.rows_for({child})
    _no_change_lost_or_doubled(own_central, a, b)


KILLED_SYNC = textwrap.dedent(
    """
    import sys
    from iro_desktop.store.caseload import open_caseload
    from iro_desktop.sync.run import sync
    sync(open_caseload(sys.argv[1], passphrase=sys.argv[2]))
    """
)


def test_client_killed_mid_sync(own_central: Central, proxy: Proxy, tmp_path: Path) -> None:
    a, b, _ = _laptops(own_central, tmp_path, proxy.url)
    child = a.add_child("F4")
    a.sync()
    _notes(a, child, 2000)  # four push batches
    a.caseload.close()
    proxy.watch = "/v1/push"
    proc = subprocess.Popen([sys.executable, "-c", KILLED_SYNC, str(a.folder), PASSPHRASE])
    try:
        assert proxy.seen_path.wait(30), "the sync never started pushing"
        os.kill(proc.pid, signal.SIGKILL)  # mid-sync, with batches in flight
    finally:
        proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
    a.caseload = open_caseload(a.folder, passphrase=PASSPHRASE)  # closed means closed
    with a.caseload.session() as s:
        waiting = s.scalar(
            select(func.count()).select_from(OutboxEntry).where(OutboxEntry.pushed_at.is_(None))
        )
    assert waiting and waiting > 0  # it really was killed before finishing
    a.sync()
    b.sync()
    assert a.payloads() == b.payloads() == own_central.rows_for({child})
    assert len([r for r in a.rows().values() if "text" in r and r.get("child_id") == child]) == 2000
    _no_change_lost_or_doubled(own_central, a, b)
