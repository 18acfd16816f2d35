"""What the profile and settings screens show: the IRO's own details, the authority's
contacts, and every declared setting with what fixes it (the same reads as
``iro-desktop settings``: ``all_settings``, the machine-wide policy and the keys the central
store supplies)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from iro_desktop.domain.settings import SETTINGS, Scope
from iro_desktop.store.ops.profile import AUTHORITY_KEYS, DEFAULT_ROLE
from iro_desktop.store.policy import current_policy
from iro_desktop.store.queries import me
from iro_desktop.store.reads.settings import all_settings, supplied_keys
from iro_desktop.store.schema import Setting


@dataclass(frozen=True)
class SettingRow:
    """One declared setting as it is in force now."""

    key: str
    value: object
    help: str
    scope: Scope
    fixed_by: str = ""  # the policy file that fixes it, or ""
    changed: bool = False  # differs from the declared default
    supplied: bool = False  # the central store supplies it (and no policy fixes it)


@dataclass(frozen=True)
class ProfileFacts:
    name: str = ""
    role: str = DEFAULT_ROLE
    email: str = ""
    phone: str = ""
    mobile: str = ""
    team: str = ""
    photo: bytes | None = field(default=None, repr=False)
    exists: bool = False
    authority: dict[str, str] = field(default_factory=dict)
    fixed: frozenset[str] = frozenset()  # authority keys the policy fixes
    supplied: frozenset[str] = frozenset()  # authority keys the central store supplies
    unset: frozenset[str] = frozenset()  # authority keys still at the (demo) default


def setting_rows(session: Session) -> list[SettingRow]:
    policy = current_policy()
    central = supplied_keys(session)
    return [
        SettingRow(
            key=key,
            value=value,
            help=SETTINGS[key].help,
            scope=SETTINGS[key].scope,
            fixed_by=policy.source if policy.fixes(key) else "",
            changed=value != SETTINGS[key].default,
            supplied=key in central and not policy.fixes(key),
        )
        for key, value in all_settings(session).items()
    ]


def read_profile(session: Session) -> ProfileFacts:
    policy = current_policy()
    values = all_settings(session)
    authority = {key: str(values[key]) for key in AUTHORITY_KEYS}
    fixed = frozenset(key for key in AUTHORITY_KEYS if policy.fixes(key))
    supplied = frozenset(supplied_keys(session) & set(AUTHORITY_KEYS)) - fixed
    stored = set(session.scalars(select(Setting.key).where(Setting.key.in_(AUTHORITY_KEYS))))
    unset = frozenset(key for key in AUTHORITY_KEYS if key not in stored and key not in fixed)
    iro = me(session)
    if iro is None:
        return ProfileFacts(authority=authority, fixed=fixed, supplied=supplied, unset=unset)
    return ProfileFacts(
        name=iro.name,
        role=iro.role or "",
        email=iro.email,
        phone=iro.phone or "",
        mobile=iro.mobile or "",
        team=iro.team or "",
        photo=iro.photo,
        exists=True,
        authority=authority,
        fixed=fixed,
        supplied=supplied,
        unset=unset,
    )
