"""the audit trail keeps what a correction replaced, and why an entry was deleted

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30

Every entry can now be corrected, deleted (a tombstone) and undone. The audit entry of
each write keeps the previous values of the fields it changed (``before``), so an earlier
version is never lost, and the reason given for a deletion (``reason``). Older entries
leave both empty.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN (no table rebuild) keeps the laptop's write-count triggers.
    op.add_column("audit_log", sa.Column("before", sa.JSON(), nullable=True))
    op.add_column("audit_log", sa.Column("reason", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("reason")
        batch.drop_column("before")
