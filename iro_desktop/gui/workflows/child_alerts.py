"""What the child asked for in child mode, as the IRO sees it.

``HandBack`` is the first thing the IRO sees once their passphrase lets them out of child
mode: each open "I want to talk to you alone" / "I don't feel safe", with a box to record
what they did, and the answers the child kept just for them, with the safeguarding
override (a reason is required). An alert without an action stays on Home and in the
footprint; ``ChildAlertsDialog`` (the "Review cycle" tab) records it later.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.dates import format_date
from iro_desktop.gui import errors
from iro_desktop.gui.context import Context
from iro_desktop.gui.style import fit_screen
from iro_desktop.store.ops.child_mode import record_alert_action, record_override
from iro_desktop.store.ops.core import Op
from iro_desktop.store.reads.child_mode import (
    AlertLine,
    HandBackData,
    PrivateLine,
    load_hand_back,
)
from iro_desktop.store.schema import ChildAlert, Consultation

PANEL = "QFrame#alertPanel { background: #fde8e8; border: 3px solid #b3261e; border-radius: 10px; }"
PRIVATE_PANEL = (
    "QFrame#privatePanel { background: #eeeaff; border: 2px solid #5b3fb5; border-radius: 10px; }"
)


def _label(text: str, bold: bool = False, points: int = 13) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(f"font-size: {points}pt; {'font-weight: bold;' if bold else ''}")
    label.setAccessibleName(text)
    return label


class AlertRow(QFrame):
    """One alert: what the child pressed and when, and what the IRO did about it."""

    recorded = Signal()

    def __init__(self, ctx: Context, line: AlertLine, name: str) -> None:
        super().__init__()
        self.ctx, self.line = ctx, line
        self.setObjectName("alertPanel")
        self.setStyleSheet(PANEL)
        box = QVBoxLayout(self)
        said = f"{name} pressed \u201c{line.words}\u201d ({format_date(line.raised_on)})."
        box.addWidget(_label(said, bold=True, points=16))
        self.action = QPlainTextEdit()
        self.action.setTabChangesFocus(True)
        self.action.setAccessibleName(f"What you did about \u201c{line.words}\u201d")
        self.action.setPlaceholderText("What did you do? (for example: spoke with them alone "
                                       "straight away; made a safeguarding referral)")  # fmt: skip
        self.action.setMaximumHeight(90)
        self.message = _label("")
        self.record = QPushButton("Record what I did")
        self.record.setMinimumHeight(40)
        self.record.clicked.connect(self.save)
        box.addWidget(self.action)
        row = QHBoxLayout()
        row.addWidget(self.record)
        row.addWidget(self.message, 1)
        box.addLayout(row)

    def save(self) -> None:
        alert_id, text, today = self.line.alert_id, self.action.toPlainText(), self.ctx.today

        def write(op: Op) -> ChildAlert:
            alert = op.session.get(ChildAlert, alert_id)
            assert alert is not None
            return record_alert_action(op, alert, action=text, acted_on=today, today=today)

        def done(_alert: ChildAlert) -> None:
            self.message.setText("Recorded. ✔ It leaves Home.")
            self.action.setReadOnly(True)
            self.record.setEnabled(False)
            self.recorded.emit()

        def failed(error: BaseException) -> None:
            self.message.setText(errors.say("Not recorded", error, "AlertRow"))

        self.ctx.write(write, done, failed, owner=self)


class PrivatePanel(QFrame):
    """Answers the child kept just for the IRO, and the override a safeguarding duty needs."""

    shared = Signal()

    def __init__(self, ctx: Context, consultation_id: str, lines: tuple[PrivateLine, ...]) -> None:
        super().__init__()
        self.ctx, self.consultation_id = ctx, consultation_id
        self.setObjectName("privatePanel")
        self.setStyleSheet(PRIVATE_PANEL)
        box = QVBoxLayout(self)
        box.addWidget(_label("Kept just for you: these are not in the letter, the record or "
                             "any export.", bold=True, points=14))  # fmt: skip
        for line in lines:
            box.addWidget(_label(f"{line.question}  {line.answer or ''}".strip()))
            if line.drawing is not None:
                picture = QLabel()
                picture.setAccessibleName(f"The drawing for: {line.question}")
                pixmap = QPixmap()
                pixmap.loadFromData(line.drawing)
                picture.setPixmap(pixmap.scaledToHeight(140))
                box.addWidget(picture)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setAccessibleName("Why a safeguarding duty means this must be shared")
        self.reason.setPlaceholderText("Only if a safeguarding duty outweighs the child's wish: "
                                       "why it must be shared")  # fmt: skip
        self.reason.setMaximumHeight(80)
        self.message = _label("")
        self.share = QPushButton("Share them: a safeguarding duty overrides")
        self.share.setMinimumHeight(40)
        self.share.clicked.connect(self.save)
        box.addWidget(self.reason)
        row = QHBoxLayout()
        row.addWidget(self.share)
        row.addWidget(self.message, 1)
        box.addLayout(row)

    def save(self) -> None:
        consultation_id, reason, today = (
            self.consultation_id,
            self.reason.toPlainText(),
            self.ctx.today,
        )

        def write(op: Op) -> Consultation:
            row = op.session.get(Consultation, consultation_id)
            assert row is not None
            record_override(op, row, reason=reason, today=today)
            return row

        def done(_row: Consultation) -> None:
            self.message.setText("Recorded with your reason. They are now in the record.")
            self.share.setEnabled(False)
            self.reason.setReadOnly(True)
            self.shared.emit()

        def failed(error: BaseException) -> None:
            self.message.setText(errors.say("Not shared", error, "PrivatePanel"))

        self.ctx.write(write, done, failed, owner=self)


class AlertsView(QWidget):
    """The alerts and private answers for one child, read then shown."""

    shown = Signal()

    def __init__(self, ctx: Context, child_id: str) -> None:
        super().__init__()
        self.ctx, self.child_id = ctx, child_id
        self.rows: list[AlertRow] = []
        self.private_panel: PrivatePanel | None = None
        self.body = QVBoxLayout()
        inner = QWidget()
        inner.setLayout(self.body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)  # nothing asked for: no empty grey box
        scroll.setWidget(inner)
        scroll.viewport().setAutoFillBackground(False)
        inner.setAutoFillBackground(False)
        self.heading = _label("", bold=True, points=20)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(scroll, 1)

    def load(self, review_id: str | None) -> None:
        child_id = self.child_id
        self.ctx.read(lambda s: load_hand_back(s, child_id, review_id), self._show,
                      lambda e: self.heading.setText(errors.say("Not read", e, "AlertsView")),
                      owner=self)  # fmt: skip

    def _show(self, data: HandBackData) -> None:
        while self.body.count():
            item = self.body.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.setParent(None)
                widget.deleteLater()
        self.rows = [AlertRow(self.ctx, line, data.first_name) for line in data.alerts]
        if data.alerts:
            self.heading.setText(f"{data.first_name} asked for you: please act on this first")
        else:
            self.heading.setText(f"{data.first_name} did not ask for help this time")
        for row in self.rows:
            self.body.addWidget(row)
        self.private_panel = None
        if data.consultation_id is not None and data.private:
            self.private_panel = PrivatePanel(self.ctx, data.consultation_id, data.private)
            self.body.addWidget(self.private_panel)
        self.body.addStretch(1)
        self.shown.emit()


class HandBack(QWidget):
    """Shown in child mode after the passphrase, before the window closes."""

    finished = Signal()

    def __init__(self, ctx: Context, child_id: str) -> None:
        super().__init__()
        self.view = AlertsView(ctx, child_id)
        self.shown = self.view.shown
        self.close_button = QPushButton("Close child mode")
        self.close_button.setObjectName("nav")
        self.close_button.clicked.connect(self.finished)
        self.note = _label("An alert you have not recorded an action for stays on Home and in "
                           "the child's footprint until you do.")  # fmt: skip
        self.note.hide()  # only when the child asked for something
        self.view.shown.connect(lambda: self.note.setVisible(bool(self.view.rows)))
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)

    def load(self, review_id: str | None) -> None:
        self.view.load(review_id)


class ChildAlertsDialog(QDialog):
    """The child's open alerts from child mode, to record what was done (Review cycle tab)."""

    def __init__(self, parent: QWidget | None, ctx: Context, child_id: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("The child's alerts from child mode")
        fit_screen(self, 760, 560)
        self.view = AlertsView(ctx, child_id)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.view.load(None)
