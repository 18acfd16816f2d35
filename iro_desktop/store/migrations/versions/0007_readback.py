"""readback: imported reviews marked, and a review's number as the IRO confirmed it

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30

``reviews.imported``: a review brought in by an import (CSV or SSDA903) is history. It
counts for the timescales but asks for no catch-up paperwork (decisions to share, a
record to distribute), which the IRO did, or not, in the system it came from.

Reviews already imported are found by what an import writes: a held review with no plan,
nobody recorded as attending, none of the record's sections, no decisions, and neither
shared nor distributed. A meeting written up in the program has at least its attendees.
The laptop and the central store run the same backfill on the same rows, so they agree
without a sync.

``reviews.number``: the review's number in this period of care when the IRO has confirmed
or changed it; otherwise the program counts (``domain.timescales.count_reviews``).

The triggers on ``reviews`` (the search index, ``write_gen``) are kept as they are.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch: a batch rebuilds the table on SQLite, and the
    # rebuild would drop the triggers that keep the search index and write_gen.
    op.add_column(
        "reviews", sa.Column("imported", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column("reviews", sa.Column("number", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE reviews SET imported = TRUE WHERE status = 'held' AND planned_date IS NULL"
        " AND (attendees IS NULL OR CAST(attendees AS TEXT) IN ('[]', 'null'))"
        " AND working_well IS NULL AND worried_about IS NULL AND needs_to_happen IS NULL"
        " AND child_words IS NULL AND care_plan_view IS NULL"
        " AND decisions_shared_date IS NULL AND record_distributed_date IS NULL"
        " AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.review_id = reviews.id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_column("number")
        batch_op.drop_column("imported")
