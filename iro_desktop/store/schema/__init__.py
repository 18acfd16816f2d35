"""One schema for the whole review cycle, used by the laptop and the central store.

Importing this package registers every table on ``Base.metadata``.
"""

from iro_desktop.store.schema.central import (
    Account,
    Allocation,
    AppliedChange,
    ChangeLog,
    Cover,
    DeviceToken,
)
from iro_desktop.store.schema.child import Child, Iro, LegalStatus, Person, Placement
from iro_desktop.store.schema.local import AuditEntry, Conflict, OutboxEntry, Setting, SyncState
from iro_desktop.store.schema.oversight import (
    Challenge,
    ChallengeStage,
    MidwayItem,
    MidwayUpdate,
    Note,
    Visit,
)
from iro_desktop.store.schema.review import (
    ChildAlert,
    Consultation,
    Decision,
    DecisionStatusChange,
    Letter,
    Review,
    ReviewFeedback,
)
from iro_desktop.store.schema.ssda903 import Ssda903Child, Ssda903Episode
from iro_desktop.store.types import Base, Synced

SYNCED_MODELS: tuple[type[Base], ...] = (
    Iro,
    Child,
    LegalStatus,
    Placement,
    Person,
    Review,
    Decision,
    DecisionStatusChange,
    Consultation,
    ReviewFeedback,
    ChildAlert,
    Letter,
    Visit,
    MidwayUpdate,
    MidwayItem,
    Challenge,
    ChallengeStage,
    Note,
)
"""Tables that travel between laptop and central store, parents before children."""

MODELS_BY_TABLE: dict[str, type[Base]] = {m.__tablename__: m for m in SYNCED_MODELS}

__all__ = [
    "MODELS_BY_TABLE",
    "SYNCED_MODELS",
    "Account",
    "Allocation",
    "AppliedChange",
    "AuditEntry",
    "Base",
    "Challenge",
    "ChallengeStage",
    "ChangeLog",
    "Child",
    "ChildAlert",
    "Conflict",
    "Consultation",
    "Cover",
    "Decision",
    "DecisionStatusChange",
    "DeviceToken",
    "Iro",
    "LegalStatus",
    "Letter",
    "MidwayItem",
    "MidwayUpdate",
    "Note",
    "OutboxEntry",
    "Person",
    "Placement",
    "Review",
    "ReviewFeedback",
    "Setting",
    "Ssda903Child",
    "Ssda903Episode",
    "SyncState",
    "Synced",
    "Visit",
]
