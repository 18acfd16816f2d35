"""The central store's outer guard: a bounded request body, and failures logged without
personal data.

It wraps the whole application as plain ASGI, outside FastAPI's own error handling, so
that an unexpected error is answered here (500, "something went wrong") and logged as
its type and where it happened, never its message: a message can quote a child's name
(``Invalid isoformat string: 'Sam ...'``) and uvicorn would print it whole. SQL parameters
are hidden at the engine too (``hide_parameters``), so a statement in a traceback carries
no values.
"""

from __future__ import annotations

import json
import logging
import traceback

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from iro_desktop.central.protocol import PAGE_BYTES

log = logging.getLogger("iro_desktop.central")

MAX_BODY = 2 * PAGE_BYTES
"""Bytes in one request body: twice what the laptop puts in one push."""


def log_failure(exc: BaseException, where: str) -> None:
    """The exception's type and where it was raised (file, line, function), without its
    message, any value or any source line."""
    frames = "\n".join(
        f"  {frame.filename}:{frame.lineno} in {frame.name}"
        for frame in traceback.extract_tb(exc.__traceback__)
    )
    log.error("%s failed: %s\n%s", where, type(exc).__name__, frames)


async def _answer(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})  # fmt: skip
    await send({"type": "http.response.body", "body": body})


class Guard:
    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_large = f"the request is larger than {self.max_body // (1024 * 1024)} MB"
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                if int(declared) > self.max_body:
                    await _answer(send, 413, too_large)
                    return
            except ValueError:
                await _answer(send, 400, "the request's length cannot be read")
                return
        # Read the body here, counting, then hand it on: FastAPI would turn an error
        # raised while it reads into a 400, and a body without a length must be bounded.
        body = bytearray()
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away before sending it all
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.max_body:
                await _answer(send, 413, too_large)
                return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        started = False

        async def tracked_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, replay, tracked_send)
        except RecursionError:  # a body nested thousands deep, met by the JSON parser
            if not started:
                await _answer(send, 422, "the request is nested too deeply")
        except Exception as exc:
            log_failure(exc, f"{scope.get('method', '')} {scope.get('path', '')}")
            if not started:
                await _answer(send, 500, "something went wrong; the central store logged it")
