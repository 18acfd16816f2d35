"""review history needed: a child imported with no review on file, long in care

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30

``children.review_history_needed_since`` is the day a child came to the program (an
import, or added by hand) with no review on file when their first review was already due.
The program then asks for the last review's date instead of counting a first review years
overdue. It is a fact about the child, not a rule of the day, so the saved start view
stays day-independent; it syncs with the child's other columns.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN: a batch rebuild on SQLite would drop the triggers on children.
    op.add_column("children", sa.Column("review_history_needed_since", sa.Date(), nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35 and later), for the same reason.
    op.drop_column("children", "review_history_needed_since")
