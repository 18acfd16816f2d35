"""The one 903 importer: read the folder, check everything, then write it all or nothing.

Used by the laptop (``iro-desktop import 903``) and the central store (``central admin
import 903``), each inside its own operation, so the rows written are versioned, audited
and sent on to the other side as any edit is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.ssda903 import codes as c
from iro_desktop.domain.ssda903.care import Care, build_care
from iro_desktop.domain.ssda903.extract import Extract, check_extract, infer_year
from iro_desktop.domain.ssda903.rows import (
    EpisodeRow,
    HeaderRow,
    Problem,
    Row,
    dmy,
    episode_from_raw,
)
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.changes import Changes, Payload
from iro_desktop.store.ops import reviews as review_ops
from iro_desktop.store.ops import ssda903 as ops
from iro_desktop.store.ops.children import note_missing_history
from iro_desktop.store.ops.core import Actor, Op, operation
from iro_desktop.store.queries import histories
from iro_desktop.store.reads.settings import read_setting
from iro_desktop.store.schema import Child, LegalStatus, Placement
from iro_desktop.store.schema.ssda903 import Ssda903Child, Ssda903Episode
from iro_desktop.store.ssda903 import stored as stored_copy
from iro_desktop.store.ssda903.files import read_folder
from iro_desktop.store.types import Synced, table_of

CHUNK = 500  # ids per IN (...) list
Planned = tuple[ops.ChildPlan, date | None]  # the plan, and from when its episodes replace
ReviewToAdd = tuple[str, date, str]  # child, held date, participation code


@dataclass
class ImportReport:
    year: c.CollectionYear | None = None
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    left_care: list[str] = field(default_factory=list)
    returned: list[str] = field(default_factory=list)
    placements_changed: list[str] = field(default_factory=list)
    legal_status_changed: list[str] = field(default_factory=list)
    corrected: list[str] = field(default_factory=list)
    episodes_added: int = 0
    reviews_added: int = 0
    history_needed: list[str] = field(default_factory=list)  # no review on file, long in care
    children: dict[str, Child] = field(default_factory=dict)
    changes: Changes = field(default_factory=Changes)

    def summary(self) -> list[str]:
        """What changed, in lines a person reads."""
        lines = [f"Collection year {self.year}: {len(self.children)} children in the extract."]
        for label, refs in (
            ("children added", self.added),
            ("left care", self.left_care),
            ("returned to care", self.returned),
            ("placements changed", self.placements_changed),
            ("legal status changed", self.legal_status_changed),
            ("other details corrected", self.corrected),
            ("no review on file, the last review's date to record", self.history_needed),
        ):
            if refs:
                shown = ", ".join(refs[:20]) + (
                    f" and {len(refs) - 20} more" if len(refs) > 20 else ""
                )
                lines.append(f"{label}: {len(refs)} ({shown})")
        lines.append(f"episodes added or corrected: {self.episodes_added}")
        lines.append(f"reviews added: {self.reviews_added}")
        if not self.changes and not self.episodes_added:
            lines.append("Nothing changed: the caseload already matched this extract.")
        return lines + self.notes


class Import903Failed(Exception):
    def __init__(self, report: ImportReport) -> None:
        super().__init__(f"{len(report.problems)} problem(s); nothing was imported")
        self.report = report


# Called for each child of the extract once written (the central store allocates here).
ChildHook = Callable[[Op, list[Child]], None]
ChildChooser = Callable[[Session, dict[str, list[Child]]], dict[str, Child]]


def import_903(
    caseload: Caseload,
    folder: Path,
    actor: Actor,
    *,
    today: date,
    year: c.CollectionYear | None = None,
    iro_id: str | None = None,
) -> ImportReport:
    """The laptop's import, in one transaction; new children are the laptop IRO's."""
    with operation(caseload, actor) as op:
        return import_into(op, folder, today=today, year=year, iro_for=lambda _ref: iro_id)


def import_into(
    op: Op,
    folder: Path,
    *,
    today: date,
    year: c.CollectionYear | None = None,
    iro_for: Callable[[str], str | None] = lambda _ref: None,
    on_children: ChildHook | None = None,
    extra_problems: Callable[[Extract], list[Problem]] | None = None,
    choose: ChildChooser | None = None,
) -> ImportReport:
    """Inside the caller's transaction; raises ``Import903Failed`` (so it rolls back).
    ``choose``: which stored child each reference means, where several share it (on the
    central store, laptops' provisional children may; a laptop holds one per reference)."""
    report = ImportReport()
    tables, report.problems, report.notes = read_folder(folder)
    report.year = year or infer_year(tables, today)
    extract, problems = check_extract(tables, report.year)
    report.problems += problems
    if extra_problems is not None and not report.problems:
        report.problems += extra_problems(extract)
    if report.problems:
        raise Import903Failed(report)
    _Writer(op, extract, report, today, choose or _one_each).run(iro_for)
    if report.problems:
        raise Import903Failed(report)
    if on_children is not None:
        on_children(op, list(report.children.values()))
    report.changes = op.changes
    return report


def _one_each(_session: Session, by_ref: dict[str, list[Child]]) -> dict[str, Child]:
    """A laptop holds one child per reference."""
    return {ref: kids[0] for ref, kids in by_ref.items()}


def _chunks(items: Sequence[str]) -> list[Sequence[str]]:
    return [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]


class _Writer:
    def __init__(
        self, op: Op, extract: Extract, report: ImportReport, today: date, choose: ChildChooser
    ) -> None:
        self.op, self.session, self.extract, self.choose = op, op.session, extract, choose
        self.report, self.today = report, today
        self.refs = sorted(extract.headers)

    def _load(self) -> None:
        s: Session = self.session
        by_ref: dict[str, list[Child]] = defaultdict(list)
        self.stored_header: dict[str, Ssda903Child] = {}
        self.stored_eps: dict[str, list[Ssda903Episode]] = defaultdict(list)
        for part in _chunks(self.refs):
            for ch in s.scalars(select(Child).where(Child.child_ref.in_(part))):
                by_ref[ch.child_ref].append(ch)
            for h in s.scalars(select(Ssda903Child).where(Ssda903Child.child_ref.in_(part))):
                self.stored_header[h.child_ref] = h
            for e in s.scalars(select(Ssda903Episode).where(Ssda903Episode.child_ref.in_(part))):
                self.stored_eps[e.child_ref].append(e)
        self.children = self.choose(s, dict(by_ref))
        ids = [ch.id for ch in self.children.values()]
        self.statuses: dict[str, list[LegalStatus]] = defaultdict(list)
        self.placements: dict[str, list[Placement]] = defaultdict(list)
        for part in _chunks(ids):
            for ls in s.scalars(select(LegalStatus).where(LegalStatus.child_id.in_(part))):
                self.statuses[ls.child_id].append(ls)
            for pl in s.scalars(select(Placement).where(Placement.child_id.in_(part))):
                self.placements[pl.child_id].append(pl)

    def _plan(self, ref: str) -> Planned | None:
        """The child's plan, the new raw episodes, and from when they replace stored ones."""
        header = self.extract.headers[ref]
        new_eps = self.extract.episodes.get(ref, [])
        stored = sorted(self.stored_eps.get(ref, []), key=lambda e: e.decom)
        old_rows = [episode_from_raw(e.episode) for e in stored]
        since = min((e.decom for e in new_eps), default=None)
        kept = [e for e in old_rows if since is None or e.decom < since]
        merged: list[EpisodeRow] = kept + list(new_eps)
        if not merged:
            self.report.problems.append(
                Problem(self._file("Header"), header.row, "CHILD", f"{ref} has no episodes")
            )
            return None
        old_header_raw = self.stored_header.get(ref)
        old_header = _header_from_raw(old_header_raw.header) if old_header_raw else None
        uasc = (ref in self.extract.uasc) if "UASC" in self.extract.raw else None
        plan = ops.ChildPlan(
            ref,
            header,
            build_care(merged, self.extract.year),
            _care(old_rows, self.extract.year),
            old_header,
            uasc,
        )
        try:
            ops.check_plan(plan, self.today)
        except ValidationError as exc:
            column = "DOB" if exc.field == "date_of_birth" else "CHILD"
            self.report.problems.append(
                Problem(
                    self._file("Header"),
                    header.row,
                    column,
                    f"{exc.field.replace('_', ' ')} {exc.problem}",
                )
            )
            return None
        return plan, since

    def _file(self, table: str) -> str:
        return self.extract.files.get(table, f"{table} table")

    def run(self, iro_for: Callable[[str], str | None]) -> None:
        self._load()
        plans = [self._plan(ref) for ref in self.refs]
        review_targets = self._review_checks(plans)
        if self.report.problems:
            return
        setting = read_setting(self.session, "authority_postcode_districts")
        districts = [str(d) for d in setting] if isinstance(setting, list) else []
        written = ops.Written()
        outcomes: list[tuple[str, ops.Outcome]] = []
        for ref, item in zip(self.refs, plans, strict=True):
            assert item is not None
            plan = item[0]
            existing = self.children.get(ref)
            revived = existing is not None and existing.deleted
            if existing is not None and revived:
                # An import undone (Edit > Undo) left this child a tombstone: the extract
                # brings the same record back (one record a reference, here and centrally).
                existing.deleted = False
            child, outcome = ops.apply_plan(
                plan,
                existing,
                self.statuses.get(existing.id, []) if existing else [],
                self.placements.get(existing.id, []) if existing else [],
                districts=districts,
                iro_id=iro_for(ref) if existing is None else None,
                written=written,
            )
            if revived:
                if not any(c is child for c in written.children):
                    written.children.append(child)
                outcome.added, outcome.corrected = True, False
                outcome.placement_changed = outcome.legal_status_changed = False
            self.report.children[ref] = child
            outcomes.append((ref, outcome))
        self.op.save_many(written.children)
        self.op.save_many(written.others)
        for ref, o in outcomes:
            buckets = (
                (o.added, self.report.added),
                (o.left_care, self.report.left_care),
                (o.returned, self.report.returned),
                (o.placement_changed, self.report.placements_changed),
                (o.legal_status_changed, self.report.legal_status_changed),
                (o.corrected and not o.reported, self.report.corrected),
            )
            for flag, bucket in buckets:
                if flag:
                    bucket.append(ref)
        self._store_raw(plans)
        self._reviews(review_targets)
        # A child new to the program (or back in care) with no review in the extract,
        # whose first review was due before today: the last review's date is needed.
        arrived = sorted(set(self.report.added) | set(self.report.returned))
        marked = note_missing_history(
            self.op, [self.report.children[ref] for ref in arrived], self.today
        )
        self.report.history_needed = sorted(child.child_ref for child in marked)

    def _review_checks(self, plans: list[Planned | None]) -> list[ReviewToAdd]:
        """The extract's reviews, each checked against the child's periods of care."""
        cares = {p[0].ref: p[0].new for p in plans if p is not None}
        out: list[ReviewToAdd] = []
        file = self._file("Reviews")
        for r in self.extract.reviews:
            care = cares.get(r.child)
            if care is None:
                continue
            period = next(
                (
                    p
                    for p in care.periods
                    if p.start <= r.review and (p.end is None or r.review <= p.end)
                ),
                None,
            )
            if r.review > self.today:
                self.report.problems.append(Problem(file, r.row, "REVIEW", "is in the future"))
                continue
            if period is None:
                self.report.problems.append(
                    Problem(file, r.row, "REVIEW", "is outside the child's periods of care")
                )
                continue
            out.append((r.child, r.review, r.code))
        return out

    def _store_raw(self, plans: list[Planned | None]) -> None:
        s = self.session
        raw_eps: dict[str, list[Row]] = defaultdict(list)
        for row in self.extract.raw.get("Episodes", []):
            raw_eps[row["CHILD"]].append(row)
        uasc_raw = {r["CHILD"]: r for r in self.extract.raw.get("UASC", [])}
        header_raw = {r["CHILD"]: r for r in self.extract.raw.get("Header", [])}
        inserts: list[dict[str, object]] = []
        new_headers: list[dict[str, object]] = []
        for item in plans:
            assert item is not None
            plan, since = item
            ref = plan.ref
            header = _clean(header_raw[ref])
            stored = self.stored_header.get(ref)
            uasc = _clean(uasc_raw[ref]) if ref in uasc_raw else None
            episodes = self.stored_eps.get(ref, [])
            before = stored_copy.copy_of(stored, episodes)
            if stored is None:
                new_headers.append({"child_ref": ref, "header": header, "uasc": uasc})
                after: Payload = {"header": header, "uasc": uasc, "episodes": []}
            else:
                after = {**(before or {}), "header": header}
                if stored.header != header:
                    stored.header = header
                if "UASC" in self.extract.raw:
                    after["uasc"] = uasc
                    if stored.uasc != uasc:
                        stored.uasc = uasc
            after["episodes"] = before["episodes"] if before else []
            self._replace_episodes(ref, since, raw_eps[ref], after, inserts)
            if after != before:  # undo puts the copy back as it was (``stored_copy``)
                self.op.changes.versions[(stored_copy.TABLE, ref)] = (before, after)
        # Plain inserts: these rows are not synced, and thousands of ORM objects cost seconds.
        if new_headers:
            s.execute(insert(table_of(Ssda903Child)), new_headers)
        if inserts:
            s.execute(insert(table_of(Ssda903Episode)), inserts)

    def _replace_episodes(
        self, ref: str, since: date | None, raw: list[Row], after: Payload,
        inserts: list[dict[str, object]],
    ) -> None:  # fmt: skip
        """The extract's episodes from ``since`` on replace the stored ones (``after``
        then lists the child's whole stored copy of episodes)."""
        if since is None:
            return
        new = sorted((_clean(r) for r in raw), key=lambda r: _decom(r))
        stored = sorted(self.stored_eps.get(ref, []), key=lambda e: (e.decom, e.id))
        old = [e for e in stored if e.decom >= since]
        if [e.episode for e in old] == new:
            return
        if old:
            self.session.execute(
                delete(Ssda903Episode).where(Ssda903Episode.id.in_([e.id for e in old]))
            )
        inserts += [{"child_ref": ref, "decom": _decom(r), "episode": r} for r in new]
        after["episodes"] = [e.episode for e in stored if e.decom < since] + new
        self.report.episodes_added += len(new)

    def _reviews(self, targets: list[ReviewToAdd]) -> None:
        """The extract's held reviews, oldest first per child so each one's kind follows
        from those before it; one already recorded on the same day is left as it is."""
        if not targets:
            return
        kids = {ref: self.report.children[ref] for ref, *_rest in targets}
        by_id = {h.child.id: h for h in histories(self.session, list(kids.values()))}
        bring_forward = bool(read_setting(self.session, "bring_forward_on_placement_change"))
        new: list[Synced] = []
        for ref, day, code in sorted(targets):
            history = by_id[kids[ref].id]
            if any(r.held_date == day for r in history.held_reviews):
                continue
            review = review_ops.imported_review(
                history, held_date=day, participation_code=code, bring_forward=bring_forward
            )
            history.held_reviews.append(review)
            new.append(review)
        cleared: list[Synced] = []  # a review is on file now: no last review date needed
        for kid in kids.values():
            if kid.review_history_needed_since is not None:
                kid.review_history_needed_since = None
                cleared.append(kid)
        self.op.save_many(new + cleared)
        self.report.reviews_added += len(new)


def _clean(row: Row) -> dict[str, str]:
    return {k: v for k, v in row.items() if k != "_row"}


def _decom(row: Row) -> date:
    day, month, year = (int(x) for x in row["DECOM"].split("/"))
    return date(year, month, day)


def _care(rows: list[EpisodeRow], year: c.CollectionYear) -> Care | None:
    return build_care(rows, year) if rows else None


def _header_from_raw(raw: Row) -> HeaderRow | None:
    try:
        return HeaderRow(0, raw["CHILD"], raw["SEX"], dmy(raw["DOB"], "DOB"), raw["ETHNIC"])
    except (KeyError, ValidationError):
        return None
