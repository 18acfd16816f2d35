"""A challenge's stages as they stand: read by the screens, the record and the operations."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.schema import Challenge, ChallengeStage


def stages_of(session: Session, challenge: Challenge) -> list[ChallengeStage]:
    """Every stage of one challenge, oldest first."""
    return list(
        session.scalars(
            select(ChallengeStage)
            .where(ChallengeStage.challenge_id == challenge.id, ChallengeStage.deleted.is_(False))
            .order_by(ChallengeStage.stage, ChallengeStage.raised_date)
        )
    )


def current_stage(session: Session, challenge: Challenge) -> ChallengeStage:
    stages = stages_of(session, challenge)
    if not stages:
        raise ValidationError("challenge", "has no stages recorded")
    return stages[-1]
