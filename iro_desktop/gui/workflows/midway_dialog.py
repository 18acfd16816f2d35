"""The mid-way progress update: each open decision of the last review, with its status and
the social worker's account. A drifting decision offers a challenge, already filled in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from iro_desktop.domain import codes
from iro_desktop.domain.dates import format_date
from iro_desktop.domain.errors import Problems, ValidationError
from iro_desktop.gui.context import Context
from iro_desktop.gui.forms import code_combo, date_edit, read_date, text_box
from iro_desktop.gui.save_dialog import SaveDialog
from iro_desktop.store.ops import midway
from iro_desktop.store.ops.core import Op
from iro_desktop.store.reads.review_cycle import MidwayFile, midway_file
from iro_desktop.store.schema import Decision, MidwayUpdate, Review


class MidwayDialog(SaveDialog):
    WHAT = "mid-way update"

    def __init__(self, parent: QWidget | None, ctx: Context, child_id: str) -> None:
        super().__init__(parent, ctx, child_id, "Mid-way progress update")
        self.file: MidwayFile | None = None
        self.rows: list[tuple[Decision, QComboBox, QPlainTextEdit, QPushButton]] = []
        self.prefills: list[midway.ChallengePrefill] = []
        f = self.form
        self.update_date: QLineEdit = f.add(
            "update_date", "&Date of the conversation:", date_edit(ctx.today)
        )
        self.method: QComboBox = f.add("method", "&How:", code_combo(codes.VISIT_METHODS))
        self.method.setCurrentIndex(self.method.findData("phone_call"))
        self.spoke_with: QLineEdit = f.add("spoke_with", "&Spoke with:", QLineEdit("Social worker"))
        self.summary: QPlainTextEdit = f.add("summary", "S&ummary:", text_box(50))
        f.add_heading("Each open decision of the last review")
        f.aliases["decision"] = "items"
        self.items_anchor = f.add_heading("")
        self.form.errors["items"] = self.form.general
        self.form.editors["items"] = self.items_anchor
        ctx.read(lambda s: midway_file(s, child_id, ctx.today), self._loaded)

    def _loaded(self, file: MidwayFile) -> None:
        self.file = file
        if file.review is None or file.review.held_date is None:
            self.intro.setText("There is no held review yet, so there is nothing to update.")
            self.save_button.setEnabled(False)
            self.loaded.emit()
            return
        self.intro.setText(
            f"{file.facts.name}: the decisions of the review on "
            f"{format_date(file.review.held_date)}. Say how each is going, in the social "
            "worker's words."
        )
        if not file.decisions:
            self.items_anchor.setText("Every decision of that review is done. ✔")
        for number, decision in enumerate(file.decisions, 1):
            due = f", by {format_date(decision.due_date)}" if decision.due_date else ""
            status = code_combo(codes.MIDWAY_STATUSES, "Choose…")
            current = decision.status if decision.status in codes.MIDWAY_STATUSES else None
            status.setCurrentIndex(max(status.findData(current), 0))
            account = text_box(45)
            challenge = QPushButton("Raise a challenge about this…")
            challenge.setAccessibleName(f"Raise a challenge about decision {number}")
            challenge.clicked.connect(lambda _=False, d=decision, a=account: self.offer(d, a))
            self.form.add(
                f"status_{number}", f"{number}. {decision.text} ({decision.owner}{due}):", status
            )
            self.form.add(f"account_{number}", "Social worker's account:", account)
            self.form.add_widget(challenge)
            status.currentIndexChanged.connect(
                lambda _=0, s=status, c=challenge: c.setVisible(s.currentData() == "drifting")
            )
            challenge.setVisible(status.currentData() == "drifting")
            self.rows.append((decision, status, account, challenge))
        self.loaded.emit()

    def offer(self, decision: Decision, account: QPlainTextEdit) -> Any:
        """Open the challenge screen with the drifting decision filled in."""
        from iro_desktop.gui.workflows.challenge_dialog import ChallengeDialog

        prefill = midway.challenge_prefill(decision, account.toPlainText().strip() or None)
        self.prefills.append(prefill)
        dialog = ChallengeDialog(self, self.ctx, self.child_id, decision_id=decision.id)
        dialog.prefill(prefill)
        dialog.open()
        return dialog

    def operation(self) -> Callable[[Op], Any]:
        if self.file is None or self.file.review is None:
            raise ValidationError("review", "there is no held review yet")
        update_date = read_date(self.update_date, "update_date")
        items: list[tuple[str, str, str]] = []
        unchosen = [
            ValidationError(f"status_{number}", "choose how this decision is going")
            for number, (_d, status, _a, _b) in enumerate(self.rows, 1)
            if status.currentData() is None
        ]
        if unchosen:
            raise Problems(unchosen)  # every decision still to choose, at once
        for decision, status, account, _button in self.rows:
            items.append((decision.id, status.currentData(), account.toPlainText()))
        method, spoke, summary = (
            self.method.currentData(),
            self.spoke_with.text(),
            self.summary.toPlainText(),
        )
        review_id, today = self.file.review.id, self.ctx.today

        def write(op: Op) -> MidwayUpdate:
            review = op.session.get(Review, review_id)
            assert review is not None and update_date is not None
            rows = [(op.session.get(Decision, i), s, a) for i, s, a in items]
            return midway.add_midway_update(
                op,
                review,
                update_date=update_date,
                method=method,
                today=today,
                items=[(d, s, a) for d, s, a in rows if d is not None],
                spoke_with=spoke,
                summary=summary,
            )

        return write
