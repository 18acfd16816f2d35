"""Import the IRO's children from a file, as the program's "Import children…" does it:
first a check that writes nothing (every problem listed, or what the import would do),
then the import itself (one operation: the program's Edit > Undo takes all of it back).
Both run the same importers as ``iro-desktop import``
(``store.importer`` for a caseload CSV, ``store.ssda903`` for the extract folder).

The check runs the whole import in a transaction and rolls it back, so it finds exactly
the problems the import would (a rule that spans rows, a date out of order), not a
cheaper guess at them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from iro_desktop.store import importer
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.ops.core import Actor, Op, operation
from iro_desktop.store.queries import me

Kind = Literal["caseload", "903"]


@dataclass(frozen=True)
class Checked:
    """What a check or an import found: problems (nothing was written), or what it did."""

    problems: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    children: int = 0  # children added or updated

    @property
    def ok(self) -> bool:
        return not self.problems


class _RolledBack(Exception):
    def __init__(self, checked: Checked) -> None:
        super().__init__("a check writes nothing")
        self.checked = checked


def import_into(op: Op, kind: Kind, path: Path, *, today: date) -> Checked:
    """Import inside ``op`` (raises the importer's failure, so the transaction rolls back).
    New children are this laptop's IRO's."""
    owner = me(op.session)
    iro_id = owner.id if owner else None
    if kind == "903":
        from iro_desktop.store.ssda903.importer import import_into as import_903

        report = import_903(op, path, today=today, iro_for=lambda _ref: iro_id)
        return _named(op, Checked(summary=report.summary(), children=len(report.children)))
    result = importer.caseload_into(op, path, today=today, iro_id=iro_id)
    summary = [f"{result.added} children added, {result.updated} updated."]
    if result.history_needed:
        summary.append(
            f"{result.history_needed} with no review on file, long after their first was "
            "due: Home asks for each one's last review date (not counted overdue)."
        )
    return _named(op, Checked(summary=summary, children=result.added + result.updated))


def _named(op: Op, checked: Checked) -> Checked:
    """Name the import as one operation, so the Edit menu reads "Undo import of 5
    children": undo takes back every row it wrote (``Changes.versions``) at once."""
    count = checked.children
    op.label = op.changes.label = f"import of {count} {'child' if count == 1 else 'children'}"
    return checked


def failure(error: BaseException) -> Checked | None:
    """The problems an importer's failure lists, or None for any other error."""
    from iro_desktop.store.ssda903.importer import Import903Failed

    if isinstance(error, importer.ImportFailed):
        return Checked(problems=[str(p) for p in error.result.problems])
    if isinstance(error, Import903Failed):
        return Checked(problems=[str(p) for p in error.report.problems])
    return None


def check(caseload: Caseload, actor: Actor, kind: Kind, path: Path, *, today: date) -> Checked:
    """Everything the import would find or do, with nothing written."""
    try:
        with operation(caseload, actor) as op:
            raise _RolledBack(import_into(op, kind, path, today=today))
    except _RolledBack as done:
        return done.checked
    except Exception as error:
        found = failure(error)
        if found is None:
            raise
        return found
