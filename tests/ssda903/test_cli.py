"""The laptop's commands: ``import 903 DIR`` and ``export 903-reviews``; and the public
validator run over an export, where it is installed (it is never a dependency)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from iro_desktop.cli.main import main
from iro_desktop.store.caseload import Caseload
from tests.conftest import PASSPHRASE
from tests.ssda903.files import EPISODE_ROWS, write_extract

VALIDATOR = os.environ.get("IRO_903_VALIDATOR_PYTHON")  # a python with csc-validator-be-903


@pytest.fixture
def folder(caseload: Caseload, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("IRO_DESKTOP_PASSPHRASE", PASSPHRASE)
    caseload.close()
    return caseload.folder


def test_laptop_import_and_reviews_export(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--data-dir", str(folder)]
    bad = write_extract(tmp_path / "bad", episodes=[*EPISODE_ROWS, "900001,1/13/2025,P,C2"])
    assert main([*base, "import", "903", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "nothing was imported" in err and "episodes.csv, row 10: the row has 4 values" in err

    good = write_extract(tmp_path / "good")
    assert main([*base, "import", "903", str(good), "--year", "2025/26"]) == 0
    out = capsys.readouterr().out
    assert "children added: 4 (900001, 900002, 900003, 900004)" in out
    assert main([*base, "import", "903", str(good)]) == 0
    assert "Nothing changed" in capsys.readouterr().out

    target = tmp_path / "out" / "reviews.csv"
    assert main([*base, "export", "903-reviews", "--year", "2025/26", "--out", str(target)]) == 0
    printed = capsys.readouterr()
    assert "900001: review of 10 July 2025 was held late" in printed.err
    assert target.read_text(encoding="utf-8").splitlines() == [
        "CHILD,DOB,REVIEW,REVIEW_CODE",
        "900001,14/03/2012,10/07/2025,PN1",
        "900003,20/10/2008,05/11/2025,PN6",
    ]


@pytest.mark.skipif(not VALIDATOR, reason="set IRO_903_VALIDATOR_PYTHON to a Python that has "
                    "the public csc-validator-be-903 package to run it over an export")  # fmt: skip
def test_the_public_validator_finds_no_error_the_export_made(folder: Path, tmp_path: Path) -> None:
    """Every error in the export was already in the extract; none is in Reviews."""
    from iro_desktop.domain.ssda903.codes import CollectionYear
    from iro_desktop.store.caseload import open_caseload
    from iro_desktop.store.ssda903.exporter import build_return, write_return

    extract = write_extract(tmp_path / "in")
    (extract / "uasc.csv").unlink(missing_ok=True)
    assert main(["--data-dir", str(folder), "import", "903", str(extract)]) == 0
    opened = open_caseload(folder, passphrase=PASSPHRASE)
    with opened.session() as s:
        write_return(tmp_path / "out", build_return(s, CollectionYear(2025)))
    opened.close()
    script = Path(__file__).with_name("run_validator.py")

    def errors(where: Path) -> set[str]:
        run = subprocess.run([str(VALIDATOR), str(script), str(where), "lac2025_26", "2026"],
                             capture_output=True, text=True, check=True)  # fmt: skip
        return set(run.stdout.split())

    found = errors(tmp_path / "out")
    assert not {e for e in found if e.startswith("Reviews:")}
    assert found - errors(extract) == set()
