"""Where the caseload lives: the platform's user data folder, or an override."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA_DIR = "IRO_DESKTOP_DATA_DIR"
# For scripted runs (a person types it). Here, not in store.keys, so that the launcher can
# look for it without loading the key code (hashlib, OpenSSL) before the first window.
ENV_PASSPHRASE = "IRO_DESKTOP_PASSPHRASE"
DB_NAME = "caseload.db"
KEY_NAME = "key.json"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir`` beats ``IRO_DESKTOP_DATA_DIR`` beats the platform default."""
    chosen = override or os.environ.get(ENV_DATA_DIR)
    if chosen:
        return Path(chosen).expanduser().resolve()
    from platformdirs import user_data_path

    return user_data_path("iro-desktop", appauthor=False)


def env_passphrase() -> str | None:
    return os.environ.get(ENV_PASSPHRASE) or None


def ensure_private_dir(path: Path) -> Path:
    """Create the folder readable by its owner only (0700), tightening an existing one."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path


def create_private_file(path: Path) -> None:
    """Create an empty file with mode 0600 before SQLite opens it.

    SQLite gives the -wal and -shm files the permissions of the main file, so this
    protects all three.
    """
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def write_private_atomic(path: Path, data: bytes) -> None:
    """Write to a 0600 temp file, fsync, then rename over the target."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    if os.name == "posix":
        dfd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
