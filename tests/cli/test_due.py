"""``iro-desktop due`` over the demo caseload, in each format."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from iro_desktop.cli.demo_cmd import DEMO_PASSPHRASE
from iro_desktop.cli.main import main


def run(folder: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--data-dir", str(folder), "due", *args]) == 0
    return capsys.readouterr().out


@pytest.fixture
def unlocked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IRO_DESKTOP_PASSPHRASE", DEMO_PASSPHRASE)


def test_json_has_exactly_the_documented_keys(
    demo_master: Path, unlocked: None, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = json.loads(run(demo_master, "--today", "2026-11-24", "--format", "json", capsys=capsys))
    assert len(rows) == 65
    assert all(set(r) == {"child_ref", "name", "next_review_due", "kind", "overdue"} for r in rows)
    assert {r["kind"] for r in rows} >= {"first", "subsequent", "brought_forward"}
    assert any(r["overdue"] for r in rows) and not all(r["overdue"] for r in rows)


def test_overdue_follows_today(
    demo_master: Path, unlocked: None, capsys: pytest.CaptureFixture[str]
) -> None:
    early = json.loads(run(demo_master, "--today", "2020-01-01", "--format", "json", capsys=capsys))
    late = json.loads(run(demo_master, "--today", "2030-01-01", "--format", "json", capsys=capsys))
    assert not any(r["overdue"] for r in early)
    assert all(r["overdue"] for r in late)


def test_csv_and_table_formats(
    demo_master: Path, unlocked: None, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = list(
        csv.DictReader(
            io.StringIO(run(demo_master, "--today", "2026-11-24", "--format", "csv", capsys=capsys))
        )
    )
    assert len(rows) == 65 and rows[0]["overdue"] in {"True", "False"}
    table = run(demo_master, "--today", "2026-11-24", capsys=capsys)
    assert "65 children" in table and "OVERDUE" in table


def test_a_bad_today_is_a_clear_error(
    demo_master: Path, unlocked: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(demo_master), "due", "--today", "2026-13-45"]) == 2
    assert "--today" in capsys.readouterr().err


def test_the_installed_command_and_python_m_both_work(demo_master: Path) -> None:
    env = {"IRO_DESKTOP_PASSPHRASE": DEMO_PASSPHRASE, "PATH": "/usr/bin:/bin"}
    for cmd in (
        [sys.executable, "-m", "iro_desktop"],
        [str(Path(sys.executable).parent / "iro-desktop")],
    ):
        done = subprocess.run(
            [*cmd, "--data-dir", str(demo_master), "due", "--format", "json"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert len(json.loads(done.stdout)) == 65


def test_a_reader_that_stops_early_ends_the_command_quietly(demo_master: Path) -> None:
    """``iro-desktop due | head``: no traceback when the reader has gone (SIGPIPE is not
    reset to its default, so that the central store survives dropped sockets)."""
    import os

    env = {"IRO_DESKTOP_PASSPHRASE": DEMO_PASSPHRASE, "PATH": "/usr/bin:/bin"}
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line is written
    try:
        done = subprocess.run(
            [sys.executable, "-m", "iro_desktop", "--data-dir", str(demo_master), "due"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert done.returncode == 141
    assert done.stderr == ""
