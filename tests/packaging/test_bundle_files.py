"""The bundle's build files are well-formed, without building anything: the build script
parses, the spec and entry point compile, the desktop entry, the Inno Setup script and
the Windows workflow say what the README says. (``bash packaging/build linux --check``
builds and runs the real bundle; the test command never does.)"""

from __future__ import annotations

import configparser
import subprocess
from pathlib import Path

import pytest
import yaml

from iro_desktop.cli.main import build_parser
from iro_desktop.devtools import bundle_bench
from iro_desktop.devtools.bench import BenchReport

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"


def test_the_build_script_parses_and_refuses_what_it_cannot_build() -> None:
    subprocess.run(["bash", "-n", str(PACKAGING / "build")], check=True)
    windows = subprocess.run(["bash", str(PACKAGING / "build"), "windows"],
                             capture_output=True, text=True)  # fmt: skip
    assert windows.returncode == 2 and "Windows builds in CI" in windows.stderr


def test_the_spec_and_the_entry_point_compile() -> None:
    for name in ("iro-desktop.spec", "entry.py", "make_icons.py"):
        compile((PACKAGING / name).read_text(), name, "exec")
    spec = (PACKAGING / "iro-desktop.spec").read_text()
    assert '"iro_desktop/bundled_resources"' in spec  # where iro_desktop/resources.py looks


def test_the_build_lock_is_apart_from_the_run_and_test_locks() -> None:
    build = (PACKAGING / "requirements-build.lock").read_text()
    assert "pyinstaller==" in build
    for lock in ("requirements.lock", "requirements-test.lock"):
        assert "pyinstaller" not in (PACKAGING / lock).read_text().lower()


def test_the_desktop_entry_opens_the_installed_command() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(PACKAGING / "linux" / "iro-desktop.desktop")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Icon"] == "iro-desktop"
    command = section["Exec"].split()
    assert command[0] == "iro-desktop"
    assert build_parser().parse_args(command[1:]).command == "open"


def test_the_installer_is_per_machine_and_keeps_the_iros_data() -> None:
    iss = (PACKAGING / "windows" / "iro-desktop.iss").read_text()
    lines = [line.strip() for line in iss.splitlines() if not line.strip().startswith(";")]
    assert "PrivilegesRequired=admin" in lines
    assert any(line.startswith('Name: "{autoprograms}') for line in lines)  # Start menu
    assert "[UninstallDelete]" not in lines  # removes only what it installed


def test_the_windows_workflow_builds_the_spec_and_the_installer() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "windows.yml").read_text())
    (job,) = workflow["jobs"].values()
    assert job["runs-on"].startswith("windows")
    run = "\n".join(step.get("run", "") for step in job["steps"])
    assert "packaging/iro-desktop.spec" in run and "iro-desktop.iss" in run
    assert "requirements-build.lock" in run


def test_the_bundle_bench_says_when_there_is_no_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(bundle_bench.ENV_BUNDLE, str(tmp_path))
    report = BenchReport()
    bundle_bench.run(report, tmp_path)
    assert [f.name for f in report.figures] == ["skipped: no bundle (bash packaging/build linux)"]
