"""The kinds of thing that fall due in the review cycle, keyed by a stable code.

Everything that lists what is due (the store's ``due_items``, the home screen, the child's
"Review cycle" tab, the saved start view) keys on ``DueKind``; the words an IRO reads
are in ``LABELS`` only, so a change of wording never breaks a join or a saved view.
"""

from __future__ import annotations

from enum import StrEnum


class DueKind(StrEnum):
    REVIEW = "review"
    VISIT = "visit"
    CONSULTATION = "consultation"
    REPORT = "pre_meeting_report"
    RECORD = "record_to_distribute"
    DECISIONS_SHARED = "decisions_to_share"
    DECISION = "decision"
    MIDWAY = "midway_update"
    CHALLENGE = "challenge_response"
    CHILD_ALERT = "child_alert"
    LAST_REVIEW_NEEDED = "last_review_needed"


LABELS: dict[DueKind, str] = {
    DueKind.REVIEW: "Review",
    DueKind.VISIT: "Pre-review visit",
    DueKind.CONSULTATION: "Consultation forms outstanding",
    DueKind.REPORT: "Social worker's pre-meeting report",
    DueKind.RECORD: "Review record to distribute",
    DueKind.DECISIONS_SHARED: "Decisions to share",
    DueKind.DECISION: "Decision due",
    DueKind.MIDWAY: "Mid-way update",
    DueKind.CHALLENGE: "Challenge response",
    DueKind.CHILD_ALERT: "The child asked for you in child mode",
    DueKind.LAST_REVIEW_NEEDED: "Last review date needed",
}

# Asked for, never late: the date is the day the need was found, not a deadline.
NEVER_OVERDUE = frozenset({DueKind.LAST_REVIEW_NEEDED})
