"""Connect this laptop to a central store: check the token, then remember it safely.

The token is kept in ``sync_state`` inside the encrypted caseload (see ``state``).
A laptop used before it was connected has its own IRO profile row; the central store's
profile (whose id is the account id) takes its place and the children point to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update

from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.policy import current_policy
from iro_desktop.store.schema import Child, Iro, OutboxEntry
from iro_desktop.sync import apply, state
from iro_desktop.sync.client import CentralClient


@dataclass(frozen=True)
class Connected:
    email: str
    name: str
    account_id: str
    server_url: str = ""


def with_policy(server_url: str | None, ca_bundle: str | None) -> tuple[str, str | None]:
    """The central store's URL and CA bundle once the machine-wide policy has its say:
    what it fixes is used, and a different one given by the IRO is refused."""
    policy = current_policy()
    for key, given in (("central_url", server_url), ("ca_bundle", ca_bundle)):
        fixed = policy.fixed.get(key)
        if fixed and given and str(given).rstrip("/") != str(fixed).rstrip("/"):
            raise policy.refusal(key)
    server_url = str(policy.fixed.get("central_url") or server_url or "")
    if not server_url:
        raise ValidationError("--server", "is needed: the central store's URL (https://...)")
    return server_url, str(policy.fixed.get("ca_bundle") or ca_bundle or "") or None


def connect(
    caseload: Caseload,
    server_url: str | None,
    token: str,
    *,
    ca_bundle: str | None = None,
    client: CentralClient | None = None,
) -> Connected:
    server_url, ca_bundle = with_policy(server_url, ca_bundle)
    own = client is None
    client = client or CentralClient(server_url, token, ca_bundle=ca_bundle)
    try:
        me = client.me()  # raises if the server is unreachable or refuses the token
    finally:
        if own:
            client.close()
    account_id = me["account_id"]
    with apply.applying(caseload) as session:
        previous = state.get(session, state.ACCOUNT)
        if previous is not None and previous != account_id:
            # Another IRO's token: start again from their caseload, not this one's cursor.
            state.put(session, state.CURSOR, None)
            state.put(session, state.SCOPE, None)
        if state.cursor(session) is None:
            _adopt_profile(session, account_id, me.get("profile"))
        state.put(session, state.SERVER, server_url.rstrip("/"))
        state.put(session, state.TOKEN, token)
        state.put(session, state.CA_BUNDLE, ca_bundle)
        state.put(session, state.ACCOUNT, account_id)
        state.put(session, state.EMAIL, me["email"])
        state.put(session, state.DEVICE, me["device_id"])
    return Connected(me["email"], me["name"], account_id, server_url.rstrip("/"))


def _adopt_profile(session: object, account_id: str, profile: dict[str, object] | None) -> None:
    from sqlalchemy.orm import Session

    assert isinstance(session, Session)
    if profile is not None:
        apply.apply_rows(session, "iros", [profile], set(), replace=True)
    others = [i for i in session.scalars(select(Iro.id)) if i != account_id]
    if not others:
        return
    session.execute(update(Child).where(Child.iro_id.in_(others)).values(iro_id=account_id))
    for entry in session.scalars(select(OutboxEntry).where(OutboxEntry.pushed_at.is_(None))):
        if entry.table_name == "iros" and entry.row_id in others:
            session.delete(entry)
        elif entry.payload.get("iro_id") in others:
            entry.payload = {**entry.payload, "iro_id": account_id}
    apply.delete_rows(session, "iros", others)
