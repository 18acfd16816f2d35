"""What the Figures screen loads in the worker: the caseload's facts, counted for a period.

The counting is ``domain.figures``; this only joins the read and the count so the whole of
it runs off the UI thread (the same functions ``iro-desktop figures`` calls).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from iro_desktop.domain.figures.facts import Facts
from iro_desktop.domain.figures.period import Period
from iro_desktop.domain.figures.report import Figures, compute


@dataclass(frozen=True)
class Loaded:
    figures: Figures
    who: str  # the IRO's name, for the PDF's title
    facts: Facts  # kept so another period is counted without reading again


def load(session: Session, period: Period, today: date) -> Loaded:
    from iro_desktop.store.queries import me
    from iro_desktop.store.reads.figures import caseload_facts, guidance

    facts = caseload_facts(session)
    owner = me(session)
    figures = compute(facts, period, today, guidance=guidance(session))
    return Loaded(figures, owner.name if owner else "this caseload", facts)


def recount(loaded: Loaded, period: Period, today: date) -> Loaded:
    guidance = loaded.figures.caseload.guidance
    return Loaded(compute(loaded.facts, period, today, guidance=guidance), loaded.who,
                  loaded.facts)  # fmt: skip
