"""Store benchmarks: unlocking, SQLCipher against plain SQLite, importing 1,000 children."""

from __future__ import annotations

import csv
import random
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from iro_desktop.devtools.bench import BenchReport, best_of
from iro_desktop.store import caseload as caseload_file
from iro_desktop.store import migrations
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.demo import build_demo
from iro_desktop.store.engine import plain_sqlite_engine
from iro_desktop.store.file_format import APPLICATION_ID
from iro_desktop.store.importer import CASELOAD_COLUMNS, import_caseload
from iro_desktop.store.ops import casework, children
from iro_desktop.store.ops.core import Actor, operation
from iro_desktop.store.queries import due_list, histories, live_children
from iro_desktop.store.schema import Child, Note, Review

PASSPHRASE = "benchmark passphrase"
TODAY = date(2026, 11, 24)
ACTOR = Actor(email="bench@demo-borough.example", device="bench")


def _reads(caseload: Caseload) -> None:
    """What opening the program and a child's record does: the due list, then records."""
    with caseload.session() as s:
        due_list(s, TODAY)
        kids = live_children(s)
    for child in kids[:20]:
        with caseload.session() as s:
            histories(s, [child])
            list(s.scalars(select(Review).where(Review.child_id == child.id)))
            list(s.scalars(select(Note).where(Note.child_id == child.id)))


def _writes(caseload: Caseload, rounds: int = 20) -> None:
    """Typical edits, each its own transaction (so each pays for its fsync)."""
    with caseload.session() as s:
        ids = [c.id for c in live_children(s)[:rounds]]
    for i, child_id in enumerate(ids):
        with operation(caseload, ACTOR) as op:
            child = op.session.get(Child, child_id)
            assert child is not None
            casework.add_note(
                op, child, note_date=TODAY, text=f"Phoned the carer ({i}).", today=TODAY
            )
            children.update_child(op, child, today=TODAY, school=f"Hillcrest Academy {i}")


def _plain_demo(folder: Path) -> Caseload:
    folder.mkdir(parents=True)
    engine = plain_sqlite_engine(folder / "plain.db")
    with engine.begin() as conn:  # marked as a laptop file: the same schema and triggers
        conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.upgrade(engine)
    plain = Caseload(folder, engine)
    build_demo(plain, today=TODAY)
    return plain


def _import_file(path: Path, n: int) -> Path:
    rng = random.Random(7)
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(CASELOAD_COLUMNS)
        for i in range(n):
            dob = TODAY - timedelta(days=rng.randint(400, 6200))
            became = dob + timedelta(days=rng.randint(30, 300))
            writer.writerow(
                [
                    f"IM{i:05d}",
                    "Wren",
                    f"Elmstead{i}",
                    "",
                    dob.isoformat(),
                    "Female",
                    "C2",
                    became.isoformat(),
                    became.isoformat(),
                    "U6",
                ]
            )
    return path


def run(report: BenchReport, workdir: Path) -> None:
    encrypted = caseload_file.create(workdir / "enc", passphrase=PASSPHRASE, use_keyring=False)
    start = time.perf_counter()
    build_demo(encrypted, today=TODAY)
    report.add(
        "build the demo caseload (65 children, encrypted)",
        (time.perf_counter() - start) * 1000,
        "ms",
    )
    encrypted.close()

    def unlock() -> None:
        caseload_file.open_caseload(workdir / "enc", passphrase=PASSPHRASE).close()

    seconds = best_of(unlock, 5)
    report.add(
        "open and unlock (scrypt + first query)", seconds * 1000, "ms", "< 500 ms", seconds < 0.5
    )

    encrypted = caseload_file.open_caseload(workdir / "enc", passphrase=PASSPHRASE)
    plain = _plain_demo(workdir / "plain")
    for name, work, repeat in (
        ("reads: due list + 20 child records", _reads, 7),
        ("writes: 20 edits, one transaction each", _writes, 3),
    ):
        enc_s = best_of(lambda w=work: w(encrypted), repeat)  # type: ignore[misc]
        plain_s = best_of(lambda w=work: w(plain), repeat)  # type: ignore[misc]
        report.add(f"{name} (SQLCipher)", enc_s * 1000, "ms")
        report.add(f"{name} (plain SQLite)", plain_s * 1000, "ms")
        ratio = enc_s / plain_s
        report.add(f"{name}: SQLCipher / plain", ratio, "x", "<= 1.3x", ratio <= 1.3)
    encrypted.close()
    plain.close()

    target = caseload_file.create(workdir / "imp", passphrase=PASSPHRASE, use_keyring=False)
    csv_path = _import_file(workdir / "thousand.csv", 1000)
    start = time.perf_counter()
    result = import_caseload(target, csv_path, ACTOR, today=TODAY)
    elapsed = time.perf_counter() - start
    assert result.added == 1000
    report.add("import 1,000 children from CSV (encrypted)", elapsed * 1000, "ms")
    target.close()
