"""The child's challenges and alerts, each with its whole history, and the next step."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.dates import format_date
from iro_desktop.gui.context import Context
from iro_desktop.gui.style import fit_screen
from iro_desktop.gui.workflows.challenge_dialog import (
    ChallengeDialog,
    ChallengeStepDialog,
    describe,
)
from iro_desktop.store.reads.review_cycle import ChallengeFile, challenge_file


class ChallengeList(QDialog):
    def __init__(self, parent: QWidget | None, ctx: Context, child_id: str) -> None:
        super().__init__(parent)
        self.ctx, self.child_id = ctx, child_id
        self.file: ChallengeFile | None = None
        self.setWindowTitle("Challenges and alerts")
        self.setAccessibleName("Challenges and alerts")
        fit_screen(self, 900, 560)
        self.title = QLabel()
        self.list = QListWidget()
        self.list.setAccessibleName("Challenges")
        self.history = QPlainTextEdit()
        self.history.setReadOnly(True)
        self.history.setAccessibleName("History of the challenge")
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for step, label in (
            ("new", "&New challenge or alert…"),
            ("respond", "Record &response…"),
            ("escalate", "&Escalate…"),
            ("resolve", "Re&solve…"),
            ("correct", "C&orrect…"),
            ("correct_stage", "Correct s&tage…"),
            ("delete", "&Delete…"),
        ):
            button = QPushButton(label)
            button.setAccessibleName(label.replace("&", "").rstrip("…"))
            button.clicked.connect(lambda _=False, s=step: self.open_step(s))
            row.addWidget(button)
            self.buttons[step] = button
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.list, 2)
        body.addWidget(self.history, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(body, 1)
        layout.addLayout(row)
        layout.addWidget(close)
        self.list.currentRowChanged.connect(self._show)
        # Every write for the child, this screen's own included (a step, a correction, a
        # deletion, an undo): read once, when the write is announced.
        ctx.signals.changes_made.connect(self._changed)
        self.reload()

    def _changed(self, changes: Any) -> None:
        if self.child_id in getattr(changes, "child_ids", ()):
            self.reload()

    def reload(self) -> None:
        self.ctx.read(lambda s: challenge_file(s, self.child_id, self.ctx.today), self._loaded)

    def _loaded(self, file: ChallengeFile) -> None:
        self.file = file
        self.title.setText(f"<b>{file.facts.name}</b>: {count_words(len(file.challenges))}")
        self.list.clear()
        for challenge, stages in file.challenges:
            name = file.ladder[min(challenge.current_stage, len(file.ladder) - 1)]
            state = "resolved" if challenge.resolved_date else name
            if challenge.kind == "good_practice":
                state = "good practice"
            overdue = (
                any(
                    not s.escalated and s.response is None and s.response_due < self.ctx.today
                    for s in stages
                )
                and not challenge.resolved_date
            )
            text = f"{format_date(challenge.raised_date)}: {state}" + (
                "  ⚠ response overdue" if overdue else ""
            )
            self.list.addItem(QListWidgetItem(text))
        if file.challenges:
            self.list.setCurrentRow(0)
        self._show(self.list.currentRow())

    def selected(self) -> Any:
        row = self.list.currentRow()
        if self.file is None or not 0 <= row < len(self.file.challenges):
            return None
        return self.file.challenges[row]

    def _show(self, _row: int) -> None:
        chosen = self.selected()
        open_challenge = (
            chosen is not None and chosen[0].kind == "challenge" and not chosen[0].resolved_date
        )
        for step in ("respond", "escalate"):
            self.buttons[step].setEnabled(open_challenge)
        self.buttons["resolve"].setEnabled(chosen is not None and not chosen[0].resolved_date)
        for step in ("correct", "correct_stage", "delete"):
            self.buttons[step].setEnabled(chosen is not None)
        self.buttons["correct_stage"].setEnabled(chosen is not None and bool(chosen[1]))
        if chosen is None or self.file is None:
            self.history.setPlainText("No challenges or alerts yet.")
            return
        self.history.setPlainText(describe(chosen[0], chosen[1], self.file.ladder))

    def open_step(self, step: str) -> Any:
        if step in ("correct", "correct_stage", "delete"):
            return self.change(step)
        if step == "new":
            dialog: Any = ChallengeDialog(self, self.ctx, self.child_id)
        else:
            chosen = self.selected()
            if chosen is None:
                return None
            dialog = ChallengeStepDialog(
                self, self.ctx, self.child_id, chosen[0].id, step, chosen[0].issue
            )
        dialog.open()
        return dialog

    def change(self, step: str) -> Any:
        """Correct the challenge or its latest stage, or delete it (asking first)."""
        from iro_desktop.gui.record.editors import delete_entry, editor_for

        chosen = self.selected()
        if chosen is None:
            return None
        challenge, stages = chosen
        if step == "delete":
            return delete_entry(self, self.ctx, self.child_id, "challenge", challenge.id)
        if step == "correct_stage":
            if not stages:
                return None
            dialog = editor_for(self, self.ctx, self.child_id, "challenge_stage", stages[-1])
        else:
            dialog = editor_for(self, self.ctx, self.child_id, "challenge", challenge)
        dialog.open()
        return dialog


def count_words(n: int) -> str:
    """ "1 challenge or alert", "2 challenges and alerts", "No challenges or alerts"."""
    if n == 0:
        return "no challenges or alerts"
    return "1 challenge or alert" if n == 1 else f"{n} challenges and alerts"
