"""Change a declared setting on this laptop: checked against its declaration, audited.

The central store's values arrive with each sync (``keep_supplied``) and are kept like the
IRO's own, marked as supplied; the IRO cannot change them while the store supplies them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.settings import (
    SETTINGS,
    central_store_refusal,
    check_settings,
    default_value,
    supplied,
)
from iro_desktop.store.ops.core import Actor, Op
from iro_desktop.store.ops.validate import collecting
from iro_desktop.store.policy import current_policy, policy_path
from iro_desktop.store.reads.settings import SUPPLIED, all_settings, supplied_keys
from iro_desktop.store.schema import AuditEntry, Setting, SyncState

CENTRAL_STORE = Actor(email="central store", device="sync")


def write_setting(session: Session, actor: Actor, key: str, value: object | None) -> object:
    """Store ``value`` (``None`` goes back to the default); returns what is now in force.

    The rules that tie two settings together are checked against the others' values. A
    value the machine-wide policy fixes, one the central store supplies, or a "machine"
    setting (only the policy sets those), is refused.
    """
    policy = current_policy()
    if policy.fixes(key):
        raise policy.refusal(key)
    if key in supplied_keys(session):
        raise central_store_refusal(key)
    declared = SETTINGS.get(key)
    if declared is not None and declared.scope == "machine":
        raise ValidationError(
            key, f"is set only by this computer's policy file ({policy_path()}), by IT"
        )
    current = all_settings(session)
    wanted = default_value(key) if value is None else value
    checked = check_settings({**current, key: wanted})[key]
    row = session.get(Setting, key)
    if value is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(Setting(key=key, value=checked))
    else:
        row.value = checked
    _audit(session, actor, key)
    return checked


def _audit(session: Session, actor: Actor, key: str, action: str = "setting") -> None:
    session.add(
        AuditEntry(
            actor=actor.email,
            device=actor.device,
            action=action,
            table_name="settings",
            row_id=key,
            fields=[key],
        )
    )


LINKED = ("caseload_guidance_min", "caseload_guidance_max")  # checked together


@dataclass
class Supplied:
    """What one sync did with the central store's settings."""

    changed: list[str] = field(default_factory=list)  # new or different values now in force
    released: list[str] = field(default_factory=list)  # no longer supplied: editable again
    problems: dict[str, str] = field(default_factory=dict)  # left out, and why


def keep_supplied(session: Session, answer: object) -> Supplied:
    """Keep the settings the central store supplies (``answer``: ``{key: value}``).

    Each is checked as an IRO's entry is; a bad one is left out (with its problem) and its
    key keeps whatever it had, so a broken answer never unlocks nor changes a value. A key
    the store supplied before and no longer gives becomes the IRO's own again, its last
    value kept. Only real changes are written (a sync that changes nothing writes nothing
    the first screen's saved view depends on).
    """
    outcome = Supplied()
    if not isinstance(answer, Mapping):  # not an answer at all: keep everything as it was
        outcome.problems["settings"] = "was not a set of settings"
        return outcome
    values, outcome.problems = supplied(answer)
    before = supplied_keys(session)
    policy = current_policy()
    in_force = {k: v for k, v in values.items() if not policy.fixes(k)}
    try:
        check_settings({**all_settings(session), **in_force})
    except ValidationError as exc:  # only LINKED can fail together
        for key in LINKED:
            if key in values:
                del values[key]
                outcome.problems[key] = exc.problem
    for key, value in values.items():
        row = session.get(Setting, key)
        if row is None:
            session.add(Setting(key=key, value=value))
        elif row.value == value:
            continue
        else:
            row.value = value
        outcome.changed.append(key)
        _audit(session, CENTRAL_STORE, key, "setting supplied")
    held = set(values) | (before & set(outcome.problems))
    outcome.released = sorted(before - held)
    for key in outcome.released:
        _audit(session, CENTRAL_STORE, key, "setting released")
    keys = json.dumps(sorted(held))
    state = session.get(SyncState, SUPPLIED)
    if not held:
        if state is not None:
            session.delete(state)
    elif state is None:
        session.add(SyncState(key=SUPPLIED, value=keys))
    elif state.value != keys:
        state.value = keys
    return outcome


def set_in_operation(op: Op, key: str, value: object | None) -> object:
    """``write_setting`` inside an operation, so the screens hear that settings changed."""
    checked = write_setting(op.session, op.actor, key, value)
    op.changes.tables.add("settings")
    op.changes.row_ids.add(key)
    return checked


def set_many_in_operation(op: Op, values: Mapping[str, object | None]) -> dict[str, object]:
    """Each of ``values`` (``set_in_operation``), or every setting's problem at once."""
    written: dict[str, object] = {}
    with collecting() as check:
        for key, value in values.items():
            written[key] = check(set_in_operation, op, key, value)
    return written
