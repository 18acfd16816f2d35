"""Central store fixtures shared by tests/sync and tests/central."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from iro_desktop.central.store import CentralStore
from tests.sync.harness import Central, drop_pg, pg_database, server_process


def module_central(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Central]:
    yield from _central(request.param, tmp_path_factory.mktemp(f"central-{request.param}"))


def _central(kind: str, tmp: Path) -> Iterator[Central]:
    if kind == "sqlite":
        url = f"sqlite:///{tmp / 'central.db'}"
    else:
        maybe = pg_database()
        if maybe is None:
            pytest.skip("PostgreSQL is not reachable at 127.0.0.1:5432 (set CI=true to require it)")
        url = maybe
    store = CentralStore(url)
    store.upgrade()
    server = server_process(url, tmp, workers=2 if kind == "postgres-2-workers" else 1)
    try:
        # Inside the try: a server that does not start in time must not leave this store's
        # connections open, to be reported against whichever test runs next.
        server.start()
        yield Central(url, store, server, tmp)
    finally:
        server.stop()
        store.dispose()
        if kind != "sqlite":
            drop_pg(url)


KINDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
# tests/sync runs once more against two worker processes on one port (tests/sync/conftest.py)
WITH_WORKERS = [*KINDS, pytest.param("postgres-2-workers", marks=pytest.mark.postgres)]


@pytest.fixture(scope="module", params=KINDS)
def central(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Central]:
    """A central store shared by a module's tests (each test makes its own IROs)."""
    yield from module_central(request, tmp_path_factory)


@pytest.fixture
def own_central(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Central]:
    """A central store of the test's own (for restarts)."""
    yield from _central(getattr(request, "param", "sqlite"), tmp_path)
