"""Pictures of the first run on a new, empty caseload: the set-up screen, the profile,
the empty Home, the import with a problem listed and then ready, and a child added by
hand. Synthetic children only."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QWidget

from iro_desktop.gui.main_window import MainWindow
from iro_desktop.gui.tasks import InlineRunner

TOUR_PASSPHRASE = "three quiet harbour lights"
HEADER = ("child_ref,first_name,last_name,preferred_name,date_of_birth,gender,legal_status,"
          "became_looked_after,placement_start,placement_type")  # fmt: skip
ROWS = (
    "T1,Wren,Elmstead,,09/03/2014,Female,C2,03/05/2022,03/05/2022,U6",
    "T2,Kit,Fennick,Kitty,30/11/2011,Male,V3,06/01/2025,06/01/2025,U4",
    "T3,Bea,Marlowe,,28/02/2020,Female,C1,02/06/2025,02/06/2025,U6",
)


def sample_csv(path: Path, *, bad: bool = False) -> Path:
    """A small caseload file; ``bad`` gives the second child a date of birth in 2091."""
    rows = list(ROWS)
    if bad:
        rows[1] = rows[1].replace("30/11/2011", "30/11/2091")
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def run(out: Path, saved: list[Path], today: date) -> None:
    """Add the first run's pictures to ``saved`` (numbered on from the tour's)."""
    from iro_desktop.devtools.tour import SIZE, close_window

    with tempfile.TemporaryDirectory(prefix="iro-first-run-") as tmp:
        window = MainWindow(Path(tmp) / "new", runner=InlineRunner(), today=today)
        window.resize(*SIZE)
        window.show()
        try:
            _steps(window, Path(tmp), out, saved)
        finally:
            close_window(window)


def _steps(window: MainWindow, tmp: Path, out: Path, saved: list[Path]) -> None:
    from iro_desktop.devtools.tour import save
    from iro_desktop.gui.setup.import_dialog import ImportDialog
    from iro_desktop.gui.setup.profile_dialog import ProfileDialog

    screen = window.setup_screen
    assert screen is not None
    screen.passphrase.setText(TOUR_PASSPHRASE)
    screen.again.setText(TOUR_PASSPHRASE)
    save(window, out, "first-run-passphrase", saved)
    window.set_up(TOUR_PASSPHRASE, False)
    profile = window.setup_dialog
    assert isinstance(profile, ProfileDialog)
    profile.form.set_values({"name": "Sam Hartley", "email": "sam.hartley@northmoor.example",
                             "phone": "01632 960321", "role": "Senior IRO"})  # fmt: skip
    save(profile, out, "first-run-profile", saved)
    profile.save()
    save(profile, out, "first-run-profile-problems", saved)
    profile.form.set_values({
        "authority_name": "Northmoor Borough Council", "authority_phone": "01632 960555",
        "authority_email": "reviews@northmoor.example", "advocacy_service": "Northmoor Advocacy",
        "advocacy_phone": "0808 157 0202", "children_in_care_council": "Northmoor Voices",
        "children_in_care_council_phone": "01632 960777"})  # fmt: skip
    profile.save()
    save(window, out, "first-run-empty-home", saved)
    window.start("import")
    dialog = window.setup_dialog
    assert isinstance(dialog, ImportDialog)
    csv = sample_csv(tmp / "children.csv", bad=True)
    dialog.choose(csv)
    save(dialog, out, "first-run-import-problem", saved)
    sample_csv(csv)
    dialog.check()
    save(dialog, out, "first-run-import-ready", saved)
    dialog.run_import()
    dialog.close()
    window.start("add_child")
    assert window.setup_dialog is not None
    save(window.setup_dialog, out, "first-run-add-a-child", saved)
    window.setup_dialog.reject()
    save(window, out, "first-run-home-with-children", saved)


def settings_step(window: MainWindow) -> QWidget:
    window.start("settings")
    assert window.setup_dialog is not None
    return window.setup_dialog  # type: ignore[no-any-return]
