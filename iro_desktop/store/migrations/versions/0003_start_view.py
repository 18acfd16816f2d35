"""start view: what the IRO last saw, for the first screen after unlocking

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24

The first screen after unlocking (what's due, the caseload) is drawn from the lists the
IRO last saw, read with the bare SQLCipher driver before SQLAlchemy and the rules have
loaded; the live lists replace them moments later (``store.start_view``,
``store.quick_open``). That is only safe if a saved view is never older than the data.

``write_gen`` counts writes: a trigger on every data table adds one, whichever path wrote
(operations, sync pull, the importer, a later migration), inside the writing transaction.
Each saved view records the count its lists were read at, in the same read transaction;
a view whose count differs from the file's is not used.

Bookkeeping tables (audit, outbox, sync state, drafts, the search index, the central
store's own logs) change nothing a view shows, so they do not count; a background sync
that only moves its cursor must not throw the saved view away.

Laptop files only (application_id "IROD"): the central store has no first screen.
The table list is frozen here; a later revision that adds a data table adds its triggers.
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

LAPTOP_APPLICATION_ID = 0x49524F44  # store.engine.APPLICATION_ID at this revision

COUNTED: tuple[str, ...] = (
    "accounts", "allocations", "challenge_stages", "challenges", "children", "conflicts",
    "consultations", "covers", "decision_status_changes", "decisions", "device_tokens",
    "iros", "legal_statuses", "letters", "midway_items", "midway_updates", "notes",
    "people", "placements", "review_feedback", "reviews", "settings", "visits",
)  # fmt: skip

EVENTS = {"ai": "INSERT", "au": "UPDATE", "ad": "DELETE"}


def _laptop() -> bool:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return False
    return bind.exec_driver_sql("PRAGMA application_id").scalar() == LAPTOP_APPLICATION_ID


def upgrade() -> None:
    if not _laptop():
        return
    op.execute("CREATE TABLE write_gen (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL)")
    op.execute("INSERT INTO write_gen (id, n) VALUES (1, 0)")
    op.execute(
        "CREATE TABLE start_view ("
        " name VARCHAR(40) PRIMARY KEY, gen INTEGER NOT NULL, body TEXT NOT NULL)"
    )
    for table in COUNTED:
        for suffix, event in EVENTS.items():
            op.execute(
                f"CREATE TRIGGER write_gen_{table}_{suffix} AFTER {event} ON {table} "
                "BEGIN UPDATE write_gen SET n = n + 1 WHERE id = 1; END"
            )


def downgrade() -> None:
    if not _laptop():
        return
    for table in COUNTED:
        for suffix in EVENTS:
            op.execute(f"DROP TRIGGER IF EXISTS write_gen_{table}_{suffix}")
    op.execute("DROP TABLE IF EXISTS start_view")
    op.execute("DROP TABLE IF EXISTS write_gen")
