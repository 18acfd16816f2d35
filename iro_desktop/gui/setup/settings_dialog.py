"""Settings: the IRO's own settings from the declared registry (``domain.settings``),
each with its help text and its problem beside it; the authority's settings and this
computer's shown read-only. A value the machine-wide policy fixes is read-only too, with
"set by your organisation"; one the central store supplies says "set by your
organisation's central store". The values in force are read as ``iro-desktop settings``
reads them (``store.reads.profile.setting_rows``).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from iro_desktop.domain.errors import Problems, ValidationError
from iro_desktop.domain.settings import SETTINGS, coerce
from iro_desktop.gui.context import Context
from iro_desktop.gui.save_dialog import SaveDialog
from iro_desktop.gui.setup.fixed import CENTRAL_NOTE, FIXED_NOTE, mark_fixed
from iro_desktop.gui.style import muted
from iro_desktop.store.ops.core import Op

# Where each of the IRO's own settings has its access key (Alt and the letter), in its
# registry label (``Setting.label``).
ACCESS_KEYS = {"idle_lock_minutes": 0, "text_size_percent": 0, "default_language": 8}


def label(key: str, *, access: bool = False) -> str:
    """A setting's name on screen, from the one registry; with its access key if asked."""
    text = SETTINGS[key].label
    at = ACCESS_KEYS.get(key) if access else None
    return text if at is None else f"{text[:at]}&{text[at:]}"


USER_KEYS = tuple(key for key, s in SETTINGS.items() if s.scope == "user")


def shown(value: object) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "(none)"
    return str(value) if value not in ("", None) else "(not set)"


class SettingsDialog(SaveDialog):
    """``saved`` carries the user settings now in force (``{key: value}``)."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent, ctx, "", "Settings")
        self.intro.setText(
            "Your own settings on this laptop. Your authority's settings, and any your "
            "organisation has set for this computer, are shown for reference."
        )
        self.loaded_values: dict[str, object] = {}
        self.fixed: set[str] = set()
        f = self.form
        f.add_heading("Your settings")
        for key in USER_KEYS:
            declared = SETTINGS[key]
            editor: QWidget = self._choices(key) if declared.choices else QLineEdit()
            f.add(key, label(key, access=True), editor, declared.help)
            help_label = muted(QLabel(declared.help))
            help_label.setWordWrap(True)
            help_label.setAccessibleName(f"About {label(key)}")
            f.add_widget(help_label)
        f.add_heading("Your authority's and this computer's settings (read-only)")
        self.others = QWidget()
        self.others.setAccessibleName("Other settings")
        self.others_grid = QGridLayout(self.others)
        self.others_grid.setContentsMargins(0, 0, 0, 0)
        f.add_widget(self.others)
        ctx.read(read_rows, self._fill)

    def _choices(self, key: str) -> QComboBox:
        combo = QComboBox()
        if key == "default_language":
            from iro_desktop.documents.wording import languages

            names = {lang.code: lang.label for lang in languages()}
        else:
            names = {}
        for code in SETTINGS[key].choices:
            combo.addItem(names.get(code, code), code)
        return combo

    def _fill(self, rows: list[Any]) -> None:
        values = {}
        row_number = 0
        for row in rows:
            if row.scope == "user":
                values[row.key] = row.value
                if row.fixed_by:
                    self.fixed.add(row.key)
                    mark_fixed(self.form.editors[row.key], row.help)
                continue
            name = QLabel(f"<b>{html.escape(label(row.key))}</b>")
            note = FIXED_NOTE if row.fixed_by else CENTRAL_NOTE if row.supplied else ""
            value = QLabel(shown(row.value) + (f"  ({note})" if note else ""))
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(label(row.key))
            value.setToolTip(row.help)
            self.others_grid.addWidget(name, row_number, 0, Qt.AlignmentFlag.AlignTop)
            self.others_grid.addWidget(value, row_number, 1)
            row_number += 1
        self.others_grid.setColumnStretch(1, 1)
        self.loaded_values = dict(values)
        self.form.set_values(values)
        self.loaded.emit()

    def operation(self) -> Callable[[Op], Any]:
        typed = self.form.values()
        wanted: dict[str, object] = {}
        problems: list[ValidationError] = []
        for key in USER_KEYS:
            if str(typed[key]).strip() == str(self.loaded_values.get(key, "")):
                continue
            try:
                wanted[key] = coerce(key, typed[key])
            except ValidationError as exc:
                problems.append(exc)
        if problems:
            raise Problems(problems)

        loaded = dict(self.loaded_values)

        def work(op: Op) -> dict[str, object]:
            from iro_desktop.store.ops.settings_write import set_many_in_operation

            loaded.update(set_many_in_operation(op, wanted))
            return loaded

        return work


def read_rows(session: Any) -> list[Any]:
    from iro_desktop.store.reads.profile import setting_rows

    return setting_rows(session)
