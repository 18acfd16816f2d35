"""A review's consultations and when the social worker's pre-meeting report is due."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.domain.working_days import add_working_days
from iro_desktop.store.reads.settings import setting_int
from iro_desktop.store.schema import Consultation, Review


def consultations_for(session: Session, review_id: str) -> list[Consultation]:
    return list(
        session.scalars(
            select(Consultation)
            .where(Consultation.review_id == review_id, Consultation.deleted.is_(False))
            .order_by(Consultation.respondent_type, Consultation.respondent_name)
        )
    )


def report_due(session: Session, review: Review) -> date | None:
    """When the social worker's pre-meeting report should be ready (N working days before)."""
    meeting = review.planned_date or review.held_date
    if meeting is None:
        return None
    return add_working_days(meeting, -setting_int(session, "pre_meeting_report_working_days"))
