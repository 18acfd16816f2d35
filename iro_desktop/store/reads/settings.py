"""The per-authority settings an operation needs, read and checked in one place.

Who decides a value, first to last: the machine-wide policy file, the central store (its
values arrive with each sync and are kept in the ``settings`` table, their keys listed in
``sync_state`` under ``SUPPLIED``), the IRO's own entry, the declared default. Letters,
cards, blank forms and every rule read values here (``read_setting``), so they print and
use whichever is in force.
"""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from iro_desktop.domain.settings import AUTHORITY_SETTINGS, SETTINGS, coerce, default_value
from iro_desktop.store.policy import current_policy
from iro_desktop.store.schema import Setting, SyncState

SUPPLIED = "authority_supplied"  # sync_state: the keys the central store supplies now


def read_setting(session: Session, key: str) -> object:
    """The value the machine-wide policy fixes; else the stored value (the central
    store's, when it supplies one: the sync keeps it there), coerced to its declared
    type; the default if unset or broken."""
    policy = current_policy()
    if policy.fixes(key):
        return coerce(key, policy.fixed[key])  # a fresh copy: callers may change lists
    row = session.get(Setting, key)
    if row is None:
        return default_value(key)
    try:
        return coerce(key, row.value)
    except ValueError:
        return default_value(key)


def setting_int(session: Session, key: str) -> int:
    value = read_setting(session, key)
    assert isinstance(value, int)
    return value


def challenge_stages(session: Session) -> list[str]:
    value = read_setting(session, "challenge_stages")
    assert isinstance(value, list)
    return [str(v) for v in value]


def all_settings(session: Session) -> dict[str, object]:
    """Every declared setting's value here (stored or default), in declaration order."""
    return {key: read_setting(session, key) for key in SETTINGS}


def supplied_keys(session: Session) -> frozenset[str]:
    """The authority's settings the central store supplied at the last sync (read-only
    on this laptop while it does)."""
    row = session.get(SyncState, SUPPLIED)
    if row is None:
        return frozenset()
    try:
        keys = json.loads(row.value)
    except ValueError:
        return frozenset()
    if not isinstance(keys, list):
        return frozenset()
    return frozenset(k for k in keys if isinstance(k, str) and k in AUTHORITY_SETTINGS)
