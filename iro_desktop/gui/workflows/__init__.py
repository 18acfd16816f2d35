"""The review cycle's screens, plugged into the child's record.

``ACTIONS`` are (label, opener(parent, caseload, runner, child_id)) buttons on the record;
each opener returns the window it opened (tests and the tour use it). ``tour_steps()``
gives the tour a screenshot of each workflow screen and of child mode.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from iro_desktop.gui.tasks import Runner
from iro_desktop.gui.workflows.base import env_for
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.ops.passphrase import can_check_passphrase

Opener = Callable[[QWidget, Caseload, Runner, str], Any]


def _dialog(factory: Callable[..., Any]) -> Opener:
    def open_it(parent: QWidget, caseload: Caseload, runner: Runner, child_id: str) -> Any:
        dialog = factory(parent, env_for(parent, caseload, runner), child_id)
        dialog.open()
        return dialog

    return open_it


def open_child_mode(parent: QWidget, caseload: Caseload, runner: Runner, child_id: str) -> Any:
    """Full screen for the child; refused when there is no passphrase to leave it with."""
    from iro_desktop.gui.workflows.child_mode import ChildModeWindow

    if not can_check_passphrase(caseload.folder):
        QMessageBox.information(
            parent, "Child mode",
            "Child mode needs a passphrase so that only you can leave it. Set a passphrase "
            "for this caseload first.",
        )  # fmt: skip
        return None
    window = ChildModeWindow(env_for(parent, caseload, runner), child_id)
    window.showFullScreen()
    return window


def _lazy(module: str, name: str) -> Opener:
    def factory(*args: Any) -> Any:
        import importlib

        return getattr(importlib.import_module(f"iro_desktop.gui.workflows.{module}"), name)(*args)

    return _dialog(factory)


ACTIONS: list[tuple[str, Opener]] = [
    ("Record a &visit…", _lazy("visit_dialog", "VisitDialog")),
    ("Plan the re&view…", _lazy("review_plan", "PlanReviewDialog")),
    ("Consultation &form…", _lazy("consultation_dialog", "ConsultationDialog")),
    ("Pre-meeting &report…", _lazy("consultation_dialog", "PreMeetingReportDialog")),
    ("&Child mode…", open_child_mode),
    ("Hold / &write up review…", _lazy("review_hold", "HoldReviewDialog")),
    ("&Mid-way update…", _lazy("midway_dialog", "MidwayDialog")),
    ("C&hallenges…", _lazy("challenge_list", "ChallengeList")),
    ("Child's feedbac&k…", _lazy("feedback_dialog", "FeedbackDialog")),
]

CHILD_TABS: list[tuple[str, Callable[[QWidget, Caseload, Runner, str], QWidget]]] = []


def tour_steps() -> list[tuple[str, Callable[[QWidget], QWidget]]]:
    from iro_desktop.gui.workflows.tour import steps

    return steps()
