"""One row per child for the caseload table.

What the table shows comes in two steps: ``ChildFacts`` are what the store says about a
child whatever the day (``store.reads.caseload_facts`` reads them in a handful of
statements), and ``rows_for`` works out the day's age and lateness. The facts are also
saved as the start view, so the first screen after unlocking is drawn by ``rows_for``
from them before SQLAlchemy has loaded: this module must stay free of it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any

from iro_desktop.domain.dates import age_on
from iro_desktop.domain.kpis import caseload_message
from iro_desktop.domain.timescales import is_overdue

DUE_SOON_DAYS = 28
VIEW_NAME = "caseload"


@dataclass(frozen=True)
class ChildFacts:
    child_id: str
    child_ref: str
    name: str
    full_name: str
    date_of_birth: date
    legal_code: str
    legal_label: str
    placement: str
    area: str
    out_of_county: bool
    next_due: date
    kind: str
    reason: str
    last_visit: date | None
    flags: tuple[str, ...]
    # The last review's date is needed (``NextReview.history_needed``): ``next_due`` is
    # the day that was found, never overdue.
    history_needed: bool


@dataclass(frozen=True)
class CaseloadFacts:
    children: list[ChildFacts]
    guidance: tuple[int, int]

    def to_view(self) -> dict[str, Any]:
        """Plain JSON for the start view: dates as ISO text."""
        return {
            "guidance": list(self.guidance),
            "children": [
                {k: v.isoformat() if isinstance(v, date) else v for k, v in asdict(c).items()}
                for c in self.children
            ],
        }

    @classmethod
    def from_view(cls, body: dict[str, Any]) -> CaseloadFacts:
        dated = {"date_of_birth", "next_due", "last_visit"}
        children = []
        for raw in body["children"]:
            values: dict[str, Any] = {
                f.name: (date.fromisoformat(raw[f.name]) if f.name in dated and raw[f.name]
                         else raw.get(f.name))  # a view saved before a field was added
                for f in fields(ChildFacts)
            }  # fmt: skip
            values["history_needed"] = bool(values["history_needed"])
            values["flags"] = tuple(values["flags"])
            children.append(ChildFacts(**values))
        low, high = body["guidance"]
        return cls(children, (int(low), int(high)))


@dataclass(frozen=True)
class CaseloadRow(ChildFacts):
    """The facts, with what they mean on the day shown."""

    age: int
    overdue: bool
    due_soon: bool

    @property
    def under_4(self) -> bool:
        return self.age < 4


@dataclass(frozen=True)
class CaseloadTable:
    rows: list[CaseloadRow]
    guidance: tuple[int, int]

    @property
    def message(self) -> str:
        return caseload_message(len(self.rows), self.guidance)


def row_for(child: ChildFacts, today: date) -> CaseloadRow:
    dated = not child.history_needed
    overdue = dated and is_overdue(child.next_due, today)
    return CaseloadRow(
        **{f.name: getattr(child, f.name) for f in fields(ChildFacts)},
        age=age_on(child.date_of_birth, today),
        overdue=overdue,
        due_soon=dated and not overdue and (child.next_due - today).days <= DUE_SOON_DAYS,
    )


def rows_for(facts: CaseloadFacts, today: date) -> CaseloadTable:
    rows = [row_for(child, today) for child in facts.children]
    rows.sort(key=lambda r: (r.next_due, r.name))
    return CaseloadTable(rows, facts.guidance)
