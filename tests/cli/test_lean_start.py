"""Start-up stays lean: ``iro-desktop --version`` and the way to the unlock screen load
none of the heavy libraries (the store layer, PDFs, charts, HTTP), and the command line
imports only the module of the command being run (issue 17, point 2).

Each check runs in a fresh interpreter and reads its ``sys.modules``: an eager import of
any of these, added anywhere on the way, makes it fail.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from iro_desktop.cli import main as cli_main

# Loaded only once the caseload is opened, or a document, chart or sync is made.
HEAVY = (
    "sqlalchemy",
    "alembic",
    "sqlcipher3",
    "reportlab",
    "matplotlib",
    "numpy",
    "PIL",
    "httpx",
    "keyring",
    "holidays",
    "iro_desktop.store.caseload",
    "iro_desktop.store.schema",
    "iro_desktop.documents",
    "iro_desktop.sync",
    "iro_desktop.gui.workspace",
)


def _loaded(script: str, *args: str) -> dict[str, object]:
    """Run ``script`` in a fresh interpreter; it prints one JSON object last."""
    out = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _heavy_in(modules: object) -> list[str]:
    assert isinstance(modules, list)
    return sorted(
        name for name in HEAVY if any(m == name or m.startswith(f"{name}.") for m in modules)
    )


CLI = """
import contextlib, io, json, sys
from iro_desktop.cli.main import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    try:
        code = main(sys.argv[1:])
    except SystemExit as exc:
        code = exc.code
print(json.dumps({"code": code, "out": out.getvalue(), "modules": sorted(sys.modules)}))
"""


def test_version_loads_no_command_and_nothing_heavy() -> None:
    from iro_desktop import __version__

    result = _loaded(CLI, "--version")
    assert result["code"] == 0
    assert result["out"] == f"iro-desktop {__version__}\n"
    assert _heavy_in(result["modules"]) == []
    modules = result["modules"]
    assert isinstance(modules, list)
    assert [m for m in modules if m.endswith("_cmd")] == []


def test_help_lists_every_command_without_importing_them() -> None:
    result = _loaded(CLI, "--help")
    assert result["code"] == 0
    out = result["out"]
    assert isinstance(out, str)
    for name, _module, help_text in cli_main.COMMANDS:
        assert f"    {name} " in out
        assert help_text.split()[0] in out
    modules = result["modules"]
    assert isinstance(modules, list)
    assert [m for m in modules if m.endswith("_cmd")] == []


def test_a_command_loads_only_its_own_module(tmp_path: Path) -> None:
    """``due`` (a store command) runs, from its own module alone; the data folder given
    before it does not hide it."""
    result = _loaded(CLI, "--data-dir", str(tmp_path / "none"), "due", "--format", "json")
    assert result["code"] == 1  # no caseload there: said plainly, not a traceback
    modules = result["modules"]
    assert isinstance(modules, list)
    assert [m for m in modules if m.endswith("_cmd")] == ["iro_desktop.cli.due_cmd"]


def test_the_command_table_is_what_the_modules_register() -> None:
    """``COMMANDS`` (names, help, order) lists exactly what each module registers."""
    parser = cli_main.build_parser()  # every module imported
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    registered = [(c.dest, c.help) for c in sub._choices_actions]
    assert registered == [(name, help_text) for name, _m, help_text in cli_main.COMMANDS]
    for name, module, _help in cli_main.COMMANDS:
        registering = argparse.ArgumentParser().add_subparsers()
        __import__(f"iro_desktop.cli.{module}", fromlist=["register"]).register(registering)
        assert name in registering.choices, (name, module)


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["--version"], None),
        ([], None),
        (["-v", "letter", "--child", "X"], "letter"),
        (["--data-dir", "due", "figures"], "figures"),  # a folder named like a command
        (["--data-dir=/x", "-v", "central", "serve"], "central"),
        (["--data", "/x", "sync"], "sync"),  # argparse's abbreviation of --data-dir
        (["--data-dir"], None),  # the real parser says what is wrong
    ],
)
def test_the_command_is_found_among_the_options(argv: list[str], command: str | None) -> None:
    assert cli_main.chosen_command(argv) == command


UNLOCK = """
import json, os, sys
from datetime import date
from pathlib import Path
from iro_desktop.cli.open_cmd import early_unlock
early = early_unlock(Path(sys.argv[1]))
from PySide6.QtCore import QTimer
from iro_desktop.gui.app import make_app, start_app
make_app()

def drawn():  # the first zero timer: after the first paint of the window
    window = started.window
    print(json.dumps({
        "locked": window.is_locked(), "visible": window.isVisible(),
        "setup": window.setup_screen is not None, "early": early is not None,
        "modules": sorted(sys.modules),
    }), flush=True)
    os._exit(0)

QTimer.singleShot(0, drawn)
started = start_app(Path(sys.argv[1]), today=date(2026, 11, 24), early=early)
started.app.exec()
"""


def test_the_unlock_screen_shows_before_anything_heavy_loads(demo_master: Path) -> None:
    """What ``iro-desktop`` does up to its first paint, on a real caseload: the unlock
    screen is drawn with none of the heavy libraries loaded (they load after it, while
    the IRO types the passphrase)."""
    result = _loaded(UNLOCK, str(demo_master))
    assert result["visible"] is True
    assert result["locked"] is True
    assert result["setup"] is False
    assert result["early"] is False  # no passphrase given: the IRO types it
    assert _heavy_in(result["modules"]) == []


@pytest.mark.parametrize("name", [name for name, _module, _help in cli_main.COMMANDS])
def test_each_command_parses_from_its_own_module(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every command, also one whose module registers several (``card``, ``sync``)."""
    with pytest.raises(SystemExit) as stopped:
        cli_main.main([name, "--help"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: iro-desktop {name} ")
