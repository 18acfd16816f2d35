"""What every screen and dialog of an unlocked workspace shares, and the one way they touch
the store: the caseload, the task runner, ``today``, the actor, the undo stack, the
workspace's signals and the lock guard. It is made at unlock and handed to every screen,
dialog and plug-in; nothing looks for it up the widget tree.

``read``, ``write`` and ``run`` do their work through the runner (never on the UI thread)
and deliver the result to ``on_done`` on the main thread, or the error to ``on_error``
(by default a status-bar line that follows ``gui.errors``). Each call has an *owner*, the
QObject the result is for (the object of a bound method, else ``owner=``): a result that
arrives after its owner was destroyed, or after the context was closed by a lock, is
dropped, so no late result can reach a deleted widget or draw on a locked screen.

``write`` runs one store operation and then announces what it changed with ``changed``,
the one place ``signals.changes_made`` is emitted (sync's pulls go through it too).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject

from iro_desktop.gui import errors
from iro_desktop.gui.signals import WorkspaceSignals
from iro_desktop.gui.tasks import Runner
from iro_desktop.gui.undo import UndoStack, WriteCommand

if TYPE_CHECKING:
    from iro_desktop.store.caseload import Caseload
    from iro_desktop.store.changes import Changes
    from iro_desktop.store.ops.core import Actor, Op
    from iro_desktop.store.reads import Session

T = TypeVar("T")
log = logging.getLogger(__name__)


def owner_of(callback: Callable[..., Any], owner: QObject | None) -> QObject:
    """The QObject a callback's result is for; a callback with none is refused."""
    found = owner if owner is not None else getattr(callback, "__self__", None)
    if not isinstance(found, QObject):
        raise TypeError("say which widget the result is for: pass owner=")
    return found


class Context:
    def __init__(
        self,
        caseload: Caseload,
        runner: Runner,
        today: date,
        actor: Actor,
        signals: WorkspaceSignals | None = None,
        undo: UndoStack | None = None,
    ) -> None:
        self.caseload, self.runner, self.today, self.actor = caseload, runner, today, actor
        self.signals = signals if signals is not None else WorkspaceSignals()
        self.undo = undo if undo is not None else UndoStack(self.signals)
        self.alive = True
        # While a write's ``on_done`` runs: the undo command it pushed (None: it saved
        # nothing, or was an undo itself). The Import dialog follows its import by it.
        self.pushed: WriteCommand | None = None

    # --- the three ways to do work -------------------------------------------

    def read(
        self,
        fn: Callable[[Session], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
        *,
        owner: QObject | None = None,
    ) -> None:
        """``fn(session)`` in the worker, in one session closed before the result returns."""
        from iro_desktop.store.reads import reading

        self._submit(reading(self.caseload, fn), on_done, on_error, owner, errors.NOT_READ)

    def write(
        self,
        fn: Callable[[Op], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
        *,
        owner: QObject | None = None,
        undoable: bool = True,
    ) -> None:
        """``fn(op)`` as one store operation; its ``Changes`` are announced even when the
        owner is gone (the data did change), then ``on_done`` gets the result. A write
        that saved rows goes on the undo stack (``gui.undo``) unless ``undoable=False``
        (an undo or redo itself)."""
        from iro_desktop.store.ops.core import writing

        target = owner_of(on_done, owner)

        def done(pair: tuple[T, Changes]) -> None:
            result, changes = pair
            self.pushed = None
            if undoable and self.alive and changes.versions:
                self.pushed = WriteCommand(self, changes)
                self.undo.push(self.pushed)
            if shiboken6.isValid(target):
                on_done(result)
            self.pushed = None
            self.changed(changes)

        work = writing(self.caseload, self.actor, fn)
        self._submit(work, done, on_error, target, errors.NOT_SAVED, guard_done=False)

    def run(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
        *,
        owner: QObject | None = None,
    ) -> None:
        """Other slow work (drafts, files, PDFs, checks) off the UI thread."""
        self._submit(fn, on_done, on_error, owner, errors.NOT_READ)

    def changed(self, changes: Changes | None) -> None:
        """Tell every view what changed (the one place ``changes_made`` is emitted)."""
        if self.alive and changes:
            self.signals.changes_made.emit(changes)

    def status(self, text: str) -> None:
        if self.alive:
            self.signals.status.emit(text)

    def remember(self, name: str, count: int | None, body: dict[str, Any]) -> None:
        """Save a view the IRO now sees as the next start's first screen (a cache: a
        failure is logged, not shown). ``count`` is the write count it was read at."""
        if count is None:
            return
        from iro_desktop.store.reads import VIEW_FORMAT

        caseload, body = self.caseload, {**body, "format": VIEW_FORMAT}

        def work() -> None:
            from iro_desktop.store.start_view import remember

            with caseload.session() as session:
                remember(session, name, count, body)

        def failed(error: BaseException) -> None:
            log.warning("the start view was not saved: %s", type(error).__name__)

        self.runner.submit(work, lambda _none: None, failed)

    # --- delivery -------------------------------------------------------------

    def _submit(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None,
        owner: QObject | None,
        unexpected: str,
        *,
        guard_done: bool = True,
    ) -> None:
        target = owner_of(on_done, owner)
        where = type(target).__name__
        if on_error is None:
            on_error = errors.status_handler(self.status, where, unexpected)

        def live() -> bool:
            return self.alive and shiboken6.isValid(target)

        def done(value: Any) -> None:
            if live() if guard_done else self.alive:
                on_done(value)

        def failed(error: BaseException) -> None:
            if live():
                assert on_error is not None
                on_error(error)
            elif not errors.is_expected(error):
                errors.log_fault(error, where)  # dropped from the screen, never from the log

        self.runner.submit(work, done, failed)

    def close(self) -> None:
        self.alive = False
        wait = getattr(self.runner, "wait", None)
        if wait is not None:
            wait(30_000)
        self.caseload.close()
