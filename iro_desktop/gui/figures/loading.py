"""What the Figures screen loads in the worker: the caseload's facts, counted for a period,
and its charts built.

The counting is ``domain.figures`` (the same functions ``iro-desktop figures`` calls); the
charts are ``documents.figures.charts``, the ones the PDF prints, drawn to pixels by
matplotlib's Agg renderer. All of it runs off the UI thread, which only puts the numbers
and then the pictures on the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from iro_desktop.documents.figures import charts
from iro_desktop.domain.figures.facts import Facts
from iro_desktop.domain.figures.measure import by_month
from iro_desktop.domain.figures.period import Period
from iro_desktop.domain.figures.report import Figures, compute

if TYPE_CHECKING:
    from iro_desktop.store.reads import Session


@dataclass(frozen=True)
class Loaded:
    figures: Figures
    who: str  # the IRO's name, for the PDF's title
    facts: Facts  # kept so another period is counted without reading again

    @property
    def monthly(self) -> dict[str, tuple[int, int]]:
        """Reviews held in time, month by month: (in time, all)."""
        months = list(self.figures.participation_by_month)
        return by_month(self.figures.measures["reviews_in_timescale"], months)


Picture = tuple[bytes, int, int]  # RGBA pixels, width, height


def pictures(loaded: Loaded, width_px: int) -> dict[str, Picture]:
    """The screen's two charts, drawn: asked for once the numbers are on the screen, so
    the figures never wait for the pictures."""
    figures = loaded.figures
    months = list(figures.participation_by_month)
    built = {
        "monthly": charts.monthly(months, loaded.monthly),
        "participation": charts.participation(months, figures.participation_by_month),
    }
    return {name: charts.rgba(fig, width_px) for name, fig in built.items()}


def load(session: Session, period: Period, today: date) -> Loaded:
    from iro_desktop.store.queries import me
    from iro_desktop.store.reads.figures import caseload_facts, guidance

    facts = caseload_facts(session)
    owner = me(session)
    figures = compute(facts, period, today, guidance=guidance(session))
    return Loaded(figures, owner.name if owner else "this caseload", facts)


def recount(loaded: Loaded, period: Period, today: date) -> Loaded:
    guidance = loaded.figures.caseload.guidance
    figures = compute(loaded.facts, period, today, guidance=guidance)
    return Loaded(figures, loaded.who, loaded.facts)
