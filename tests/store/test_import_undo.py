"""An import from the program is one operation that can be undone and redone, on a real
encrypted caseload: it returns every row it wrote (made, or changed with what it was);
undo tombstones what it made and puts back what it changed, in one audited, synced
write through ``entries.restore``, which refuses (writing nothing) over a row changed
since; redo brings it all back. The same for a caseload CSV and an SSDA903 extract."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from iro_desktop.store import import_check
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.changes import Changes, Payload
from iro_desktop.store.errors import ChangedSince
from iro_desktop.store.ops import children, entries
from iro_desktop.store.ops.core import Op
from iro_desktop.store.schema import AuditEntry, Child, LegalStatus, OutboxEntry, Placement
from iro_desktop.store.schema.ssda903 import Ssda903Child, Ssda903Episode
from iro_desktop.store.ssda903 import stored
from tests.conftest import TODAY
from tests.ssda903.files import EPISODE_ROWS, HEADER_ROWS, write_extract
from tests.store.test_importer import GOOD_CASELOAD, write
from tests.store.test_ops_world import run

Key = tuple[str, str]


def import_file(caseload: Caseload, kind: import_check.Kind, path: Path) -> Changes:
    def work(op: Op) -> Changes:
        import_check.import_into(op, kind, path, today=TODAY)
        return op.changes

    return run(caseload, work)


class Stack:
    """What the GUI's ``WriteCommand`` does with one write's ``Changes``."""

    def __init__(self, changes: Changes) -> None:
        self.versions = dict(changes.versions)
        self.now: dict[Key, Payload] = {k: a for k, (_b, a) in self.versions.items()}

    def _write(self, caseload: Caseload, action: str, pick: Callable[[Any], Any]) -> None:
        versions = [(t, i, pick(pair)) for (t, i), pair in self.versions.items()]
        expected = dict(self.now)
        written = run(caseload, lambda op: entries.restore(
            op, versions, label=f"{action} import", action=action, expected=expected))  # fmt: skip
        self.now.update(written)

    def undo(self, caseload: Caseload) -> None:
        self._write(caseload, "undo", lambda pair: pair[0])

    def redo(self, caseload: Caseload) -> None:
        self._write(caseload, "redo", lambda pair: pair[1])


def live(caseload: Caseload) -> dict[str, int]:
    with caseload.session() as s:
        return {
            m.__tablename__: s.scalar(
                select(func.count()).select_from(m).where(m.deleted.is_(False))
            )
            or 0
            for m in (Child, Placement, LegalStatus)
        }


def counts(caseload: Caseload) -> tuple[int, int]:
    with caseload.session() as s:
        return (
            s.scalar(select(func.count()).select_from(AuditEntry)) or 0,
            s.scalar(select(func.count()).select_from(OutboxEntry)) or 0,
        )


def test_a_csv_import_is_named_undone_and_redone(caseload: Caseload, tmp_path: Path) -> None:
    changes = import_file(caseload, "caseload", write(tmp_path, "c.csv", GOOD_CASELOAD))
    assert changes.label == "import of 3 children"
    assert live(caseload) == {"children": 3, "placements": 3, "legal_statuses": 3}
    made = {key for key, (before, _a) in changes.versions.items() if before is None}
    assert {t for t, _ in made} >= {"children", "placements", "legal_statuses"}
    audits, outbox = counts(caseload)

    stack = Stack(changes)
    stack.undo(caseload)
    assert live(caseload) == {"children": 0, "placements": 0, "legal_statuses": 0}
    with caseload.session() as s:
        undone = s.scalars(select(AuditEntry).where(AuditEntry.action == "undo")).all()
        assert {(a.table_name, a.row_id) for a in undone} == made
        tombstones = s.scalars(
            select(OutboxEntry).where(OutboxEntry.seq > outbox, OutboxEntry.op == "delete")
        ).all()
        assert {(o.table_name, o.row_id) for o in tombstones} == made  # queued for sync
    assert counts(caseload) == (audits + len(made), outbox + len(made))

    stack.redo(caseload)
    assert live(caseload) == {"children": 3, "placements": 3, "legal_statuses": 3}
    with caseload.session() as s:
        redone = s.scalars(select(AuditEntry).where(AuditEntry.action == "redo")).all()
        assert {(a.table_name, a.row_id) for a in redone} == made
        kit = s.scalars(select(Child).where(Child.child_ref == "A2")).one()
        assert kit.preferred_name == "Kitty"
    # And undo again, from where the redo left the rows.
    stack.undo(caseload)
    assert live(caseload)["children"] == 0


def test_undo_of_an_import_that_updated_children_puts_their_values_back(
    caseload: Caseload, tmp_path: Path
) -> None:
    import_file(caseload, "caseload", write(tmp_path, "c.csv", GOOD_CASELOAD))
    renamed = GOOD_CASELOAD.replace("Wren,Elmstead", "Wren,Oakley").replace(
        "2022-05-03,U6", "2026-01-12,U4"
    )
    changes = import_file(caseload, "caseload", write(tmp_path, "d.csv", renamed))
    assert changes.label == "import of 3 children"
    with caseload.session() as s:
        wren = s.scalars(select(Child).where(Child.child_ref == "A1")).one()
        assert wren.last_name == "Oakley"
    Stack(changes).undo(caseload)
    assert live(caseload) == {"children": 3, "placements": 3, "legal_statuses": 3}
    with caseload.session() as s:
        wren = s.scalars(select(Child).where(Child.child_ref == "A1")).one()
        assert wren.last_name == "Elmstead"
        places = s.scalars(
            select(Placement).where(Placement.child_id == wren.id, Placement.deleted.is_(False))
        ).all()
        assert [(p.place_code, p.end_date) for p in places] == [("U6", None)]


@pytest.mark.parametrize("many", [False, True], ids=["row by row", "in bulk"])
def test_an_ssda903_import_is_undone_and_redone(
    caseload: Caseload, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, many: bool
) -> None:
    if many:  # a whole authority's extract is undone through ``save_many``
        monkeypatch.setattr(entries, "MANY", 0)
    changes = import_file(caseload, "903", write_extract(tmp_path / "extract"))
    assert changes.label == "import of 4 children"
    assert live(caseload)["children"] == 4 and live(caseload)["placements"] >= 4
    stack = Stack(changes)
    stack.undo(caseload)
    assert live(caseload) == {"children": 0, "placements": 0, "legal_statuses": 0}
    with caseload.session() as s:
        tombstones = s.scalar(
            select(func.count()).select_from(OutboxEntry).where(OutboxEntry.op == "delete")
        )
        undone = s.scalars(select(AuditEntry.row_id).where(AuditEntry.action == "undo")).all()
    synced = [key for key in changes.versions if key[0] != stored.TABLE]
    assert tombstones == len(synced) == len(undone)
    stack.redo(caseload)
    assert live(caseload)["children"] == 4
    with caseload.session() as s:
        redone = s.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "redo")
        )
    assert redone == len(synced)
    stack.undo(caseload)  # from where the redo left the rows
    assert live(caseload)["children"] == 0


def test_undo_is_refused_over_an_imported_child_edited_since(
    caseload: Caseload, tmp_path: Path
) -> None:
    changes = import_file(caseload, "caseload", write(tmp_path, "c.csv", GOOD_CASELOAD))

    def edit(op: Op) -> None:
        kit = op.session.scalars(select(Child).where(Child.child_ref == "A2")).one()
        children.update_child(op, kit, today=TODAY, preferred_name="Kit")

    run(caseload, edit)
    before = counts(caseload)
    with pytest.raises(ChangedSince) as caught:
        Stack(changes).undo(caseload)
    assert str(caught.value) == (
        "This profile was changed again after your change, so undoing it would overwrite "
        "that. Open it and correct it instead."
    )
    assert counts(caseload) == before  # nothing written: no audit entry, nothing to sync
    assert live(caseload) == {"children": 3, "placements": 3, "legal_statuses": 3}


def test_the_right_file_imported_after_an_undo_brings_the_children_back(
    caseload: Caseload, tmp_path: Path
) -> None:
    """The IRO imports the wrong file, undoes it, and imports the right one: the same
    references come back as the same records (not a second record a reference)."""
    path = write(tmp_path, "c.csv", GOOD_CASELOAD)
    first = import_file(caseload, "caseload", path)
    ids = {i for (t, i) in first.versions if t == "children"}
    Stack(first).undo(caseload)
    assert live(caseload)["children"] == 0
    again = import_file(caseload, "caseload", write(tmp_path, "d.csv", GOOD_CASELOAD))
    assert again.label == "import of 3 children"
    assert live(caseload) == {"children": 3, "placements": 3, "legal_statuses": 3}
    with caseload.session() as s:
        assert set(s.scalars(select(Child.id).where(Child.deleted.is_(False)))) == ids
        assert s.scalar(select(func.count()).select_from(Child)) == 3
    Stack(again).undo(caseload)  # and that import undoes too
    assert live(caseload)["children"] == 0


def test_the_extract_imported_again_after_an_undo_brings_the_children_back(
    caseload: Caseload, tmp_path: Path
) -> None:
    folder = write_extract(tmp_path / "extract")
    first = import_file(caseload, "903", folder)
    before = live(caseload)
    ids = {i for (t, i) in first.versions if t == "children"}
    Stack(first).undo(caseload)
    assert live(caseload)["children"] == 0
    again = import_file(caseload, "903", folder)
    assert again.label == "import of 4 children"
    assert live(caseload) == before  # each child with its placements and legal statuses
    with caseload.session() as s:
        assert set(s.scalars(select(Child.id).where(Child.deleted.is_(False)))) == ids
    Stack(again).undo(caseload)
    assert live(caseload) == {"children": 0, "placements": 0, "legal_statuses": 0}


def extract_copy(caseload: Caseload) -> tuple[dict[str, Any], list[tuple[str, str]], list[str]]:
    """The stored copy of the extract (headers, episodes by child and start) and the refs
    whose Header rows the 903 return would write."""
    from iro_desktop.domain.ssda903.codes import CollectionYear
    from iro_desktop.store.ssda903.exporter import build_return

    with caseload.session() as s:
        headers = {h.child_ref: h.header for h in s.scalars(select(Ssda903Child))}
        episodes = sorted(
            (e.child_ref, e.episode["DECOM"]) for e in s.scalars(select(Ssda903Episode))
        )
        returned = [row["CHILD"] for row in build_return(s, CollectionYear(2025)).header]
    return headers, episodes, returned


def test_undo_of_an_ssda903_import_removes_its_stored_copy_and_redo_brings_it_back(
    caseload: Caseload, tmp_path: Path
) -> None:
    """The raw Header and Episodes rows (never synced) go with the children: else the
    return would still write the undone children, and the next import compare with them."""
    changes = import_file(caseload, "903", write_extract(tmp_path / "extract"))
    imported = extract_copy(caseload)
    headers, episodes, returned = imported
    assert sorted(headers) == ["900001", "900002", "900003", "900004"] and len(episodes) == 8
    assert returned  # the children in 2025/26 are in the return
    stack = Stack(changes)
    stack.undo(caseload)
    assert extract_copy(caseload) == ({}, [], [])
    stack.redo(caseload)
    assert extract_copy(caseload) == imported
    stack.undo(caseload)  # and again, from where the redo left it
    assert extract_copy(caseload) == ({}, [], [])


def test_undo_of_a_second_extract_puts_the_first_ones_copy_back(
    caseload: Caseload, tmp_path: Path
) -> None:
    """A later extract that corrects a child's sex and episodes from a date: undo puts
    back the copy the first extract left, redo the second's."""
    import_file(caseload, "903", write_extract(tmp_path / "first"))
    first = extract_copy(caseload)
    header = [r.replace("900002,F,", "900002,M,") for r in HEADER_ROWS]
    episodes = [r.replace("PR4,,,,ZZ1 1AA,ZZ9 3CD", "PR4,,,,ZZ1 1AA,ZZ9 3CE")
                for r in EPISODE_ROWS]  # fmt: skip
    changes = import_file(caseload, "903", write_extract(tmp_path / "second", header, episodes))
    second = extract_copy(caseload)
    assert second[0]["900002"]["SEX"] == "M" and second != first
    assert {ref for t, ref in changes.versions if t == stored.TABLE} == {"900001", "900002"}
    stack = Stack(changes)
    stack.undo(caseload)
    assert extract_copy(caseload) == first
    stack.redo(caseload)
    assert extract_copy(caseload) == second


def test_undo_is_refused_over_a_stored_copy_changed_since(
    caseload: Caseload, tmp_path: Path
) -> None:
    changes = import_file(caseload, "903", write_extract(tmp_path / "extract"))

    def again(op: Op) -> None:  # a later import here (say, from the command line)
        s = op.session
        row = s.scalars(select(Ssda903Child).where(Ssda903Child.child_ref == "900003")).one()
        row.header = {**row.header, "UPN": "UN5"}

    run(caseload, again)
    with pytest.raises(ChangedSince) as caught:
        Stack(changes).undo(caseload)
    assert "903 extract was changed again" in str(caught.value)
    assert live(caseload)["children"] == 4  # nothing written
    assert len(extract_copy(caseload)[0]) == 4
