"""Issue 11: at a first start the log said ``sync job failed unexpectedly:
OperationalError``. A sync transaction reads, then writes; in SQLite's WAL mode, if the
screens commit a write in between, the sync's first write fails at once with "database is
locked" (its snapshot is stale; the busy timeout does not help). Every writing
transaction on the laptop now takes the write lock when it begins, so the other writer
waits its turn instead and neither fails."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from iro_desktop.store.caseload import Caseload
from iro_desktop.store.ops.core import operation
from iro_desktop.sync import apply, state
from tests.helpers import ACTOR


def _screens_write(caseload: Caseload) -> None:
    """A write from elsewhere (the screens), waiting for no lock: fails if one is held."""
    with caseload.engine.connect() as conn:
        raw: Any = conn.connection.driver_connection
        raw.execute("PRAGMA busy_timeout=0")
        with conn.begin():
            conn.execute(text("INSERT INTO sync_state (key, value) VALUES ('screens', 'x')"))


@pytest.mark.parametrize("how", ["applying", "operation"])
def test_a_write_between_a_syncs_read_and_its_write_waits_instead(
    caseload: Caseload, how: str
) -> None:
    if how == "applying":
        context: Any = apply.applying(caseload)
    else:
        context = operation(caseload, ACTOR)
    with context as opened:
        session = opened if how == "applying" else opened.session
        apply.pending_rows(session)  # the transaction has read
        with pytest.raises(OperationalError, match="locked"):
            _screens_write(caseload)  # the other writer must wait for this one
        state.put(session, state.CURSOR, "7")  # and this write goes through
        session.flush()
    _screens_write(caseload)  # once it has committed, the other can write
    with caseload.session() as session:
        assert state.get(session, state.CURSOR) == "7"
        assert state.get(session, "screens") == "x"
