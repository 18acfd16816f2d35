"""DESIGN.md's layers: imports point down only, and Qt lives in gui/ alone."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "iro_desktop"
# Top to bottom; a layer may import itself and anything below it.
LAYERS = ["devtools", "gui", "documents", "sync", "central", "store", "domain"]
# The version string and where resources/ is: used by every layer.
SHARED = {"iro_desktop", "iro_desktop.resources"}


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


def test_benchmarks_live_in_devtools() -> None:
    """Every ``iro-desktop bench`` section is a developer's tool: ``devtools/*_bench.py``."""
    wrong = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*bench*.py")
        if path.parent.name != "devtools" and path.name != "bench_cmd.py"
    ]
    assert wrong == []


# Modules of store/ops that hold no operation: the ``Op`` itself and the checks of values
# on their way in (which query nothing).
OPS_HELPERS = {"core", "validate", "checks"}
WRITES = {"add", "add_all", "delete", "save", "tombstone", "execute"}


def _writes(tree: ast.AST) -> bool:
    """An operation takes an ``Op``, writes through a session itself, or changes a row
    (``row.deleted = True``) for its caller to save."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            changed = [t for t in targets if isinstance(t, ast.Attribute)]
            if any(ast.unparse(t.value) != "self" for t in changed):
                return True
        takes_op = isinstance(node, ast.arg) and node.annotation is not None
        if takes_op and "Op" in re.findall(r"\w+", ast.unparse(node.annotation)):
            return True
        calls = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        if calls and node.func.attr in WRITES:
            return True
    return False


def test_store_ops_holds_only_writes() -> None:
    """A module that only reads belongs in ``store/reads``, not ``store/ops``."""
    only_reads = []
    for path in modules("store/ops"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if path.stem in OPS_HELPERS:
            if path.stem != "core" and "sqlalchemy" in imports_of(path):
                only_reads.append(f"{path.name} (a check of values that queries)")
        elif not _writes(tree):
            only_reads.append(path.name)
    assert only_reads == []


def test_store_reads_write_nothing() -> None:
    """``store/reads`` never imports a write: no ``Op``, no ``operation``/``writing``."""
    wrong = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in modules("store/reads")
        for name in imports_of(path)
        if name == "iro_desktop.store.ops.core"
    ]
    assert wrong == []


# Public functions of store/ops that are not operations, and why each is allowed there.
NOT_OPERATIONS = {
    # Writes through a bare session: the CLI's ``settings`` and the central admin hold no Op.
    "settings_write.write_setting",
    # The sync keeps what the central store supplies, as it applies pulled rows: no Op, no
    # outbox (settings are never pushed), one transaction with the sync's own bookkeeping.
    "settings_write.keep_supplied",
    # Finds the live entry an operation (or an editor about to write one) is to change.
    "entries.find",
}
# Moved to store/reads (issue 11): they must not come back.
MOVED_TO_READS = {
    "stages_of", "current_stage", "consultations_for", "report_due", "open_decisions",
    "assessed", "last_held_review", "next_review_for", "next_review_in", "all_settings",
    "open_alerts",
}  # fmt: skip


def _mentions_a_session(fn: ast.FunctionDef) -> bool:
    annotations = [a.annotation for a in fn.args.args + fn.args.kwonlyargs if a.annotation]
    named = {w for a in annotations for w in re.findall(r"\w+", ast.unparse(a))}
    used = {n.id for n in ast.walk(fn) if isinstance(n, ast.Name)}
    used |= {n.attr for n in ast.walk(fn) if isinstance(n, ast.Attribute)}
    return "Session" in named or bool(used & {"session", "select", "scalars"})


def test_every_public_function_in_store_ops_is_an_operation_or_a_pure_helper() -> None:
    """A public function in ``store/ops`` takes an ``Op`` first, or touches no session at
    all (a check or a builder of values), or is listed above with its reason. One that
    takes a ``Session`` and only selects is a read: it belongs in ``store/reads``."""
    wrong = []
    for path in modules("store/ops"):
        if path.stem in OPS_HELPERS:
            continue
        for fn in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(fn, ast.FunctionDef) or fn.name.startswith("_"):
                continue
            name = f"{path.stem}.{fn.name}"
            first = fn.args.args[0].annotation if fn.args.args else None
            takes_op = first is not None and ast.unparse(first) == "Op"
            if fn.name in MOVED_TO_READS:
                wrong.append(f"{name} (moved to store/reads)")
            elif not takes_op and name not in NOT_OPERATIONS and _mentions_a_session(fn):
                wrong.append(f"{name} (reads a session without an Op: store/reads?)")
    assert wrong == []
