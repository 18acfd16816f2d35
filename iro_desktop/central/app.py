"""The central store's HTTP API (FastAPI). Every ``/v1`` endpoint needs a live token.

The OpenAPI description is served at ``/openapi.json`` (and browsable at ``/docs``).
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from anyio import to_thread
from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import AfterValidator, BaseModel, Field
from sqlalchemy import update
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session

from iro_desktop import __version__
from iro_desktop.central import authority, changes
from iro_desktop.central.auth import FailedLogins, Principal, audit_failure, authenticate
from iro_desktop.central.guard import MAX_BODY, Guard
from iro_desktop.central.protocol import (
    PULL_PAGE,
    PUSH_BATCH,
    SNAPSHOT_CHILDREN,
    SNAPSHOT_PAGE,
    TABLES,
)
from iro_desktop.central.store import CentralStore
from iro_desktop.store.rowcheck import INT_MAX, text_problem
from iro_desktop.store.schema import DeviceToken, Iro
from iro_desktop.store.serialise import to_payload
from iro_desktop.store.types import utcnow

bearer = HTTPBearer(auto_error=False)
Token = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
"""The bearer token as sent: each endpoint checks it with ``signed_in`` in its own session,
so a request takes one database connection and one trip to the thread pool, not two."""

THREADS = 4
"""Requests each worker process works on at once. CPython runs one thread's Python at a
time, so threads beyond what keeps the database busy only contend for the interpreter lock:
with anyio's default of 40, a 200-IRO burst cost the worker 21% more CPU than with 4 and
took longer (issue 17, ``iro-desktop bench --only throughput``). The rest wait their turn."""


class NotSignedIn(Exception):
    """No token, or one that is unknown or revoked, or a disabled account: answered 401."""

    def __init__(self, token: str | None) -> None:
        super().__init__("missing, unknown or revoked token")
        self.token = token


def signed_in(session: Session, token: Token) -> Principal:
    """Who is calling, read in the request's own session; ``NotSignedIn`` if nobody."""
    credentials = token.credentials if token else None
    who = authenticate(session, credentials)
    if who is None:
        raise NotSignedIn(credentials)
    return who


def _storable(value: str | None) -> str | None:
    if value is not None and text_problem(value, len(value)) is not None:
        raise ValueError("contains a character that cannot be stored")
    return value


Storable = Annotated[str, AfterValidator(_storable)]


class ChangeIn(BaseModel):
    change_id: Storable = Field(min_length=1, max_length=36)
    table: Storable = Field(max_length=60)
    row_id: Storable = Field(min_length=1, max_length=36)
    op: Storable = Field(max_length=10)
    version: int = Field(ge=0, le=INT_MAX)
    base_version: int = Field(ge=0, le=INT_MAX)
    payload: dict[str, Any]
    created_at: Storable | None = Field(default=None, max_length=64)


class PushIn(BaseModel):
    changes: list[ChangeIn] = Field(max_length=PUSH_BATCH * 4)


class ResolveIn(BaseModel):
    resolution: Storable = Field(min_length=1, max_length=20)


SINCE_MAX = 2**63 - 1


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {
        "type": "object", "properties": {"detail": {}}}}}}  # fmt: skip


ANSWERS: dict[int | str, dict[str, Any]] = {
    400: _error("The request could not be read (unknown table, malformed body)"),
    401: _error("Missing, unknown or revoked token, or a disabled account"),
    413: _error(f"The request body is larger than {MAX_BODY // (1024 * 1024)} MB"),
    422: _error("A value is out of range or of the wrong shape (see Limits in the README)"),
    503: _error("The central store is busy; try again"),
}
FORBIDDEN: dict[int | str, dict[str, Any]] = {403: _error("Not a child you hold")}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: _error("No such conflict among the children you hold")
}


def create_app(
    store: CentralStore, failed_logins: FailedLogins | None = None, threads: int = THREADS
) -> FastAPI:
    """``threads``: the requests this process works on at once (``THREADS``)."""

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # FastAPI runs each request's database work in this worker's thread pool.
        to_thread.current_default_thread_limiter().total_tokens = threads
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="IRO Desktop central store",
        version=__version__,
        description="Sync for IRO Desktop laptops: push, pull, snapshot, checksums, conflicts, "
        "and the authority's settings.",
        responses=ANSWERS,
    )
    app.add_middleware(Guard)
    failures = failed_logins or FailedLogins()

    def _audit_failure(address: str, token: str | None) -> None:
        with store.writing() as session:
            audit_failure(session, address, token)

    @app.exception_handler(NotSignedIn)
    async def _not_signed_in(request: Request, exc: NotSignedIn) -> Any:
        from fastapi.responses import JSONResponse

        address = request.client.host if request.client else "unknown"
        await run_in_threadpool(_audit_failure, address, exc.token)
        await failures.pause(address)
        return JSONResponse(
            {"detail": "missing, unknown or revoked token"},
            status_code=401,
            headers={"WWW-Authenticate": "Bearer"},
        )

    @app.exception_handler(PoolTimeout)  # every connection stayed busy for POOL_WAIT_S
    @app.exception_handler(OperationalError)
    def _busy(_request: Request, _exc: Exception) -> Any:
        from fastapi.responses import JSONResponse

        return JSONResponse({"detail": "the central store is busy; try again"}, status_code=503)

    @app.get("/health")
    def health() -> dict[str, str]:
        """Alive: the process answers. It touches no database, so a load balancer or
        systemd does not restart a worker because PostgreSQL is briefly away."""
        return {"status": "ok", "version": __version__}

    @app.get("/ready", responses={503: _error("The database is unreachable or not current")})
    def ready() -> Any:
        """Ready for laptops: the database answers and its schema is this version's."""
        from fastapi.responses import JSONResponse

        problem = store.not_ready()
        if problem is not None:
            return JSONResponse({"status": "not ready", "detail": problem}, status_code=503)
        return {"status": "ready", "version": __version__}

    @app.get("/v1/me")
    def me(token: Token) -> dict[str, Any]:
        with store.reading() as session:
            who = signed_in(session, token)
            profile = session.get(Iro, who.account_id)
            return {
                "account_id": who.account_id,
                "email": who.email,
                "name": who.name,
                "device_id": who.device_id,
                "profile": to_payload(profile) if profile is not None else None,
            }

    def _seen(session: Session, who: Principal) -> None:
        # One UPDATE, not a SELECT of the device and then its UPDATE at the flush.
        session.execute(
            update(DeviceToken)
            .where(DeviceToken.id == who.device_id)
            .values(last_used_at=utcnow())
            .execution_options(synchronize_session=False)
        )

    @app.post("/v1/push")
    def push(body: PushIn, token: Token) -> dict[str, Any]:
        who: Principal | None = None
        if not store.is_sqlite:
            # Many IROs at once: check and write the rows beside other writers, and hold
            # the write lock only to put the batch into the change sequence and commit.
            try:
                with store.writing_unserialised() as session:
                    who = signed_in(session, token)
                    results, log = changes.push_unlocked(
                        session, who, [c.model_dump() for c in body.changes]
                    )
                    _seen(session, who)
                    session.flush()
                    store.serialise(session)
                    changes.write_log(session, log)
                return {"results": results}
            except changes.CLASH:
                pass  # rolled back: another writer got there first, or a row was refused
        with store.writing() as session:
            who = who or signed_in(session, token)
            results = changes.push(session, who, [c.model_dump() for c in body.changes])
            _seen(session, who)
        return {"results": results}

    @app.get("/v1/pull")
    def pull(
        token: Token,
        since: Annotated[int, Query(ge=0, le=SINCE_MAX)] = 0,
        limit: Annotated[int, Query(ge=1, le=5000)] = PULL_PAGE,
    ) -> dict[str, Any]:
        with store.reading() as session:
            who = signed_in(session, token)
            page = changes.pull(session, who, since, limit)
        page["store"] = store.identity()
        return page

    @app.get("/v1/snapshot", responses=FORBIDDEN)
    def snapshot(
        token: Token,
        table: Annotated[str | None, Query(max_length=60)] = None,
        after: Annotated[Storable | None, Query(max_length=36)] = None,
        limit: Annotated[int, Query(ge=1, le=20000)] = SNAPSHOT_PAGE,
        child: Annotated[list[Storable] | None, Query()] = None,
    ) -> dict[str, Any]:
        with store.reading() as session:
            who = signed_in(session, token)
            if table is not None and table not in TABLES:
                raise HTTPException(400, "unknown table")
            if child is not None and len(child) > SNAPSHOT_CHILDREN:
                raise HTTPException(422, f"at most {SNAPSHOT_CHILDREN} children per snapshot")
            if child is not None:
                scope = changes.scope_of(session, who)
                if not set(child) <= scope.children:
                    raise HTTPException(403, "not a child you hold")
            return changes.snapshot(
                session,
                who,
                table=table,
                after=after,
                limit=limit,
                only_children=set(child) if child is not None else None,
            )

    @app.get("/v1/checksums")
    def checksums(token: Token) -> dict[str, Any]:
        with store.reading() as session:
            who = signed_in(session, token)
            return changes.checksums(session, who)

    @app.get("/v1/conflicts")
    def conflicts(token: Token) -> dict[str, Any]:
        with store.reading() as session:
            who = signed_in(session, token)
            return {"conflicts": changes.open_conflicts(session, who)}

    @app.get("/v1/authority")
    def authority_settings(token: Token) -> dict[str, Any]:
        """The authority's settings its team has set here (``central authority set``),
        the same for every IRO; a setting not named is each IRO's own to give."""
        with store.reading() as session:
            signed_in(session, token)
            return {"settings": authority.supplied(session)}

    @app.post("/v1/conflicts/{conflict_id}/resolve", responses=NOT_FOUND)
    def resolve(
        conflict_id: Annotated[Storable, Path(max_length=36)], body: ResolveIn, token: Token
    ) -> dict[str, Any]:
        with store.writing() as session:
            who = signed_in(session, token)
            done = changes.resolve_conflict(session, who, conflict_id, body.resolution)
        if done is None:
            raise HTTPException(404, "no such conflict among the children you hold")
        return {"resolved": conflict_id}

    return app
