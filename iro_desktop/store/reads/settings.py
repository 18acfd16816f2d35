"""The per-authority settings an operation needs, read and checked in one place."""

from __future__ import annotations

from sqlalchemy.orm import Session

from iro_desktop.domain.settings import SETTINGS, coerce, default_value
from iro_desktop.store.policy import current_policy
from iro_desktop.store.schema import Setting


def read_setting(session: Session, key: str) -> object:
    """The value the machine-wide policy fixes; else the stored value, coerced to its
    declared type; the default if unset or broken."""
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
