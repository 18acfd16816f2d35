"""The program follows the system's palette (light or dark) and its font size."""

from __future__ import annotations

import os
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


SCRIPT_FONTS = """
import json, sys
from PySide6.QtGui import QFontMetrics, QTextLayout
from PySide6.QtWidgets import QApplication
from iro_desktop.documents import wording
from iro_desktop.gui import style

app = QApplication([])
names = " ".join(wording.load(code).native_name for code in wording.available())
def drawn_in(text):
    layout = QTextLayout(text, app.font())
    layout.beginLayout(); layout.createLine(); layout.endLayout()
    return sorted({run.rawFont().familyName().casefold() for run in layout.glyphRuns()})
before = [style.lacks_letters(names), QFontMetrics(app.font()).height(), drawn_in("Wren")]
added = style.add_script_fonts()
after = [style.lacks_letters(names), QFontMetrics(app.font()).height(), drawn_in("Wren")]
json.dump({"before": before, "added": added, "after": after,
           "tigrinya": drawn_in(wording.load("ti").native_name)}, sys.stdout)
"""


def test_every_languages_own_name_shows_in_letters_in_every_screen() -> None:
    """At start (``gui.app.preload_workspace``) the bundled fonts for scripts the laptop
    lacks are added, so "ትግርኛ (Tigrinya)" in the profile's, the letter's and the
    settings' lists is letters, not boxes; Latin words keep the system font and size.
    In a fresh process: a font added once stays added for the rest of a run."""
    import json
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "-c", SCRIPT_FONTS], capture_output=True, text=True,
                         env=env, check=True)  # fmt: skip
    seen = json.loads(run.stdout)
    assert seen["after"][0] is False  # no language's own name lacks a letter now
    assert seen["after"][1:] == seen["before"][1:]  # Latin: the same font, the same height
    if seen["before"][0]:  # this laptop had no Ethiopic font of its own (this machine: none)
        assert "Noto Sans Ethiopic" in seen["added"]
        assert "noto sans ethiopic" in seen["tigrinya"]
