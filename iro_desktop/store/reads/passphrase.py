"""Check the IRO's passphrase against the caseload's key file, without opening anything.

Child mode asks for it before the IRO's own screens come back; the check unwraps the key
in ``key.json`` (scrypt, about a tenth of a second) and keeps nothing.
"""

from __future__ import annotations

from pathlib import Path

from iro_desktop.store import keys
from iro_desktop.store.errors import WrongPassphrase
from iro_desktop.store.paths import KEY_NAME


def can_check_passphrase(folder: Path) -> bool:
    """False when the key is kept only in the OS keyring, so no passphrase exists."""
    try:
        return keys.KeyFile.load(folder / KEY_NAME).passphrase_wrap is not None
    except (OSError, ValueError, KeyError):
        return False


def verify_passphrase(folder: Path, passphrase: str) -> bool:
    """True only if ``passphrase`` unwraps this caseload's key."""
    if not passphrase:
        return False
    try:
        key_file = keys.KeyFile.load(folder / KEY_NAME)
    except (OSError, ValueError, KeyError):
        return False
    if key_file.passphrase_wrap is None:
        return False
    try:
        keys.unwrap(key_file.passphrase_wrap, passphrase)
    except WrongPassphrase:
        return False
    return True
