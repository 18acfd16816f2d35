"""The program follows the system's palette (light or dark) and its font size."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QFont, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from iro_desktop.gui import style
from iro_desktop.store.demo import DEMO_PASSPHRASE
from tests.gui.conftest import make_window

DARK = {
    QPalette.ColorRole.Window: "#202124",
    QPalette.ColorRole.WindowText: "#e8eaed",
    QPalette.ColorRole.Base: "#181818",
    QPalette.ColorRole.AlternateBase: "#2a2a2a",
    QPalette.ColorRole.Text: "#e8eaed",
    QPalette.ColorRole.Button: "#303134",
    QPalette.ColorRole.ButtonText: "#e8eaed",
}


@pytest.fixture
def system_look(qapp: QApplication) -> Iterator[QApplication]:
    """Put back the palette and font a test changes, for the tests after it."""
    palette, font, sheet = QPalette(qapp.palette()), QFont(qapp.font()), qapp.styleSheet()
    yield qapp
    qapp.setPalette(palette)
    qapp.setFont(font)
    qapp.setStyleSheet(sheet)


def mean_lightness(image: QImage) -> float:
    step = 8
    values = [
        QColor(image.pixel(x, y)).lightnessF()
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    ]
    return sum(values) / len(values)


def open_home(folder, qtbot):  # type: ignore[no-untyped-def]
    window = make_window(folder, qtbot)
    window.try_unlock(DEMO_PASSPHRASE)
    assert not window.is_locked()
    QApplication.processEvents()
    return window


def test_a_dark_system_palette_gives_dark_screens(demo_folder, qtbot, system_look) -> None:  # type: ignore[no-untyped-def]
    light = open_home(demo_folder, qtbot)
    light_level = mean_lightness(light.grab().toImage())
    light.lock()
    dark_palette = QPalette(system_look.palette())
    for role, colour in DARK.items():
        dark_palette.setColor(role, QColor(colour))
    system_look.setPalette(dark_palette)
    style.apply(system_look)  # what the program does at start: it must keep the palette
    assert system_look.palette().color(QPalette.ColorRole.Window) == QColor(
        DARK[QPalette.ColorRole.Window]
    )
    dark = open_home(demo_folder, qtbot)
    dark_level = mean_lightness(dark.grab().toImage())
    assert light_level > 0.6
    assert dark_level < 0.35, "some screen paints fixed light colours over a dark palette"


def test_text_follows_the_system_font_size(demo_folder, qtbot, system_look) -> None:  # type: ignore[no-untyped-def]
    font = QFont(system_look.font())
    font.setPointSizeF(font.pointSizeF() * 1.5)
    system_look.setFont(font)
    style.apply(system_look)
    window = open_home(demo_folder, qtbot)
    window.workspace.go(1)  # the caseload
    sizes = [
        label.font().pointSizeF()
        for label in window.findChildren(QLabel)
        if label.isVisible() and label.text()
    ]
    assert sizes
    assert min(sizes) >= font.pointSizeF() * 0.8  # nothing pinned to a small fixed size
