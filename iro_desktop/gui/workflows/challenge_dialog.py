"""Raise a challenge (informal first, then formal stages) or a good-practice alert."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from iro_desktop.domain import codes
from iro_desktop.domain.dates import format_date
from iro_desktop.domain.errors import ValidationError
from iro_desktop.gui.context import Context
from iro_desktop.gui.forms import code_combo, date_edit, read_date, text_box
from iro_desktop.gui.save_dialog import SaveDialog
from iro_desktop.store.ops import challenges
from iro_desktop.store.ops.core import Op
from iro_desktop.store.ops.midway import ChallengePrefill
from iro_desktop.store.reads.challenges import current_stage
from iro_desktop.store.reads.review_cycle import ChallengeFile, challenge_file
from iro_desktop.store.schema import Challenge, Child


class ChallengeDialog(SaveDialog):
    WHAT = "challenge"

    def __init__(
        self,
        parent: QWidget | None,
        ctx: Context,
        child_id: str,
        decision_id: str | None = None,
    ) -> None:
        super().__init__(parent, ctx, child_id, "Raise a challenge or an alert")
        self.decision_id = decision_id  # the drifting decision it is about, if any
        f = self.form
        self.category: QComboBox = f.add(
            "category", "&About:", code_combo(codes.CHALLENGE_CATEGORIES)
        )
        self.stage: QComboBox = f.add("stage", "S&tage:", QComboBox())
        self.issue: QPlainTextEdit = f.add("issue", "The &issue:", text_box(110))
        self.raised_with: QLineEdit = f.add("raised_with", "Raised &with:", QLineEdit())
        self.raised_with.setPlaceholderText("Name and role, e.g. Sam Okafor, team manager")
        self.raised_date: QLineEdit = f.add("raised_date", "Raised &on:", date_edit(ctx.today))
        self.category.currentIndexChanged.connect(self._category_changed)
        ctx.read(lambda s: challenge_file(s, child_id, ctx.today), self._loaded)

    def prefill(self, prefill: ChallengePrefill) -> None:
        """Filled in for a drifting decision before it is shown; the IRO may edit it."""
        self.category.setCurrentIndex(self.category.findData(prefill.category))
        self.issue.setPlainText(prefill.issue)
        self.raised_with.setText(prefill.raised_with)

    def _loaded(self, file: ChallengeFile) -> None:
        for number, name in enumerate(file.ladder):
            kind = "informal" if number == 0 else f"formal stage {number}"
            said = kind.casefold() in name.casefold()  # "Informal (informal)" said it twice
            self.stage.addItem(name if said else f"{name} ({kind})", number)
        self.intro.setText(
            f"{file.facts.name}. Start informally where you can; escalate later from the "
            "list of challenges, keeping the whole history."
        )
        self._category_changed()
        self.loaded.emit()

    def _category_changed(self) -> None:
        alert = self.category.currentData() == "good_practice"
        self.stage.setEnabled(not alert)
        if alert:
            self.stage.setCurrentIndex(0)

    def operation(self) -> Callable[[Op], Any]:
        raised = read_date(self.raised_date, "raised_date")
        category, stage = self.category.currentData(), self.stage.currentData() or 0
        issue, who, today = self.issue.toPlainText(), self.raised_with.text(), self.ctx.today
        child_id = self.child_id
        decision_id = self.decision_id

        def write(op: Op) -> Challenge:
            child = op.session.get(Child, child_id)
            if child is None:
                raise ValidationError("child", "is no longer on the caseload")
            assert raised is not None
            return challenges.raise_challenge(
                op,
                child,
                category=category,
                issue=issue,
                raised_date=raised,
                raised_with=who,
                today=today,
                stage=stage,
                decision_id=decision_id,
            )

        return write


STEP_DATES = {"respond": "response_date", "escalate": "raised_date", "resolve": "resolved_date"}


class ChallengeStepDialog(SaveDialog):
    """One step on an existing challenge: record a response, escalate, or resolve."""

    WHAT = "challenge step"

    TITLES: ClassVar[dict[str, str]] = {
        "respond": "Record the response",
        "escalate": "Escalate to the next stage",
        "resolve": "Resolve the challenge",
    }

    def __init__(
        self,
        parent: QWidget | None,
        ctx: Context,
        child_id: str,
        challenge_id: str,
        step: str,
        summary: str = "",
    ) -> None:
        super().__init__(parent, ctx, child_id, self.TITLES[step])
        self.resize(640, 420)
        self.challenge_id, self.step = challenge_id, step
        self.intro.setText(summary)
        f = self.form
        self.when: QLineEdit = f.add(
            STEP_DATES[step],
            "&Date:",
            date_edit(ctx.today),
        )
        if step == "respond":
            self.text = f.add("response", "The &response:", text_box(90))
            self.outcome = f.add("outcome", "&Outcome:", text_box(50))
        elif step == "escalate":
            self.who = f.add("raised_with", "Raised &with:", QLineEdit())
            self.text = f.add("reason", "&Why escalate:", text_box(70))
        else:
            self.text = f.add("outcome", "&Outcome:", text_box(90))

    def operation(self) -> Callable[[Op], Any]:
        field = {"respond": "response_date", "escalate": "raised_date"}.get(
            self.step, "resolved_date"
        )
        on = read_date(self.when, field)
        text, step, today, challenge_id = (
            self.text.toPlainText(),
            self.step,
            self.ctx.today,
            self.challenge_id,
        )
        outcome = self.outcome.toPlainText() if step == "respond" else None
        who = self.who.text() if step == "escalate" else ""

        def write(op: Op) -> Any:
            challenge = op.session.get(Challenge, challenge_id)
            assert challenge is not None and on is not None
            if step == "respond":
                stage = current_stage(op.session, challenge)
                return challenges.record_response(
                    op, stage, response=text, response_date=on, outcome=outcome, today=today
                )
            if step == "escalate":
                return challenges.escalate_challenge(
                    op, challenge, raised_with=who, raised_date=on, today=today, reason=text
                )
            return challenges.resolve_challenge(
                op, challenge, outcome=text, resolved_date=on, today=today
            )

        return write


def describe(challenge: Challenge, stages: list[Any], ladder: list[str]) -> str:
    """The whole history in plain words, oldest stage first."""
    kind = "Good-practice alert" if challenge.kind == "good_practice" else "Challenge"
    lines = [
        f"{kind}: {codes.CHALLENGE_CATEGORIES.get(challenge.category, challenge.category)}",
        challenge.issue,
        "",
    ]
    for stage in stages:
        name = ladder[stage.stage] if stage.stage < len(ladder) else f"Stage {stage.stage}"
        lines.append(
            f"• {name}: raised with {stage.raised_with} on "
            f"{format_date(stage.raised_date)}; response due "
            f"{format_date(stage.response_due)}"
        )
        if stage.response:
            when = format_date(stage.response_date) if stage.response_date else ""
            lines.append(f"    Response ({when}): {stage.response}")
        if stage.outcome:
            lines.append(f"    Outcome: {stage.outcome}")
        if stage.escalated:
            lines.append("    Escalated.")
    if challenge.resolved_date:
        lines.append(f"Resolved on {format_date(challenge.resolved_date)}: {challenge.outcome}")
    return "\n".join(lines)
