"""child mode: drawings, answers just for the IRO, and the child's alerts

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30

Consultations gain the child's drawings, the answers a child kept "just for my IRO" (held
apart from ``answers`` so no letter, record view, search or export sees them) and the
IRO's safeguarding override with its reason and date. ``child_alerts`` holds "I want to
talk to you alone" and "I don't feel safe" until the IRO records what they did; it is IRO
work, so it syncs, and on a laptop it counts its writes for the saved start view (0003).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

LAPTOP_APPLICATION_ID = 0x49524F44
EVENTS = {"ai": "INSERT", "au": "UPDATE", "ad": "DELETE"}


def _laptop() -> bool:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return False
    return bind.exec_driver_sql("PRAGMA application_id").scalar() == LAPTOP_APPLICATION_ID


def upgrade() -> None:
    # Plain ADD COLUMN: a batch rebuild on SQLite would drop the search and write_gen
    # triggers on consultations.
    op.add_column(
        "consultations", sa.Column("drawings", sa.JSON(), nullable=False, server_default="{}")
    )
    op.add_column(
        "consultations",
        sa.Column("private_answers", sa.JSON(), nullable=False, server_default="{}"),
    )
    op.add_column("consultations", sa.Column("override_reason", sa.Text(), nullable=True))
    op.add_column("consultations", sa.Column("override_on", sa.Date(), nullable=True))
    op.create_table(
        "child_alerts",
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("review_id", sa.String(length=36), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("acted_on", sa.Date(), nullable=True),
        sa.Column("action", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["child_id"], ["children.id"]),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    for column in ("child_id", "review_id", "updated_at"):
        op.create_index(f"ix_child_alerts_{column}", "child_alerts", [column])
    if _laptop():
        for suffix, event in EVENTS.items():
            op.execute(
                f"CREATE TRIGGER write_gen_child_alerts_{suffix} AFTER {event} ON child_alerts "
                "BEGIN UPDATE write_gen SET n = n + 1 WHERE id = 1; END"
            )


def downgrade() -> None:
    if _laptop():
        for suffix in EVENTS:
            op.execute(f"DROP TRIGGER IF EXISTS write_gen_child_alerts_{suffix}")
    for column in ("child_id", "review_id", "updated_at"):
        op.drop_index(f"ix_child_alerts_{column}", table_name="child_alerts")
    op.drop_table("child_alerts")
    with op.batch_alter_table("consultations", schema=None) as batch_op:
        for column in ("override_on", "override_reason", "private_answers", "drawings"):
            batch_op.drop_column(column)
