"""Run the central store: migrate the database to head, then serve the API with uvicorn.

With ``workers`` above one, uvicorn starts that many processes on one port, each building
its app with ``app_from_env``; they share nothing but the database (see the README's
"The central store as a service" for what is kept per process, and why that is safe).
"""

from __future__ import annotations

import os
from typing import Any

import uvicorn

from iro_desktop.central.app import THREADS, create_app
from iro_desktop.central.logs import log_config
from iro_desktop.central.store import CentralStore

ENV_DATABASE = "IRO_DESKTOP_CENTRAL_DATABASE"
ENV_CONNECTIONS = "IRO_DESKTOP_CENTRAL_CONNECTIONS"  # each worker's share, set by ``serve``
ENV_THREADS = "IRO_DESKTOP_CENTRAL_THREADS"  # each worker's threads, set by ``serve``
CONNECTIONS = 20
"""PostgreSQL connections all the workers together keep open (``--connections``): well
under PostgreSQL's usual ``max_connections`` of 100, which other programs share."""


def per_worker(connections: int, workers: int) -> int:
    """Each worker's share of ``connections`` (at least two: one request, one waiting)."""
    return max(2, connections // max(1, workers))


def app_from_env() -> object:
    """Factory for ``uvicorn --factory iro_desktop.central.serve:app_from_env``."""
    share = int(os.environ.get(ENV_CONNECTIONS, "0")) or per_worker(CONNECTIONS, 1)
    store = CentralStore(os.environ[ENV_DATABASE], connections=share)
    store.upgrade()  # a no-op once migrated; safe when several start together
    return create_app(store, threads=int(os.environ.get(ENV_THREADS, "0")) or THREADS)


def serve(
    url: str,
    host: str = "127.0.0.1",
    port: int = 8765,
    *,
    certfile: str | None = None,
    keyfile: str | None = None,
    log_level: str = "warning",
    workers: int = 1,
    log_format: str = "text",
    connections: int = CONNECTIONS,
    threads: int = THREADS,
) -> None:
    """``connections``: PostgreSQL connections for all ``workers`` together; a request
    that finds its worker's share all busy waits for one rather than being refused.
    ``threads``: the requests each worker works on at once (see ``app.THREADS``)."""
    store = CentralStore(url, connections=per_worker(connections, workers))
    store.upgrade()
    options: dict[str, Any] = dict(
        host=host,
        port=port,
        ssl_certfile=certfile,
        ssl_keyfile=keyfile,
        log_level=log_level,
        proxy_headers=True,
        timeout_graceful_shutdown=5,
    )
    logging_config = log_config(log_format, log_level)
    if logging_config is not None:
        options["log_config"] = logging_config
    if workers <= 1:
        uvicorn.run(create_app(store, threads=threads), **options)
        return
    store.dispose()  # the workers open their own connections
    os.environ[ENV_DATABASE] = url
    os.environ[ENV_CONNECTIONS] = str(per_worker(connections, workers))
    os.environ[ENV_THREADS] = str(threads)
    uvicorn.run("iro_desktop.central.serve:app_from_env", factory=True, workers=workers, **options)
