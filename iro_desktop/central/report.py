"""The service's annual report from the central store: the figures across every IRO, and
each IRO's own, counted by ``domain.figures`` exactly as a laptop counts them.

An IRO's children for a period are those they held at its end (or when the child left
care, if that came first), so a child moved between IROs is counted once, by the IRO who
had them last; a laptop synced with the central store gives the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from iro_desktop.central.store import CentralStore
from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.figures.central import children_by_iro
from iro_desktop.domain.figures.measure import Measure
from iro_desktop.domain.figures.period import Period
from iro_desktop.domain.figures.report import Figures, as_json, compute
from iro_desktop.store.reads.figures import central_facts, guidance
from iro_desktop.store.schema import Account


@dataclass(frozen=True)
class IroFigures:
    """One IRO's row of the service report: each measure over the children they held,
    taken from the service's own items (so the rows add up to the service's figures), and
    their caseload on the last day."""

    iro_id: str
    email: str
    name: str
    measures: dict[str, Measure]
    caseload: int

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "caseload": self.caseload,
            "measures": {k: m.counts() for k, m in self.measures.items()},
        }


@dataclass(frozen=True)
class AnnualReport:
    figures: Figures  # every IRO's children, or the one IRO's asked for
    iros: tuple[IroFigures, ...]
    names: dict[str, str]
    iro_email: str | None = None

    def as_json(self) -> dict[str, Any]:
        """With ``--iro``, exactly the laptop's ``figures`` shape; across the service, the
        same shape with ``per_iro`` added (one entry by e-mail address for each IRO)."""
        out = as_json(self.figures, self.names)
        if self.iro_email is None:
            out["per_iro"] = {i.email: i.as_json() for i in self.iros}
        return out

    def csv_parts(self) -> list[tuple[str, dict[str, Any]]]:
        if self.iro_email is not None:
            return [(self.iro_email, as_json(self.figures))]
        return [("all", as_json(self.figures, self.names)),
                *((i.email, i.as_json()) for i in self.iros)]  # fmt: skip


def annual_report(
    store: CentralStore, period: Period, today: date, iro_email: str | None = None
) -> AnnualReport:
    with store.reading() as session:
        facts = central_facts(session, period)
        limits = guidance(session)
        accounts = {
            a.id: (a.email, a.name)
            for a in session.execute(select(Account.id, Account.email, Account.name))
        }
    groups = children_by_iro(facts, period)
    names = {iro_id: name for iro_id, (_email, name) in accounts.items()}
    if iro_email is not None:
        wanted = iro_email.strip().lower()
        found = [i for i, (email, _n) in accounts.items() if email == wanted]
        if not found:
            raise ValidationError("--iro", f"there is no IRO account {iro_email}")
        groups = {found[0]: groups.get(found[0], set())}
    if iro_email is not None:
        iro_id = next(iter(groups))
        figures = compute(facts.only(groups[iro_id]), period, today, guidance=limits)
        on_last_day = {i.child_id for i in figures.children_at_end.items}
        row = _row(iro_id, accounts, figures.measures, len(groups[iro_id] & on_last_day))
        return AnnualReport(figures, (row,), names, iro_email.strip().lower())
    figures = compute(facts, period, today, guidance=limits)
    owner = {child: iro_id for iro_id, ids in groups.items() for child in ids}
    split = {key: m.split(owner, groups) for key, m in figures.measures.items()}
    on_last_day = {i.child_id for i in figures.children_at_end.items}
    rows = tuple(
        _row(
            iro_id,
            accounts,
            {key: by[iro_id] for key, by in split.items()},
            len(groups[iro_id] & on_last_day),
        )
        for iro_id in sorted(groups, key=lambda i: accounts.get(i, (i, i))[1])
    )
    return AnnualReport(figures, rows, names)


def _row(
    iro_id: str, accounts: dict[str, tuple[str, str]], measures: dict[str, Measure], caseload: int
) -> IroFigures:
    email, name = accounts.get(iro_id, (iro_id, iro_id))
    return IroFigures(iro_id, email, name, measures, caseload)
