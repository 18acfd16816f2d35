"""What the authority's team does: accounts, device tokens, allocation, cover, imports.

Every admin write that touches a synced row goes through the store's operation layer
(validation, version, audit entry) and then into the change log, so laptops pull it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from iro_desktop.central import auth
from iro_desktop.central.changes import LAPTOP, log_op
from iro_desktop.central.store import CentralStore
from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.ops.core import Actor, Op
from iro_desktop.store.schema import Account, Allocation, AuditEntry, Child, Cover, DeviceToken, Iro
from iro_desktop.store.types import utcnow

ADMIN = Actor(email="admin", device="central-admin")


class AdminError(ValidationError):
    pass


@contextmanager
def admin_op(store: CentralStore) -> Iterator[Op]:
    with store.writing() as session:
        op = Op(session, ADMIN, outbox=False)
        yield op
        log_op(session, op)


def _audit(
    session: Session,
    action: str,
    table: str,
    row_id: str,
    child_id: str | None = None,
    fields: list[str] | None = None,
) -> None:
    session.add(
        AuditEntry(
            actor=ADMIN.email,
            device=ADMIN.device,
            action=action,
            table_name=table,
            row_id=row_id,
            child_id=child_id,
            fields=fields or [],
        )
    )


def account(session: Session, email: str) -> Account:
    found = session.scalar(select(Account).where(Account.email == email.strip().lower()))
    if found is None:
        raise AdminError("email", f"there is no IRO account {email}")
    return found


def _provisional(session: Session, child_ids: list[str]) -> set[str]:
    """Which of these children only a laptop has added: every allocation is a push's."""
    origins: dict[str, set[str | None]] = {}
    for child_id, origin in session.execute(
        select(Allocation.child_id, Allocation.origin).where(Allocation.child_id.in_(child_ids))
    ):
        origins.setdefault(child_id, set()).add(origin)
    return {c for c, seen in origins.items() if seen == {LAPTOP}}


def confirm_children(session: Session, child_ids: list[str]) -> None:
    """The authority now vouches for these children's references: their laptop-added
    allocations stop counting as provisional."""
    for start in range(0, len(child_ids), 500):
        session.execute(
            update(Allocation)
            .where(
                Allocation.child_id.in_(child_ids[start : start + 500]),
                Allocation.origin == LAPTOP,
            )
            .values(origin=None)
        )


def authority_children(
    session: Session, by_ref: dict[str, list[Child]], iro_for: Callable[[str], str | None]
) -> dict[str, Child]:
    """For an import of many references at once, the record each reference means (as
    ``import_match``): the authority's child, else the provisional one that the IRO the
    import allocates it to added; never another IRO's provisional child."""
    ids = [k.id for kids in by_ref.values() for k in kids]
    holders: dict[str, set[tuple[str, str | None]]] = {}
    for start in range(0, len(ids), 500):
        for child_id, account_id, origin, end in session.execute(
            select(
                Allocation.child_id, Allocation.account_id, Allocation.origin, Allocation.end_date
            ).where(Allocation.child_id.in_(ids[start : start + 500]))
        ):
            holders.setdefault(child_id, set()).add((account_id if end is None else "", origin))
    out: dict[str, Child] = {}
    for ref, kids in by_ref.items():
        claimed = [k for k in kids if {o for _, o in holders.get(k.id, set())} != {LAPTOP}]
        if claimed:
            out[ref] = claimed[0]
            continue
        owner = iro_for(ref)
        mine = [k for k in kids if owner is not None and (owner, LAPTOP) in holders.get(k.id, ())]
        if mine:
            out[ref] = mine[0]
    return out


def claimed_child(session: Session, child_ref: str) -> Child | None:
    """The authority's child with this reference (imported or allocated by the team)."""
    found = list(session.scalars(select(Child).where(Child.child_ref == child_ref.strip())))
    provisional = _provisional(session, [c.id for c in found])
    return next((c for c in found if c.id not in provisional), None)


def import_match(account_id: str | None) -> Callable[[Session, str], Child | None]:
    """The record an import row means: the authority's child with the reference, else the
    provisional child the same IRO added (the import confirms it), else none (a new one).
    Another IRO's provisional child is never merged into, whatever its reference."""

    def find(session: Session, child_ref: str) -> Child | None:
        found = claimed_child(session, child_ref)
        if found is not None or account_id is None:
            return found
        return session.scalar(
            select(Child)
            .join(Allocation, Allocation.child_id == Child.id)
            .where(
                Child.child_ref == child_ref.strip(),
                Allocation.account_id == account_id,
                Allocation.origin == LAPTOP,
                Allocation.end_date.is_(None),
            )
        )

    return find


def child(session: Session, child_ref: str) -> Child:
    """The child a team member names: the authority's one, or the only laptop-added one."""
    found = claimed_child(session, child_ref)
    if found is None:
        added = list(session.scalars(select(Child).where(Child.child_ref == child_ref.strip())))
        if len(added) > 1:
            raise AdminError(
                "child_ref", f"{child_ref} was added on {len(added)} laptops; import it first"
            )
        found = added[0] if added else None
    if found is None:
        raise AdminError("child_ref", f"there is no child {child_ref}")
    return found


def add_iro(store: CentralStore, email: str, name: str) -> str:
    email = email.strip().lower()
    if "@" not in email:
        raise AdminError("email", "is not an email address")
    with admin_op(store) as op:
        if op.session.scalar(select(Account).where(Account.email == email)) is not None:
            raise AdminError("email", f"{email} already has an account")
        acc = Account(email=email, name=name.strip())
        op.session.add(acc)
        op.session.flush()
        op.save(Iro(id=acc.id, name=acc.name, email=email))
        _audit(op.session, "add-iro", "accounts", acc.id)
        return acc.id


def disable_iro(store: CentralStore, email: str) -> None:
    with store.writing() as session:
        acc = account(session, email)
        acc.disabled = True
        _audit(session, "disable-iro", "accounts", acc.id)


def issue_token(store: CentralStore, email: str, label: str | None = None) -> str:
    """A new device token; only its hash is kept, so this is the one time it is seen."""
    token = auth.new_token()
    with store.writing() as session:
        acc = account(session, email)
        device = DeviceToken(account_id=acc.id, token_hash=auth.hash_token(token), label=label)
        session.add(device)
        session.flush()
        _audit(session, "issue-token", "device_tokens", device.id)
    return token


def revoke_tokens(store: CentralStore, email: str) -> int:
    with store.writing() as session:
        acc = account(session, email)
        tokens = list(
            session.scalars(
                select(DeviceToken).where(
                    DeviceToken.account_id == acc.id, DeviceToken.revoked_at.is_(None)
                )
            )
        )
        for t in tokens:
            t.revoked_at = utcnow()
            _audit(session, "revoke-token", "device_tokens", t.id)
        return len(tokens)


def allocate_in(
    op: Op, kid: Child, acc: Account, day: date, current: list[Allocation] | None = None
) -> None:
    """Allocate ``kid`` to ``acc`` from ``day``; a current allocation elsewhere is ended
    (a transfer: the history stays). ``current``: the child's open allocations, when the
    caller (an import of thousands) has already read them and has itself marked the
    authority's children as no longer provisional (``confirm_children``)."""
    session = op.session
    if current is None:
        confirm_children(session, [kid.id])
        current = list(
            session.scalars(
                select(Allocation).where(
                    Allocation.child_id == kid.id, Allocation.end_date.is_(None)
                )
            )
        )
    if any(a.account_id == acc.id for a in current):
        return
    for a in current:
        a.end_date = day
    session.add(Allocation(child_id=kid.id, account_id=acc.id, start_date=day))
    if kid.iro_id != acc.id:
        kid.iro_id = acc.id
        op.save(kid)
    _audit(session, "transfer" if current else "allocate", "children", kid.id, kid.id, [acc.id])


def allocate(store: CentralStore, child_ref: str, email: str, day: date | None = None) -> None:
    with admin_op(store) as op:
        allocate_in(
            op, child(op.session, child_ref), account(op.session, email), day or auth.today()
        )


def cover(
    store: CentralStore, child_ref: str, email: str, until: date, start: date | None = None
) -> None:
    start = start or auth.today()
    if until < start:
        raise AdminError("until", "is before the cover starts")
    with store.writing() as session:
        kid, acc = child(session, child_ref), account(session, email)
        session.add(Cover(child_id=kid.id, account_id=acc.id, start_date=start, until=until))
        _audit(session, "cover", "children", kid.id, kid.id, [acc.id, until.isoformat()])
