"""Tables only the central store fills: accounts, device tokens, allocation, the change log.

They live in the one schema so that migrations stay one chain; the laptop leaves them empty.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from iro_desktop.store.types import Base, UTCDateTime, new_id, utcnow


class Account(Base):
    """An IRO's login; its id is the id of their ``iros`` profile row."""

    __tablename__ = "accounts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DeviceToken(Base):
    """A device's bearer token, stored only as a SHA-256 hash."""

    __tablename__ = "device_tokens"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Allocation(Base):
    """Which IRO holds a child, with history: a transfer ends one row and starts another."""

    __tablename__ = "allocations"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    child_id: Mapped[str] = mapped_column(ForeignKey("children.id"), index=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id"), index=True)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    # "laptop" when an IRO's push added the child (provisional); empty for the authority's.
    origin: Mapped[str | None] = mapped_column(String(10))


class Cover(Base):
    """Another IRO sees a child for a period (leave, sickness)."""

    __tablename__ = "covers"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    child_id: Mapped[str] = mapped_column(ForeignKey("children.id"), index=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id"), index=True)
    start_date: Mapped[date] = mapped_column(Date)
    until: Mapped[date] = mapped_column(Date)


class ChangeLog(Base):
    """The server's change sequence; pull reads it from a cursor."""

    __tablename__ = "change_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    change_id: Mapped[str] = mapped_column(String(36), unique=True)
    table_name: Mapped[str] = mapped_column(String(60))
    row_id: Mapped[str] = mapped_column(String(36), index=True)
    child_id: Mapped[str | None] = mapped_column(String(36), index=True)
    version: Mapped[int] = mapped_column(Integer)
    op: Mapped[str] = mapped_column(String(10))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    account_id: Mapped[str | None] = mapped_column(String(36))
    device_id: Mapped[str | None] = mapped_column(String(36))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AppliedChange(Base):
    """Change UUIDs the server has applied, so a repeated push is a no-op."""

    __tablename__ = "applied_changes"

    change_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    outcome: Mapped[str] = mapped_column(String(20))
    applied_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Whose change and which row, so an id reused for another change is not taken for it.
    account_id: Mapped[str | None] = mapped_column(String(36))
    row_id: Mapped[str | None] = mapped_column(String(36))
