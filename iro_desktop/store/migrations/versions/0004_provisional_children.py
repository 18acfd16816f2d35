"""children added on a laptop are provisional; applied change ids remember their owner

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30

A child reference (``child_ref``) is the authority's: only its import or an allocation
claims one. A child an IRO adds on a laptop reaches the central store as a provisional
record, allocated to that IRO alone (``allocations.origin = 'laptop'``), whatever its
reference; the authority's import merges into it only when it allocates the child to the
same IRO. So ``child_ref`` is no longer unique on its own: two laptops (or a laptop and
the authority) may use the same reference, and a push never reveals whether a reference
exists elsewhere. Each laptop still refuses a reference it already holds.

Existing allocations keep ``origin`` empty: they count as the authority's.

``applied_changes`` also records whose change and which row each spent change id was,
so an id reused for a different change (in one push, or by another IRO) is refused
rather than answered "applied" without being stored. Older rows leave both empty.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_children_child_ref", table_name="children")
    op.create_index("ix_children_child_ref", "children", ["child_ref"], unique=False)
    # A plain ADD COLUMN (no table rebuild) keeps the laptop's write-count triggers.
    op.add_column("allocations", sa.Column("origin", sa.String(length=10), nullable=True))
    op.add_column("applied_changes", sa.Column("account_id", sa.String(length=36), nullable=True))
    op.add_column("applied_changes", sa.Column("row_id", sa.String(length=36), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("applied_changes") as batch_op:
        batch_op.drop_column("row_id")
        batch_op.drop_column("account_id")
    with op.batch_alter_table("allocations") as batch_op:
        batch_op.drop_column("origin")
    op.drop_index("ix_children_child_ref", table_name="children")
    op.create_index("ix_children_child_ref", "children", ["child_ref"], unique=True)
