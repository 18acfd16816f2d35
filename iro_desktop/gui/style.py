"""Looks shared by every screen. The system palette and font size are kept (light or
dark, large text); the style sheet only adds a strong focus ring for keyboard users and
a little breathing room, using palette colours so dark mode stays readable."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from iro_desktop.resources import fonts_dir

STYLE_SHEET = """
*:focus { outline: none; }
QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus, QSpinBox:focus,
QTableView:focus, QTreeView:focus, QListView:focus, QTreeWidget:focus {
    border: 2px solid palette(highlight);
}
QPushButton:focus, QToolButton:focus, QCheckBox:focus {
    outline: 2px solid palette(highlight);
    border: 2px solid palette(highlight);
}
QTabBar::tab { border: 2px solid transparent; border-bottom: none; padding: 4px 12px;
    margin-right: 2px; background: palette(button); border-top-left-radius: 4px;
    border-top-right-radius: 4px; }
QTabBar::tab:!selected { border-color: palette(midlight); border-bottom: none; }
QTabBar::tab:selected { background: palette(base); border-color: palette(mid); }
QTabBar::tab:focus { border-color: palette(highlight); }
QPushButton { padding: 5px 14px; }
QFrame#card { border: 1px solid palette(mid); border-radius: 8px; background: palette(base); }
QLabel#message { color: #ffffff; background: #a4262c; border-radius: 3px; padding: 4px 8px; }
QLabel#banner { background: palette(alternate-base); border: 1px solid palette(highlight);
    border-radius: 4px; padding: 6px 10px; }
QListWidget#nav { border: none; background: palette(window); }
QListWidget#nav::item:selected { background: palette(highlight); color: palette(highlighted-text); }
QPushButton#tile { text-align: left; padding: 10px 14px; border: 1px solid palette(mid);
    border-radius: 6px; background: palette(base); }
QPushButton#tile:checked { border: 2px solid palette(highlight); }
"""


STYLE = "Fusion"  # the same look offscreen, on Windows and on Linux
STYLE_ARGS = ["-style", STYLE]  # for a new QApplication: no QStyle object in Python needed


def apply(app: QApplication, *, style_set: bool = False) -> None:
    """``style_set``: the application was made with ``STYLE_ARGS``. Asking Qt for its
    style from Python builds every QStyle enum, about 20 ms at start-up."""
    if not style_set:
        app.setStyle(STYLE)
    app.setStyleSheet(STYLE_SHEET)


def heading(text: str, scale: float = 1.35) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


def muted(label: QLabel) -> QLabel:
    label.setForegroundRole(label.foregroundRole())
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


def set_bold(widget: QWidget, bold: bool = True) -> None:
    font = QFont(widget.font())
    font.setBold(bold)
    widget.setFont(font)


def fit_screen(widget: QWidget, width: int, height: int) -> None:
    """Open at ``width`` x ``height`` where the screen has room, else as large as it allows:
    a 1366x768 laptop leaves about 728 pixels under the taskbar and title bar."""
    available = widget.screen().availableGeometry()
    widget.resize(min(width, available.width()), min(height, available.height() - 40))


def lacks_letters(text: str) -> bool:
    """Whether the usual font has no glyph for some letter of ``text``."""
    metrics = QFontMetrics(QApplication.font())
    return any(ch.isalpha() and not metrics.inFontUcs4(ord(ch)) for ch in text)


@cache
def bundled_font(name: str) -> list[str]:
    """Adds the language's bundled letter font (``resources/fonts``) to Qt, once per font per
    run, and gives its family names. Added, so Qt falls back on it for characters the usual
    font lacks (``add_script_fonts``); child mode also names it as its window's fallback
    family. Never a substitution for the program's family: that once drew every later
    screen's words in it, taller."""
    families: list[str] = []
    for weight in ("Regular", "Bold"):
        for path in sorted(fonts_dir().rglob(f"{name}-{weight}.ttf")):
            found = QFontDatabase.addApplicationFont(str(path))
            if found >= 0:
                families += QFontDatabase.applicationFontFamilies(found)
    return list(dict.fromkeys(families))


def add_script_fonts() -> list[str]:
    """Adds, once at start, the bundled font of each letter language whose script the
    laptop's own font lacks (Ethiopic, for Amharic and Tigrinya): Qt falls back on it for
    those characters only, so a language's own name in a list ("ትግርኛ (Tigrinya)") shows as
    letters, not boxes, and every other word keeps the system font and its size."""
    from iro_desktop.documents import wording

    added: list[str] = []
    for code in wording.available():
        language = wording.load(code)
        if lacks_letters(language.native_name):
            added += [f for f in bundled_font(language.font) if f not in added]
    return added
