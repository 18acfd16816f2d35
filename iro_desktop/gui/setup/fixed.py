"""How a value the machine-wide policy fixes, or the central store supplies, looks:
read-only, and saying who set it."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLabel, QLineEdit, QWidget

from iro_desktop.domain.settings import CENTRAL_STORE_NOTE

FIXED_NOTE = "set by your organisation"
CENTRAL_NOTE = CENTRAL_STORE_NOTE  # "set by your organisation's central store"


def mark_fixed(editor: QWidget, help_text: str, note: str = FIXED_NOTE) -> None:
    """Make ``editor`` read-only and say, on its caption and to a screen reader, who set it
    (``note``: the organisation's policy, or its central store)."""
    if isinstance(editor, QLineEdit):
        editor.setReadOnly(True)
    elif isinstance(editor, QAbstractSpinBox):
        editor.setReadOnly(True)
        editor.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
    elif isinstance(editor, QComboBox):
        editor.setEnabled(False)
    else:
        editor.setEnabled(False)
    editor.setToolTip(f"{note[0].upper()}{note[1:]}: {help_text}")
    editor.setAccessibleDescription(f"{note[0].upper()}{note[1:]}")
    parent = editor.parentWidget()
    for caption in parent.findChildren(QLabel) if parent is not None else []:
        if caption.buddy() is editor and note not in caption.text():
            caption.setText(f"{caption.text()}\n({note})")
