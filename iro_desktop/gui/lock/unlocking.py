"""First-run set-up and the slow-down after wrong passphrases (no Qt here).

Unlocking itself is ``store.quick_open`` then ``store.caseload.open_caseload`` (see
``main_window``). It must ask again after a lock, even when the key sits in the OS
keyring, so a set passphrase is always checked (``keys.key_candidates`` with
``check_passphrase``); only a keyring-only caseload (set up without a passphrase) opens
with the Unlock button alone.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from iro_desktop.store import keys
from iro_desktop.store.paths import DB_NAME, KEY_NAME, data_dir

if TYPE_CHECKING:
    from iro_desktop.store.caseload import Caseload

FREE_TRIES = 3
MAX_DELAY_S = 30.0


def needs_setup(folder: Path) -> bool:
    return not (data_dir(folder) / DB_NAME).exists()


def needs_passphrase(folder: Path) -> bool:
    try:
        key_file = keys.KeyFile.load(data_dir(folder) / KEY_NAME)
    except (OSError, ValueError, KeyError):
        return True
    return key_file.passphrase_wrap is not None or key_file.needs_passphrase


def set_up(folder: Path, passphrase: str, *, use_keyring: bool) -> Caseload:
    """Make a new, empty caseload. The passphrase is always set, so locking means something."""
    from iro_desktop.store.caseload import create

    keys.check_passphrase(passphrase)
    return create(folder, passphrase=passphrase, use_keyring=use_keyring)


def keyring_available() -> bool:
    return keys.real_keyring() is not None


def strength_hint(passphrase: str) -> tuple[int, str]:
    """A rough 0-4 score and a sentence; length beats cleverness, so it mostly counts."""
    text = passphrase.strip()
    if len(text) < keys.MIN_PASSPHRASE:
        return 0, f"Too short: use at least {keys.MIN_PASSPHRASE} characters (a few words)."
    words = len(text.split())
    variety = len(set(text.lower())) / max(len(text), 1)
    score = 1 + (len(text) >= 16) + (words >= 3) + (len(text) >= 24 and variety > 0.3)
    return min(score, 4), (
        "Weak: add another word or two.",
        "Fair: a longer phrase would be stronger.",
        "Good.",
        "Strong.",
    )[min(score, 4) - 1]


@dataclass
class Backoff:
    """After a few wrong tries each further one waits longer: 1, 2, 4 ... up to 30 s."""

    failures: int = 0
    not_before: float = 0.0
    clock: object = field(default=time.monotonic, repr=False)

    def _now(self) -> float:
        return float(self.clock())  # type: ignore[operator]

    def wait_seconds(self) -> float:
        return max(0.0, self.not_before - self._now())

    def failed(self) -> float:
        """Record a wrong passphrase; returns how long the next try must wait."""
        self.failures += 1
        extra = self.failures - FREE_TRIES
        delay = 0.0 if extra <= 0 else min(MAX_DELAY_S, 2.0 ** (extra - 1))
        self.not_before = self._now() + delay
        return delay

    def succeeded(self) -> None:
        self.failures = 0
        self.not_before = 0.0
