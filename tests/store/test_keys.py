"""Where the key is kept: only a real OS keyring counts; otherwise a wrapped key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null

from iro_desktop.store import caseload as caseload_file
from iro_desktop.store import keys
from iro_desktop.store.errors import KeyUnavailable, PassphraseRequired, WrongPassphrase


class MemoryKeyring(KeyringBackend):
    """Stands in for an OS keyring on a machine that has none."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


@pytest.fixture
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    monkeypatch.setattr(keys, "REAL_KEYRINGS", keys.REAL_KEYRINGS | {keys.backend_name(backend)})
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(fail.Keyring())


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring()])
def test_fail_and_null_backends_do_not_count(backend: KeyringBackend) -> None:
    keyring.set_keyring(backend)
    try:
        assert keys.real_keyring() is None
    finally:
        keyring.set_keyring(fail.Keyring())


def test_plaintext_keyrings_are_not_on_the_list() -> None:
    assert not any("keyrings.alt" in name for name in keys.REAL_KEYRINGS)
    assert not any("fail" in name or "null" in name for name in keys.REAL_KEYRINGS)


def test_without_a_keyring_a_passphrase_is_required(tmp_path: Path) -> None:
    with pytest.raises(PassphraseRequired):
        caseload_file.create(tmp_path / "c")


def test_the_passphrase_is_never_stored(tmp_path: Path) -> None:
    caseload_file.create(tmp_path / "c", passphrase="plain words never stored").close()
    for path in (tmp_path / "c").iterdir():
        assert b"plain words never stored" not in path.read_bytes()


def test_a_real_keyring_opens_without_a_prompt(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    caseload_file.create(tmp_path / "c").close()
    assert len(memory_keyring.items) == 1
    caseload_file.open_caseload(tmp_path / "c").close()


def test_a_changed_backend_asks_for_the_passphrase(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    caseload_file.create(tmp_path / "c", passphrase="recovery passphrase here").close()
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(PassphraseRequired):
        caseload_file.open_caseload(tmp_path / "c")
    with pytest.raises(WrongPassphrase):
        caseload_file.open_caseload(tmp_path / "c", passphrase="a guess that is wrong")
    caseload_file.open_caseload(tmp_path / "c", passphrase="recovery passphrase here").close()


def test_a_lost_keyring_without_a_passphrase_says_so(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    caseload_file.create(tmp_path / "c").close()
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(KeyUnavailable, match="not available now"):
        caseload_file.open_caseload(tmp_path / "c")


def test_a_rekey_cut_off_in_keyring_mode_still_opens(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """Power lost after PRAGMA rekey, before the keyring took the new key."""
    from iro_desktop.store.engine import raw_key_literal

    opened = caseload_file.create(tmp_path / "c", passphrase="recovery passphrase here")
    key_file = keys.KeyFile.load(tmp_path / "c" / "key.json")
    new_key = keys.new_raw_key()
    key_file.pending = keys.wrap(new_key, "recovery passphrase here")
    keys.store_in_keyring(key_file.database_id, new_key, pending=True)
    key_file.save(tmp_path / "c" / "key.json")
    with opened.engine.connect() as conn:
        conn.exec_driver_sql(f'PRAGMA rekey = "{raw_key_literal(new_key)}"')
    opened.close()
    caseload_file.open_caseload(tmp_path / "c").close()  # no passphrase needed
    assert memory_keyring.items[(keys.KEYRING_SERVICE, key_file.database_id)] == new_key.hex()
    assert len(memory_keyring.items) == 1  # the set-aside copy is gone
    settled = keys.KeyFile.load(tmp_path / "c" / "key.json")
    assert settled.pending is None
    assert keys.unwrap(settled.passphrase_wrap or {}, "recovery passphrase here") == new_key


def test_unlocking_by_hand_checks_the_passphrase_even_with_a_keyring(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    caseload_file.create(tmp_path, passphrase="correct horse battery", use_keyring=True).close()
    with pytest.raises(WrongPassphrase):
        unlock_keys(tmp_path, "not the passphrase")
    with pytest.raises(WrongPassphrase):
        unlock_keys(tmp_path, None)
    labels = [label for label, _ in unlock_keys(tmp_path, "correct horse battery")]
    assert labels == ["keyring", "passphrase"]


def test_unlocking_derives_the_passphrase_key_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """scrypt is slow on purpose; checking the passphrase and opening share one run."""
    caseload_file.create(tmp_path, passphrase="correct horse battery", use_keyring=False).close()
    calls = []
    real = keys._derive

    def counted(*args: object, **kwargs: object) -> bytes:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(keys, "_derive", counted)
    candidates = unlock_keys(tmp_path, "correct horse battery")
    caseload_file.open_caseload(tmp_path, candidates=candidates).close()
    assert len(calls) == 1


def unlock_keys(folder: Path, passphrase: str | None) -> list[tuple[str, bytes]]:
    """The keys for unlocking by hand, as ``store.quick_open`` asks for them."""
    return keys.key_candidates(keys.load_key_file(folder), passphrase, check_passphrase=True)
