"""Rules for the IRO's challenges to the local authority and their escalation stages.

Stage 0 is the informal conversation; stages 1 onwards are formal. The stage names are a
setting because each authority has its own ladder; Surrey's is the default.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.working_days import add_working_days

DEFAULT_CHALLENGE_STAGES: tuple[str, ...] = (
    "Informal",
    "Team manager",
    "Service manager",
    "Area head",
    "Assistant director",
    "Director",
    "Referral to CAFCASS",
)
CHALLENGE_RESPONSE_WORKING_DAYS = 10


def response_due(raised: date, working_days: int = CHALLENGE_RESPONSE_WORKING_DAYS) -> date:
    """The date a response to a challenge raised on `raised` is expected."""
    return add_working_days(raised, working_days)


def is_formal(stage: int) -> bool:
    """Only stage 0 is informal; reports count formal challenges separately."""
    return stage >= 1


def stage_name(stage: int, stages: Sequence[str] = DEFAULT_CHALLENGE_STAGES) -> str:
    """The authority's name for a stage number, e.g. 2 -> "Service manager"."""
    if not 0 <= stage < len(stages):
        raise ValidationError("stage", f"must be between 0 and {len(stages) - 1}")
    return stages[stage]


def next_stage(stage: int, stages: Sequence[str] = DEFAULT_CHALLENGE_STAGES) -> int:
    """The stage an unresolved challenge escalates to; the last stage cannot escalate."""
    stage_name(stage, stages)
    if stage + 1 >= len(stages):
        raise ValidationError(
            "stage", f"is already the last stage ({stages[-1]}) and cannot be escalated"
        )
    return stage + 1
