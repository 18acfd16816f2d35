"""The Figures screen's steps in ``iro-desktop tour``: last year's figures, the children
behind one of them, and this year's."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from iro_desktop.gui.signals import PAGES

if TYPE_CHECKING:
    from iro_desktop.gui.figures.view import FiguresView
    from iro_desktop.gui.main_window import MainWindow

Step = tuple[str, Callable[["MainWindow"], QWidget]]


def _view(window: MainWindow) -> FiguresView:
    assert window.workspace is not None and window.workspace.figures is not None
    window.workspace.go(PAGES.index("Figures"))
    return window.workspace.figures


def _last_year(window: MainWindow) -> QWidget:
    _view(window).period_box.setCurrentIndex(1)  # a whole year of history
    return window


def _behind(window: MainWindow) -> QWidget:
    dialog = _view(window).open_items("reviews_in_timescale")
    assert dialog is not None
    return dialog


def _this_year(window: MainWindow) -> QWidget:
    view = _view(window)
    if view.dialog is not None:
        view.dialog.close()
    view.period_box.setCurrentIndex(0)
    return window


def tour_steps() -> list[Step]:
    return [("figures", _last_year), ("figures-behind-a-figure", _behind),
            ("figures-this-year", _this_year)]  # fmt: skip
