"""One error policy: a fault says "something went wrong" and logs the full traceback with
no personal data; late results are dropped when their widget is gone or after a lock."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

import pytest
import shiboken6
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from iro_desktop.domain.errors import ValidationError
from iro_desktop.gui import errors
from iro_desktop.gui.context import Context
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.errors import StoreError
from iro_desktop.store.ops.core import Actor
from tests.conftest import TODAY

SECRET = "Wren Elmstead, born 09/03/2016"  # what an exception's text may quote


class Later:
    """A runner that keeps each job until ``run_all``: the widget may die meanwhile."""

    def __init__(self) -> None:
        self.jobs: list[tuple[Callable[[], Any], Any, Any]] = []

    def submit(self, fn: Callable[[], Any], on_done: Any, on_error: Any = None) -> None:
        self.jobs.append((fn, on_done, on_error))

    def later(self, fn: Callable[[], None]) -> None:
        fn()

    def run_all(self) -> None:
        jobs, self.jobs = self.jobs, []
        for fn, on_done, on_error in jobs:
            try:
                result = fn()
            except Exception as exc:
                on_error(exc)
            else:
                on_done(result)


def deep_fault() -> None:
    raise KeyError(SECRET)


def test_a_fault_is_one_plain_line_and_a_full_traceback_without_personal_data(
    caplog: pytest.LogCaptureFixture,
) -> None:
    try:
        try:
            deep_fault()
        except KeyError as exc:
            raise RuntimeError(SECRET) from exc
    except RuntimeError as exc:
        error = exc
    with caplog.at_level(logging.ERROR):
        text = errors.say("Not saved", error, "the test")
    assert text == "Not saved: something went wrong (the log has the details)"
    logged = caplog.text
    assert "Traceback" in logged and "deep_fault" in logged and "builtins.KeyError" in logged
    assert "builtins.RuntimeError" in logged
    assert SECRET not in logged and "Wren" not in logged


def test_store_and_validation_errors_are_said_in_their_own_words(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.ERROR):
        assert errors.say("Not saved", StoreError("The central store said no."), "x") == (
            "Not saved: The central store said no."
        )
        assert errors.message(ValidationError("name", "is required"), "x") == "name: is required"
    assert caplog.text == ""  # an error the IRO can act on is not a fault


def test_uncaught_exceptions_follow_the_policy(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored afterwards
    errors.install(shown.append)
    try:
        deep_fault()
    except KeyError:
        kind, value, tb = sys.exc_info()
    with caplog.at_level(logging.ERROR):
        sys.excepthook(kind, value, tb)  # type: ignore[arg-type]
    assert shown == [errors.NOT_SAVED]
    assert "deep_fault" in caplog.text and SECRET not in caplog.text


@pytest.fixture
def later_ctx(caseload: Caseload) -> Context:
    return Context(caseload, Later(), TODAY, Actor("iro@demo-borough.example"))


def test_results_for_a_destroyed_widget_are_dropped(qtbot: QtBot, later_ctx: Context) -> None:
    label = QLabel()
    later_ctx.read(lambda s: "read", label.setText)
    later_ctx.run(lambda: "ran", lambda text: label.setText(text), owner=label)
    later_ctx.run(deep_fault, label.setText, lambda e: label.setText("failed"))
    shiboken6.delete(label)
    later_ctx.runner.run_all()  # type: ignore[attr-defined]  # no RuntimeError: dropped


def test_results_after_a_lock_are_dropped(qtbot: QtBot, later_ctx: Context) -> None:
    label = QLabel("before")
    qtbot.addWidget(label)
    later_ctx.read(lambda s: "after", label.setText)
    later_ctx.alive = False  # what ``close()`` does first at a lock
    later_ctx.runner.run_all()  # type: ignore[attr-defined]
    assert label.text() == "before"


def test_a_read_fails_into_the_status_line_by_default(
    qtbot: QtBot, later_ctx: Context, caplog: pytest.LogCaptureFixture
) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    said: list[str] = []
    later_ctx.signals.status.connect(said.append)
    later_ctx.read(lambda s: deep_fault(), label.setText)
    with caplog.at_level(logging.ERROR):
        later_ctx.runner.run_all()  # type: ignore[attr-defined]
    assert said == [errors.NOT_READ] and "deep_fault" in caplog.text


def test_a_result_needs_an_owner(later_ctx: Context) -> None:
    with pytest.raises(TypeError, match="owner"):
        later_ctx.read(lambda s: 1, lambda value: None)
