"""The caseload's 256-bit raw key: made at random, kept in a real OS keyring or wrapped.

A key in a real keyring (Windows Credential Locker, macOS Keychain, Secret Service,
KWallet) opens the file without a prompt. Anywhere else the key is wrapped with
AES-256-GCM under a key derived from the IRO's passphrase by scrypt; the passphrase
itself is never stored. ``key.json`` records which backend holds the key, so a changed
backend leads to a passphrase prompt rather than a guess.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.errors import (
    KeyUnavailable,
    NotACaseloadFile,
    PassphraseRequired,
    StoreError,
    WrongPassphrase,
)
from iro_desktop.store.paths import DB_NAME, KEY_NAME, write_private_atomic

KEY_BYTES = 32
FORMAT = 1
AAD = b"iro-desktop caseload key v1"
KEYRING_SERVICE = "iro-desktop"
MIN_PASSPHRASE = 10

# scrypt at n=2**15, r=8: about 32 MiB and a tenth of a second, once per unlock.
SCRYPT = {"n": 2**15, "r": 8, "p": 1}

REAL_KEYRINGS = frozenset(
    {
        "keyring.backends.Windows.WinVaultKeyring",
        "keyring.backends.macOS.Keyring",
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.libsecret.Keyring",
        "keyring.backends.kwallet.DBusKeyring",
        "keyring.backends.kwallet.DBusKeyringKWallet4",
    }
)


def new_raw_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def check_passphrase(passphrase: str) -> str:
    if len(passphrase.strip()) < MIN_PASSPHRASE:
        raise ValidationError(
            "passphrase", f"must be at least {MIN_PASSPHRASE} characters (a few words is best)"
        )
    return passphrase


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=128 * 1024 * 1024, dklen=32
    )


def wrap(raw_key: bytes, passphrase: str) -> dict[str, Any]:
    salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(12)
    kek = _derive(passphrase, salt, **SCRYPT)
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # loaded when used

    wrapped = AESGCM(kek).encrypt(nonce, raw_key, AAD)
    b64 = base64.b64encode
    return {
        "kdf": "scrypt",
        **SCRYPT,
        "salt": b64(salt).decode(),
        "nonce": b64(nonce).decode(),
        "wrapped": b64(wrapped).decode(),
    }


def unwrap(record: dict[str, Any], passphrase: str) -> bytes:
    b64d = base64.b64decode
    kek = _derive(passphrase, b64d(record["salt"]), record["n"], record["r"], record["p"])
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(kek).decrypt(b64d(record["nonce"]), b64d(record["wrapped"]), AAD)
    except InvalidTag:
        raise WrongPassphrase() from None


def backend_name(backend: object) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def real_keyring() -> Any | None:
    """The OS keyring if it is a real one; plaintext, fail and null backends do not count."""
    try:
        import keyring
        from keyring.backends.chainer import ChainerBackend
    except Exception:  # pragma: no cover - keyring is a dependency
        return None
    backend = keyring.get_keyring()
    candidates = backend.backends if isinstance(backend, ChainerBackend) else [backend]
    for candidate in candidates:
        if backend_name(candidate) in REAL_KEYRINGS:
            return candidate
    return None


@dataclass
class KeyFile:
    """What ``key.json`` says about where the key is kept."""

    database_id: str
    keyring_backend: str | None = None
    passphrase_wrap: dict[str, Any] | None = None
    pending: dict[str, Any] | None = field(default=None)

    def to_json(self) -> bytes:
        return json.dumps(
            {
                "format": FORMAT,
                "database_id": self.database_id,
                "keyring_backend": self.keyring_backend,
                "passphrase_wrap": self.passphrase_wrap,
                "pending": self.pending,
            },
            indent=2,
        ).encode()

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        data = json.loads(path.read_text())
        return cls(
            database_id=data["database_id"],
            keyring_backend=data.get("keyring_backend"),
            passphrase_wrap=data.get("passphrase_wrap"),
            pending=data.get("pending"),
        )

    def save(self, path: Path) -> None:
        write_private_atomic(path, self.to_json())

    @property
    def needs_passphrase(self) -> bool:
        return self.keyring_backend is None or backend_name_now() != self.keyring_backend


def backend_name_now() -> str | None:
    backend = real_keyring()
    return backend_name(backend) if backend is not None else None


def pending_user(database_id: str) -> str:
    return f"{database_id}:pending"


def forget_pending(database_id: str) -> None:
    backend = real_keyring()
    if backend is not None:
        with contextlib.suppress(Exception):
            backend.delete_password(KEYRING_SERVICE, pending_user(database_id))


def store_in_keyring(database_id: str, raw_key: bytes, *, pending: bool = False) -> str | None:
    """Put the key in the real keyring if there is one; returns the backend's name."""
    backend = real_keyring()
    if backend is None:
        return None
    user = pending_user(database_id) if pending else database_id
    backend.set_password(KEYRING_SERVICE, user, raw_key.hex())
    return backend_name(backend)


PENDING_LABELS = frozenset({"keyring-pending", "pending"})


def key_candidates(
    key_file: KeyFile, passphrase: str | None, *, check_passphrase: bool = False
) -> list[tuple[str, bytes]]:
    """Every key that may open the file, labelled: the keyring's current key and the one a
    re-key set aside, then (with a passphrase) the wrapped key and a half-finished
    re-key's. Raises the error a person needs when no key can be had.

    ``check_passphrase`` is for unlocking after a lock: where a passphrase is set it must
    be given and right, even when the keyring alone could open the file. The check is the
    same scrypt that unwraps the key, so it costs nothing extra.
    """
    keys: list[tuple[str, bytes]] = []
    if key_file.keyring_backend is not None and backend_name_now() == key_file.keyring_backend:
        backend = real_keyring()
        assert backend is not None
        for label, user in (
            ("keyring", key_file.database_id),
            ("keyring-pending", pending_user(key_file.database_id)),
        ):
            stored = backend.get_password(KEYRING_SERVICE, user)
            if stored:
                keys.append((label, bytes.fromhex(stored)))
    if key_file.passphrase_wrap is not None and check_passphrase and passphrase is None:
        raise WrongPassphrase()
    if key_file.passphrase_wrap is not None and passphrase is not None:
        unwrapped: list[tuple[str, bytes]] = []
        for label, wrapped in (
            ("passphrase", key_file.passphrase_wrap),
            ("pending", key_file.pending),
        ):
            if wrapped is not None:
                with contextlib.suppress(WrongPassphrase):
                    unwrapped.append((label, unwrap(wrapped, passphrase)))
        if not unwrapped and (check_passphrase or not keys):
            raise WrongPassphrase()
        keys += unwrapped
    if keys:
        return keys
    if key_file.passphrase_wrap is None:
        raise KeyUnavailable(
            f"The key was kept in {key_file.keyring_backend}, which is not available now, "
            "and no passphrase was set. Restore that keyring or sync from the central store."
        )
    raise PassphraseRequired()


def load_key_file(where: Path) -> KeyFile:
    """The caseload's key file, or the plain reason it cannot be used."""
    if not (where / DB_NAME).exists():
        raise StoreError(
            f"There is no caseload in {where}. Set one up with "
            f"'iro-desktop init --folder {where}' (or by opening the program), or try the "
            "demo with 'iro-desktop demo'."
        )
    if not (where / KEY_NAME).exists():
        raise NotACaseloadFile("its key file is missing")
    try:
        return KeyFile.load(where / KEY_NAME)
    except (ValueError, KeyError) as exc:
        raise NotACaseloadFile("its key file is damaged") from exc
