"""Alembic migrations, run from code: a laptop may skip releases and must still upgrade.

Alembic itself is imported only when a file needs upgrading (or a test asks): opening an
up-to-date caseload reads the stamped revision with one query and compares it with
``SCHEMA_HEAD``, which a test keeps equal to Alembic's head.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from iro_desktop.store.errors import NewerVersion
from iro_desktop.store.file_format import SCHEMA_HEAD

if TYPE_CHECKING:
    from alembic.config import Config

HERE = Path(__file__).parent
__all__ = ["SCHEMA_HEAD", "upgrade"]


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(HERE))
    return config


def head_revision() -> str:
    return SCHEMA_HEAD


def alembic_head() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None  # never stamped: an empty file
    rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    return str(rows[0][0]) if rows else None


def check_not_newer(connection: Connection) -> str | None:
    """Refuse, before any write, a file stamped by a newer version of the program."""
    current = current_revision(connection)
    if current is not None and current != SCHEMA_HEAD and current not in known_revisions():
        raise NewerVersion(current)
    return current


def upgrade(engine: Engine, target: str = "head") -> None:
    from alembic import command

    with engine.begin() as connection:
        check_not_newer(connection)
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, target)
