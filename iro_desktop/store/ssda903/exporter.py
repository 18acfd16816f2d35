"""The one 903 exporter: Header and Episodes as imported, Reviews from the reviews held.

The central store writes all three tables for the collection year; a laptop writes the
Reviews table for its own caseload. Both go through ``domain.ssda903.returns`` for which
reviews are written and what is listed (late, twice, outside care), so the two agree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.domain.ssda903 import codes as c
from iro_desktop.domain.ssda903.care import build_care
from iro_desktop.domain.ssda903.returns import ChildReviews, ReturnIssue, reviews_for_return
from iro_desktop.domain.ssda903.rows import EpisodeRow, episode_from_raw
from iro_desktop.store.queries import ChildHistory, next_review, setting
from iro_desktop.store.schema import Child, LegalStatus, Placement, Review
from iro_desktop.store.schema.ssda903 import Ssda903Child, Ssda903Episode
from iro_desktop.store.ssda903.files import write_table


@dataclass
class Return903:
    year: c.CollectionYear
    header: list[dict[str, str]] = field(default_factory=list)
    episodes: list[dict[str, str]] = field(default_factory=list)
    reviews: list[dict[str, str]] = field(default_factory=list)
    issues: list[ReturnIssue] = field(default_factory=list)


def dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _in_year(e: EpisodeRow, year: c.CollectionYear) -> bool:
    return e.decom <= year.end and (e.dec is None or e.dec >= year.start)


def _due_before(history: ChildHistory, bring_forward: bool) -> Callable[[date], date | None]:
    """The statutory date the review held on a day was due by (within the current period)."""

    def due(day: date) -> date | None:
        if day < history.child.became_looked_after:
            return None
        earlier = [r for r in history.held_reviews if r.held_date and r.held_date < day]
        view = ChildHistory(history.child, history.legal_statuses, history.placements, earlier)
        nxt = next_review(view, bring_forward=bring_forward)
        return None if nxt.history_needed is not None else nxt.statutory_due

    return due


class _Reader:
    def __init__(self, session: Session, year: c.CollectionYear) -> None:
        self.session, self.year = session, year
        self.episodes: dict[str, list[Ssda903Episode]] = defaultdict(list)
        for e in session.scalars(select(Ssda903Episode).order_by(Ssda903Episode.decom)):
            self.episodes[e.child_ref].append(e)
        self.parsed = {
            ref: [episode_from_raw(e.episode) for e in eps] for ref, eps in self.episodes.items()
        }
        self.bring_forward = bool(setting(session, "bring_forward_on_placement_change"))

    def year_episodes(self, ref: str) -> list[EpisodeRow]:
        return [e for e in self.parsed.get(ref, []) if _in_year(e, self.year)]

    def histories(self, children: list[Child]) -> list[ChildHistory]:
        """``queries.histories`` read as plain rows, not ORM objects: the return reads
        every child's statuses, placements and reviews, and building thousands of
        objects took most of the export. Only the columns the timescales need."""
        by_id = {k.id: k for k in children}
        grouped: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        for name, query in (
            ("statuses", select(LegalStatus.child_id, LegalStatus.code, LegalStatus.start_date,
                                LegalStatus.end_date, LegalStatus.deleted)),
            ("placements", select(Placement.child_id, Placement.place_code,
                                  Placement.start_date, Placement.end_date, Placement.deleted)),
            ("reviews", select(Review.child_id, Review.held_date, Review.status,
                               Review.participation_code, Review.deleted, Review.number)
             .where(Review.held_date.is_not(None))),
        ):  # fmt: skip
            for row in self.session.execute(query):
                if not row.deleted and row.child_id in by_id:
                    grouped[row.child_id][name].append(row)
        out = []
        for kid in children:
            g = grouped[kid.id]
            statuses = sorted(g["statuses"], key=lambda r: r.start_date)
            placements = sorted(g["placements"], key=lambda r: r.start_date)
            held = sorted(g["reviews"], key=lambda r: r.held_date or date.min)
            out.append(ChildHistory(kid, statuses, placements, held))
        return out

    def reviews(
        self,
        children: list[Child],
        dob_of: Callable[[Child], str],
        in_return: Callable[[Child], bool],
        ret: Return903,
    ) -> None:
        for history in self.histories(children):
            kid = history.child
            held = [
                (r.held_date, r.participation_code or "")
                for r in history.held_reviews
                if r.held_date is not None and r.status == "held"
            ]
            if not held:
                continue
            eps = self.parsed.get(kid.child_ref)
            if eps:
                care = build_care(eps, self.year)
                periods = [(p.start, p.end) for p in care.periods]
                year_eps = self.year_episodes(kid.child_ref)
                short_only = bool(year_eps) and all(e.ls in c.SHORT_BREAKS for e in year_eps)
            else:
                periods = [(kid.became_looked_after, kid.ceased_looked_after)]
                live = [s for s in history.legal_statuses if not s.deleted]
                short_only = bool(live) and all(s.code in c.SHORT_BREAKS for s in live)
            rows, issues = reviews_for_return(
                ChildReviews(
                    kid.child_ref,
                    held,
                    periods,
                    short_only,
                    in_return(kid),
                    _due_before(history, self.bring_forward),
                ),
                self.year,
            )
            ret.issues += issues
            dob = dob_of(kid)
            ret.reviews += [
                {"CHILD": kid.child_ref, "DOB": dob, "REVIEW": dmy(day), "REVIEW_CODE": code}
                for day, code in rows
            ]


def _live_children(session: Session) -> list[Child]:
    return list(session.scalars(select(Child).where(Child.deleted.is_(False))))


def build_return(session: Session, year: c.CollectionYear) -> Return903:
    """Header, Episodes and Reviews for every child with an episode in the year."""
    ret = Return903(year)
    reader = _Reader(session, year)
    headers = {h.child_ref: h for h in session.scalars(select(Ssda903Child))}
    refs = sorted(ref for ref in headers if reader.year_episodes(ref))
    for ref in refs:
        row = dict(headers[ref].header)
        row["SEX"] = c.sex_for_year(row["SEX"], year)
        ret.header.append(row)
        in_year = [e.episode for e in reader.episodes[ref]]
        ret.episodes += [
            raw
            for raw, parsed in zip(in_year, reader.parsed[ref], strict=True)
            if _in_year(parsed, year)
        ]
    in_return = set(refs)
    reader.reviews(
        _live_children(session),
        # A child only a laptop has added has no 903 header yet: their own date of birth
        # (a KeyError here stopped the whole return).
        lambda kid: (
            headers[kid.child_ref].header["DOB"]
            if kid.child_ref in headers
            else dmy(kid.date_of_birth)
        ),
        lambda kid: kid.child_ref in in_return,
        ret,
    )
    ret.reviews.sort(key=lambda r: (r["CHILD"], r["REVIEW"][6:], r["REVIEW"][3:5], r["REVIEW"][:2]))
    return ret


def build_reviews(session: Session, year: c.CollectionYear) -> Return903:
    """The Reviews table for the children on this caseload (a laptop's own return)."""
    ret = Return903(year)
    reader = _Reader(session, year)

    def in_return(kid: Child) -> bool:
        if kid.child_ref in reader.parsed:
            return bool(reader.year_episodes(kid.child_ref))
        ceased = kid.ceased_looked_after
        return kid.became_looked_after <= year.end and (ceased is None or ceased >= year.start)

    reader.reviews(_live_children(session), lambda kid: dmy(kid.date_of_birth), in_return, ret)
    ret.reviews.sort(key=lambda r: (r["CHILD"], r["REVIEW"][6:], r["REVIEW"][3:5], r["REVIEW"][:2]))
    return ret


def write_return(folder: Path, ret: Return903) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for table, rows in (
        ("Header", ret.header),
        ("Episodes", ret.episodes),
        ("Reviews", ret.reviews),
    ):
        path = folder / f"{table}.csv"
        write_table(path, table, rows)
        paths.append(path)
    return paths


def write_reviews(path: Path, ret: Return903) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_table(path, "Reviews", ret.reviews)
    return path
