"""The one error policy of the program's screens.

- A ``ValidationError`` belongs beside the field it names (the form shows it there).
- A store or sync error (``StoreError``, ``SyncError`` is one) is its own message: it was
  written for the IRO to read.
- Anything else is a fault: the IRO reads "Not saved: something went wrong (the log has
  the details)", and the log gets the full traceback, with the exception's type but never
  its text or any value (an exception's text may quote a child's name from a row).

``install()`` makes ``sys.excepthook`` follow the same policy for an exception raised in a
Qt slot or anywhere else on the main thread, so a fault is never silent nor a crash.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.errors import StoreError

if TYPE_CHECKING:  # Qt is imported when a box is shown: this module loads before the window
    from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)

SOMETHING_WRONG = "something went wrong (the log has the details)"
NOT_SAVED = f"Not saved: {SOMETHING_WRONG}"
NOT_READ = f"Could not show this: {SOMETHING_WRONG}"


def is_expected(error: BaseException) -> bool:
    """A validation, store or sync error (or a file the IRO chose that could not be
    written): its message is for the IRO to read."""
    return isinstance(error, ValidationError | StoreError | OSError)


def scrubbed_traceback(error: BaseException) -> str:
    """Every frame of the traceback (and of its causes), each exception by type only."""
    lines: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = traceback.format_tb(current.__traceback__)
        block = ["Traceback (most recent call last):\n", *frames,
                 f"{type(current).__module__}.{type(current).__qualname__}\n"]  # fmt: skip
        lines = block + (["\nwhich happened while handling or because of the above:\n\n"]
                         if lines else []) + lines  # fmt: skip
        current = current.__cause__ or current.__context__
    return "".join(lines)


def log_fault(error: BaseException, where: str) -> None:
    log.error("%s failed unexpectedly: %s\n%s", where, type(error).__name__,
              scrubbed_traceback(error))  # fmt: skip


def message(error: BaseException, where: str, unexpected: str = NOT_SAVED) -> str:
    """What the IRO reads about ``error``; a fault is logged with its traceback."""
    if is_expected(error):
        return str(error)
    log_fault(error, where)
    return unexpected


def say(doing: str, error: BaseException, where: str) -> str:
    """``doing`` ("Not saved", "Not printed", ...) and why, in the IRO's words."""
    if is_expected(error):
        return f"{doing}: {error}"
    log_fault(error, where)
    return f"{doing}: {SOMETHING_WRONG}"


def tell(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """Say it where it cannot be missed: a box over ``parent`` that does not wait (no nested
    event loop, so a lock or a result on its way can still come)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Information, title, text,
                      QMessageBox.StandardButton.Ok, parent)  # fmt: skip
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setAccessibleName(title)
    box.open()
    return box


def status_handler(
    show: Callable[[str], None], where: str, unexpected: str = NOT_READ
) -> Callable[[BaseException], None]:
    """The default handler of a read or a background job: one line for the status bar."""

    def handle(error: BaseException) -> None:
        show(message(error, where, unexpected))

    return handle


def install(show: Callable[[str], None] | None = None) -> None:
    """Route uncaught exceptions through the policy (logged, and shown when ``show``)."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        if error.__traceback__ is None:
            error = error.with_traceback(tb)
        text = message(error, "the program")
        if show is not None:
            show(text)

    sys.excepthook = hook
