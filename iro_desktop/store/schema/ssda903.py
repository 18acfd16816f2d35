"""The authority's 903 extract as it was imported: one row per child (Header, and UASC when
given) and one per episode, each kept exactly as the file had it.

The child's record, legal statuses and placements are built from these rows and synced as
usual; these rows stay where the import ran, so the export can write Header and Episodes
back as imported and a later extract can be compared with the one before.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from iro_desktop.store.types import Base


class Ssda903Child(Base):
    __tablename__ = "ssda903_header"

    child_ref: Mapped[str] = mapped_column(String(40), primary_key=True)
    header: Mapped[dict[str, str]] = mapped_column(JSON)
    uasc: Mapped[dict[str, str] | None] = mapped_column(JSON)


class Ssda903Episode(Base):
    __tablename__ = "ssda903_episodes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    child_ref: Mapped[str] = mapped_column(String(40), index=True)
    decom: Mapped[date] = mapped_column(Date)
    episode: Mapped[dict[str, str]] = mapped_column(JSON)
