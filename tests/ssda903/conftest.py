"""A real central store process (SQLite, and PostgreSQL where reachable) per module."""

from tests.sync.fixtures import central

__all__ = ["central"]
