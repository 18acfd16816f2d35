"""One sync: push the outbox, pull the change sequence, settle scope, verify, repair.

Order matters. Pushing first means a transferred child's pending work reaches the
server before the child leaves the laptop. Each pulled page is applied and the cursor
moved in one local transaction, so a sync killed at any point resumes cleanly: the
server ignores a change UUID it has already applied, and re-applying a page is a no-op.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from iro_desktop.central.protocol import (
    PUSH_BATCH,
    SNAPSHOT_CHILDREN,
    TABLES,
    child_key,
    fitting,
    table_of,
)
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.ops.settings_write import keep_supplied
from iro_desktop.store.policy import current_policy
from iro_desktop.store.schema import MODELS_BY_TABLE, Conflict, OutboxEntry
from iro_desktop.store.types import new_id, utcnow
from iro_desktop.sync import apply, state
from iro_desktop.sync.client import CentralClient
from iro_desktop.sync.conflicts import refusal_line
from iro_desktop.sync.errors import NotConnected, SyncError

log = logging.getLogger(__name__)


@dataclass
class SyncSummary:
    pushed: int = 0
    applied: int = 0
    conflicts: int = 0
    rejected: int = 0
    deferred: int = 0
    pulled: int = 0
    new_children: int = 0
    removed_children: int = 0
    full_resync: bool = False
    restored: bool = False  # the central store was behind this laptop: changes sent again
    open_conflicts: int = 0
    authority_settings: int = 0  # the authority's settings the central store changed here
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        parts = [
            f"pushed {self.pushed} change(s)",
            f"pulled {self.pulled}",
            f"{self.open_conflicts} conflict(s) to settle",
        ]
        if self.new_children:
            parts.append(f"{self.new_children} child(ren) newly allocated")
        if self.removed_children:
            parts.append(f"{self.removed_children} child(ren) transferred away")
        if self.restored:
            parts.append("the central store had been restored from a backup: changes sent again")
        if self.full_resync:
            parts.append("full resync done")
        if self.rejected:
            parts.append(f"{self.rejected} change(s) could not be sent (kept under Conflicts)")
        if self.authority_settings:
            parts.append(f"{self.authority_settings} of the authority's settings updated")
        return f"Synced in {self.seconds:.2f} s: " + ", ".join(parts)


def check_server(url: str) -> None:
    """Refuse a central store other than the one the machine-wide policy fixes: a laptop
    connected before the policy came must connect again, so nothing goes where IT said no."""
    policy = current_policy()
    fixed = policy.fixed.get("central_url")
    if fixed and str(fixed).rstrip("/") != url.rstrip("/"):
        raise SyncError(
            f"this computer's policy ({policy.source}) says the central store is {fixed}, "
            f"not {url}: connect again ('iro-desktop connect'), or ask your IT team"
        )


def client_for(caseload: Caseload) -> CentralClient:
    with caseload.session() as session:
        conn = state.connection(session)
    if conn is None:
        raise NotConnected()
    check_server(conn.server_url)
    return CentralClient(conn.server_url, conn.token, ca_bundle=conn.ca_bundle)


def sync(caseload: Caseload, client: CentralClient | None = None) -> SyncSummary:
    """Run a whole sync; raises ``SyncError`` (and records it) if it cannot finish."""
    started = time.perf_counter()
    own = client is None
    client = client or client_for(caseload)
    summary = SyncSummary()
    try:
        push_outbox(caseload, client, summary)
        report_resolutions(caseload, client)
        with caseload.session() as session:
            cursor = state.cursor(session)
        if cursor is None:
            full_resync(caseload, client, summary)
        else:
            try:
                pull_changes(caseload, client, summary, cursor)
            except ServerWentBack as restored:
                after_restore(caseload, client, summary, restored.store_id)
        settle_scope(caseload, client, summary)
        fetch_conflicts(caseload, client, summary)
        fetch_authority(caseload, client, summary)
        if not verify(caseload, client):
            full_resync(caseload, client, summary)
            settle_scope(caseload, client, summary)
            if not verify(caseload, client):
                raise SyncError(
                    "After a full resync this laptop still differs from the central "
                    "store; the next sync will try again."
                )
    except SyncError as exc:
        _record(caseload, error=str(exc))
        raise
    finally:
        if own:
            client.close()
    summary.seconds = time.perf_counter() - started
    _record(caseload, summary=summary)
    return summary


def _record(
    caseload: Caseload, *, summary: SyncSummary | None = None, error: str | None = None
) -> None:
    with caseload.writing() as session, session.begin():
        state.put(session, state.LAST_ERROR, error)
        if summary is not None:
            state.put(session, state.LAST_SYNC, utcnow().isoformat())
            state.put(session, state.LAST_SUMMARY, json.dumps(asdict(summary)))


# -- push ----------------------------------------------------------------------------


def _wire(entry: OutboxEntry) -> dict[str, Any]:
    return {
        "change_id": entry.change_id,
        "table": entry.table_name,
        "row_id": entry.row_id,
        "op": entry.op,
        "version": entry.version,
        "base_version": entry.base_version,
        "payload": entry.payload,
        "created_at": entry.created_at.isoformat() if entry.created_at else None,
    }


def push_outbox(caseload: Caseload, client: CentralClient, summary: SyncSummary) -> None:
    """Push pending changes in order, a batch at a time; acknowledge after each answer."""
    skip: set[str] = set()  # deferred this round
    while True:
        with caseload.session() as session:
            query = select(OutboxEntry).where(OutboxEntry.pushed_at.is_(None))
            if skip:
                query = query.where(OutboxEntry.change_id.not_in(sorted(skip)))
            batch = list(session.scalars(query.order_by(OutboxEntry.seq).limit(PUSH_BATCH)))
        # Bounded by size too: a few letters with pictures must not make one huge request.
        batch = batch[: fitting([e.payload for e in batch])]
        if not batch:
            return
        results = client.push([_wire(e) for e in batch])
        by_id = {r["change_id"]: r for r in results}
        _acknowledge(caseload, batch, by_id, summary, skip)


def _acknowledge(
    caseload: Caseload,
    batch: list[OutboxEntry],
    results: dict[str, dict[str, Any]],
    summary: SyncSummary,
    skip: set[str],
) -> None:
    now = utcnow()
    with apply.applying(caseload) as session:
        reset: dict[str, tuple[str, dict[str, Any]]] = {}
        # One query for the whole batch, not one per change (the demo's first push
        # spent half its time here).
        rows = {
            r.change_id: r
            for r in session.scalars(
                select(OutboxEntry).where(OutboxEntry.change_id.in_([e.change_id for e in batch]))
            )
        }
        for entry in batch:
            result = results.get(entry.change_id)
            if result is None or result["outcome"] == "deferred":
                skip.add(entry.change_id)
                summary.deferred += 1
                continue
            row = rows.get(entry.change_id)
            if row is None or row.pushed_at is not None:
                continue
            row.pushed_at = now
            summary.pushed += 1
            outcome = result["outcome"]
            if outcome == "applied":
                summary.applied += 1
            elif outcome == "conflict":
                summary.conflicts += 1
                view = result.get("conflict")
                if view:
                    _store_conflict(session, view)
                    reset[entry.row_id] = (entry.table_name, view["server_payload"])
            elif outcome == "rejected":
                summary.rejected += 1
                reason = str(result.get("reason", "refused"))[:500]
                _store_refusal(session, entry, reason)
                summary.notes.append(refusal_line(entry.table_name, reason))
        session.flush()
        still = apply.pending_rows(session)
        for row_id, (table_name, payload) in reset.items():
            if row_id in still:
                continue
            if payload:
                apply.apply_rows(session, table_name, [payload], set(), force=True)
            else:
                apply.delete_rows(session, table_name, [row_id])


def _store_conflict(session: Session, view: dict[str, Any]) -> None:
    from datetime import datetime

    existing = session.get(Conflict, view["id"])
    if existing is not None:
        if existing.resolved_at is None:
            existing.client_payload = view["client_payload"]
            existing.server_payload = view["server_payload"]
            existing.server_version = view["server_version"]
            existing.change_id = view["change_id"]
        return
    session.add(
        Conflict(
            id=view["id"],
            table_name=view["table"],
            row_id=view["row_id"],
            child_id=view["child_id"],
            change_id=view["change_id"],
            base_version=view["base_version"],
            server_version=view["server_version"],
            server_payload=view["server_payload"],
            client_payload=view["client_payload"],
            raised_by=None,
            created_at=datetime.fromisoformat(view["created_at"]),
        )
    )


REFUSED = "_refused"


def _store_refusal(session: Session, entry: OutboxEntry, reason: str) -> None:
    """Keep a refused change as a local conflict so the IRO sees it and nothing is lost."""
    session.add(
        Conflict(
            id=new_id(),
            table_name=entry.table_name,
            row_id=entry.row_id,
            child_id=entry.child_id,
            change_id=entry.change_id,
            base_version=entry.base_version,
            server_version=0,
            server_payload={REFUSED: reason},
            client_payload=entry.payload,
        )
    )


# -- pull ----------------------------------------------------------------------------


def _apply_grouped(
    session: Session,
    rows: dict[str, list[dict[str, Any]]],
    pending: set[str],
    *,
    replace: bool = False,
) -> int:
    n = 0
    for name in TABLES:
        if rows.get(name):
            n += apply.apply_rows(session, name, rows[name], pending, replace=replace)
    return n


class ServerWentBack(Exception):
    """The central store was restored: its newest change is older than one this laptop
    has pulled, or its database is another one than at the last pull."""

    def __init__(self, store_id: str | None) -> None:
        super().__init__(store_id)
        self.store_id = store_id


def after_restore(
    caseload: Caseload, client: CentralClient, summary: SyncSummary, store_id: str | None
) -> None:
    """The central store was restored from a backup older than this laptop's last sync.

    Every change this laptop ever pushed is sent again: the store ignores those it still
    remembers (by change id) and applies those the restore lost, so nothing is lost and
    nothing is applied twice. Then the laptop is made equal to the store, as after any
    mismatch; changes other laptops made after the backup come back when they sync.
    """
    log.warning("the central store is behind this laptop (restored?): sending changes again")
    with apply.applying(caseload) as session:
        session.execute(update(OutboxEntry).values(pushed_at=None))
    summary.restored = True
    push_outbox(caseload, client, summary)
    full_resync(caseload, client, summary)
    with apply.applying(caseload) as session:
        state.put(session, state.STORE_ID, store_id)


def pull_changes(
    caseload: Caseload, client: CentralClient, summary: SyncSummary, cursor: int
) -> None:
    while True:
        page = client.pull(cursor)
        store_id = page.get("store")
        with caseload.session() as session:
            known = state.get(session, state.STORE_ID)
        if int(page.get("head", cursor)) < cursor or (known and store_id and known != store_id):
            raise ServerWentBack(store_id)
        grouped: dict[str, list[dict[str, Any]]] = {}
        for change in page["changes"]:
            grouped.setdefault(change["table"], []).append(change["payload"])
        with apply.applying(caseload) as session:
            summary.pulled += _apply_grouped(session, grouped, apply.pending_rows(session))
            # The cursor moves in the same transaction as the rows it covers.
            state.put(session, state.CURSOR, str(page["cursor"]))
            state.put(session, state.STORE_ID, store_id)
        cursor = int(page["cursor"])
        if not page["more"]:
            return


def _snapshot(
    caseload: Caseload,
    client: CentralClient,
    children: list[str] | None,
    summary: SyncSummary,
    *,
    replace: bool,
) -> tuple[int, dict[str, set[str]], set[str]]:
    table: str | None = None
    after: str | None = None
    seen: dict[str, set[str]] = {name: set() for name in TABLES}
    top: int | None = None
    scope: set[str] = set()
    while True:
        page = client.snapshot(table, after, children)
        if top is None:
            top, scope = int(page["head"]), set(page["scope"])
        with apply.applying(caseload) as session:
            pending = apply.pending_rows(session)
            for name, rows in page["tables"].items():
                seen[name].update(r["id"] for r in rows)
            summary.pulled += _apply_grouped(session, page["tables"], pending, replace=replace)
        if page["next"] is None:
            return top, seen, scope
        table, after = page["next"]["table"], page["next"]["after"] or None


def full_resync(caseload: Caseload, client: CentralClient, summary: SyncSummary) -> None:
    """Make the laptop equal the server, keeping only rows with changes still to push."""
    summary.full_resync = True
    top, seen, scope = _snapshot(caseload, client, None, summary, replace=True)
    with apply.applying(caseload) as session:
        pending = apply.pending_rows(session)
        for name in TABLES:
            have = {row_id for row_id, _v in apply.comparable_ids(session, name, scope)}
            apply.delete_rows(session, name, have - seen[name] - pending)
        state.put(session, state.CURSOR, str(top))
        state.put_json(session, state.SCOPE, sorted(scope))


def settle_scope(caseload: Caseload, client: CentralClient, summary: SyncSummary) -> None:
    """Fetch newly allocated children whole; remove children no longer held, once their
    pending changes have been pushed."""
    scope = set(client.checksums()["scope"])
    with caseload.session() as session:
        known = set(state.get_json(session, state.SCOPE, []))
    new = sorted(scope - known)
    # A page of children per request: thousands of new children in one query string would
    # be longer than a URL may be (and than the central store accepts).
    for start in range(0, len(new), SNAPSHOT_CHILDREN):
        _snapshot(caseload, client, new[start : start + SNAPSHOT_CHILDREN], summary, replace=False)
    summary.new_children += len(new)
    with apply.applying(caseload) as session:
        waiting = apply.pending_children(session)
        held = _local_children(session)
        gone = (held | known) - scope - waiting
        if gone:
            summary.removed_children += len(gone & held)
            apply.remove_children(session, gone)
            for conflict in session.scalars(
                select(Conflict).where(Conflict.child_id.in_(sorted(gone)))
            ):
                if REFUSED not in (conflict.server_payload or {}):
                    session.delete(conflict)
        state.put_json(session, state.SCOPE, sorted(scope | (known & waiting)))


def _local_children(session: Session) -> set[str]:
    table = table_of(MODELS_BY_TABLE["children"])
    return set(session.scalars(select(table.c.id)))


def verify(caseload: Caseload, client: CentralClient) -> bool:
    """Count and hash every table on both sides; ``False`` means a full resync is due."""
    remote = client.checksums()
    scope = set(remote["scope"])
    with caseload.session() as session:
        local = apply.local_checksums(session, scope)
        pending = apply.pending_rows(session)
    differ = [name for name in TABLES if local[name] != remote["tables"][name]]
    if differ and pending:
        # Rows edited since the push are expected to differ until the next push.
        with caseload.session() as session:
            touched = {
                e.table_name
                for e in session.scalars(select(OutboxEntry).where(OutboxEntry.pushed_at.is_(None)))
            }
        differ = [name for name in differ if name not in touched]
    if differ:
        log.warning("sync check: %d table(s) differ from the central store", len(differ))
    return not differ


# -- conflicts -----------------------------------------------------------------------


def report_resolutions(caseload: Caseload, client: CentralClient) -> None:
    """Tell the server about conflicts settled on this laptop (idempotent)."""
    open_remote = {c["id"] for c in client.conflicts()}
    with caseload.session() as session:
        settled = list(
            session.scalars(
                select(Conflict).where(
                    Conflict.resolved_at.is_not(None), Conflict.id.in_(sorted(open_remote))
                )
            )
        )
    for c in settled:
        client.resolve(c.id, c.resolution or "resolved")


def fetch_conflicts(caseload: Caseload, client: CentralClient, summary: SyncSummary) -> None:
    remote = {c["id"]: c for c in client.conflicts()}
    with caseload.writing() as session, session.begin():
        for view in remote.values():
            _store_conflict(session, view)
        for local in session.scalars(select(Conflict).where(Conflict.resolved_at.is_(None))):
            if local.id not in remote and REFUSED not in (local.server_payload or {}):
                local.resolved_at = utcnow()
                local.resolution = "elsewhere"
        session.flush()
        summary.open_conflicts = len(
            list(session.scalars(select(Conflict.id).where(Conflict.resolved_at.is_(None))))
        )


# -- the authority's settings --------------------------------------------------------

SETTING_NOTES = 5  # at most this many problems with the store's settings are listed


def fetch_authority(caseload: Caseload, client: CentralClient, summary: SyncSummary) -> None:
    """Keep the authority's settings the central store supplies (read-only here while it
    does). A store older than them (no such endpoint) leaves this laptop's as they are."""
    answer = client.authority()
    if answer is None:
        return
    with caseload.writing() as session, session.begin():
        outcome = keep_supplied(session, answer)
    summary.authority_settings = len(outcome.changed) + len(outcome.released)
    if outcome.problems:
        log.warning(
            "the central store sent %d setting(s) this laptop could not use",
            len(outcome.problems),
        )
    for key, why in list(outcome.problems.items())[:SETTING_NOTES]:
        summary.notes.append(f"The central store's setting {key} was not used: it {why}.")


def child_rows(table_name: str) -> str | None:
    return child_key(table_name)
