"""iro role: the IRO's job title on their own profile

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30

The first-run profile asks for the IRO's name, role, phone and email; the role (such as
"Independent Reviewing Officer" or "Senior IRO") had no column. ``iros`` is synced, so the
central store gets the same column; the payload carries it like every other column.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("iros", sa.Column("role", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("iros") as batch:
        batch.drop_column("role")
