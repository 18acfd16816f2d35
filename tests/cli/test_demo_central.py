"""``iro-desktop demo`` with its embedded central store, run as a subprocess (no window)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from iro_desktop.cli.demo_cmd import CENTRAL_MARKER, DEMO_PASSPHRASE, PORT_FILE, central_dir


def demo(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("IRO_DESKTOP_")}
    return subprocess.run(
        [sys.executable, "-m", "iro_desktop", "--data-dir", str(folder), "demo", "--no-open",
         "--today", "2026-11-24", *args],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip


def listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def test_demo_starts_seeds_and_reuses_its_central_store(demo_master: Path, tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    shutil.copytree(demo_master, folder)
    first = demo(folder, "--with-central")
    assert first.returncode == 0, first.stderr
    central = central_dir(folder)
    assert central == tmp_path / "demo-central"
    assert (central / CENTRAL_MARKER).exists() and (central / "central.db").exists()
    assert "Setting up the demo's central store" in first.stdout
    assert "The demo's central store is running at http://127.0.0.1:" in first.stdout
    # The seed leaves the first sync something to show: a new child and one conflict.
    assert "1 child(ren) newly allocated" in first.stdout
    assert "1 conflict(s) to settle" in first.stdout
    port = int((central / PORT_FILE).read_text())
    assert not listening(port)  # stopped when the command ended

    from iro_desktop.central.store import CentralStore
    from iro_desktop.store.caseload import open_caseload
    from iro_desktop.sync import state
    from iro_desktop.sync.conflicts import status

    store = CentralStore(f"sqlite:///{central / 'central.db'}")
    try:
        from sqlalchemy import func, select

        from iro_desktop.store.schema import Child

        with store.reading() as s:
            on_server = s.scalar(select(func.count()).select_from(Child))
    finally:
        store.dispose()
    laptop = open_caseload(folder, passphrase=DEMO_PASSPHRASE)
    try:
        st = status(laptop)
        with laptop.session() as s:
            held = s.scalar(select(func.count()).select_from(Child))
            token = state.get(s, state.TOKEN)
    finally:
        laptop.close()
    assert st.connected and st.server_url == f"http://127.0.0.1:{port}"
    assert st.changes_waiting == 0 and st.open_conflicts == 1
    assert held == on_server == 66 and token  # the token is kept in the encrypted caseload

    again = demo(folder, "--with-central")
    assert again.returncode == 0, again.stderr
    assert "Using the demo caseload" in again.stdout
    assert "Setting up" not in again.stdout and "seeded in" not in again.stdout
    assert "pushed 0 change(s), pulled 0" in again.stdout


def test_demo_reset_refuses_a_central_folder_that_is_not_the_demos(
    demo_master: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "demo"
    shutil.copytree(demo_master, folder)
    stranger = central_dir(folder)
    stranger.mkdir()
    (stranger / "central.db").write_text("someone's real data")
    result = demo(folder, "--reset", "--with-central")
    assert result.returncode == 1
    assert "is not the demo's central store" in result.stderr
    assert (stranger / "central.db").read_text() == "someone's real data"
    assert (folder / "caseload.db").exists()  # nothing touched


def test_no_open_without_central_starts_nothing(demo_master: Path, tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    shutil.copytree(demo_master, folder)
    result = demo(folder)
    assert result.returncode == 0, result.stderr
    assert "central store" not in result.stdout
    assert not central_dir(folder).exists()


@pytest.mark.parametrize("flags", [("--with-central", "--no-central")])
def test_central_flags_exclude_each_other(tmp_path: Path, flags: tuple[str, ...]) -> None:
    result = demo(tmp_path / "demo", *flags)
    assert result.returncode == 2 and "not allowed with" in result.stderr
