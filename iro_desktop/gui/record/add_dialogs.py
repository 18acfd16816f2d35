"""Dialogs that add to the child's record: a new placement, a new person, a case note.

Each is a ``SaveDialog``: it stays open until the operation succeeds, with every problem
beside the field it is about; nothing the IRO typed is lost to a mistake.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from iro_desktop.domain import codes
from iro_desktop.gui.context import Context
from iro_desktop.gui.forms import code_combo, date_edit, date_text, read_date, text_box
from iro_desktop.gui.save_dialog import SaveDialog
from iro_desktop.store.ops import casework, entries
from iro_desktop.store.ops import children as child_ops
from iro_desktop.store.schema import Child


class PlacementDialog(SaveDialog):
    """Start a new placement; the result says whether the next review moved."""

    WHAT = "placement"

    def __init__(self, ctx: Context, child_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, ctx, child_id, "New placement", scroll=False)
        f = self.form
        f.aliases = {"placement_start": "start_date", "placement_type": "place_code",
                     "distance_miles": "distance_miles"}  # fmt: skip
        f.add("place_code", "&Type", code_combo(codes.PLACEMENT_TYPES))
        start = f.add("start_date", "&Start date", QLineEdit(date_text(ctx.today)), "DD/MM/YYYY")
        assert isinstance(start, QLineEdit)
        f.add("area", "&Area", QLineEdit())
        f.add("out_of_county", "Out of county", QCheckBox("Yes"))
        f.add("carers", "&Carers", QLineEdit())
        f.add("provider", "&Provider", QLineEdit())
        for key, label, most in (("travel_minutes", "Travel (minutes)", 24 * 60),
                                 ("distance_miles", "Distance (miles)", 2000)):  # fmt: skip
            spin = QSpinBox()
            spin.setRange(0, most)
            f.add(key, label, spin)
        self.resize(560, self.sizeHint().height())

    def operation(self) -> Callable[[Any], Any]:
        v = self.form.values()
        start = read_date(v["start_date"], "start_date")
        assert start is not None  # required
        child_id, today = self.child_id, self.ctx.today
        details = {k: v[k] for k in ("area", "carers", "provider", "out_of_county")}
        details.update({k: v[k] or None for k in ("travel_minutes", "distance_miles")})

        def work(op: Any) -> tuple[Any, Any]:
            child = op.session.get(Child, child_id)
            return child_ops.moving_next_review(op, child_id, lambda: child_ops.add_placement(
                op, child, place_code=v["place_code"], start_date=start, today=today,
                **details))  # fmt: skip

        return work


class PersonDialog(SaveDialog):
    """Add a person, or (given ``person``, a row from the record) edit one."""

    WHAT = "person"

    def __init__(
        self, ctx: Context, child_id: str, parent: QWidget | None = None, person: Any = None
    ) -> None:
        title = "Edit a person" if person is not None else "Add a person"
        super().__init__(parent, ctx, child_id, title, scroll=False)
        self.person_id: str | None = person.id if person is not None else None
        f = self.form
        f.add("role", "&Role", code_combo(codes.PEOPLE_ROLES))
        f.add("name", "&Name", QLineEdit())
        f.add("organisation", "&Organisation", QLineEdit())
        f.add("phone", "&Phone", QLineEdit())
        f.add("email", "&Email", QLineEdit())
        notes = QPlainTextEdit()
        notes.setTabChangesFocus(True)
        notes.setMaximumHeight(80)
        f.add("notes", "N&otes", notes)
        if person is not None:
            f.set_values({key: getattr(person, key) for key in PERSON_FIELDS})
        self.resize(520, self.sizeHint().height())

    def operation(self) -> Callable[[Any], Any]:
        v = self.form.values()
        fields = {key: v[key] for key in PERSON_FIELDS}
        child_id, person_id = self.child_id, self.person_id

        def work(op: Any) -> Any:
            if person_id is not None:
                person = entries.find(op, "person", person_id)
                update = lambda: child_ops.update_person(op, person, **fields)  # noqa: E731
                return entries.correct(op, "person", update)
            child = op.session.get(Child, child_id)
            return child_ops.add_person(op, child, **fields)

        return work


PERSON_FIELDS = ("role", "name", "organisation", "phone", "email", "notes")


class NoteDialog(SaveDialog):
    """A general case note: a phone call, an email, a meeting or anything else, dated.

    It appears in the child's footprint and is found by search."""

    def __init__(self, ctx: Context, child_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, ctx, child_id, "Add a note", scroll=False)
        f = self.form
        f.add("note_date", "&Date:", date_edit(ctx.today))
        f.add("kind", "&Kind:", code_combo(codes.NOTE_KINDS))
        f.add(
            "text",
            "&Note:",
            text_box(),
            "What happened, who said what, what comes next.",
            required=True,
        )
        self.resize(640, self.sizeHint().height())

    def operation(self) -> Callable[[Any], Any]:
        v = self.form.values()
        on = read_date(v["note_date"], "note_date")
        assert on is not None  # required
        child_id, today, kind, text = self.child_id, self.ctx.today, v["kind"], v["text"]

        def work(op: Any) -> Any:
            child = op.session.get(Child, child_id)
            return casework.add_note(op, child, note_date=on, kind=kind, text=text, today=today)

        return work
