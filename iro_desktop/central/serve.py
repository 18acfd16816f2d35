"""Run the central store: migrate the database to head, then serve the API with uvicorn."""

from __future__ import annotations

import os

import uvicorn

from iro_desktop.central.app import create_app
from iro_desktop.central.store import CentralStore

ENV_DATABASE = "IRO_DESKTOP_CENTRAL_DATABASE"


def app_from_env() -> object:
    """Factory for ``uvicorn --factory iro_desktop.central.serve:app_from_env``."""
    store = CentralStore(os.environ[ENV_DATABASE])
    store.upgrade()
    return create_app(store)


def serve(
    url: str,
    host: str = "127.0.0.1",
    port: int = 8765,
    *,
    certfile: str | None = None,
    keyfile: str | None = None,
    log_level: str = "warning",
) -> None:
    store = CentralStore(url)
    store.upgrade()
    uvicorn.run(
        create_app(store),
        host=host,
        port=port,
        ssl_certfile=certfile,
        ssl_keyfile=keyfile,
        log_level=log_level,
        proxy_headers=True,
        timeout_graceful_shutdown=5,
    )
