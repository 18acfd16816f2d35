"""The central store's logs as one JSON object a line, for a log collector, with no
personal data.

What is left out, on purpose: the client's address (personal data under UK GDPR), the
query string (it can carry child ids), and an exception's message (it can quote a value,
such as a child's name); an exception is logged as its type and where it was raised.
An access line keeps the method, the path, the status and the worker's process id.
"""

from __future__ import annotations

import json
import logging
import os
import traceback
from datetime import UTC, datetime
from typing import Any

LOG_FORMATS = ("text", "json")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "pid": os.getpid(),
        }
        if record.name == "uvicorn.access" and isinstance(record.args, tuple):
            # uvicorn's arguments: (client address, method, path?query, HTTP version, status)
            _client, method, full_path, _version, status = record.args
            entry.update(method=method, path=str(full_path).split("?", 1)[0], status=status)
        else:
            entry["message"] = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            entry["error"] = type(exc).__name__
            entry["where"] = [
                f"{frame.filename}:{frame.lineno} in {frame.name}"
                for frame in traceback.extract_tb(exc.__traceback__)
            ]
        return json.dumps(entry, ensure_ascii=False)


def log_config(kind: str, level: str = "info") -> dict[str, Any] | None:
    """uvicorn's ``log_config`` for ``kind`` ("text": uvicorn's own; "json": this module)."""
    if kind == "text":
        return None  # uvicorn's default
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "iro_desktop.central.logs.JsonFormatter"}},
        "handlers": {"json": handler},
        "root": {"handlers": ["json"], "level": level.upper()},
        "loggers": {
            "uvicorn": {"handlers": ["json"], "level": level.upper(), "propagate": False},
            "uvicorn.error": {"level": level.upper()},
            "uvicorn.access": {"handlers": ["json"], "level": level.upper(), "propagate": False},
        },
    }
