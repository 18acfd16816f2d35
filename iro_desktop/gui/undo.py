"""Undo and redo for every write of the session, through the operation layer.

``Context.write`` pushes one ``WriteCommand`` per operation that saved rows. Its text is
what the operation did ("correct visit"), so the Edit menu reads "Undo correct visit".
Undo writes back each row's version from before the operation (a row the operation made
becomes a tombstone), redo the version after it: each is itself one store operation
(``entries.restore``), versioned, audited and queued for sync like any write, so the
other laptop sees the undo too. Nothing is undone per widget.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from iro_desktop.gui.context import Context
    from iro_desktop.store.changes import Changes
    from iro_desktop.store.ops.core import Op


class WriteCommand(QUndoCommand):
    """One saved operation; pushed after it was written, so the first redo does nothing."""

    def __init__(self, ctx: Context, changes: Changes) -> None:
        super().__init__(changes.label or "change")
        self.ctx = ctx
        self.versions = dict(changes.versions)
        self.first = True

    def redo(self) -> None:
        if self.first:
            self.first = False  # already written when pushed
            return
        self._write("redo", [(t, i, after) for (t, i), (_b, after) in self.versions.items()])

    def undo(self) -> None:
        self._write("undo", [(t, i, before) for (t, i), (before, _a) in self.versions.items()])

    def _write(self, action: str, versions: list[tuple[str, str, Any]]) -> None:
        from iro_desktop.store.ops import entries

        label = f"{action} {self.text()}"

        def work(op: Op) -> None:
            entries.restore(op, versions, label=label, action=action)

        def done(_none: None) -> None:
            self.ctx.status(label[0].upper() + label[1:] + ".")

        self.ctx.write(work, done, owner=self.ctx.signals, undoable=False)
