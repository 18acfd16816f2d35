"""``iro-desktop settings``: changes are checked, kept, audited, and take effect."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from iro_desktop.cli.main import main
from iro_desktop.store.caseload import open_caseload
from iro_desktop.store.demo import DEMO_PASSPHRASE
from iro_desktop.store.ops.settings_write import keep_supplied
from iro_desktop.store.schema import AuditEntry


@pytest.fixture
def unlocked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IRO_DESKTOP_PASSPHRASE", DEMO_PASSPHRASE)


def kinds(folder: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    assert (
        main(["--data-dir", str(folder), "due", "--today", "2026-11-24", "--format", "json"]) == 0
    )
    return {r["child_ref"]: r["kind"] for r in json.loads(capsys.readouterr().out)}


def test_turning_off_bring_forward_changes_the_due_list(
    demo_folder: Path, unlocked: None, capsys: pytest.CaptureFixture[str]
) -> None:
    before = kinds(demo_folder, capsys)
    moved = [ref for ref, kind in before.items() if kind == "brought_forward"]
    assert moved
    args = ["--data-dir", str(demo_folder), "settings"]
    assert main([*args, "--set", "bring_forward_on_placement_change", "no"]) == 0
    assert "is now False" in capsys.readouterr().out
    after = kinds(demo_folder, capsys)
    assert all(after[ref] != "brought_forward" for ref in moved)
    assert main([*args, "--reset", "bring_forward_on_placement_change"]) == 0
    capsys.readouterr()
    assert kinds(demo_folder, capsys) == before
    opened = open_caseload(demo_folder, passphrase=DEMO_PASSPHRASE)
    with opened.session() as s:
        audited = s.scalars(select(AuditEntry).where(AuditEntry.action == "setting")).all()
    opened.close()
    assert len(audited) == 2


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("idle_lock_minutes", "0", "between 1 and"),
        ("idle_lock_minutes", "ten", "whole number"),
        ("caseload_guidance_min", "90", "less than the minimum"),
        ("no_such_setting", "1", "not a known setting"),
    ],
)
def test_bad_values_are_refused_and_nothing_changes(
    demo_folder: Path,
    unlocked: None,
    capsys: pytest.CaptureFixture[str],
    key: str,
    value: str,
    words: str,
) -> None:
    assert main(["--data-dir", str(demo_folder), "settings"]) == 0
    listing = capsys.readouterr().out
    assert main(["--data-dir", str(demo_folder), "settings", "--set", key, value]) == 2
    assert words in capsys.readouterr().err
    assert main(["--data-dir", str(demo_folder), "settings"]) == 0
    assert capsys.readouterr().out == listing


def test_a_value_the_central_store_supplies_is_marked_and_refused(
    demo_folder: Path, unlocked: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """As a sync leaves it (``keep_supplied``; the sync itself is in tests/sync)."""
    opened = open_caseload(demo_folder, passphrase=DEMO_PASSPHRASE)
    with opened.writing() as s, s.begin():
        keep_supplied(s, {"authority_name": "Northmoor Borough Council", "record_working_days": 12})
    opened.close()
    args = ["--data-dir", str(demo_folder), "settings"]
    assert main(args) == 0
    listing = capsys.readouterr().out
    assert (
        "authority_name = 'Northmoor Borough Council'  (set by your organisation's central store)"
        in listing
    )
    assert "record_working_days = 12  (set by your organisation's central store)" in listing
    assert "    Children in Care Council: The Children in Care Council's name" in listing
    for change in (["--set", "authority_name", "Elsewhere"], ["--reset", "record_working_days"]):
        assert main([*args, *change]) == 2
        err = capsys.readouterr().err
        assert "set by your organisation's central store" in err
        assert "ask the team who runs the central store" in err and "Traceback" not in err
    assert main(args) == 0
    assert capsys.readouterr().out == listing  # nothing changed
    assert main([*args, "--set", "advocacy_service", "Northmoor Advocacy"]) == 0  # not supplied
