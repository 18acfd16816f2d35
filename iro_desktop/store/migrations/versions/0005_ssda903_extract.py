"""ssda903 extract: the authority's Header and Episodes rows as imported

Revision ID: 0005
Revises: 0003
Create Date: 2026-11-30

``store.schema.ssda903``: kept where the import ran (laptop or central store), never
synced; the export writes Header and Episodes back from them. On a laptop each new table
counts its writes for the saved start view, as migration 0003 asks of every data table.
Placement codes grow to three letters (Z11-Z14 from 2025/26).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

LAPTOP_APPLICATION_ID = 0x49524F44
TABLES = ("ssda903_header", "ssda903_episodes")
EVENTS = {"ai": "INSERT", "au": "UPDATE", "ad": "DELETE"}


def _laptop() -> bool:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return False
    return bind.exec_driver_sql("PRAGMA application_id").scalar() == LAPTOP_APPLICATION_ID


def upgrade() -> None:
    op.create_table(
        "ssda903_header",
        sa.Column("child_ref", sa.String(length=40), nullable=False),
        sa.Column("header", sa.JSON(), nullable=False),
        sa.Column("uasc", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("child_ref"),
    )
    op.create_table(
        "ssda903_episodes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("child_ref", sa.String(length=40), nullable=False),
        sa.Column("decom", sa.Date(), nullable=False),
        sa.Column("episode", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_ssda903_episodes_child_ref", "ssda903_episodes", ["child_ref"])
    # Placement codes Z11-Z14 (2025/26) are three letters; SQLite ignores the length.
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column("placements", "place_code", type_=sa.String(length=3))
    if _laptop():
        for table in TABLES:
            for suffix, event in EVENTS.items():
                op.execute(
                    f"CREATE TRIGGER write_gen_{table}_{suffix} AFTER {event} ON {table} "
                    "BEGIN UPDATE write_gen SET n = n + 1 WHERE id = 1; END"
                )


def downgrade() -> None:
    if _laptop():
        for table in TABLES:
            for suffix in EVENTS:
                op.execute(f"DROP TRIGGER IF EXISTS write_gen_{table}_{suffix}")
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column("placements", "place_code", type_=sa.String(length=2))
    op.drop_index("ix_ssda903_episodes_child_ref", table_name="ssda903_episodes")
    op.drop_table("ssda903_episodes")
    op.drop_table("ssda903_header")
