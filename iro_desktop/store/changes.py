"""What one store operation changed: the tables, children and rows it touched, with each
row's version before and after (for undo and redo). The GUI's views refresh from it, and it
is the one announcement of a write (``gui.context.Context.changed``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Payload = dict[str, Any]


@dataclass
class Changes:
    """What an operation changed, for the GUI to refresh."""

    tables: set[str] = field(default_factory=set)
    child_ids: set[str] = field(default_factory=set)
    row_ids: set[str] = field(default_factory=set)
    # (table, row id) -> (the row's payload before the operation or None if it made the
    # row, its payload after): what undo and redo write back. An import's stored copy of
    # the 903 extract (never synced) is here too, by child reference, whole
    # (``store.ssda903.stored``); after an undo, None there means no copy is left.
    versions: dict[tuple[str, str], tuple[Payload | None, Payload | None]] = field(
        default_factory=dict
    )
    label: str = ""  # what the operation did, for the Edit menu ("correct visit")

    def merge(self, other: Changes) -> None:
        self.tables |= other.tables
        self.child_ids |= other.child_ids
        self.row_ids |= other.row_ids
        for key, (before, after) in other.versions.items():
            earlier = self.versions.get(key)
            self.versions[key] = (earlier[0] if earlier else before, after)
        self.label = self.label or other.label

    def __bool__(self) -> bool:
        return bool(self.row_ids)
