"""How a value the machine-wide policy fixes looks: read-only, and saying who set it."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLabel, QLineEdit, QWidget

FIXED_NOTE = "set by your organisation"


def mark_fixed(editor: QWidget, help_text: str) -> None:
    """Make ``editor`` read-only and say, on its caption and to a screen reader, that the
    organisation set it."""
    if isinstance(editor, QLineEdit):
        editor.setReadOnly(True)
    elif isinstance(editor, QAbstractSpinBox):
        editor.setReadOnly(True)
        editor.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
    elif isinstance(editor, QComboBox):
        editor.setEnabled(False)
    else:
        editor.setEnabled(False)
    editor.setToolTip(f"{FIXED_NOTE.capitalize()}: {help_text}")
    editor.setAccessibleDescription(FIXED_NOTE.capitalize())
    parent = editor.parentWidget()
    for caption in parent.findChildren(QLabel) if parent is not None else []:
        if caption.buddy() is editor and FIXED_NOTE not in caption.text():
            caption.setText(f"{caption.text()}\n({FIXED_NOTE})")
