"""A real central store process (SQLite, and PostgreSQL where reachable) per module."""

from tests.sync.fixtures import central, own_central

__all__ = ["central", "own_central"]
