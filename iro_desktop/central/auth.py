"""Who is calling, and which children they may see: decided here, on every request.

A device token is 256 random bits shown once; only its SHA-256 is stored. An IRO sees
the children allocated to them now or covered by them today, and what hangs off those
children; and the IRO profiles those children point to.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from sqlalchemy import CompoundSelect, Date, Select, String, and_, bindparam, or_, select, union_all
from sqlalchemy.orm import Session

from iro_desktop.store.schema import Account, Allocation, AuditEntry, Child, Cover, DeviceToken
from iro_desktop.store.types import table_of

TOKEN_PREFIX = "irod_"


def today() -> date:
    return datetime.now(UTC).date()


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Principal:
    account_id: str
    email: str
    name: str
    device_id: str


@cache
def _token_statement() -> Select[str, datetime | None, str, str, str, bool]:
    """A token's device and account as plain columns (loading them as ORM objects was most
    of the cost of authenticating), built once (see ``_visible_statement``)."""
    d, a = table_of(DeviceToken), table_of(Account)
    return (
        select(d.c.id, d.c.revoked_at, a.c.id, a.c.email, a.c.name, a.c.disabled)
        .join(a, a.c.id == d.c.account_id)
        .where(d.c.token_hash == bindparam("hash", type_=String))
    )


def authenticate(session: Session, token: str | None) -> Principal | None:
    """The caller, or ``None`` for a missing, unknown or revoked token or a disabled account."""
    if not token:
        return None
    found = session.execute(_token_statement(), {"hash": hash_token(token)}).first()
    if found is None:
        return None
    device_id, revoked_at, account_id, email, name, disabled = found
    if revoked_at is not None or disabled:
        return None
    return Principal(account_id, email, name, device_id)


@dataclass
class FailedLogins:
    """Slows repeated failed authentication from one address: the first ``free`` in a
    minute are answered at once, later ones one at a time, ``penalty_s`` apart. Tokens
    are 256 random bits, so this is about noise and the audit trail, not guessing."""

    free: int = 30
    window_s: float = 60.0
    penalty_s: float = 1.0
    recent: dict[str, deque[float]] = field(default_factory=dict)
    locks: dict[str, asyncio.Lock] = field(default_factory=dict)

    async def pause(self, address: str) -> None:
        now = time.monotonic()
        if len(self.recent) > 10_000:  # bounded memory under a spray of addresses
            self.recent.clear()
            self.locks.clear()
        seen = self.recent.setdefault(address, deque())
        while seen and seen[0] < now - self.window_s:
            seen.popleft()
        seen.append(now)
        if len(seen) > self.free:
            async with self.locks.setdefault(address, asyncio.Lock()):
                await asyncio.sleep(self.penalty_s)


def audit_failure(session: Session, address: str, token: str | None) -> None:
    """A refused token in the audit trail: where from, and a short hash (never the token)."""
    session.add(
        AuditEntry(
            actor="unknown",
            device=address[:100],
            action="auth-failed",
            table_name="device_tokens",
            row_id=hash_token(token)[:12] if token else "",
            fields=[],
        )
    )


def _active_allocation(account_id: Any, day: Any) -> object:
    return and_(
        Allocation.account_id == account_id,
        Allocation.start_date <= day,
        or_(Allocation.end_date.is_(None), Allocation.end_date > day),
    )


def _active_cover(account_id: Any, day: Any) -> object:
    return and_(Cover.account_id == account_id, Cover.start_date <= day, Cover.until >= day)


@cache
def _visible_statement() -> CompoundSelect[str]:
    """The ids of the children an IRO sees on a day (allocated or covered), built once:
    building it, and its cache key, on every request cost more than running it (issue 17)."""
    me, day = bindparam("me", type_=String), bindparam("day", type_=Date)
    return union_all(
        select(Allocation.child_id).where(_active_allocation(me, day)),  # type: ignore[arg-type]
        select(Cover.child_id).where(_active_cover(me, day)),  # type: ignore[arg-type]
    )


def visible_children(session: Session, account_id: str, day: date | None = None) -> set[str]:
    params = {"me": account_id, "day": day or today()}
    return set(session.scalars(_visible_statement(), params))


def held_on(session: Session, account_id: str, child_id: str, day: date) -> bool:
    """Whether the IRO held (or covered) the child on ``day``: their offline work then counts."""
    allocated = session.scalar(
        select(Allocation.id).where(
            Allocation.child_id == child_id,
            Allocation.account_id == account_id,
            Allocation.start_date <= day,
            # Inclusive: work written on the day of a transfer still counts.
            or_(Allocation.end_date.is_(None), Allocation.end_date >= day),
        )
    )
    if allocated is not None:
        return True
    covered = session.scalar(
        select(Cover.id).where(Cover.child_id == child_id, _active_cover(account_id, day))  # type: ignore[arg-type]
    )
    return covered is not None


def visible_iros(session: Session, account_id: str, children: set[str]) -> set[str]:
    """The caller's own profile and the profiles of the IROs of the children they see."""
    out = {account_id}
    ids = list(children)
    for start in range(0, len(ids), 500):
        out |= {
            i
            for i in session.scalars(
                select(Child.iro_id).where(Child.id.in_(ids[start : start + 500]))
            )
            if i is not None
        }
    return out
