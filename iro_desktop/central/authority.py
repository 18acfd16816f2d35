"""The authority's settings, kept by the central store and supplied to every laptop.

The authority's team sets them with ``iro-desktop central authority set KEY VALUE`` (the
name, phone and email, the advocacy service and Children in Care Council with their
numbers, where blank forms go back to, the review timescales...: the "authority" settings
of ``domain/settings.py``), checked with the same rules and limits as on a laptop. Laptops
fetch them at each sync (``GET /v1/authority``); a value set here is read-only on every
laptop, and one taken off (``unset``) becomes each IRO's own again, its last value kept.

They live in the central database's ``settings`` table (the same table a laptop keeps its
own settings in); the central machine's policy file plays no part.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.central.admin import AdminError, _audit
from iro_desktop.central.store import CentralStore
from iro_desktop.domain.settings import AUTHORITY_SETTINGS, check_settings, coerce, defaults
from iro_desktop.store.schema import Setting


def _known(key: str) -> str:
    if key not in AUTHORITY_SETTINGS:
        raise AdminError(
            key,
            "is not one of the authority's settings; the central store keeps only these: "
            + ", ".join(AUTHORITY_SETTINGS),
        )
    return key


def supplied(session: Session) -> dict[str, object]:
    """The authority's settings set here, each as its declared type, in declaration order.
    A stored value that no longer passes the checks (a rule tightened since) is left out,
    so every laptop keeps its own until it is set again."""
    stored = {
        row.key: row.value
        for row in session.scalars(select(Setting).where(Setting.key.in_(AUTHORITY_SETTINGS)))
    }
    values: dict[str, object] = {}
    for key in AUTHORITY_SETTINGS:
        if key in stored:
            try:
                values[key] = coerce(key, stored[key])
            except ValueError:
                continue
    return values


def set_value(store: CentralStore, key: str, value: object) -> object:
    """Set one of the authority's settings for every laptop; returns the value kept."""
    _known(key)
    with store.writing() as session:
        current = {**defaults("authority"), **supplied(session)}
        checked = check_settings({**current, key: value})[key]
        row = session.get(Setting, key)
        if row is None:
            session.add(Setting(key=key, value=checked))
        else:
            row.value = checked
        _audit(session, "authority-setting", "settings", key, fields=[key])
    return checked


def unset(store: CentralStore, key: str) -> bool:
    """Stop supplying ``key``: each laptop keeps its last value as the IRO's own. ``False``
    when it was not set here."""
    _known(key)
    with store.writing() as session:
        row = session.get(Setting, key)
        if row is None:
            return False
        session.delete(row)
        _audit(session, "authority-unset", "settings", key, fields=[key])
    return True


def show(store: CentralStore) -> list[tuple[str, object | None]]:
    """Every one of the authority's settings with the value set here, or ``None``."""
    with store.reading() as session:
        values = supplied(session)
    return [(key, values.get(key)) for key in AUTHORITY_SETTINGS]
