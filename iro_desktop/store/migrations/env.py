"""Alembic environment: always given a live connection by ``migrations.upgrade``."""

from __future__ import annotations

from alembic import context

import iro_desktop.store.schema  # noqa: F401  (registers every table)
from iro_desktop.store.types import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached by a mistaken CLI call
    raise RuntimeError("IRO Desktop runs its migrations from code, with a connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
