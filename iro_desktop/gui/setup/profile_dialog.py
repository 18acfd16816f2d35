"""Your profile: who you are (for letters and cards) and your authority's contacts.

A contact the machine-wide policy fixes is shown read-only with "set by your
organisation", one the central store supplies with "set by your organisation's central
store"; the rest are the authority's declared settings, kept on this laptop.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from iro_desktop.domain.errors import Problems, ValidationError
from iro_desktop.domain.settings import SETTINGS, coerce
from iro_desktop.gui.context import Context
from iro_desktop.gui.save_dialog import SaveDialog
from iro_desktop.gui.setup.fixed import CENTRAL_NOTE, mark_fixed
from iro_desktop.store.ops.core import Op

AUTHORITY_LABELS = {
    "authority_name": "&Authority",
    "authority_phone": "Authority's p&hone",
    "authority_email": "Authority's e&mail",
    "advocacy_service": "Ad&vocacy service",
    "advocacy_phone": "Advocacy service's phone",
    "children_in_care_council": "Children in Care &Council",
    "children_in_care_council_phone": "Children in Care Council's phone",
    "forms_return": "Where &forms go back to",
}
# What to type in a contact not set yet (it is required, so no default ever prints).
AUTHORITY_HINTS = {
    "authority_name": "Required: your council's name, as on its letters",
    "advocacy_service": "Required: the advocacy service's name",
    "advocacy_phone": "Required: the advocacy service's free phone number",
    "children_in_care_council": "Required: your council's Children in Care Council name",
    "children_in_care_council_phone": "Required: the Children in Care Council's phone number",
    "forms_return": "Required: the postal address paper forms go back to",
}
PHOTO_SIDE = 72


class ProfileDialog(SaveDialog):
    """``first_run``: says where the IRO is in setting up, and what comes next, and offers
    to connect to the central store first (``connect_first``), so the contacts it supplies
    need not be typed; ``take_supplied`` then shows them, keeping whatever was typed."""

    connect_first = Signal()

    def __init__(self, ctx: Context, parent: QWidget | None = None, *, first_run: bool = False):
        super().__init__(parent, ctx, "", "Your profile")
        self.photo_path: Path | None = None
        self.photo: bytes | None = None
        self.keep_photo = True
        self.fixed: frozenset[str] = frozenset()
        self.intro.setText(
            ("Step 2 of 3. " if first_run else "")
            + "Your name, role and contact details go on every letter and contact card you "
            "print, so a child knows who wrote and how to reach you. Your authority's "
            "contacts go on them too." + (" Next you will add your children." if first_run else "")
        )
        f = self.form
        f.add_heading("You")
        f.add("name", "Your &name", QLineEdit(), required=True)
        f.add("role", "&Role", QLineEdit())
        f.add("email", "&Email", QLineEdit(), "name@your-authority.gov.uk", required=True)
        f.add("phone", "&Phone", QLineEdit())
        f.add("mobile", "M&obile", QLineEdit())
        f.add("team", "&Team", QLineEdit(), "Your team or service, printed with your name")
        self.photo_label = QLabel("No photo")
        self.photo_label.setAccessibleName("Photo")
        self.photo_label.setFixedSize(PHOTO_SIDE, PHOTO_SIDE)
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        choose = QPushButton("Choose a photo…")
        choose.clicked.connect(self._choose_photo)
        remove = QPushButton("No photo")
        remove.clicked.connect(lambda: self.set_photo(None))
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.photo_label)
        line.addWidget(choose)
        line.addWidget(remove)
        line.addStretch(1)
        f.add("photo", "P&hoto (optional)", row, "A friendly photo helps a young child")
        f.add_heading("Your authority")
        self.central: QPushButton | None = None
        self.central_message = QLabel()
        self.central_message.setWordWrap(True)
        self.central_message.setAccessibleName("Central store")
        self.central_message.hide()
        if first_run:
            self.central = QPushButton("My authority has a central store: connect first")
            self.central.setToolTip(
                "Connect to your authority's central store now; the contacts it supplies "
                "are filled in for you"
            )
            self.central.clicked.connect(self.connect_first.emit)
            where = f.grid.rowCount()
            f.grid.addWidget(self.central, where, 1, Qt.AlignmentFlag.AlignLeft)
            f.grid.addWidget(self.central_message, where + 1, 1)
        for key, label in AUTHORITY_LABELS.items():
            f.add(key, label, QLineEdit(), SETTINGS[key].help, required=key == "authority_name")
        ctx.read(read_profile_facts, self._fill)

    def _fill(self, facts: Any) -> None:
        self.form.set_values(
            {
                "name": facts.name,
                "role": facts.role,
                "email": facts.email,
                "phone": facts.phone,
                "mobile": facts.mobile,
                "team": facts.team,
                **facts.authority,
            }
        )
        for key in facts.unset:  # a default is the demo's: the IRO gives their own
            editor = self.form.editors[key]
            assert isinstance(editor, QLineEdit)
            if facts.authority[key] and key in AUTHORITY_HINTS:
                editor.setPlaceholderText(AUTHORITY_HINTS[key])
            editor.clear()
        self.photo = facts.photo
        self._show_photo(facts.photo)
        self.fixed = facts.fixed | facts.supplied
        for key in facts.fixed:
            mark_fixed(self.form.editors[key], SETTINGS[key].help)
        for key in facts.supplied:
            mark_fixed(self.form.editors[key], SETTINGS[key].help, CENTRAL_NOTE)
        self.loaded.emit()

    # --- connecting first ------------------------------------------------------------

    def take_supplied(self) -> None:
        """After a sync: show what the central store now supplies, read-only; every other
        field keeps what the IRO typed."""
        self.ctx.read(read_profile_facts, self._supplied)

    def _supplied(self, facts: Any) -> None:
        new = sorted(facts.supplied - self.fixed)
        for key in new:
            editor = self.form.editors[key]
            assert isinstance(editor, QLineEdit)
            editor.setText(str(facts.authority[key]))
            mark_fixed(editor, SETTINGS[key].help, CENTRAL_NOTE)
            self.form.required.discard(key)
            self.form.clear_error(key)
        self.fixed = self.fixed | facts.supplied
        if self.central is not None:  # connected now: later syncs keep them up to date
            self.central.hide()
        if new:
            self.say_central("Connected: the contacts your central store supplies are filled in.")
        else:
            self.say_central("Connected, but your central store supplies none of these contacts.")

    def say_central(self, text: str) -> None:
        """Say how connecting first went (a failure says why; nothing else changes)."""
        self.central_message.setText(text)
        self.central_message.show()

    # --- the photo ------------------------------------------------------------------

    def _choose_photo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Choose a photo", str(Path.home()), "Pictures (*.png *.jpg *.jpeg)"
        )
        if name:
            self.set_photo(Path(name))

    def set_photo(self, path: Path | None) -> None:
        """A picture file for the profile, or None for no photo."""
        self.form.clear_errors()
        if path is not None and QImage(str(path)).isNull():
            self.form.show_error(ValidationError("photo", "is not a picture this can read"))
            return
        self.photo_path, self.keep_photo = path, False
        self.photo = None
        self._show_photo(path.read_bytes() if path is not None else None)
        self._typed()

    def _show_photo(self, data: bytes | None) -> None:
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            side = PHOTO_SIDE
            self.photo_label.setPixmap(
                pixmap.scaled(
                    side,
                    side,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.photo_label.clear()
            self.photo_label.setText("No photo")

    # --- saving ---------------------------------------------------------------------

    def operation(self) -> Callable[[Op], Any]:
        from iro_desktop.store.ops.profile import Profile, check_email, save_profile

        v = self.form.values()
        authority = {k: str(v[k]) for k in AUTHORITY_LABELS if k not in self.fixed}
        problems = []
        if str(v["email"]).strip():  # checked here too, so it shows with the rest at once
            try:
                check_email(str(v["email"]), "email")
            except ValidationError as exc:
                problems.append(exc)
        for key, value in authority.items():  # every contact's problem at once
            try:
                coerce(key, value)
            except ValidationError as exc:
                problems.append(exc)
        if problems:
            raise Problems(problems)
        path, kept = self.photo_path, self.photo if self.keep_photo else None

        def work(op: Op) -> Any:
            photo = kept
            if path is not None:
                try:
                    photo = path.read_bytes()
                except OSError as exc:
                    raise ValidationError("photo", "could not be read") from exc
            profile = Profile(name=v["name"], email=v["email"], role=v["role"],
                              phone=v["phone"], mobile=v["mobile"], team=v["team"],
                              photo=photo, authority=authority)  # fmt: skip
            return save_profile(op, profile).name

        return work


def read_profile_facts(session: Any) -> Any:
    from iro_desktop.store.reads.profile import read_profile

    return read_profile(session)
