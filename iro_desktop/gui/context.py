"""What every screen of an unlocked workspace shares, and the one way they touch the store.

``Context.read`` and ``Context.write`` run the database work through the task runner
(never on the UI thread). ``write`` runs an operation (``store.ops``) and then calls
``notify(Changes)``, which is ``MainWindow.changes_made.emit``; the window relays that
one signal to ``signals.changes_made``, which every view listens to, so a workflow
written elsewhere refreshes the caseload, home and the child's record just by emitting
``window.changes_made`` (or by using ``write``).

When the window locks, ``close()`` marks the context dead first, so a result arriving
late from the worker is dropped instead of drawing a child's data on a locked screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from PySide6.QtGui import QUndoStack
from sqlalchemy.orm import Session

from iro_desktop.gui.signals import WorkspaceSignals
from iro_desktop.gui.tasks import Runner
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.ops.core import Actor, Changes, Op, operation

T = TypeVar("T")
log = logging.getLogger(__name__)


def reading(caseload: Caseload, fn: Callable[[Session], T]) -> Callable[[], T]:
    """Worker-side body of a read: one session, closed before the result goes back."""

    def work() -> T:
        with caseload.session() as session:
            return fn(session)

    return work


def writing(
    caseload: Caseload, actor: Actor, fn: Callable[[Op], T]
) -> Callable[[], tuple[T, Changes]]:
    """Worker-side body of a write: one operation, returning its result and what changed."""

    def work() -> tuple[T, Changes]:
        with operation(caseload, actor) as op:
            return fn(op), op.changes

    return work


@dataclass
class Context:
    caseload: Caseload
    runner: Runner
    today: date
    actor: Actor
    signals: WorkspaceSignals
    undo: QUndoStack
    notify: Callable[[Changes], None] | None = None
    alive: bool = field(default=True)

    def read(
        self,
        fn: Callable[[Session], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        work = reading(self.caseload, fn)
        self.runner.submit(work, self._guard(on_done), self._guard_error(on_error))

    def write(
        self,
        fn: Callable[[Op], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        work = writing(self.caseload, self.actor, fn)

        def done(pair: tuple[T, Changes]) -> None:
            result, changes = pair
            on_done(result)
            if changes:
                (self.notify or self.signals.changes_made.emit)(changes)

        self.runner.submit(work, self._guard(done), self._guard_error(on_error))

    def remember(self, name: str, count: int | None, body: dict[str, Any]) -> None:
        """Save a view the IRO now sees as the next start's first screen (a cache: a
        failure is logged, not shown). ``count`` is the write count it was read at."""
        if count is None:
            return
        from iro_desktop.gui.readers import VIEW_FORMAT

        caseload, body = self.caseload, {**body, "format": VIEW_FORMAT}

        def work() -> None:
            from iro_desktop.store.start_view import remember

            with caseload.session() as session:
                remember(session, name, count, body)

        def failed(error: BaseException) -> None:
            log.warning("the start view was not saved: %s", type(error).__name__)

        self.runner.submit(work, lambda _none: None, failed)

    def run(self, fn: Callable[[], T], on_done: Callable[[T], None]) -> None:
        """Other slow work (drafts, files) off the UI thread, dropped after a lock."""
        self.runner.submit(fn, self._guard(on_done), self._guard_error(None))

    def _guard(self, fn: Callable[[Any], None]) -> Callable[[Any], None]:
        def call(value: Any) -> None:
            if self.alive:
                fn(value)

        return call

    def _guard_error(
        self, fn: Callable[[BaseException], None] | None
    ) -> Callable[[BaseException], None]:
        def call(error: BaseException) -> None:
            if not self.alive:
                return
            if fn is None:
                self.signals.status.emit(f"Something went wrong: {error}")
            else:
                fn(error)

        return call

    def close(self) -> None:
        self.alive = False
        wait = getattr(self.runner, "wait", None)
        if wait is not None:
            wait(30_000)
        self.caseload.close()
