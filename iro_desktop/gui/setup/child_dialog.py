"""Add a child by hand: who they are, when they came into care, their legal status and
where they live now. The same operations as the import, so the same rules apply."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from iro_desktop.domain import codes
from iro_desktop.gui.context import Context
from iro_desktop.gui.forms import code_combo, date_edit, read_date
from iro_desktop.gui.save_dialog import SaveDialog
from iro_desktop.store.ops.core import Op

CHOOSE = "Choose…"
# Asked, never assumed: an IRO who is not asked would see "In county" that nobody said.
COUNTY = {"in": "In county", "out": "Out of county"}


def narrow(combo: QComboBox) -> QComboBox:
    """A long code list's box sized to the dialog, not to its longest words (the list
    that drops down still shows them whole)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(28)
    combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0))
    return combo


class AddChildDialog(SaveDialog):
    """Saves the child, their legal status and placement; ``saved`` carries the child's id."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent, ctx, "", "Add a child")
        self.intro.setText(
            "The child's details as your authority's records have them. You can add "
            "the people in their life, their plan and everything else on their record."
        )
        f = self.form
        f.aliases = {"legal_status_start": "became_looked_after", "placement_start": "start_date",
                     "placement_type": "place_code"}  # fmt: skip
        f.add("child_ref", "&Reference", QLineEdit(), "The authority's reference for the "
              "child (as in the SSDA903 return)", required=True)  # fmt: skip
        f.add("first_name", "&First name", QLineEdit(), required=True)
        f.add("last_name", "&Last name", QLineEdit(), required=True)
        f.add("preferred_name", "&Name they like to be called", QLineEdit())
        f.add("date_of_birth", "&Date of birth", date_edit(), "DD/MM/YYYY", required=True)
        f.add("became_looked_after", "Came into &care", date_edit(), "DD/MM/YYYY",
              required=True)  # fmt: skip
        f.add("legal_status", "Le&gal status", narrow(code_combo(codes.LEGAL_STATUSES, CHOOSE)),
              required=True)  # fmt: skip
        f.add("place_code", "&Placement type",
              narrow(code_combo(codes.PLACEMENT_TYPES, CHOOSE)), required=True)  # fmt: skip
        f.add("start_date", "Placement &started", date_edit(), "DD/MM/YYYY", required=True)
        f.add("county", "In or &out of county", code_combo(COUNTY, CHOOSE),
              "Is the placement inside your authority's area?", required=True)  # fmt: skip

    def operation(self) -> Callable[[Op], Any]:
        v = self.form.values()
        dob = read_date(v["date_of_birth"], "date_of_birth")
        became = read_date(v["became_looked_after"], "became_looked_after")
        start = read_date(v["start_date"], "start_date")
        assert dob is not None and became is not None and start is not None  # required
        today = self.ctx.today

        def work(op: Op) -> str:
            from iro_desktop.store.ops import children
            from iro_desktop.store.queries import me

            owner = me(op.session)
            child = children.add_child(
                op, child_ref=v["child_ref"], first_name=v["first_name"],
                last_name=v["last_name"], preferred_name=v["preferred_name"] or None,
                date_of_birth=dob, became_looked_after=became, today=today,
                iro_id=owner.id if owner else None,
            )  # fmt: skip
            children.set_legal_status(op, child, v["legal_status"], became, today)
            children.add_placement(
                op,
                child,
                place_code=v["place_code"],
                start_date=start,
                today=today,
                out_of_county=v["county"] == "out",
            )
            children.note_missing_history(op, [child], today)  # no review on file yet
            return str(child.id)

        return work
