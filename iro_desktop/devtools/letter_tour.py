"""The tour's pictures of the letter editor, its preview and the printouts window."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

SIZE = (1366, 768)
_open: list[Any] = []


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _close_previous() -> None:
    while _open:
        _open.pop().close()


def _record(main_window: QWidget) -> Any:
    record = getattr(getattr(main_window, "workspace", None), "record", None)
    if record is None:
        raise LookupError("open a child's record before the letter steps")
    return record


def _letter(main_window: QWidget) -> QWidget:
    from iro_desktop.gui.letters import open_letter

    _close_previous()
    record = _record(main_window)
    editor = open_letter(record, record.ctx, record.child_id)
    editor.resize(*SIZE)
    _open.append(editor)
    _settle()
    return editor  # type: ignore[no-any-return]


def _checked(editor: Any) -> Any:
    """Run the letter's check and wait for its result (ten seconds at most)."""
    loop, found = QEventLoop(), []

    def arrived(check: object) -> None:
        found.append(check)
        loop.quit()

    editor.checked.connect(arrived)
    editor.run_check()
    QTimer.singleShot(10_000, loop.quit)
    loop.exec()
    editor.checked.disconnect(arrived)
    return found[-1] if found else None


def _resolve(editor: Any) -> None:
    """Resolve the flags as an IRO may, for the pictures: each piece of jargon kept with
    the glossary's explanation, and "no answer needed" for what has no answer yet."""
    for row in editor.form.answers:
        if not row.answer.text().strip():
            row.no_answer.setChecked(True)
    check = _checked(editor)
    for _key, flag in check.unresolved if check is not None else ():
        editor.panel.keep(flag)
    _checked(editor)


def _letter_preview(main_window: QWidget) -> QWidget:
    editor: Any = _open[-1] if _open else _letter(main_window)
    _resolve(editor)
    preview = editor.show_preview()
    preview.resize(*SIZE)
    _open.append(preview)
    _settle()
    # QPdfView draws its pages in a thread of its own: give it a moment before the picture.
    loop = QEventLoop()
    QTimer.singleShot(800, loop.quit)
    loop.exec()
    return preview  # type: ignore[no-any-return]


def _printouts(main_window: QWidget) -> QWidget:
    from iro_desktop.gui.letters import open_printouts

    _close_previous()
    record = _record(main_window)
    dialog = open_printouts(record, record.ctx, record.child_id)
    _open.append(dialog)
    _settle()
    return dialog  # type: ignore[no-any-return]


def _done(main_window: QWidget) -> QWidget:
    _close_previous()
    return main_window


def steps() -> list[tuple[str, Callable[[QWidget], QWidget]]]:
    return [
        ("letter-editor", _letter),
        ("letter-preview", _letter_preview),
        ("printouts", _printouts),
        ("letter-done", _done),
    ]
