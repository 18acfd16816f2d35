"""Read what is due from the store, whatever the day (see ``store.reads.whats_due``)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from iro_desktop.store.due_items import due_items
from iro_desktop.store.reads.whats_due import DueFact, DueLine, due_for
from iro_desktop.store.start_view import write_count


def load_due_facts(session: Session, today: date) -> tuple[list[DueFact], int | None]:
    """Every open item, with the file's write count it was read at (one transaction).

    ``today`` only marks items overdue inside ``due_items``; the facts do not keep that.
    """
    count = write_count(session)
    facts = [
        DueFact(item.child_id, item.child_name, item.kind, item.due, item.detail)
        for item in due_items(session, today)
    ]
    return facts, count


def load_due(session: Session, today: date) -> list[DueLine]:
    return due_for(load_due_facts(session, today)[0], today)
