"""Looks shared by every screen. The system palette and font size are kept (light or
dark, large text); the style sheet only adds a strong focus ring for keyboard users and
a little breathing room, using palette colours so dark mode stays readable."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QWidget

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
