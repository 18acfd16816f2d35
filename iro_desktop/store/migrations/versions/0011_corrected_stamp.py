"""every synced row carries the correction its current version holds

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30

``corrected_at`` and ``corrected_by`` (the IRO's email) are set by a correction, written
back with the rest of the row by undo and redo, and synced with the row. Before, "corrected
<date> by <name>" came only from this laptop's audit trail: an undone correction still said
"corrected", and a correction made on another laptop said nothing. A row corrected here
before this version takes its newest correction from the audit trail, as it was shown.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

TABLES = (
    "iros", "children", "legal_statuses", "placements", "people", "reviews", "decisions",
    "decision_status_changes", "consultations", "review_feedback", "child_alerts", "letters",
    "visits", "midway_updates", "midway_items", "challenges", "challenge_stages", "notes",
)  # fmt: skip


def _tables() -> list[str]:
    have = set(sa.inspect(op.get_bind()).get_table_names())
    return [t for t in TABLES if t in have]


def upgrade() -> None:
    tables = _tables()
    # Plain ADD COLUMN: a batch rebuild on SQLite would drop the search and write_gen
    # triggers.
    for table in tables:
        op.add_column(table, sa.Column("corrected_at", sa.DateTime(), nullable=True))
        op.add_column(table, sa.Column("corrected_by", sa.String(length=320), nullable=True))
    for table in tables:
        # The newest correction of each row in the audit trail (one row has one table).
        op.execute(
            f"UPDATE {table} SET "
            "corrected_at = (SELECT a.at FROM audit_log a WHERE a.row_id = {t}.id "
            "AND a.action = 'correct' ORDER BY a.at DESC LIMIT 1), "
            "corrected_by = (SELECT a.actor FROM audit_log a WHERE a.row_id = {t}.id "
            "AND a.action = 'correct' ORDER BY a.at DESC LIMIT 1) "
            "WHERE id IN (SELECT row_id FROM audit_log WHERE action = 'correct')".replace(
                "{t}", table
            )
        )


def downgrade() -> None:
    for table in _tables():
        with op.batch_alter_table(table) as batch:
            batch.drop_column("corrected_by")
            batch.drop_column("corrected_at")
