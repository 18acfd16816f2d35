"""Change a declared setting on this laptop: checked against its declaration, audited."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.settings import SETTINGS, check_settings, default_value
from iro_desktop.store.ops.core import Actor, Op
from iro_desktop.store.ops.validate import collecting
from iro_desktop.store.policy import current_policy, policy_path
from iro_desktop.store.reads.settings import all_settings
from iro_desktop.store.schema import AuditEntry, Setting


def write_setting(session: Session, actor: Actor, key: str, value: object | None) -> object:
    """Store ``value`` (``None`` goes back to the default); returns what is now in force.

    The rules that tie two settings together are checked against the others' values. A
    value the machine-wide policy fixes, or a "machine" setting (only the policy sets
    those), is refused.
    """
    policy = current_policy()
    if policy.fixes(key):
        raise policy.refusal(key)
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
    session.add(
        AuditEntry(
            actor=actor.email,
            device=actor.device,
            action="setting",
            table_name="settings",
            row_id=key,
            fields=[key],
        )
    )
    return checked


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
