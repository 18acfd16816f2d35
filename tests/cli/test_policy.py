"""The machine-wide policy file through the program: fixed values are in force, shown, and
cannot be changed; a broken file is reported and the program carries on with defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from iro_desktop.cli.main import main
from iro_desktop.store.caseload import keyring_allowed, open_caseload
from iro_desktop.store.demo import DEMO_PASSPHRASE
from iro_desktop.store.reads.settings import read_setting
from iro_desktop.sync.errors import SyncError
from iro_desktop.sync.run import check_server

POLICY = """\
central_url = "https://iro.example.gov.uk/"
authority_name = "Example Borough Council"
idle_lock_minutes = 5
keyring_allowed = false
"""


@pytest.fixture
def policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "policy.toml"
    path.write_text(POLICY)
    monkeypatch.setenv("IRO_DESKTOP_POLICY", str(path))
    monkeypatch.setenv("IRO_DESKTOP_PASSPHRASE", DEMO_PASSPHRASE)
    return path


def settings(folder: Path, *args: str) -> int:
    return main(["--data-dir", str(folder), "settings", *args])


def stored(folder: Path, key: str) -> object:
    opened = open_caseload(folder, passphrase=DEMO_PASSPHRASE)
    try:
        with opened.session() as session:
            return read_setting(session, key)
    finally:
        opened.close()


def test_fixed_values_are_in_force_and_shown(
    demo_folder: Path, policy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert settings(demo_folder) == 0
    lines = capsys.readouterr().out.splitlines()
    fixed = {line.split(" = ")[0] for line in lines if f"(fixed by {policy})" in line}
    assert fixed == {"central_url", "authority_name", "idle_lock_minutes", "keyring_allowed"}
    assert "idle_lock_minutes = 5  (fixed by" in "\n".join(lines)
    assert stored(demo_folder, "authority_name") == "Example Borough Council"
    assert not keyring_allowed()


def test_the_user_cannot_change_a_fixed_value(
    demo_folder: Path, policy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert settings(demo_folder, "--set", "idle_lock_minutes", "30") == 2
    err = capsys.readouterr().err
    assert f"idle_lock_minutes: is fixed at 5 by this computer's policy ({policy})" in err
    assert settings(demo_folder, "--reset", "authority_name") == 2
    assert "ask your IT team" in capsys.readouterr().err
    # A setting only the policy sets is refused even when the policy leaves it alone.
    assert settings(demo_folder, "--set", "ca_bundle", "/tmp/x.pem") == 2
    assert "is set only by this computer's policy file" in capsys.readouterr().err
    policy.unlink()  # nothing was stored behind the policy's back
    assert stored(demo_folder, "idle_lock_minutes") == 10


def test_connect_and_sync_keep_to_the_policys_central_store(
    demo_folder: Path, policy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--data-dir", str(demo_folder), "connect", "--server", "https://elsewhere.example",
                 "--token-stdin"])  # fmt: skip
    assert code == 2
    assert "central_url: is fixed at 'https://iro.example.gov.uk/'" in capsys.readouterr().err
    check_server("https://iro.example.gov.uk")  # the trailing slash does not matter
    with pytest.raises(SyncError, match="connect again"):
        check_server("https://elsewhere.example")


def test_a_broken_policy_is_reported_and_defaults_apply(
    demo_folder: Path, policy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    policy.write_text('authority_name = "Example"\nidle_lock_minutes = "soon"\n')
    assert settings(demo_folder) == 0
    out, err = capsys.readouterr()
    assert f"The policy file {policy} was not used: line 2: idle_lock_minutes" in err
    assert "idle_lock_minutes = 10\n" in out and "authority_name = 'Demo Borough Council'" in out
    assert not keyring_allowed()  # the one safe default a broken policy still fixes
    assert settings(demo_folder, "--set", "idle_lock_minutes", "7") == 0
    assert stored(demo_folder, "idle_lock_minutes") == 7
