"""The server side of the protocol: apply a push, serve a pull, a snapshot and checksums.

A pushed change is applied only when its ``base_version`` is the server's version of
the row. Otherwise both versions are kept and a ``Conflict`` records them for the IRO.
Every accepted change goes into ``change_log`` with who, which device and when: the
change log is both the pull sequence and the audit trail of what the server accepted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import (
    CompoundSelect,
    String,
    any_,
    bindparam,
    func,
    insert,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from iro_desktop.central import auth
from iro_desktop.central.auth import Principal
from iro_desktop.central.protocol import (
    TABLES,
    child_key,
    child_of,
    fitting,
    payload_size,
    row_payload,
    table_of,
)
from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.ops.core import Op
from iro_desktop.store.rowcheck import check_payload, text_problem
from iro_desktop.store.schema import (
    MODELS_BY_TABLE,
    Allocation,
    AppliedChange,
    AuditEntry,
    ChangeLog,
    Child,
    Conflict,
)
from iro_desktop.store.serialise import to_payload
from iro_desktop.store.types import Base, new_id, utcnow

OPS = ("upsert", "delete")
REUSED_ID = "its change id was already used for another change"
LAPTOP = "laptop"  # ``Allocation.origin`` of a child an IRO's push added
STORE_REFUSED = (IntegrityError, DataError)
"""What the database may still refuse after ``check_payload`` (a link to a missing row)."""
CLASH = (*STORE_REFUSED, OperationalError)
"""What ends ``push_unlocked``, to be pushed again under the lock: a refused row, the same
new row or change id written by another writer at once, or a deadlock between two."""


@dataclass
class PushContext:
    principal: Principal
    visible: set[str]
    careful: bool
    today: date = field(default_factory=auth.today)
    refused_rows: set[str] = field(default_factory=set)
    new_rows: dict[str, list[Any]] = field(default_factory=dict)
    # (table, row id) -> the row as it stands in this batch, or None when it is new.
    rows: dict[tuple[str, str], Any] = field(default_factory=dict)
    # Change-log entries kept back until the write lock is held (``push_unlocked``), or
    # None when each is added to the session as it is made.
    log: list[dict[str, Any]] | None = None
    # Applied-change rows, inserted in one statement at the end of the batch (not in
    # ``careful`` mode, where each change's savepoint must take its own row with it).
    applied: list[dict[str, Any]] = field(default_factory=list)
    # Allocations of the children the batch adds, inserted after them (not ``careful``).
    allocations: list[dict[str, Any]] = field(default_factory=list)


def push(
    session: Session, principal: Principal, changes: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Apply a batch in order; the caller's transaction commits it all or none of it.

    The fast path flushes once; if the database refuses something (a foreign key to a
    row it does not have), the caller reruns with ``careful`` and each change in its
    own savepoint, so one bad change is refused alone.
    """
    try:
        with session.begin_nested():
            return _push(session, principal, changes, careful=False)
    except STORE_REFUSED:
        return _push(session, principal, changes, careful=True)


def push_unlocked(
    session: Session, principal: Principal, changes: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Apply a batch without the store's write lock: the results, and the change-log
    entries to insert once the caller holds the lock (``write_log``).

    For PostgreSQL with many IROs pushing at once (``app.py``). Only giving the entries
    their sequence numbers and committing needs the lock (that keeps the sequence
    committing in order); checking and writing the rows does not, so that work runs side by
    side. The batch's existing rows are locked as they are read (``FOR UPDATE``), so each
    version check sees the row as it will be written over. A clash with another writer
    (the same new row or change id, a deadlock) or a row the database refuses raises: the
    caller rolls back and pushes again with ``push``, under the lock from the start.
    """
    ctx = _context(session, principal, careful=False)
    ctx.log = []
    results = _apply(session, ctx, changes, lock_rows=True)
    session.flush()
    return results, ctx.log


def write_log(session: Session, entries: list[dict[str, Any]]) -> None:
    """Insert change-log entries in one statement (the caller holds the write lock)."""
    if entries:
        session.execute(insert(table_of(ChangeLog)), entries)


def _context(session: Session, principal: Principal, *, careful: bool) -> PushContext:
    return PushContext(principal, auth.visible_children(session, principal.account_id), careful)


def _push(
    session: Session, principal: Principal, changes: list[dict[str, Any]], *, careful: bool
) -> list[dict[str, Any]]:
    return _apply(session, _context(session, principal, careful=careful), changes)


def _apply(
    session: Session, ctx: PushContext, changes: list[dict[str, Any]], *, lock_rows: bool = False
) -> list[dict[str, Any]]:
    principal, careful = ctx.principal, ctx.careful
    ids = [c["change_id"] for c in changes]
    done: dict[str, tuple[str, str | None, str | None]] = {
        c: (outcome, account, row)
        for c, outcome, account, row in session.execute(
            select(
                AppliedChange.change_id,
                AppliedChange.outcome,
                AppliedChange.account_id,
                AppliedChange.row_id,
            ).where(AppliedChange.change_id.in_(ids))
        )
    }
    if not careful:  # a rolled-back savepoint would leave stale rows in the cache
        ctx.rows = _preload(session, changes, lock_rows=lock_rows)
    results = []
    for change in changes:
        if change["change_id"] in done:
            outcome, account, row = done[change["change_id"]]
            if account in (None, principal.account_id) and row in (None, change["row_id"]):
                results.append({"change_id": change["change_id"], "outcome": outcome})
            else:  # the same id for a different change (or another IRO's): not stored
                results.append({"change_id": change["change_id"], "outcome": "rejected",
                                "reason": REUSED_ID})  # fmt: skip
            continue
        if careful:
            try:
                with session.begin_nested():
                    result = _one(session, ctx, change)
            except STORE_REFUSED:
                result = _refuse(session, ctx, change, "it could not be stored")
        else:
            result = _one(session, ctx, change)
        if result["outcome"] != "deferred":
            done[change["change_id"]] = (result["outcome"], principal.account_id, change["row_id"])
        results.append(result)
    # Without relationships the unit of work does not order inserts by foreign key:
    # new rows go in parents-first, then everything else.
    for name in TABLES:
        if ctx.new_rows.get(name):
            if careful:  # already in the session, each in its change's savepoint
                session.flush(ctx.new_rows[name])
            else:
                _insert_new(session, name, ctx.new_rows[name])
    if ctx.allocations:
        session.execute(insert(table_of(Allocation)), ctx.allocations)
    session.flush()
    if ctx.applied:
        session.execute(insert(table_of(AppliedChange)), ctx.applied)
    return results


def _insert_new(session: Session, table: str, rows: list[Any]) -> None:
    """Insert a batch's new rows of one table as they stand at the end of the batch, with
    plain inserts: the ORM's unit of work for them was about 15% of a push's CPU with many
    IROs pushing at once (issue 17). A column the row never set is left to its default."""
    target = table_of(MODELS_BY_TABLE[table])
    columns = target.columns.keys()
    by_keys: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        values = {c: row.__dict__[c] for c in columns if c in row.__dict__}
        by_keys.setdefault(tuple(values), []).append(values)
    for same in by_keys.values():
        session.execute(insert(target), same)


def _preload(
    session: Session, changes: list[dict[str, Any]], *, lock_rows: bool = False
) -> dict[tuple[str, str], Any]:
    """Load the batch's current rows with one query per table. Asking once per change
    (``session.get``) also autoflushed every pending row one by one: the demo's first
    push spent most of its time there. ``lock_rows`` locks them for this transaction, in
    id order (so two batches touching the same rows take them in the same order)."""
    by_table: dict[str, set[str]] = {}
    for change in changes:
        if change.get("table") in MODELS_BY_TABLE and isinstance(change.get("row_id"), str):
            by_table.setdefault(change["table"], set()).add(change["row_id"])
            payload = change.get("payload") or {}
            for key, target in LINKS[change["table"]].items():
                linked = payload.get(key)
                if isinstance(linked, str) and text_problem(linked, 36) is None:
                    by_table.setdefault(target, set()).add(linked)
    session.flush()
    rows: dict[tuple[str, str], Any] = {}
    for name, ids in by_table.items():
        model: Any = MODELS_BY_TABLE[name]
        rows.update({(name, i): None for i in ids})
        for chunk in _chunks(ids):
            query = select(model).where(model.id.in_(chunk))
            if lock_rows:
                query = query.order_by(model.id).with_for_update()
            for row in session.scalars(query):
                rows[(name, row.id)] = row
    return rows


def _remember(session: Session, ctx: PushContext, change: dict[str, Any], outcome: str) -> None:
    """The change id is spent: a repeat of the same change gets the same answer."""
    row = {
        "change_id": change["change_id"],
        "outcome": outcome,
        "account_id": ctx.principal.account_id,
        "row_id": change["row_id"],
    }
    if ctx.careful:
        session.add(AppliedChange(**row))
    else:  # one insert for the batch (``_apply``), not an ORM object each
        ctx.applied.append(row)


def _refuse(
    session: Session, ctx: PushContext, change: dict[str, Any], reason: str
) -> dict[str, Any]:
    ctx.refused_rows.add(change["row_id"])
    _remember(session, ctx, change, "rejected")
    _audit(session, ctx.principal, "refused", change, [reason])
    return {"change_id": change["change_id"], "outcome": "rejected", "reason": reason}


def _audit(
    session: Session, who: Principal, action: str, change: dict[str, Any], fields: list[Any]
) -> None:
    session.add(
        AuditEntry(
            actor=who.email,
            device=who.device_id,
            action=action,
            table_name=str(change.get("table", ""))[:60],
            row_id=str(change.get("row_id", ""))[:36],
            child_id=(child_of(str(change.get("table")), change.get("payload") or {}) or "")[:36]
            or None,
            fields=fields,
        )
    )


LATE_WORK_DAYS = 30  # how long after a transfer offline work on the child is accepted


def _created_day(change: dict[str, Any], fallback: date) -> date:
    try:
        return datetime.fromisoformat(change["created_at"]).date()
    except (KeyError, TypeError, ValueError):
        return fallback


def _may_write(
    session: Session, ctx: PushContext, change: dict[str, Any], child_id: str | None
) -> bool:
    if child_id is None:
        return False
    if child_id in ctx.visible:
        return True
    # Work done offline while the IRO still held the child is accepted after a transfer,
    # for a while: the date comes from the laptop, so the window bounds what it can claim.
    day = _created_day(change, ctx.today)
    if not ctx.today - timedelta(days=LATE_WORK_DAYS) <= day <= ctx.today:
        return False
    return auth.held_on(session, ctx.principal.account_id, child_id, day)


def _one(session: Session, ctx: PushContext, change: dict[str, Any]) -> dict[str, Any]:
    table = change["table"]
    model = MODELS_BY_TABLE.get(table)
    payload = change.get("payload") or {}
    row_id = change["row_id"]
    if model is None or change.get("op") not in OPS:
        return _refuse(session, ctx, change, "unknown table or operation")
    if payload.get("id") != row_id:
        return _refuse(session, ctx, change, "payload does not match its row")
    cached = (table, row_id)
    current: Any = ctx.rows[cached] if cached in ctx.rows else session.get(model, row_id)
    try:
        values = check_payload(model, payload, new=current is None)
    except ValidationError as exc:
        return _refuse(session, ctx, change, f"{exc.field.replace('_', ' ')} {exc.problem}")
    if table == "iros":
        if row_id != ctx.principal.account_id:
            return _refuse(session, ctx, change, "not your profile")
    elif table == "children" and current is None:
        pass  # a child the IRO added offline joins their caseload
    else:
        new_child = child_of(table, payload)
        old_child = child_of(table, to_payload(current)) if current is not None else new_child
        if new_child != old_child or not _may_write(session, ctx, change, new_child):
            return _refuse(session, ctx, change, "not a child you hold")
    server_version = current.version if current is not None else 0
    base = int(change["base_version"])
    if base != server_version:
        if base > server_version and row_id not in ctx.refused_rows:
            # An earlier change to this row has not arrived yet (reordered requests).
            return {"change_id": change["change_id"], "outcome": "deferred"}
        if table != "iros" and child_of(table, payload) not in ctx.visible:
            # Late work on a child who has moved on: never show them the server's row.
            return _refuse(session, ctx, change, "the child is now with another IRO")
        return _conflict(session, ctx, change, model, current)
    if int(change["version"]) != base + 1:
        return _refuse(session, ctx, change, "version is not one more than its base")
    if not _links_stay_on_file(session, ctx, table, values, child_of(table, payload)):
        return _refuse(session, ctx, change, "it links to a record not on this child's file")
    claimed_iro = values.get("iro_id") if "iro_id" in values else None
    if table == "children" and "iro_id" in values and claimed_iro not in _iro_ids(ctx, current):
        # Who a child's IRO is, is the authority's to say (allocation), and naming another
        # IRO here would show this one their profile.
        return _refuse(session, ctx, change, "the child's IRO is set by your authority")
    values["version"] = base + 1
    values["deleted"] = bool(values.get("deleted", False)) or change["op"] == "delete"
    if not values.get("updated_at"):
        values["updated_at"] = utcnow()
    if current is None:
        # Outside ``careful`` mode a new row stays out of the session, and later changes
        # in the batch change it here; ``_insert_new`` writes it at the end of the batch.
        current = model(**values)
        if ctx.careful:
            session.add(current)
        if cached in ctx.rows:
            ctx.rows[cached] = current
        ctx.new_rows.setdefault(table, []).append(current)
        if table == "children":
            ctx.visible.add(row_id)
            # Provisional: the reference stays the authority's to claim (migration 0004).
            allocation = {
                "id": new_id(),
                "child_id": row_id,
                "origin": LAPTOP,
                "account_id": ctx.principal.account_id,
                "start_date": ctx.today,
            }
            if ctx.careful:
                session.flush([current])
                session.add(Allocation(**allocation))
            else:
                ctx.allocations.append(allocation)
    else:
        for key, value in values.items():
            if key != "id":
                setattr(current, key, value)
    if ctx.careful:
        session.flush()
    if ctx.log is None:
        log_row(session, table, current, ctx.principal, change["change_id"], change["op"])
    else:
        ctx.log.append(log_entry(table, current, ctx.principal, change["change_id"], change["op"]))
    _remember(session, ctx, change, "applied")
    return {"change_id": change["change_id"], "outcome": "applied", "version": current.version}


def log_entry(
    table: str,
    row: Any,
    who: Principal | None,
    change_id: str | None = None,
    op: str | None = None,
) -> dict[str, Any]:
    """One change-log entry as column values."""
    payload = to_payload(row)
    return {
        "change_id": change_id or new_id(),
        "table_name": table,
        "row_id": row.id,
        "child_id": child_of(table, payload),
        "version": row.version,
        "op": op or ("delete" if row.deleted else "upsert"),
        "payload": payload,
        "account_id": who.account_id if who else None,
        "device_id": who.device_id if who else "admin",
        "received_at": utcnow(),
    }


def _links() -> dict[str, dict[str, str]]:
    """Per synced table, its links to other synced rows: column -> the table it points to
    (``child_id`` and ``iro_id`` are checked as ownership, not here)."""
    out: dict[str, dict[str, str]] = {}
    for name, model in MODELS_BY_TABLE.items():
        out[name] = {
            c.key: next(iter(c.foreign_keys)).column.table.name
            for c in table_of(model).columns
            if c.foreign_keys and c.key not in ("child_id", "iro_id")
        }
    return out


LINKS = _links()


def _links_stay_on_file(
    session: Session, ctx: PushContext, table: str, values: dict[str, Any], child: str | None
) -> bool:
    """A pushed row may link only to rows of its own child (or, for a sibling, to a child
    the IRO holds). The answer is the same whether the other row exists or not."""
    for key, target in LINKS[table].items():
        linked = values.get(key)
        if linked is None:
            continue
        if target == "children":
            if linked not in ctx.visible:
                return False
            continue
        cached = (target, linked)
        with session.no_autoflush:
            row = (
                ctx.rows[cached]
                if cached in ctx.rows
                else session.get(MODELS_BY_TABLE[target], linked)
            )
        if row is None or getattr(row, "child_id", None) != child:
            return False
    return True


def _iro_ids(ctx: PushContext, current: Any) -> tuple[str | None, ...]:
    """What a pushed child may say its IRO is: what the server has, or for a new child
    nobody yet or the IRO pushing it."""
    if current is not None:
        return (current.iro_id,)
    return (None, ctx.principal.account_id)


def log_row(
    session: Session,
    table: str,
    row: Any,
    who: Principal | None,
    change_id: str | None = None,
    op: str | None = None,
) -> ChangeLog:
    entry = ChangeLog(**log_entry(table, row, who, change_id, op))
    session.add(entry)
    return entry


def log_op(session: Session, op: Op) -> int:
    """Put the rows an admin operation wrote into the change sequence (one insert: an
    import writes thousands)."""
    entries = []
    known = {row.id: row for row in op.saved}  # rows written in bulk, already at hand
    ids = [i for i in op.changes.row_ids if i not in known]
    by_table: dict[str, list[Any]] = {}
    for row in known.values():
        by_table.setdefault(type(row).__tablename__, []).append(row)  # type: ignore[attr-defined]
    for table in TABLES:
        if table not in op.changes.tables:
            continue
        model = MODELS_BY_TABLE[table]
        rows = by_table.get(table, [])
        if ids:
            rows += list(session.scalars(select(model).where(model.id.in_(ids))))  # type: ignore[attr-defined]
        entries += [log_entry(table, row, None) for row in rows]
    if entries:
        session.execute(insert(table_of(ChangeLog)), entries)
    return len(entries)


def _conflict(
    session: Session, ctx: PushContext, change: dict[str, Any], model: type[Base], current: Any
) -> dict[str, Any]:
    server_payload = to_payload(current) if current is not None else {}
    payload = change["payload"]
    open_one = session.scalars(
        select(Conflict).where(
            Conflict.row_id == change["row_id"],
            Conflict.raised_by == ctx.principal.account_id,
            Conflict.resolved_at.is_(None),
        )
    ).first()
    if open_one is not None and open_one.client_payload.get("version") == change["base_version"]:
        # A later edit of the same row on the same laptop: the conflict now holds it.
        open_one.client_payload = dict(payload)
        open_one.server_payload = server_payload
        open_one.server_version = server_payload.get("version", 0)
        open_one.change_id = change["change_id"]
        conflict = open_one
    else:
        conflict = Conflict(
            id=new_id(),
            table_name=change["table"],
            row_id=change["row_id"],
            child_id=child_of(change["table"], payload),
            change_id=change["change_id"],
            base_version=int(change["base_version"]),
            server_version=server_payload.get("version", 0),
            server_payload=server_payload,
            client_payload=dict(payload),
            raised_by=ctx.principal.account_id,
        )
        session.add(conflict)
    _remember(session, ctx, change, "conflict")
    _audit(session, ctx.principal, "conflict", change, [conflict.id])
    return {
        "change_id": change["change_id"],
        "outcome": "conflict",
        "conflict": conflict_view(conflict),
    }


def conflict_view(c: Conflict) -> dict[str, Any]:
    return {
        "id": c.id,
        "table": c.table_name,
        "row_id": c.row_id,
        "child_id": c.child_id,
        "change_id": c.change_id,
        "base_version": c.base_version,
        "server_version": c.server_version,
        "server_payload": c.server_payload,
        "client_payload": c.client_payload,
        "created_at": (c.created_at or utcnow()).isoformat(),
    }


# -- reading -------------------------------------------------------------------------


@dataclass
class Scope:
    children: set[str]
    iros: set[str]


def scope_of(session: Session, principal: Principal) -> Scope:
    children = auth.visible_children(session, principal.account_id)
    return Scope(children, auth.visible_iros(session, principal.account_id, children))


def head(session: Session) -> int:
    return int(session.scalar(select(func.coalesce(func.max(ChangeLog.seq), 0))) or 0)


def _chunks(ids: Iterable[str], size: int = 500) -> list[list[str]]:
    items = sorted(ids)
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def pull(session: Session, principal: Principal, since: int, limit: int) -> dict[str, Any]:
    top = head(session)  # read first: every change at or below it has committed
    scope = scope_of(session, principal)
    from sqlalchemy import and_, or_

    log = table_of(ChangeLog)
    # Plain rows, not ORM objects: a pull only reads them out (issue 17).
    query = (
        select(log.c.seq, log.c.table_name, log.c.row_id, log.c.op, log.c.version, log.c.payload)
        .where(
            log.c.seq > min(since, top),  # a cursor past the head (up to 2^63) finds none
            log.c.seq <= top,
            or_(
                log.c.child_id.in_(sorted(scope.children)),
                and_(log.c.table_name == "iros", log.c.row_id.in_(sorted(scope.iros))),
            ),
        )
        .order_by(log.c.seq)
        .limit(limit)
    )
    fetched = list(session.execute(query))
    rows = fetched[: fitting([r.payload for r in fetched], 0)]
    more = len(fetched) == limit or len(rows) < len(fetched)
    cursor = rows[-1].seq if more else max(top, since)
    return {
        # The newest change here. Below a laptop's cursor, this store has gone back in time
        # (restored from a backup): the laptop sends its changes again (see sync/run.py).
        # The API adds "store", the database's identity, which a restore changes too.
        "head": top,
        "changes": [
            {
                "seq": r.seq,
                "table": r.table_name,
                "row_id": r.row_id,
                "op": r.op,
                "version": r.version,
                "payload": r.payload,
            }
            for r in rows
        ],
        "cursor": cursor,
        "more": more,
        "scope": sorted(scope.children),
    }


def _table_filter(table_name: str, scope: Scope, children: set[str]) -> tuple[str, set[str]]:
    if table_name == "iros":
        return "id", scope.iros
    return ("id" if table_name == "children" else "child_id"), children


def snapshot(
    session: Session,
    principal: Principal,
    *,
    table: str | None,
    after: str | None,
    limit: int,
    only_children: set[str] | None,
) -> dict[str, Any]:
    """Current rows (tombstones too) of visible children, paged by (table, id)."""
    top = head(session)
    scope = scope_of(session, principal)
    children = scope.children if only_children is None else scope.children & only_children
    tables = list(TABLES)
    if only_children is not None:
        tables.remove("iros")
    start = tables.index(table) if table in tables else 0
    out: dict[str, list[dict[str, Any]]] = {}
    room = limit
    spent = 0
    next_at: dict[str, str] | None = None
    for name in tables[start:]:
        t = table_of(MODELS_BY_TABLE[name])
        key, allowed = _table_filter(name, scope, children)
        rows: list[Any] = []
        for chunk in _chunks(allowed, 20000):
            q = select(t).where(t.c[key].in_(chunk))
            if name == table and after:
                q = q.where(t.c.id > after)
            rows.extend(session.execute(q.order_by(t.c.id).limit(room + 1)))
        rows.sort(key=lambda r: r.id)
        keys = list(t.c.keys())
        payloads = [row_payload(keys, r) for r in rows[:room]]
        fit = fitting(payloads, spent)
        take = rows[:fit]
        spent += sum(payload_size(p) for p in payloads[:fit])
        if take:
            out[name] = payloads[:fit]
        room -= len(take)
        if len(rows) > len(take):
            next_at = {"table": name, "after": take[-1].id if take else (after or "")}
            break
        if room == 0:
            following = tables.index(name) + 1
            if following < len(tables):
                next_at = {"table": tables[following], "after": ""}
            break
        after = None
    return {"head": top, "tables": out, "next": next_at, "scope": sorted(scope.children)}


def checksums(session: Session, principal: Principal) -> dict[str, Any]:
    """Count and digest of the (id, version) of every row the IRO sees, per table."""
    if session.get_bind().dialect.name == "postgresql":
        return checksums_in_one_query(session, principal)
    return checksums_by_table(session, principal)


def checksums_by_table(session: Session, principal: Principal) -> dict[str, Any]:
    """``checksums`` asking each table in turn (SQLite, where a query costs no round trip)."""
    from iro_desktop.central.protocol import digest

    scope = scope_of(session, principal)
    out: dict[str, list[Any]] = {}
    for name in TABLES:
        t = table_of(MODELS_BY_TABLE[name])
        key, allowed = _table_filter(name, scope, scope.children)
        pairs: list[tuple[str, int]] = []
        for chunk in _chunks(allowed, 20000):
            pairs.extend(
                (r[0], r[1])
                for r in session.execute(select(t.c.id, t.c.version).where(t.c[key].in_(chunk)))
            )
        out[name] = list(digest(pairs))
    return {"tables": out, "scope": sorted(scope.children)}


@cache
def _checksums_statement() -> CompoundSelect[str, str, int]:
    """(table, id, version) of every row of the children ``kids`` (one array parameter),
    and of the IRO profiles ``me`` sees, in one ``UNION ALL``; built once, as building it
    and its cache key on every request cost more than running it."""
    kids = bindparam("kids", type_=ARRAY(String(36)))
    me = bindparam("me", type_=String(36))
    parts = []
    for name in TABLES:
        t = table_of(MODELS_BY_TABLE[name])
        if name == "iros":  # the caller's own profile and their children's IROs' (visible_iros)
            children_iros = select(Child.iro_id).where(Child.id == any_(kids))
            where = or_(t.c.id == me, t.c.id.in_(children_iros))
        else:
            where = t.c[child_key(name) or "id"] == any_(kids)
        parts.append(select(literal(name).label("t"), t.c.id, t.c.version).where(where))
    return union_all(*parts)


def checksums_in_one_query(session: Session, principal: Principal) -> dict[str, Any]:
    """``checksums`` in two statements, not one a table: the visible children, then the
    rows they see in one query (``_checksums_statement``). Asked one table at a time, the
    18 round trips were most of the checksums' time with many IROs syncing at once
    (issue 17)."""
    from iro_desktop.central.protocol import digest

    children = sorted(auth.visible_children(session, principal.account_id))
    pairs: dict[str, list[tuple[str, int]]] = {name: [] for name in TABLES}
    params = {"kids": children, "me": principal.account_id}
    for name, row_id, version in session.execute(_checksums_statement(), params):
        pairs[name].append((row_id, version))
    return {"tables": {n: list(digest(p)) for n, p in pairs.items()}, "scope": children}


def open_conflicts(session: Session, principal: Principal) -> list[dict[str, Any]]:
    scope = scope_of(session, principal)
    rows = session.scalars(
        select(Conflict).where(Conflict.resolved_at.is_(None)).order_by(Conflict.created_at)
    )
    return [
        conflict_view(c)
        for c in rows
        if (c.child_id in scope.children)
        or (c.table_name == "iros" and c.row_id == principal.account_id)
    ]


def resolve_conflict(
    session: Session, principal: Principal, conflict_id: str, resolution: str
) -> bool | None:
    """Mark a conflict settled; ``None`` when the caller may not see it."""
    c = session.get(Conflict, conflict_id)
    if c is None:
        return None
    scope = scope_of(session, principal)
    if not (
        c.child_id in scope.children
        or (c.table_name == "iros" and c.row_id == principal.account_id)
    ):
        return None
    if c.resolved_at is None:
        c.resolved_at = utcnow()
        c.resolution = resolution[:20]
        _audit(
            session,
            principal,
            "resolved",
            {"table": c.table_name, "row_id": c.row_id, "payload": c.client_payload},
            [c.id, resolution[:20]],
        )
    return True
