"""The review cycle's screens, plugged into the child's record.

``ACTIONS`` are (label, opener(parent, ctx, child_id)) buttons on the record, where ``ctx``
is the workspace's ``Context``; each opener returns the window it opened (tests and the
tour use it). The tour's pictures of these screens are in ``iro_desktop.devtools``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from iro_desktop.gui import errors
from iro_desktop.gui.context import Context
from iro_desktop.store.reads.passphrase import can_check_passphrase

Opener = Callable[[QWidget, Context, str], Any]


def _dialog(factory: Callable[..., Any]) -> Opener:
    def open_it(parent: QWidget, ctx: Context, child_id: str) -> Any:
        dialog = factory(parent, ctx, child_id)
        dialog.open()
        return dialog

    return open_it


def open_child_mode(parent: QWidget, ctx: Context, child_id: str) -> Any:
    """Full screen for the child; refused when there is no passphrase to leave it with."""
    from iro_desktop.gui.workflows.child_mode import ChildModeWindow

    if not can_check_passphrase(ctx.caseload.folder):
        QMessageBox.information(
            parent, "Child mode",
            "Child mode needs a passphrase so that only you can leave it. Set a passphrase "
            "for this caseload first.",
        )  # fmt: skip
        return None
    window = ChildModeWindow(ctx, child_id)
    window.refused.connect(lambda why: errors.tell(parent, "Child mode", why))
    window.show_full_screen()
    return window


def _lazy(module: str, name: str) -> Opener:
    def factory(*args: Any) -> Any:
        import importlib

        return getattr(importlib.import_module(f"iro_desktop.gui.workflows.{module}"), name)(*args)

    return _dialog(factory)


# Every workflow: (label, what it is for, opener). The "Review cycle" tab lists them all.
WORKFLOWS: list[tuple[str, str, Opener]] = [
    ("Record a &visit…", "A visit, call, video call, app or letter: before or between reviews.",
     _lazy("visit_dialog", "VisitDialog")),
    ("Plan the re&view…", "Date, time and venue chosen with the child; who comes and who not.",
     _lazy("review_plan", "PlanReviewDialog")),
    ("Ca&ncel or move the review…", "Call off the planned review or move it, saying why; "
     "the date it must be held by is shown again.", _lazy("review_cancel", "CancelReviewDialog")),
    ("Consultations at a &glance…", "Every respondent and their form: sent, back, declined; "
     "answers, child mode and the blank form to print.",
     _lazy("consultations_view", "ConsultationsOverview")),
    ("Consultation &form…", "Forms for the child, parents and carers: sent, back, answers.",
     _lazy("consultation_dialog", "ConsultationDialog")),
    ("Pre-meeting &report…", "The social worker's report: on time? shared with child and parents?",
     _lazy("consultation_dialog", "PreMeetingReportDialog")),
    ("&Child mode…", "Full screen for the child to answer their own form. Leaving needs your "
     "passphrase.", open_child_mode),
    ("Hold / &write up review…", "Who came, participation, the care plan view, the three "
     "sections, decisions, sharing and distribution.", _lazy("review_hold", "HoldReviewDialog")),
    ("&Mid-way update…", "Each open decision of the last review with the social worker's account.",
     _lazy("midway_dialog", "MidwayDialog")),
    ("C&hallenges…", "Challenges and good-practice alerts, with every stage and response.",
     _lazy("challenge_list", "ChallengeList")),
    ("Child's feedbac&k…", "The child's postcard about their review.",
     _lazy("feedback_dialog", "FeedbackDialog")),
    ("Child's a&lerts…", "\u201cI want to talk to you alone\u201d or \u201cI don't feel safe\u201d "
     "from child mode: record what you did.", _lazy("child_alerts", "ChildAlertsDialog")),
]  # fmt: skip

# The record's button row stays short (it must fit a 1366-pixel laptop screen): the two
# things done on the spot. Everything else is on the "Review cycle" tab.
ACTIONS: list[tuple[str, Opener]] = [
    (label, opener) for label, _about, opener in WORKFLOWS
    if label in ("Record a &visit…", "&Child mode…")
]  # fmt: skip

# The young person's letter and the printouts (iro_desktop.gui.letters) join both lists.
from iro_desktop.gui.letters import WORKFLOWS as _LETTERS  # noqa: E402

WORKFLOWS += _LETTERS
ACTIONS += [(label, opener) for label, _about, opener in _LETTERS]


def _panel(parent: QWidget, ctx: Context, child_id: str) -> QWidget:
    from iro_desktop.gui.workflows.panel import ReviewCyclePanel

    return ReviewCyclePanel(parent, ctx, child_id)


CHILD_TABS: list[tuple[str, Callable[[QWidget, Context, str], QWidget]]] = [
    ("Review cycle", _panel)
]
