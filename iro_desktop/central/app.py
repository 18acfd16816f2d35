"""The central store's HTTP API (FastAPI). Every ``/v1`` endpoint needs a live token.

The OpenAPI description is served at ``/openapi.json`` (and browsable at ``/docs``).
"""

from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from sqlalchemy.exc import OperationalError

from iro_desktop import __version__
from iro_desktop.central import changes
from iro_desktop.central.auth import Principal, authenticate
from iro_desktop.central.protocol import PULL_PAGE, PUSH_BATCH, SNAPSHOT_PAGE, TABLES
from iro_desktop.central.store import CentralStore
from iro_desktop.store.schema import DeviceToken, Iro
from iro_desktop.store.serialise import to_payload
from iro_desktop.store.types import utcnow

bearer = HTTPBearer(auto_error=False)


class ChangeIn(BaseModel):
    change_id: str = Field(min_length=1, max_length=36)
    table: str = Field(max_length=60)
    row_id: str = Field(min_length=1, max_length=36)
    op: str
    version: int
    base_version: int
    payload: dict[str, Any]
    created_at: str | None = None


class PushIn(BaseModel):
    changes: list[ChangeIn] = Field(max_length=PUSH_BATCH * 4)


class ResolveIn(BaseModel):
    resolution: str = Field(min_length=1, max_length=20)


def create_app(store: CentralStore) -> FastAPI:
    app = FastAPI(
        title="IRO Desktop central store",
        version=__version__,
        description="Sync for IRO Desktop laptops: push, pull, snapshot, checksums, conflicts.",
    )

    def principal(
        creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> Principal:
        with store.reading() as session:
            who = authenticate(session, creds.credentials if creds else None)
        if who is None:
            raise HTTPException(
                401, "missing, unknown or revoked token", headers={"WWW-Authenticate": "Bearer"}
            )
        return who

    Caller = Annotated[Principal, Depends(principal)]

    @app.exception_handler(OperationalError)
    def _busy(_request: Request, _exc: OperationalError) -> Any:
        from fastapi.responses import JSONResponse

        return JSONResponse({"detail": "the central store is busy; try again"}, status_code=503)

    @app.get("/health")
    def health() -> dict[str, str]:
        with store.reading() as session:
            changes.head(session)
        return {"status": "ok", "version": __version__}

    @app.get("/v1/me")
    def me(who: Caller) -> dict[str, Any]:
        with store.reading() as session:
            profile = session.get(Iro, who.account_id)
            return {
                "account_id": who.account_id,
                "email": who.email,
                "name": who.name,
                "device_id": who.device_id,
                "profile": to_payload(profile) if profile is not None else None,
            }

    @app.post("/v1/push")
    def push(body: PushIn, who: Caller) -> dict[str, Any]:
        with store.writing() as session:
            results = changes.push(session, who, [c.model_dump() for c in body.changes])
            device = session.get(DeviceToken, who.device_id)
            if device is not None:
                device.last_used_at = utcnow()
        return {"results": results}

    @app.get("/v1/pull")
    def pull(
        who: Caller,
        since: Annotated[int, Query(ge=0)] = 0,
        limit: Annotated[int, Query(ge=1, le=5000)] = PULL_PAGE,
    ) -> dict[str, Any]:
        with store.reading() as session:
            return changes.pull(session, who, since, limit)

    @app.get("/v1/snapshot")
    def snapshot(
        who: Caller,
        table: str | None = None,
        after: str | None = None,
        limit: Annotated[int, Query(ge=1, le=20000)] = SNAPSHOT_PAGE,
        child: Annotated[list[str] | None, Query()] = None,
    ) -> dict[str, Any]:
        if table is not None and table not in TABLES:
            raise HTTPException(400, "unknown table")
        with store.reading() as session:
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
    def checksums(who: Caller) -> dict[str, Any]:
        with store.reading() as session:
            return changes.checksums(session, who)

    @app.get("/v1/conflicts")
    def conflicts(who: Caller) -> dict[str, Any]:
        with store.reading() as session:
            return {"conflicts": changes.open_conflicts(session, who)}

    @app.post("/v1/conflicts/{conflict_id}/resolve")
    def resolve(conflict_id: str, body: ResolveIn, who: Caller) -> dict[str, Any]:
        with store.writing() as session:
            done = changes.resolve_conflict(session, who, conflict_id, body.resolution)
        if done is None:
            raise HTTPException(404, "no such conflict among the children you hold")
        return {"resolved": conflict_id}

    return app
