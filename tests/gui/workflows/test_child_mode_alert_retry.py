"""An alert the child raised is never lost: a write that fails is kept in child mode's
draft and tried again at the lock, and its id means a repeat never makes a second alert."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from iro_desktop.domain.errors import ValidationError
from iro_desktop.gui.context import Context
from iro_desktop.gui.workflows import child_mode
from iro_desktop.gui.workflows.child_mode import ChildModeWindow
from iro_desktop.store import drafts
from iro_desktop.store.ops.child_mode import raise_alert
from iro_desktop.store.ops.core import operation
from iro_desktop.store.schema import ChildAlert
from tests.gui.workflows.conftest import ACTOR, TODAY, child_id
from tests.gui.workflows.test_child_mode_answers import plan


def alerts(ctx: Context) -> list[ChildAlert]:
    with ctx.caseload.session() as s:
        return list(s.scalars(select(ChildAlert)))


def test_the_same_alert_id_never_makes_a_second_alert(ctx: Context) -> None:
    wren, ezra = child_id(ctx.caseload), child_id(ctx.caseload, "E1")
    with operation(ctx.caseload, ACTOR) as op:
        first = raise_alert(op, wren, None, "not_safe", TODAY, "a1")
    with operation(ctx.caseload, ACTOR) as op:
        again = raise_alert(op, wren, None, "not_safe", TODAY + timedelta(days=1), "a1")
        assert again.id == first.id and again.raised_on == TODAY
    with pytest.raises(ValidationError), operation(ctx.caseload, ACTOR) as op:
        raise_alert(op, ezra, None, "not_safe", TODAY, "a1")  # not another child's
    assert len(alerts(ctx)) == 1


def test_an_alert_whose_write_failed_is_written_at_the_lock(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan(ctx, on=9)
    window = ChildModeWindow(ctx, child_id(ctx.caseload))
    qtbot.addWidget(window)
    assert window.restored
    real = child_mode.raise_alert

    def broken(*args: object, **kwargs: object) -> ChildAlert:
        raise OSError("disk busy")

    monkeypatch.setattr(child_mode, "raise_alert", broken)
    window.alert_buttons["not_safe"].click()
    assert alerts(ctx) == [] and window.unsaved_alerts == {"not_safe"}
    kept = drafts.load_draft(ctx.caseload, window.draft_key)
    assert kept is not None and kept.values["unsaved_alerts"] == ["not_safe"]
    monkeypatch.setattr(child_mode, "raise_alert", real)
    ctx.signals.locking.emit()  # the lock: tried again before the caseload closes
    [alert] = alerts(ctx)
    assert alert.kind == "not_safe" and alert.id == kept.values["alerts"]["not_safe"]
