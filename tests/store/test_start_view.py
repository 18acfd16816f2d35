"""The saved start view: read without SQLAlchemy, and never older than the data."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from iro_desktop.store import caseload as caseload_file
from iro_desktop.store import keys, start_view
from iro_desktop.store.errors import WrongPassphrase
from iro_desktop.store.ops.children import add_child
from iro_desktop.store.ops.core import Actor, operation
from iro_desktop.store.quick_open import quick_open, start_early
from iro_desktop.store.schema import SYNCED_MODELS
from iro_desktop.store.types import Base
from tests.conftest import PASSPHRASE, TODAY

NAMES = ("due", "caseload")
# Tables whose writes change nothing a saved view shows (see migration 0003).
BOOKKEEPING = {"audit_log", "outbox", "sync_state", "applied_changes", "change_log"}


def save_views(opened: caseload_file.Caseload, marker: str) -> int:
    with opened.session() as s:
        count = start_view.write_count(s)
        assert count is not None
        for name in NAMES:
            start_view.remember(s, name, count, {"marker": marker, "name": name})
    return count


def add_a_child(opened: caseload_file.Caseload, ref: str) -> None:
    with operation(opened, Actor("iro@example.org")) as op:
        add_child(op, today=TODAY, child_ref=ref, first_name="Wren", last_name="Elmstead",
                  date_of_birth=date(2015, 4, 1), became_looked_after=date(2024, 2, 2))  # fmt: skip


def test_every_data_table_counts_its_writes(caseload: caseload_file.Caseload) -> None:
    """A table added later without its triggers would let a stale view through."""
    with caseload.engine.connect() as conn:
        triggers = set(
            conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars()
        )
    data_tables = set(Base.metadata.tables) - BOOKKEEPING
    assert {m.__tablename__ for m in SYNCED_MODELS} <= data_tables
    for table in data_tables:
        for suffix in ("ai", "au", "ad"):
            assert f"write_gen_{table}_{suffix}" in triggers, f"{table} does not count writes"


def test_a_saved_view_is_used_until_anything_is_written(caseload: caseload_file.Caseload) -> None:
    folder = caseload.folder
    save_views(caseload, "before")
    caseload.close()
    assert quick_open(folder, PASSPHRASE, NAMES).views["caseload"]["marker"] == "before"

    reopened = caseload_file.open_caseload(folder, passphrase=PASSPHRASE)
    add_a_child(reopened, "NEW1")
    reopened.close()
    assert quick_open(folder, PASSPHRASE, NAMES).views == {}, "a view older than the data"


def test_a_view_read_before_a_write_is_never_used(caseload: caseload_file.Caseload) -> None:
    """The count is read with the lists; a write before the save makes the save stale."""
    with caseload.session() as s:
        count = start_view.write_count(s)
    add_a_child(caseload, "NEW2")
    with caseload.session() as s:
        assert count is not None
        for name in NAMES:
            start_view.remember(s, name, count, {"read": "before the write"})
    folder = caseload.folder
    caseload.close()
    assert quick_open(folder, PASSPHRASE, NAMES).views == {}


def test_bookkeeping_writes_keep_the_view(caseload: caseload_file.Caseload) -> None:
    """A background sync that only moves its cursor must not throw the view away."""
    save_views(caseload, "kept")
    with caseload.session() as s:
        s.execute(text("INSERT INTO sync_state (key, value) VALUES ('cursor', '42')"))
        s.commit()
    folder = caseload.folder
    caseload.close()
    assert quick_open(folder, PASSPHRASE, NAMES).views["due"]["marker"] == "kept"


def test_every_view_must_be_there(caseload: caseload_file.Caseload) -> None:
    with caseload.session() as s:
        start_view.remember(s, "due", start_view.write_count(s) or 0, {"only": "one"})
    folder = caseload.folder
    caseload.close()
    assert quick_open(folder, PASSPHRASE, NAMES).views == {}


def test_quick_open_checks_the_passphrase_as_unlocking_does(
    caseload: caseload_file.Caseload,
) -> None:
    save_views(caseload, "x")
    folder = caseload.folder
    caseload.close()
    with pytest.raises(WrongPassphrase):
        quick_open(folder, "not the passphrase", NAMES)
    with pytest.raises(WrongPassphrase):
        quick_open(folder, None, NAMES)
    with pytest.raises(WrongPassphrase):
        start_early(folder, "not the passphrase either", NAMES).result(timeout=30)
    early = start_early(folder, PASSPHRASE, NAMES).result(timeout=30)
    assert early.views["due"]["marker"] == "x"
    # the keys it found open the file with no second passphrase check
    caseload_file.open_caseload(folder, candidates=early.candidates).close()


def test_quick_open_never_writes(caseload: caseload_file.Caseload) -> None:
    save_views(caseload, "x")
    folder = caseload.folder
    caseload.close()

    def digest() -> dict[str, str]:
        return {
            name: hashlib.sha256((folder / name).read_bytes()).hexdigest()
            for name in ("caseload.db", "key.json")
        }

    before = digest()
    assert quick_open(folder, PASSPHRASE, NAMES).views
    assert digest() == before
    wal = folder / "caseload.db-wal"  # SQLite may leave an empty log behind a reader
    assert not wal.exists() or wal.stat().st_size == 0


def test_an_older_schema_is_left_to_the_full_open(caseload: caseload_file.Caseload) -> None:
    """The full open migrates (after a backup); the first screen must not read it first."""
    save_views(caseload, "x")
    with caseload.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0002'"))
    folder = caseload.folder
    caseload.close()
    assert quick_open(folder, PASSPHRASE, NAMES).views == {}


def test_a_rekey_cut_off_is_left_to_the_full_open(caseload: caseload_file.Caseload) -> None:
    save_views(caseload, "x")
    folder = caseload.folder
    caseload.close()
    key_file = keys.KeyFile.load(folder / "key.json")
    key_file.pending = key_file.passphrase_wrap
    key_file.save(folder / "key.json")
    quick = quick_open(folder, PASSPHRASE, NAMES)
    assert quick.views == {}
    assert quick.candidates, "the keys are still found for the full open"


def test_a_damaged_file_gives_no_view_and_is_left_alone(caseload: caseload_file.Caseload) -> None:
    save_views(caseload, "x")
    folder = caseload.folder
    caseload.close()
    db = folder / "caseload.db"
    data = bytearray(db.read_bytes())
    data[5000:9000] = b"\x00" * 4000
    db.write_bytes(bytes(data))
    assert quick_open(folder, PASSPHRASE, NAMES).views == {}
    assert db.read_bytes() == bytes(data)


def test_text_of_every_kind_round_trips(caseload: caseload_file.Caseload) -> None:
    body = {"text": "Zoë 🌈 مرحبا ሰላም " + "x" * 100_000}
    with caseload.session() as s:
        count = start_view.write_count(s) or 0
        for name in NAMES:
            start_view.remember(s, name, count, body)
    folder = caseload.folder
    caseload.close()
    assert quick_open(folder, PASSPHRASE, NAMES).views["due"] == body


def test_a_folder_name_with_awkward_characters_still_reads(tmp_path: Path) -> None:
    folder = tmp_path / "Jo's #1 caseload? 100% (copy)"
    opened = caseload_file.create(folder, passphrase=PASSPHRASE, use_keyring=False)
    save_views(opened, "awkward")
    opened.close()
    assert quick_open(folder, PASSPHRASE, NAMES).views["due"]["marker"] == "awkward"


@pytest.mark.parametrize(
    "passphrase",
    [
        "مرحبا بالعالم كلمة سر طويلة",
        "🌈🦊🐢 rainbow fox tortoise",
        "\u202eoverride " + "x" * 100_000,
    ],
)
def test_any_passphrase_text_unlocks_and_near_misses_do_not(
    tmp_path: Path, passphrase: str
) -> None:
    folder = tmp_path / "c"
    opened = caseload_file.create(folder, passphrase=passphrase, use_keyring=False)
    save_views(opened, "mine")
    opened.close()
    for wrong in ("", "   ", passphrase[:-1], passphrase + " ", "😀" * 5000):
        with pytest.raises(WrongPassphrase):
            quick_open(folder, wrong, NAMES)
    assert quick_open(folder, passphrase, NAMES).views["due"]["marker"] == "mine"


def test_a_damaged_view_or_count_gives_no_view(caseload: caseload_file.Caseload) -> None:
    count = save_views(caseload, "x")
    with caseload.session() as s:
        s.execute(text("UPDATE start_view SET body = '{not json' WHERE name = 'due'"))
        s.commit()
    folder = caseload.folder
    caseload.close()
    assert quick_open(folder, PASSPHRASE, NAMES).views == {}
    reopened = caseload_file.open_caseload(folder, passphrase=PASSPHRASE)
    save_views(reopened, "y")
    with reopened.session() as s:
        s.execute(text("DELETE FROM write_gen"))
        s.commit()
    reopened.close()
    assert quick_open(folder, PASSPHRASE, NAMES).views == {}
    assert count == 0


def test_children_leaving_take_the_saved_view_with_them(caseload: caseload_file.Caseload) -> None:
    """A transferred child's name must not stay behind in a view, even an unused one."""
    from iro_desktop.sync.apply import remove_children

    add_a_child(caseload, "GONE1")
    save_views(caseload, "with the child")
    with caseload.session() as s:
        child_id = s.execute(text("SELECT id FROM children WHERE child_ref = 'GONE1'")).scalar()
        remove_children(s, {child_id})
        s.commit()
        assert s.execute(text("SELECT count(*) FROM start_view")).scalar() == 0


def test_saving_the_same_view_again_writes_nothing(caseload: caseload_file.Caseload) -> None:
    save_views(caseload, "same")
    with caseload.engine.connect() as conn:
        before = conn.exec_driver_sql("SELECT total_changes()").scalar()
        with caseload.sessions(bind=conn) as s:
            count = start_view.write_count(s) or 0
            start_view.remember(s, "due", count, {"marker": "same", "name": "due"})
        after = conn.exec_driver_sql("SELECT total_changes()").scalar()
    assert after == before
