"""The child's profile, editable in place: errors beside the field, drafts autosaved,
and each save undoable (Edit > Undo) through the operation layer."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.documents.wording import languages
from iro_desktop.domain import codes
from iro_desktop.domain.errors import ValidationError
from iro_desktop.gui.context import Context
from iro_desktop.gui.forms import Form, code_combo, date_text, lines_high, read_date
from iro_desktop.gui.save_dialog import autosave_timer
from iro_desktop.gui.wheel import wheel_scrolls_form
from iro_desktop.store import drafts
from iro_desktop.store.ops import children as child_ops
from iro_desktop.store.schema import Child

TEXT_FIELDS = (
    ("first_name", "&First name"), ("last_name", "&Last name"),
    ("preferred_name", "&Preferred name"), ("pronouns", "Pro&nouns"),
    ("date_of_birth", "Date of &birth"), ("became_looked_after", "Became looked &after"),
    ("gender", "&Gender"), ("ethnicity", "&Ethnicity"), ("first_language", "First lan&guage"),
    ("school", "&School"),
)  # fmt: skip
LONG_FIELDS = (
    ("communication_needs", "Communication needs"), ("disability", "Disability"),
    ("permanence_plan", "Permanence plan"),
)  # fmt: skip
DATE_FIELDS = ("date_of_birth", "became_looked_after")


def child_values(child: Child) -> dict[str, Any]:
    """The child's saved profile as the form shows it (dates as typed text)."""
    out: dict[str, Any] = {}
    for key, _label in (*TEXT_FIELDS, *LONG_FIELDS):
        value = getattr(child, key)
        out[key] = date_text(value) if key in DATE_FIELDS else (value or "")
    out["interpreter_needed"] = bool(child.interpreter_needed)
    out["category_of_need"] = child.category_of_need
    out["language_code"] = child.language_code or None
    return out


def to_fields(values: dict[str, Any], only: set[str] | None = None) -> dict[str, Any]:
    """Form values as the operation wants them; bad dates raise ValidationError here."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if only is not None and key not in only:
            continue
        out[key] = read_date(value, key) if key in DATE_FIELDS else value
    return out


class ProfileForm(QWidget):
    saved = Signal()

    def __init__(self, ctx: Context, child_id: str) -> None:
        super().__init__()
        self.ctx, self.child_id = ctx, child_id
        self.name = ""
        self.saved_values: dict[str, Any] = {}
        self.form = Form()
        self.form.aliases = {"legal_status_start": "became_looked_after"}
        for key, label in TEXT_FIELDS:
            editor = QLineEdit()
            if key in DATE_FIELDS:
                editor.setPlaceholderText("DD/MM/YYYY")
            self.form.add(key, label, editor, "DD/MM/YYYY" if key in DATE_FIELDS else "")
        self.form.add("interpreter_needed", "Interpreter needed", QCheckBox("Yes"))
        self.form.add("category_of_need", "Category of need",
                      code_combo(codes.CATEGORIES_OF_NEED, "Not recorded"))  # fmt: skip
        self.form.add("language_code", "Letters and child mode in",
                      code_combo({lang.code: lang.label for lang in languages()},
                                 "Not chosen: the authority's default"),
                      "The language of the child's letters (until one is written in "
                      "another) and of child mode's questions.")  # fmt: skip
        for key, label in LONG_FIELDS:
            box = QPlainTextEdit()
            box.setTabChangesFocus(True)
            box.setFixedHeight(lines_high(box, 4))  # four lines, whatever the font size
            self.form.add(key, label, box)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName("Draft restored")
        self.banner.hide()
        self.save_button = QPushButton("&Save profile")
        self.revert_button = QPushButton("&Discard changes")
        for button in (self.save_button, self.revert_button):
            button.setAccessibleName(button.text().replace("&", ""))
            button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.autosave = autosave_timer(self, self.save_draft)
        self.form.on_edit(self._edited)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.wheel = wheel_scrolls_form(scroll)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

    @property
    def draft_key(self) -> str:
        return f"profile:{self.child_id}"

    def is_dirty(self) -> bool:
        return bool(self.saved_values) and self.form.values() != self.saved_values

    def set_child(self, child: Child) -> None:
        """Show the saved profile, unless the IRO is part way through changing it."""
        self.name = child.display_name
        fresh = child_values(child)
        if self.is_dirty():
            self.saved_values = fresh
            return
        self.saved_values = fresh
        self.form.set_values(fresh)
        self._edited(autosave=False)
        key, caseload = self.draft_key, self.ctx.caseload
        self.ctx.run(lambda: drafts.load_draft(caseload, key), self._draft_loaded)

    def _draft_loaded(self, draft: drafts.Draft | None) -> None:
        if draft is None or draft.values == self.saved_values:
            return
        self.form.set_values(draft.values)
        when = draft.saved_at.astimezone().strftime("%H:%M on %d/%m/%Y")
        self.banner.setText(
            f"Restored changes you had not saved (autosaved at {when}). "
            "Save them, or discard them to go back to the saved profile."
        )
        self.banner.show()
        self._edited(autosave=False)

    def _edited(self, *_args: object, autosave: bool = True) -> None:
        dirty = self.is_dirty()
        if not dirty and (self.save_button.hasFocus() or self.revert_button.hasFocus()):
            self.form.setFocus()  # a disabled button's focus would go anywhere
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        if autosave:
            self.autosave.start()

    def save_draft(self) -> None:
        self.autosave.stop()
        caseload, key, cid = self.ctx.caseload, self.draft_key, self.child_id
        if self.is_dirty():
            values = self.form.values()
            self.ctx.run(
                lambda: drafts.save_draft(caseload, key, cid, values), lambda _r: None, owner=self
            )
        else:
            self.ctx.run(lambda: drafts.discard_draft(caseload, key), lambda _r: None, owner=self)

    def revert(self) -> None:
        self.form.set_values(self.saved_values)
        self.form.clear_errors()
        self.banner.hide()
        self._edited()
        self.save_draft()

    def save(self) -> None:
        self.form.clear_errors()
        current = self.form.values()
        changed = {k for k, v in current.items() if self.saved_values.get(k) != v}
        try:
            after = to_fields(current, changed)
        except ValidationError as exc:
            self.form.show_error(exc)
            return
        self.write(after)

    def write(self, fields: dict[str, Any]) -> None:
        """One store operation; ``Context.write`` puts it on the undo stack (``gui.undo``)."""
        child_id, today = self.child_id, self.ctx.today

        def work(op: Any) -> Child:
            child = op.session.get(Child, child_id)
            return child_ops.update_child(op, child, today=today, **fields)

        def done(child: Child) -> None:
            self.banner.hide()
            self.saved_values = {}
            self.set_child(child)
            self.save_draft()
            self.ctx.signals.status.emit(f"Saved {child.display_name}'s profile at "
                                         f"{datetime.now():%H:%M}")  # fmt: skip
            self.saved.emit()

        self.ctx.write(work, done, self._failed, owner=self)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ValidationError):
            self.form.show_error(error)
        else:
            self.form.show_error(ValidationError("profile", f"could not be saved: {error}"))
