"""A real central store process per module: SQLite, PostgreSQL where reachable, and
PostgreSQL behind two worker processes on one port (the sync suite must pass on each)."""

from collections.abc import Iterator

import pytest

from tests.sync.fixtures import WITH_WORKERS, module_central, own_central
from tests.sync.harness import Central

__all__ = ["central", "own_central"]


@pytest.fixture(scope="module", params=WITH_WORKERS)
def central(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Central]:
    yield from module_central(request, tmp_path_factory)
