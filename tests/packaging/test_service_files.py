"""The systemd unit and the Containerfile in packaging/ say what the README says."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from iro_desktop.cli.main import build_parser

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def _serve_args(command: str) -> list[str]:
    words = shlex.split(command)
    return words[words.index("central") :]


def test_the_unit_and_the_container_start_a_command_the_program_accepts() -> None:
    unit = (PACKAGING / "iro-central.service").read_text()
    (exec_start,) = [line for line in unit.splitlines() if line.startswith("ExecStart=")]
    container = (PACKAGING / "Containerfile").read_text()
    (cmd,) = [line for line in container.splitlines() if line.startswith("CMD ")]
    inner = cmd.split('"-c", "', 1)[1].rsplit('"]', 1)[0].replace('\\"', '"')
    for command in (
        exec_start.removeprefix("ExecStart="),
        inner.replace("$IRO_CENTRAL_WORKERS", "2"),
    ):
        args = build_parser().parse_args(_serve_args(command))
        assert args.workers >= 2 and args.log_format == "json", command
        assert args.database is None  # the URL comes from the environment, not the command


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_the_systemd_unit_verifies(tmp_path: Path) -> None:
    unit = (PACKAGING / "iro-central.service").read_text()
    program = Path(sys.executable).parent / "iro-desktop"
    local = tmp_path / "iro-central.service"
    local.write_text(unit.replace("/opt/iro-central/bin/iro-desktop", str(program)))
    result = subprocess.run(["systemd-analyze", "verify", str(local)],
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr
