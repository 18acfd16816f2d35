"""The wheel works anywhere: built from this checkout, installed into a fresh virtual
environment outside it, and run from a folder outside it, with no IRO_DESKTOP_* setting.

The fresh environment gets the wheel alone (``pip install --no-deps --no-index``); its
dependencies come from the test run's own environment through a ``.pth`` line. That needs
no network beyond what building the wheel needs (setuptools, from PyPI or the pip cache),
and takes seconds, where installing PySide6 and the rest afresh would take minutes on a CI
runner. It proves what the wheel must carry (the package, ``resources/``, the entry point):
the test checks the program it runs was imported from the fresh environment, not from the
checkout, and that ``resources/`` was found inside it. A ``.pth`` line puts the directory
on ``sys.path`` without running the ``.pth`` files there, so the checkout's editable
install is not picked up.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from iro_desktop.central.embedded import EmbeddedServer
from iro_desktop.store.demo import DEMO_IRO_EMAIL, DEMO_PASSPHRASE

pytestmark = pytest.mark.slow

CHECKOUT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-24"


class Installed:
    """A fresh virtual environment holding only the built wheel."""

    def __init__(self, root: Path, work: Path) -> None:
        self.root = root
        self.python = str(root / "bin" / "python")
        self.work = work  # the folder commands run in: outside the checkout
        self.env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("IRO_DESKTOP_") and k not in {"PYTHONPATH", "VIRTUAL_ENV"}
        }
        self.env["HOME"] = str(work / "home")  # user folders away from the real ones
        self.env["IRO_DESKTOP_POLICY"] = str(work / "no-policy.toml")  # not this machine's

    def run(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        env = {**self.env, "IRO_DESKTOP_PASSPHRASE": DEMO_PASSPHRASE}
        return subprocess.run(
            [str(self.root / "bin" / "iro-desktop"), *args],
            cwd=self.work, env=env, input=stdin, capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    def ok(self, *args: str, stdin: str | None = None) -> str:
        result = self.run(*args, stdin=stdin)
        assert result.returncode == 0, (args, result.stdout, result.stderr)
        return result.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out),
         str(CHECKOUT)],
        check=True, timeout=300, cwd=out,
    )  # fmt: skip
    (built,) = out.glob("iro_desktop-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    root = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root)], check=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(root / "bin" / "python"), "install",
         "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True, timeout=120,
    )  # fmt: skip
    where = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    site = subprocess.run(
        [str(root / "bin" / "python"), "-c", where], check=True, capture_output=True, text=True
    ).stdout.strip()
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(site) / "dependencies-from-the-test-run.pth").write_text("\n".join(sorted(deps)) + "\n")
    work = tmp_path_factory.mktemp("elsewhere")
    (work / "home").mkdir()
    yield Installed(root, work)


def test_the_wheel_carries_resources(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {n.split("bundled_resources/", 1)[1] for n in names if "/bundled_resources/" in n}
    top = CHECKOUT / "resources"
    source = {str(p.relative_to(top)) for p in top.rglob("*") if p.is_file()}
    assert source and shipped == source


def test_installed_program_runs_outside_the_checkout(installed: Installed) -> None:
    where = subprocess.run(
        [installed.python, "-c",
         "import iro_desktop, iro_desktop.resources as r; print(iro_desktop.__file__); "
         "print(r.resources_dir())"],
        cwd=installed.work, env=installed.env, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    assert all(Path(p).is_relative_to(installed.root) for p in where), where
    assert not any(Path(p).is_relative_to(CHECKOUT) for p in where), where

    data = installed.work / "demo"
    out = installed.work / "out"
    out.mkdir()
    assert "demo" in installed.ok("--data-dir", str(data), "demo", "--no-open", "--today", TODAY)
    laptop = ("--data-dir", str(data))
    # --print-anyway: a demo letter may still hold words the child said with no answer.
    installed.ok(
        *laptop, "letter", "--child", "DB10402", "--print-anyway", "--out", str(out / "letter.pdf")
    )
    installed.ok(*laptop, "letter", "--child", "DB10406", "--language", "ar", "--print-anyway",
                 "--out", str(out / "letter-ar.pdf"))  # fmt: skip
    installed.ok(*laptop, "card", "--out", str(out / "card.pdf"))
    installed.ok(*laptop, "forms", "--out", str(out / "forms.pdf"))
    for name in ("letter.pdf", "letter-ar.pdf", "card.pdf", "forms.pdf"):
        assert (out / name).read_bytes().startswith(b"%PDF"), name

    central = ("--data-dir", str(installed.work / "central"))
    installed.ok("central", "admin", *central, "add-iro", DEMO_IRO_EMAIL, "--name", "Jo Hartley")
    token = installed.ok("central", "admin", *central, "issue-token", DEMO_IRO_EMAIL).strip()
    server = EmbeddedServer(
        f"sqlite:///{installed.work / 'central' / 'central.db'}",
        installed.work / "central.log", python=installed.python, env=installed.env,
    )  # fmt: skip
    server.start()
    try:
        assert httpx.get(f"{server.url}/health").status_code == 200
        installed.ok(*laptop, "connect", "--server", server.url, "--token-stdin", stdin=token)
        first = installed.ok(*laptop, "sync")
        assert "pushed 0 change(s)" not in first, first
        again = installed.ok(*laptop, "sync")
        assert "pushed 0 change(s), pulled 0" in again, again
    finally:
        server.stop()
