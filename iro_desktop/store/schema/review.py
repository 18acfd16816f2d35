"""The statutory review, its decisions, consultations, the child's feedback and letters."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from iro_desktop.store.types import Base, Synced


class Review(Synced, Base):
    __tablename__ = "reviews"

    child_id: Mapped[str] = mapped_column(ForeignKey("children.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="planned")
    due_date: Mapped[date | None] = mapped_column(Date)
    planned_date: Mapped[date | None] = mapped_column(Date)
    planned_time: Mapped[str | None] = mapped_column(String(5))
    held_date: Mapped[date | None] = mapped_column(Date, index=True)
    venue: Mapped[str | None] = mapped_column(String(300))
    venue_chosen_by_child: Mapped[bool] = mapped_column(Boolean, default=False)
    in_lesson_time: Mapped[bool] = mapped_column(Boolean, default=False)
    child_wants_lesson_time: Mapped[bool] = mapped_column(Boolean, default=False)
    series_of_meetings: Mapped[bool] = mapped_column(Boolean, default=False)
    invitees: Mapped[list[Any]] = mapped_column(JSON, default=list)
    not_wanted: Mapped[list[Any]] = mapped_column(JSON, default=list)
    attendees: Mapped[list[Any]] = mapped_column(JSON, default=list)
    participation_code: Mapped[str | None] = mapped_column(String(3))
    seen_alone: Mapped[bool | None] = mapped_column(Boolean)
    advocate_present: Mapped[bool] = mapped_column(Boolean, default=False)
    interpreter_present: Mapped[bool] = mapped_column(Boolean, default=False)
    care_plan_view: Mapped[str | None] = mapped_column(String(20))
    care_plan_view_reason: Mapped[str | None] = mapped_column(Text)
    working_well: Mapped[str | None] = mapped_column(Text)
    worried_about: Mapped[str | None] = mapped_column(Text)
    needs_to_happen: Mapped[str | None] = mapped_column(Text)
    child_words: Mapped[str | None] = mapped_column(Text)
    brought_forward_reason: Mapped[str | None] = mapped_column(Text)
    decisions_shared_date: Mapped[date | None] = mapped_column(Date)
    record_distributed_date: Mapped[date | None] = mapped_column(Date)
    pre_meeting_report_received: Mapped[date | None] = mapped_column(Date)
    pre_meeting_report_shared: Mapped[bool | None] = mapped_column(Boolean)
    # History brought in by an import (CSV or SSDA903), not a meeting this IRO wrote up:
    # it counts for the timescales but asks for no catch-up paperwork.
    imported: Mapped[bool] = mapped_column(Boolean, default=False)
    # The review's number in this period of care, as the IRO confirmed it (None: counted).
    number: Mapped[int | None] = mapped_column(Integer)


class Decision(Synced, Base):
    """An action agreed at a review: what, who, by when; the mid-way update follows it."""

    __tablename__ = "decisions"

    child_id: Mapped[str] = mapped_column(ForeignKey("children.id"), index=True)
    review_id: Mapped[str] = mapped_column(ForeignKey("reviews.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    child_friendly_text: Mapped[str | None] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200))
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="open")
    completed_date: Mapped[date | None] = mapped_column(Date)


class DecisionStatusChange(Synced, Base):
    __tablename__ = "decision_status_changes"

    child_id: Mapped[str] = mapped_column(ForeignKey("children.id"), index=True)
    decision_id: Mapped[str] = mapped_column(ForeignKey("decisions.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    changed_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)


class Consultation(Synced, Base):
    """One respondent's consultation form (or the social worker's pre-meeting report)."""

    __tablename__ = "consultations"

    child_id: Mapped[str] = mapped_column(ForeignKey("children.id"), index=True)
    review_id: Mapped[str] = mapped_column(ForeignKey("reviews.id"), index=True)
    respondent_type: Mapped[str] = mapped_column(String(30))
    respondent_name: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="not_sent")
    sent_date: Mapped[date | None] = mapped_column(Date)
    received_date: Mapped[date | None] = mapped_column(Date)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    completed_by_child: Mapped[bool] = mapped_column(Boolean, default=False)
    # Child mode: drawings {question id: base64 PNG}; answers the child kept "just for my
    # IRO" {question id: {"answer": text, "drawing": base64 PNG}}, kept out of ``answers``
    # (so out of the letter, the record views, search and every export) until the IRO
    # records a safeguarding override with its reason and date.
    drawings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    private_answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    override_reason: Mapped[str | None] = mapped_column(Text)
    override_on: Mapped[date | None] = mapped_column(Date)
    on_time: Mapped[bool | None] = mapped_column(Boolean)
    shared_with_child: Mapped[bool | None] = mapped_column(Boolean)
    shared_with_parents: Mapped[bool | None] = mapped_column(Boolean)


class ReviewFeedback(Synced, Base):
    """North Yorkshire's postcard: the child's own view of their review."""

    __tablename__ = "review_feedback"

    child_id: Mapped[str] = mapped_column(ForeignKey("children.id"), index=True)
    review_id: Mapped[str] = mapped_column(ForeignKey("reviews.id"), index=True)
    rating: Mapped[str] = mapped_column(String(20))
    venue_as_wanted: Mapped[bool | None] = mapped_column(Boolean)
    date_time_as_wanted: Mapped[bool | None] = mapped_column(Boolean)
    asked_who_should_come: Mapped[bool | None] = mapped_column(Boolean)
    comments: Mapped[str | None] = mapped_column(Text)


class Letter(Synced, Base):
    """The letter to the young person as written; the PDF is rendered from this."""

    __tablename__ = "letters"

    child_id: Mapped[str] = mapped_column(ForeignKey("children.id"), index=True)
    review_id: Mapped[str | None] = mapped_column(ForeignKey("reviews.id"), index=True)
    language: Mapped[str] = mapped_column(String(10), default="en")
    age_band: Mapped[str] = mapped_column(String(10))
    content: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    written_on: Mapped[date] = mapped_column(Date)
    printed_on: Mapped[date | None] = mapped_column(Date)


class ChildAlert(Synced, Base):
    """ "I want to talk to you alone" or "I don't feel safe", pressed in child mode.

    Open (on Home and in the footprint) until the IRO records what they did (``acted_on``).
    """

    __tablename__ = "child_alerts"

    child_id: Mapped[str] = mapped_column(ForeignKey("children.id"), index=True)
    review_id: Mapped[str | None] = mapped_column(ForeignKey("reviews.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    raised_on: Mapped[date] = mapped_column(Date)
    acted_on: Mapped[date | None] = mapped_column(Date)
    action: Mapped[str | None] = mapped_column(Text)
