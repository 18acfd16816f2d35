"""The IRO's work between reviews: visits, mid-way updates, challenges and notes.

Together these are the "IRO footprint" on the child's file.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from iro_desktop.store.types import Base, Synced


class Visit(Synced, Base):
    __tablename__ = "visits"

    child_id: Mapped[str] = mapped_column(ForeignKey("children.id"), index=True)
    review_id: Mapped[str | None] = mapped_column(ForeignKey("reviews.id"))
    visit_date: Mapped[date] = mapped_column(Date, index=True)
    purpose: Mapped[str] = mapped_column(String(30), default="pre_review")
    place: Mapped[str | None] = mapped_column(String(300))
    method: Mapped[str] = mapped_column(String(30))
    seen_alone: Mapped[bool | None] = mapped_column(Boolean)
    not_seen_alone_reason: Mapped[str | None] = mapped_column(Text)
    others_present: Mapped[str | None] = mapped_column(Text)
    child_words: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(Text)
    next_steps: Mapped[str | None] = mapped_column(Text)
    travel_minutes: Mapped[int | None] = mapped_column(Integer)
    mileage: Mapped[int | None] = mapped_column(Integer)


class MidwayUpdate(Synced, Base):
    """Surrey's mid-way progress update: the IRO checks each decision of the last review."""

    __tablename__ = "midway_updates"

    child_id: Mapped[str] = mapped_column(ForeignKey("children.id"), index=True)
    review_id: Mapped[str] = mapped_column(ForeignKey("reviews.id"), index=True)
    update_date: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(30))
    spoke_with: Mapped[str | None] = mapped_column(String(200))
    summary: Mapped[str | None] = mapped_column(Text)


class MidwayItem(Synced, Base):
    __tablename__ = "midway_items"

    child_id: Mapped[str] = mapped_column(ForeignKey("children.id"), index=True)
    midway_update_id: Mapped[str] = mapped_column(ForeignKey("midway_updates.id"), index=True)
    decision_id: Mapped[str] = mapped_column(ForeignKey("decisions.id"))
    status: Mapped[str] = mapped_column(String(20))
    account: Mapped[str | None] = mapped_column(Text)


class Challenge(Synced, Base):
    """A challenge (informal or formal, escalating by stage) or a good-practice alert."""

    __tablename__ = "challenges"

    child_id: Mapped[str] = mapped_column(ForeignKey("children.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="challenge")
    category: Mapped[str] = mapped_column(String(60))
    issue: Mapped[str] = mapped_column(Text)
    raised_date: Mapped[date] = mapped_column(Date)
    current_stage: Mapped[int] = mapped_column(Integer, default=0)
    decision_id: Mapped[str | None] = mapped_column(ForeignKey("decisions.id"))
    outcome: Mapped[str | None] = mapped_column(Text)
    resolved_date: Mapped[date | None] = mapped_column(Date)


class ChallengeStage(Synced, Base):
    __tablename__ = "challenge_stages"

    child_id: Mapped[str] = mapped_column(ForeignKey("children.id"), index=True)
    challenge_id: Mapped[str] = mapped_column(ForeignKey("challenges.id"), index=True)
    stage: Mapped[int] = mapped_column(Integer)
    raised_with: Mapped[str] = mapped_column(String(200))
    raised_date: Mapped[date] = mapped_column(Date)
    response_due: Mapped[date] = mapped_column(Date)
    response: Mapped[str | None] = mapped_column(Text)
    response_date: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(Text)
    escalated: Mapped[bool] = mapped_column(Boolean, default=False)


class Note(Synced, Base):
    __tablename__ = "notes"

    child_id: Mapped[str] = mapped_column(ForeignKey("children.id"), index=True)
    note_date: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(30), default="case_note")
    text: Mapped[str] = mapped_column(Text)
