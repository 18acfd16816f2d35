"""Each view reloads only what a change touched, and not what it wrote itself
(``Context.write`` announces every write once, on ``signals.changes_made``)."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from PySide6.QtCore import QObject

from iro_desktop.store.changes import Changes
from iro_desktop.store.ops import casework, children
from iro_desktop.store.ops.core import operation
from iro_desktop.store.schema import Child
from tests.conftest import TODAY
from tests.helpers import ACTOR


def caseload_names(window) -> str:  # type: ignore[no-untyped-def]
    return " ".join(r.name for r in window.workspace.caseload.model.rows)


def test_the_record_reads_its_child_once_after_its_own_save_and_the_caseload_follows(
    record, window, reads: Counter[str]
) -> None:
    record.profile.form.set_values({"first_name": "Quenby"})
    record.profile._edited()
    reads.clear()
    record.profile.save()
    assert not record.profile.is_dirty()
    assert reads["ChildRecord"] == 1 and reads["ProfileForm"] == 0
    assert "Quenby" in record.title.text()
    # Every other view showing the child's name reloads for it, once.
    assert reads["CaseloadView"] == 1 and reads["HomeView"] == 1
    assert "Quenby" in caseload_names(window)


def test_home_and_the_caseload_do_not_reload_for_a_table_they_do_not_show(
    record, window, reads: Counter[str]
) -> None:
    child_id, asker = record.child_id, QObject()
    events = len(record.footprint.events)

    def write(op):  # type: ignore[no-untyped-def]
        child = op.session.get(Child, child_id)
        return casework.add_note(op, child, note_date=TODAY - timedelta(days=1),
                                 text="Rang the carer", today=TODAY)  # fmt: skip

    reads.clear()
    window.ctx.write(write, lambda _note: None, owner=asker)
    assert reads["HomeView"] == 0 and reads["MeetingsPanel"] == 0
    assert reads["CaseloadView"] == 0
    assert reads["ChildRecord"] == 1  # the note is on the open record's footprint
    assert len(record.footprint.events) == events + 1


def test_a_name_changed_elsewhere_reloads_the_caseload_home_and_the_record(
    record, window, reads: Counter[str]
) -> None:
    """As sync's pull does: written outside any screen, then announced."""
    child_id = record.child_id
    with operation(window.caseload, ACTOR) as op:
        child = op.session.get(Child, child_id)
        children.update_child(op, child, today=TODAY, first_name="Ottoline")
    assert "Ottoline" not in caseload_names(window)
    reads.clear()
    window.ctx.changed(Changes(tables={"children"}, child_ids={child_id}, row_ids={child_id}))
    assert reads["CaseloadView"] == 1 and reads["HomeView"] == 1 and reads["ChildRecord"] == 1
    assert "Ottoline" in caseload_names(window) and "Ottoline" in record.title.text()
