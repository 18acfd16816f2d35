"""Fixtures shared by every layer's tests: real encrypted caseloads, never a mock."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# No machine-wide policy of the machine running the tests (tests/store/test_policy.py sets
# its own); a file that does not exist is no policy. Subprocesses inherit it.
os.environ["IRO_DESKTOP_POLICY"] = str(Path(__file__).parent / "no-such-policy.toml")

from tests.helpers import PASSPHRASE, TODAY

__all__ = ["PASSPHRASE", "TODAY"]


@pytest.fixture(autouse=True, scope="session")
def no_os_keyring() -> Iterator[None]:
    """Tests never touch the keyring of the machine they run on."""
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


@pytest.fixture(autouse=True)
def no_env_passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IRO_DESKTOP_PASSPHRASE", raising=False)
    monkeypatch.delenv("IRO_DESKTOP_DATA_DIR", raising=False)


@pytest.fixture(scope="session")
def empty_caseload(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty caseload made once per run (``create`` takes about a second)."""
    from iro_desktop.store.caseload import create

    folder = tmp_path_factory.mktemp("template") / "caseload"
    create(folder, passphrase=PASSPHRASE, use_keyring=False).close()
    return folder


@pytest.fixture
def caseload(empty_caseload: Path, tmp_path: Path) -> Iterator[object]:
    """A private copy of the empty caseload, open."""
    from iro_desktop.store.caseload import open_caseload

    folder = tmp_path / "caseload"
    shutil.copytree(empty_caseload, folder)
    opened = open_caseload(folder, passphrase=PASSPHRASE)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo caseload, built once per run (it takes a few seconds)."""
    from iro_desktop.cli.demo_cmd import ensure_demo

    folder = tmp_path_factory.mktemp("demo-master") / "demo"
    ensure_demo(folder, reset=False, today=TODAY)
    return folder


@pytest.fixture
def demo_folder(demo_master: Path, tmp_path: Path) -> Path:
    """A private copy of the demo caseload that a test may change."""
    folder = tmp_path / "demo"
    shutil.copytree(demo_master, folder)
    return folder
