"""Alembic migrations, run from code: a laptop may skip releases and must still upgrade."""

from __future__ import annotations

from pathlib import Path

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from iro_desktop.store.errors import NewerVersion

HERE = Path(__file__).parent


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(HERE))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def check_not_newer(connection: Connection) -> str | None:
    """Refuse, before any write, a file stamped by a newer version of the program."""
    current = current_revision(connection)
    if current is not None and current not in known_revisions():
        raise NewerVersion(current)
    return current


def upgrade(engine: Engine, target: str = "head") -> None:
    from alembic import command

    with engine.begin() as connection:
        check_not_newer(connection)
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, target)
