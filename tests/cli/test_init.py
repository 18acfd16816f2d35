"""``iro-desktop init``: a new caseload from the command line, ready for an import."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from iro_desktop.cli.main import main
from iro_desktop.devtools.firstrun_tour import sample_csv
from iro_desktop.store.caseload import open_caseload
from iro_desktop.store.queries import live_children

PASS = "three quiet harbour lights"


def test_init_with_the_passphrase_on_stdin_then_import_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "mine"
    monkeypatch.setattr("sys.stdin", io.StringIO(PASS + "\n"))
    assert main(["init", "--folder", str(folder), "--no-keyring"]) == 0
    out = capsys.readouterr().out
    assert f"Set up a new caseload in {folder}" in out
    assert "import caseload" in out

    monkeypatch.setenv("IRO_DESKTOP_PASSPHRASE", PASS)
    csv = sample_csv(tmp_path / "children.csv")
    assert main(["--data-dir", str(folder), "import", "caseload", str(csv)]) == 0
    assert "3 added" in capsys.readouterr().out
    caseload = open_caseload(folder, passphrase=PASS)
    with caseload.session() as session:
        assert len(live_children(session)) == 3
    caseload.close()

    card = ["--data-dir", str(folder), "card", "--out", str(tmp_path / "card.pdf")]
    assert main(card) != 0  # no profile yet: the program's screen is named
    assert "add yours first (File > My profile…" in capsys.readouterr().err

    monkeypatch.setattr("sys.stdin", io.StringIO(PASS + "\n"))
    assert main(["init", "--folder", str(folder)]) == 2  # never over a caseload
    assert "already a caseload" in capsys.readouterr().err


def test_a_short_passphrase_sets_nothing_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["init", "--folder", str(tmp_path / "x"), "--no-keyring"]) == 2
    assert "passphrase: must be at least" in capsys.readouterr().err
    assert not (tmp_path / "x").exists() or not any((tmp_path / "x").iterdir())


def test_no_caseload_message_names_init(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv = sample_csv(tmp_path / "children.csv")
    assert main(["--data-dir", str(tmp_path / "empty"), "import", "caseload", str(csv)]) == 1
    err = capsys.readouterr().err
    assert f"iro-desktop init --folder {(tmp_path / 'empty').resolve()}" in err
