"""Import children: a CSV file (one row a child) or the authority's SSDA903 extract folder.

The file is checked as soon as it is chosen, by running the import and rolling it back
(``store.import_check``): every problem is listed with its row and column and nothing is
written; the IRO puts them right in the file and checks again. Import is offered only
once the check finds none, and writes all the rows or none.

The import is one undoable write (Edit > Undo; the main window puts its Undo and Redo on
this dialog too, so Ctrl+Z works here while the dialog blocks the window). While the
dialog is open it follows that write: an undo or redo of it, once written, changes what
the dialog says, so it never says "Imported." about an import that was taken back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.gui import errors
from iro_desktop.gui.context import Context
from iro_desktop.gui.style import fit_screen, heading

CSV_COLUMNS = ("child_ref, first_name, last_name, preferred_name, date_of_birth, gender, "
               "legal_status, became_looked_after, placement_start, placement_type")  # fmt: skip


class ImportDialog(QDialog):
    imported = Signal(object)  # store.import_check.Checked

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path: Path | None = None
        self.ready = False
        self.command: Any = None  # the import's gui.undo.WriteCommand, once imported
        self.summary: list[str] = []  # what the import said it did
        ctx.signals.undo_written.connect(self._followed)
        self.setWindowTitle("Import children")
        self.setAccessibleName("Import children")
        intro = QLabel(
            "Bring in your children from your authority's records. Everything is checked "
            "first: if any row has a problem, each one is listed here and nothing is "
            "imported until the file is put right."
        )
        intro.setWordWrap(True)
        self.csv = QRadioButton("A &CSV file, one row a child")
        self.csv.setChecked(True)
        self.extract = QRadioButton("The &SSDA903 extract: a folder of CSV files")
        self.kinds = QButtonGroup(self)
        for button in (self.csv, self.extract):
            self.kinds.addButton(button)
        self.kinds.buttonToggled.connect(lambda *_: self._forget())
        columns = QLabel(
            f"The CSV file's columns: {CSV_COLUMNS}. Dates as DD/MM/YYYY or YYYY-MM-DD."
        )
        columns.setWordWrap(True)
        self.where = QLineEdit()
        self.where.setReadOnly(True)
        self.where.setAccessibleName("Chosen file")
        self.where.setPlaceholderText("Nothing chosen yet")
        choose = QPushButton("C&hoose…")
        choose.setAccessibleName("Choose the file or folder")
        choose.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.where, 1)
        row.addWidget(choose)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setAccessibleName("Outcome")
        self.lines = QListWidget()
        self.lines.setAccessibleName("Problems")
        self.lines.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.check_button = self.buttons.addButton(
            "Check &again", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.check_button.clicked.connect(self.check)
        self.import_button.clicked.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Import children", 1.2))
        layout.addWidget(intro)
        layout.addWidget(self.csv)
        layout.addWidget(columns)
        layout.addWidget(self.extract)
        layout.addLayout(row)
        layout.addWidget(self.outcome)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.buttons)
        self._forget()
        fit_screen(self, 720, 560)

    @property
    def kind(self) -> str:
        return "903" if self.extract.isChecked() else "caseload"

    def _forget(self) -> None:
        self.path, self.ready = None, False
        self.where.clear()
        self.outcome.setText("Choose the file to import.")
        self.lines.clear()
        self._enable()

    def _enable(self, busy: bool = False) -> None:
        self.check_button.setEnabled(self.path is not None and not busy)
        self.import_button.setEnabled(self.ready and not busy)
        self.import_button.setDefault(self.ready)

    def _choose(self) -> None:
        if self.kind == "903":
            name = QFileDialog.getExistingDirectory(self, "Choose the SSDA903 extract folder")
        else:
            name, _ = QFileDialog.getOpenFileName(
                self, "Choose the CSV file", str(Path.home()), "CSV files (*.csv)"
            )
        if name:
            self.choose(Path(name))

    def choose(self, path: Path) -> None:
        """Check ``path`` at once (the file picker calls this; so can a test)."""
        self.path = path
        self.where.setText(str(path))
        self.check()

    # --- check, then import -------------------------------------------------------

    def check(self) -> None:
        from iro_desktop.store import import_check

        if self.path is None:
            return
        self.ready = False
        self.outcome.setText("Checking…")
        self.lines.clear()
        self._enable(busy=True)
        ctx, kind, path = self.ctx, self.kind, self.path
        ctx.run(
            lambda: import_check.check(ctx.caseload, ctx.actor, kind, path, today=ctx.today),  # type: ignore[arg-type]
            self._checked,
            self._failed,
        )

    def _checked(self, checked: Any) -> None:
        if checked.problems:
            self._show_problems(checked.problems)
            return
        self.ready = True
        self.outcome.setText(
            f"No problems found. Ready to import {checked.children} "
            f"{'child' if checked.children == 1 else 'children'}: press Import."
        )
        self.lines.addItems(checked.summary if self.kind == "903" else [])
        self._enable()

    def _show_problems(self, problems: list[str]) -> None:
        count = len(problems)
        self.ready = False
        self.outcome.setText(
            f"⚠ {count} problem{'s' if count != 1 else ''} found; nothing has been imported. "
            f"Put {'it' if count == 1 else 'them'} right in the file, save it, and press "
            "Check again."
        )
        self.lines.clear()
        self.lines.addItems(problems)
        self._enable()

    def run_import(self) -> None:
        from iro_desktop.store import import_check

        if not self.ready or self.path is None:
            return
        self._enable(busy=True)
        self.outcome.setText("Importing…")
        kind, path, today = self.kind, self.path, self.ctx.today
        self.ctx.write(
            lambda op: import_check.import_into(op, kind, path, today=today),  # type: ignore[arg-type]
            self._imported,
            self._failed,
            owner=self,
        )

    def _imported(self, checked: Any) -> None:
        self.ready = False
        self.command = self.ctx.pushed  # None: the import wrote nothing to undo
        self.summary = list(checked.summary)
        self._say_imported("Imported" + (" (Ctrl+Z undoes it all). " if self.command else ". "))
        self.imported.emit(checked)

    def _say_imported(self, opening: str) -> None:
        self.outcome.setText(opening + " ".join(self.summary[:1]))
        self.lines.clear()
        self.lines.addItems(self.summary[1:])
        self._enable()
        self.import_button.setEnabled(False)

    def _followed(self, command: Any) -> None:
        """An undo or redo was written: say so if it was this dialog's import."""
        if command is not self.command or self.command is None:
            return
        if command.undone:
            self.ready = False
            self.outcome.setText(
                "The import was undone: the children it added are gone again and what it "
                "changed is as it was. Redo (Ctrl+Shift+Z) brings it back, or press Check "
                "again to import the file anew."
            )
            self.lines.clear()
            self._enable()
        else:
            self._say_imported("Imported again (redone). ")

    def _failed(self, error: BaseException) -> None:
        from iro_desktop.store.import_check import failure

        found = failure(error)
        if found is not None:
            self._show_problems(found.problems)
            return
        self.outcome.setText(errors.say("Not imported", error, type(self).__name__))
        self._enable()
