"""The scripted commands: central admin (in process), connect and sync."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import pytest

from iro_desktop.central.__main__ import main as central_main
from iro_desktop.cli import sync_cmd
from iro_desktop.cli.common import run_handled
from iro_desktop.store.caseload import create
from tests.sync.harness import PASSPHRASE, Central


def test_admin_commands_and_laptop_commands(
    central: Central,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = ["--database", central.db_url]
    email = f"cli-{tmp_path.name[-6:]}@example.org".lower()
    assert central_main(["admin", *db, "add-iro", email, "--name", "Cli Iro"]) == 0
    csv_file = tmp_path / "caseload.csv"
    ref = f"CLI{tmp_path.name[-6:]}"
    csv_file.write_text(
        "child_ref,first_name,last_name,preferred_name,date_of_birth,gender,legal_status,"
        "became_looked_after,placement_start,placement_type\n"
        f"{ref},Alex,Example,Al,2013-04-02,female,C2,2020-02-03,2020-02-03,U1\n"
    )
    assert central_main(["admin", *db, "import", "caseload", str(csv_file), "--iro", email]) == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("child_ref,review_date,participation_code\nNOPE,2024-01-01,PN1\n")
    capsys.readouterr()
    assert central_main(["admin", *db, "import", "reviews", str(bad)]) == 1
    assert "row 2" in capsys.readouterr().err
    assert central_main(["admin", *db, "issue-token", email]) == 0
    token = capsys.readouterr().out.strip()
    assert token.startswith("irod_") and len(token.splitlines()) == 1

    create(tmp_path / "lap", passphrase=PASSPHRASE, use_keyring=False).close()
    monkeypatch.setenv("IRO_DESKTOP_PASSPHRASE", PASSPHRASE)
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir")
    sync_cmd.register(parser.add_subparsers())
    base = ["--data-dir", str(tmp_path / "lap")]
    args = parser.parse_args([*base, "connect", "--server", central.url, "--token-stdin"])
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert run_handled(args) == 2  # no token given: a clear message, nothing connected
    assert "token" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO(token + "\n"))
    assert args.handler(args) == 0
    args = parser.parse_args([*base, "sync"])
    assert args.handler(args) == 0
    assert "Synced" in capsys.readouterr().out
    from iro_desktop.store.caseload import open_caseload
    from iro_desktop.store.schema import Child, Placement

    opened = open_caseload(tmp_path / "lap", passphrase=PASSPHRASE)
    with opened.session() as s:
        [kid] = s.query(Child).all()
        assert kid.child_ref == ref and kid.preferred_name == "Al"
        assert s.query(Placement).count() == 1
    opened.close()

    assert central_main(["admin", *db, "revoke-tokens", email]) == 0
    args = parser.parse_args([*base, "sync"])
    assert args.handler(args) == 1
    assert "refused" in capsys.readouterr().err
