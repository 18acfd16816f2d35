"""The caseload file at rest: encrypted, private, refused when wrong, never damaged."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import select, text

from iro_desktop.cli.demo_cmd import DEMO_PASSPHRASE
from iro_desktop.cli.main import main
from iro_desktop.store import caseload as caseload_file
from iro_desktop.store import migrations
from iro_desktop.store.errors import (
    NewerVersion,
    NotACaseloadFile,
    PassphraseRequired,
    WrongPassphrase,
)
from iro_desktop.store.schema import Child
from tests.conftest import PASSPHRASE

DEMO_WORDS = [b"Larkholme", b"Zadran", b"Hartley", b"DB10400", b"Rookwood", b"Haile"]


def digest(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def test_demo_names_never_appear_in_plaintext_in_db_or_wal(demo_folder: Path) -> None:
    opened = caseload_file.open_caseload(demo_folder, passphrase=DEMO_PASSPHRASE)
    # Keep a connection open after a write, so the -wal file holds pages when read.
    with opened.engine.connect() as conn:
        conn.execute(text("UPDATE children SET school = 'Larkholme Zadran Academy'"))
        conn.commit()
        files = {p.name: p.read_bytes() for p in demo_folder.iterdir() if p.is_file()}
        assert (demo_folder / "caseload.db-wal").exists()
        assert len(files["caseload.db-wal"]) > 0
    opened.close()
    for name, data in files.items():
        if name.startswith("caseload.db"):
            assert not data.startswith(b"SQLite format 3"), name
            for word in DEMO_WORDS:
                assert word not in data, f"{word!r} in {name}"
    # and the names really are in there, once decrypted
    opened = caseload_file.open_caseload(demo_folder, passphrase=DEMO_PASSPHRASE)
    with opened.session() as s:
        assert s.scalar(select(Child).where(Child.last_name == "Zadran")) is not None
    opened.close()


def test_files_are_private(caseload: caseload_file.Caseload) -> None:
    folder = caseload.folder
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for name in ("caseload.db", "key.json"):
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600, name
    with caseload.engine.connect() as conn:
        conn.execute(text("UPDATE settings SET key = key"))
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        wal = folder / "caseload.db-wal"
        assert stat.S_IMODE(wal.stat().st_mode) == 0o600


def test_wrong_passphrase_is_refused_and_file_untouched(demo_folder: Path) -> None:
    before = digest(demo_folder)
    with pytest.raises(WrongPassphrase, match="not right"):
        caseload_file.open_caseload(demo_folder, passphrase="not the passphrase at all")
    assert digest(demo_folder) == before


def test_missing_passphrase_asks_for_one(demo_folder: Path) -> None:
    with pytest.raises(PassphraseRequired, match="IRO_DESKTOP_PASSPHRASE"):
        caseload_file.open_caseload(demo_folder)


def test_cli_wrong_passphrase_exits_non_zero_with_a_clear_message(
    demo_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = digest(demo_folder)
    monkeypatch.setenv("IRO_DESKTOP_PASSPHRASE", "wrong wrong wrong")
    code = main(["--data-dir", str(demo_folder), "due"])
    err = capsys.readouterr().err
    assert code != 0
    assert "passphrase is not right" in err
    assert "Traceback" not in err
    assert digest(demo_folder) == before


def test_foreign_sqlite_file_is_refused_and_left_alone(caseload: caseload_file.Caseload) -> None:
    folder = caseload.folder
    caseload.close()
    db = folder / "caseload.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    plain = sqlite3.connect(db)
    plain.execute("CREATE TABLE t (x)")
    plain.execute("INSERT INTO t VALUES ('someone else''s data')")
    plain.commit()
    plain.close()
    before = digest(folder)
    with pytest.raises(NotACaseloadFile, match="damaged, or it is not an IRO Desktop"):
        caseload_file.open_caseload(folder, passphrase=PASSPHRASE)
    assert digest(folder) == before


def test_corrupted_file_is_refused_and_left_alone(caseload: caseload_file.Caseload) -> None:
    folder = caseload.folder
    caseload.close()
    db = folder / "caseload.db"
    data = bytearray(db.read_bytes())
    data[0:4096] = os.urandom(4096)  # the first page holds the salt: nothing reads
    db.write_bytes(bytes(data))
    before = digest(folder)
    with pytest.raises(NotACaseloadFile):
        caseload_file.open_caseload(folder, passphrase=PASSPHRASE)
    assert digest(folder) == before


def test_file_from_a_newer_version_is_refused_and_untouched(
    caseload: caseload_file.Caseload,
) -> None:
    with caseload.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'fffffffff999'"))
    folder = caseload.folder
    caseload.close()
    before = digest(folder)
    with pytest.raises(NewerVersion, match="newer version of IRO Desktop"):
        caseload_file.open_caseload(folder, passphrase=PASSPHRASE)
    assert digest(folder) == before


def test_migration_upgrades_an_older_file_with_its_data(tmp_path: Path) -> None:
    revisions = sorted(migrations.known_revisions())
    assert len(revisions) >= 2, "needs an older schema to upgrade from"
    first = revisions[0]
    # Build a file at the first schema revision, as an old release would have.
    folder = tmp_path / "old"
    opened = caseload_file.create(folder, passphrase=PASSPHRASE, use_keyring=False)
    engine = opened.engine
    with engine.begin() as conn:
        for table in reversed(list(_metadata().sorted_tables)):
            conn.execute(text(f'DROP TABLE IF EXISTS "{table.name}"'))
        for name in (
            conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))
            .scalars()
            .all()
        ):
            if name != "alembic_version":
                conn.execute(text(f'DROP TABLE IF EXISTS "{name}"'))
        conn.execute(text("DROP TABLE alembic_version"))
    migrations.upgrade(engine, first)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO children (id, version, updated_at, deleted, child_ref, first_name,"
                " last_name, date_of_birth, became_looked_after, interpreter_needed,"
                " unaccompanied_asylum_seeking) VALUES ('c1', 1, '2026-01-01 00:00:00', 0,"
                " 'OLD1', 'Wren', 'Elmstead', '2015-04-01', '2024-02-02', 0, 0)"
            )
        )
    opened.close()
    reopened = caseload_file.open_caseload(folder, passphrase=PASSPHRASE)
    with reopened.engine.connect() as conn:
        assert migrations.current_revision(conn) == migrations.head_revision()
    with reopened.session() as s:
        child = s.scalar(select(Child).where(Child.child_ref == "OLD1"))
        assert child is not None and child.first_name == "Wren"
    reopened.close()
    backups = list(folder.glob("caseload.db.before-*"))
    assert backups and stat.S_IMODE(backups[0].stat().st_mode) == 0o600


def _metadata():  # type: ignore[no-untyped-def]
    from iro_desktop.store.types import Base

    return Base.metadata


def test_changing_the_passphrase_rekeys_and_keeps_the_data(demo_folder: Path) -> None:
    opened = caseload_file.open_caseload(demo_folder, passphrase=DEMO_PASSPHRASE)
    with opened.session() as s:
        count = len(list(s.scalars(select(Child))))
    raw_before = (demo_folder / "caseload.db").read_bytes()[:4096]
    opened.change_passphrase(DEMO_PASSPHRASE, "a brand new passphrase")
    with opened.session() as s:
        assert len(list(s.scalars(select(Child)))) == count
    opened.close()
    assert (demo_folder / "caseload.db").read_bytes()[:4096] != raw_before
    with pytest.raises(WrongPassphrase):
        caseload_file.open_caseload(demo_folder, passphrase=DEMO_PASSPHRASE)
    again = caseload_file.open_caseload(demo_folder, passphrase="a brand new passphrase")
    with again.session() as s:
        assert len(list(s.scalars(select(Child)))) == count
    again.close()


def test_a_rekey_cut_off_half_way_still_opens(caseload: caseload_file.Caseload) -> None:
    """Power lost after PRAGMA rekey but before key.json took the new wrap."""
    from iro_desktop.store import keys
    from iro_desktop.store.engine import raw_key_literal

    folder = caseload.folder
    key_file = keys.KeyFile.load(folder / "key.json")
    new_key = keys.new_raw_key()
    key_file.pending = keys.wrap(new_key, PASSPHRASE)
    key_file.save(folder / "key.json")
    with caseload.engine.connect() as conn:
        conn.exec_driver_sql(f'PRAGMA rekey = "{raw_key_literal(new_key)}"')
    caseload.close()
    reopened = caseload_file.open_caseload(folder, passphrase=PASSPHRASE)
    reopened.close()
    settled = keys.KeyFile.load(folder / "key.json")
    assert settled.pending is None
    assert keys.unwrap(settled.passphrase_wrap or {}, PASSPHRASE) == new_key


def test_short_passphrase_is_refused(tmp_path: Path) -> None:
    from iro_desktop.domain.errors import ValidationError

    with pytest.raises(ValidationError, match="at least 10 characters"):
        caseload_file.create(tmp_path / "c", passphrase="short", use_keyring=False)
    assert not (tmp_path / "c" / "caseload.db").exists()


def test_schema_head_constant_matches_the_migrations() -> None:
    """Opening trusts SCHEMA_HEAD to avoid importing Alembic; it must be the real head."""
    assert migrations.alembic_head() == migrations.SCHEMA_HEAD


def test_a_closed_caseload_refuses_new_connections(caseload: caseload_file.Caseload) -> None:
    """Background work still running after a lock must not reach the decrypted file."""
    from iro_desktop.store.errors import StoreError

    caseload.close()
    with pytest.raises(StoreError, match="locked"), caseload.session() as s:
        s.scalar(select(Child))
    with pytest.raises(StoreError, match="locked"):
        caseload.engine.connect()
