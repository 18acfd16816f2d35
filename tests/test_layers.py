"""DESIGN.md's layers: imports point down only, and Qt lives in gui/ alone."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "iro_desktop"
# Top to bottom; a layer may import itself and anything below it.
LAYERS = ["devtools", "gui", "documents", "sync", "central", "store", "domain"]
# The version string, the benchmark report and where resources/ is: used by every layer.
SHARED = {"iro_desktop", "iro_desktop.bench", "iro_desktop.resources"}


def imports_of(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def modules(layer: str) -> list[Path]:
    """A layer's modules; ``__main__`` files are entry points, like the CLI."""
    return sorted(p for p in (PACKAGE / layer).rglob("*.py") if p.name != "__main__.py")


@pytest.mark.parametrize("layer", LAYERS)
def test_imports_point_down(layer: str) -> None:
    allowed = set(LAYERS[LAYERS.index(layer) :])
    wrong = []
    for path in modules(layer):
        for name in imports_of(path):
            if not name.startswith("iro_desktop") or name in SHARED:
                continue
            target = name.split(".")[1]
            if target not in allowed:
                wrong.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("layer", [layer for layer in LAYERS if layer not in ("gui", "devtools")])
def test_no_qt_outside_gui(layer: str) -> None:
    wrong = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in modules(layer)
        for name in imports_of(path)
        if name.split(".")[0] in {"PySide6", "shiboken6"}
    ]
    assert not wrong, "\n".join(wrong)


def test_the_domain_does_no_io() -> None:
    banned = {"sqlalchemy", "sqlite3", "sqlcipher3", "httpx", "socket", "subprocess", "os"}
    wrong = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in modules("domain")
        for name in imports_of(path)
        if name.split(".")[0] in banned
    ]
    assert not wrong, "\n".join(wrong)


def test_no_sqlalchemy_in_the_gui() -> None:
    """Screens read through ``store.reads`` and write through ``store.ops``: never SQL."""
    wrong = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in modules("gui")
        for name in imports_of(path)
        if name.split(".")[0] == "sqlalchemy"
    ]
    assert not wrong, "\n".join(wrong)


def test_every_context_call_names_the_widget_its_result_is_for() -> None:
    """``Context.read``/``write``/``run`` drop a result whose owner is gone; a callback
    that is not a bound method must say its owner (``owner=``), or it raises at run time:
    checked here for every call, including paths no other test walks."""
    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr not in ("read", "write", "run"):
                continue
            if "ctx" not in ast.unparse(node.func.value) or len(node.args) < 2:
                continue
            bound = isinstance(node.args[1], ast.Attribute)
            if not bound and not any(k.arg == "owner" for k in node.keywords):
                missing.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert missing == []
