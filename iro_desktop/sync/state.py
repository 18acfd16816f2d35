"""The laptop's sync bookkeeping, kept in ``sync_state`` inside the encrypted caseload.

The device token lives here too: the caseload file is encrypted with the database key,
so the token is exactly as safe as that key and leaves with nothing else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.store.policy import current_policy
from iro_desktop.store.schema import SyncState

SERVER = "server_url"
TOKEN = "device_token"
CA_BUNDLE = "ca_bundle"
STORE_ID = "store_id"  # the central database's identity at the last pull (see run.py)
ACCOUNT = "account_id"
EMAIL = "account_email"
DEVICE = "device_id"
CURSOR = "cursor"
SCOPE = "scope"
LAST_SYNC = "last_sync_at"
LAST_ERROR = "last_error"
LAST_SUMMARY = "last_summary"


def get(session: Session, key: str) -> str | None:
    return session.scalar(select(SyncState.value).where(SyncState.key == key))


def put(session: Session, key: str, value: str | None) -> None:
    row = session.get(SyncState, key)
    if value is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(SyncState(key=key, value=value))
    else:
        row.value = value


def get_json(session: Session, key: str, default: Any) -> Any:
    raw = get(session, key)
    return json.loads(raw) if raw is not None else default


def put_json(session: Session, key: str, value: Any) -> None:
    put(session, key, json.dumps(value, sort_keys=True))


@dataclass(frozen=True)
class Connection:
    server_url: str
    token: str
    ca_bundle: str | None
    account_id: str | None


def connection(session: Session) -> Connection | None:
    """The stored connection, with the CA bundle the machine-wide policy fixes, if any."""
    url, token = get(session, SERVER), get(session, TOKEN)
    if not url or not token:
        return None
    policy = current_policy()
    ca_bundle = policy.fixed.get("ca_bundle") or get(session, CA_BUNDLE)
    return Connection(url, token, str(ca_bundle) if ca_bundle else None, get(session, ACCOUNT))


def cursor(session: Session) -> int | None:
    raw = get(session, CURSOR)
    return int(raw) if raw is not None else None
