"""GUI fixtures: a real main window on a private copy of the encrypted demo caseload.

Windows use ``InlineRunner`` so each database call finishes before the next line of the
test; the real thread pool is exercised by the tour and the bench.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from iro_desktop.cli.demo_cmd import DEMO_PASSPHRASE
from tests.conftest import TODAY

_OPEN: list = []  # type: ignore[type-arg]


def make_window(folder: Path, qtbot=None, runner=None):  # type: ignore[no-untyped-def]
    """Not given to qtbot.addWidget: pytest-qt would close it before our teardown, and a
    window with unsaved changes would then wait forever on its "Save?" question. The
    runner is inline unless the test brings its own."""
    from iro_desktop.gui.main_window import MainWindow
    from iro_desktop.gui.tasks import InlineRunner

    window = MainWindow(folder, runner=runner or InlineRunner(), demo=True, today=TODAY)
    window.resize(1366, 768)
    window.show()
    _OPEN.append(window)
    return window


@pytest.fixture(autouse=True, scope="session")
def collect_on_main_thread(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """As the program does: the garbage collector never runs in a worker thread."""
    from iro_desktop.gui.tasks import MainThreadGC

    collector = MainThreadGC()
    collector.start()
    yield
    collector.stop()


@pytest.fixture(autouse=True, scope="session")
def the_programs_look(qapp) -> None:  # type: ignore[no-untyped-def]
    """Every GUI test sees what an IRO sees: the look ``gui/app.py`` gives the program at
    start (Fusion and the style sheet's padding and focus rings), not Qt's bare default.
    A test that changes the look puts this one back (``system_look``, ``large_text``)."""
    from iro_desktop.gui import style

    style.apply(qapp)


@pytest.fixture(autouse=True)
def the_look_is_put_back(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """A test that leaves the application's font, palette, style sheet or font
    substitutions changed fails here, by name, instead of making a later test in its
    process fail (an Amharic page once left every later page's words taller)."""
    from PySide6.QtGui import QFont, QPalette

    def look() -> tuple[object, ...]:
        family = qapp.font().family()
        return (qapp.font().toString(), qapp.styleSheet(), qapp.style().name(),
                QPalette(qapp.palette()), QFont.substitutes(family))  # fmt: skip

    before = look()
    yield
    after = look()
    names = ("font", "style sheet", "style", "palette", "font substitutions")
    changed = [name for name, was, now in zip(names, before, after, strict=True) if was != now]
    assert not changed, f"the test changed the application's {', '.join(changed)}"


@pytest.fixture(autouse=True)
def close_windows() -> Iterator[None]:
    yield
    release_held_keys()
    while _OPEN:
        window = _OPEN.pop()
        if window.ctx is not None:
            window.lock()  # never asks; unsaved work is kept as a draft
        window.close()
        window.deleteLater()


def release_held_keys() -> None:
    """A key press whose window locked or closed before its release leaves Qt thinking
    the modifier is still held (``QApplication.keyboardModifiers()``); the next test's
    ``selectRow`` would then extend or toggle the selection, as with Shift or Ctrl down.
    Release them here so no test depends on which test ran before it in its process."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    held = QApplication.keyboardModifiers()
    if held == Qt.KeyboardModifier.NoModifier:
        return
    sink = QWidget()
    for modifier, key in ((Qt.KeyboardModifier.ShiftModifier, Qt.Key.Key_Shift),
                          (Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Control),
                          (Qt.KeyboardModifier.AltModifier, Qt.Key.Key_Alt),
                          (Qt.KeyboardModifier.MetaModifier, Qt.Key.Key_Meta)):  # fmt: skip
        if held & modifier:
            QTest.keyRelease(sink, key)
    sink.deleteLater()
    assert QApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier


@pytest.fixture
def locked_window(demo_folder: Path, qtbot):  # type: ignore[no-untyped-def]
    return make_window(demo_folder, qtbot)


@pytest.fixture
def window(locked_window):  # type: ignore[no-untyped-def]
    locked_window.try_unlock(DEMO_PASSPHRASE)
    assert not locked_window.is_locked()
    return locked_window


@pytest.fixture
def record(window) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """The record of a child with a full history (the caseload's first non-overdue row)."""
    rows = window.workspace.caseload.model.rows
    child = next(r for r in rows if not r.overdue and r.age >= 4)
    window.workspace.open_child(child.child_id)
    yield window.workspace.record


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Every ``Context.read`` from now on, counted by the class of the view it is for."""
    from iro_desktop.gui.context import Context, owner_of

    counted: Counter[str] = Counter()
    real = Context.read

    def read(self: Context, fn: Any, on_done: Any, on_error: Any = None, **kw: Any) -> None:
        counted[type(owner_of(on_done, kw.get("owner"))).__name__] += 1
        real(self, fn, on_done, on_error, **kw)

    monkeypatch.setattr(Context, "read", read)
    return counted
