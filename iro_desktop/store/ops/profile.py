"""The IRO's own profile and their authority's contacts: what letters and cards print.

The profile is this laptop's ``Iro`` row (``queries.me``: the one named in ``sync_state``,
else the only one), so ``iro-desktop card`` and the letter's "From" find it. The
authority's name and contacts are declared settings; a value the machine-wide policy fixes,
or the central store supplies, is left as it is (the screen shows it read-only), never
refused here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.ops.core import Op
from iro_desktop.store.ops.settings_write import set_in_operation
from iro_desktop.store.ops.validate import collecting, optional_text, required_text
from iro_desktop.store.policy import current_policy
from iro_desktop.store.queries import ME_KEY, me
from iro_desktop.store.reads.settings import supplied_keys
from iro_desktop.store.rowcheck import max_length
from iro_desktop.store.schema import Iro, SyncState

# The authority's settings the profile asks for, in the order the screen shows them.
AUTHORITY_KEYS = (
    "authority_name",
    "authority_phone",
    "authority_email",
    "advocacy_service",
    "advocacy_phone",
    "children_in_care_council",
    "children_in_care_council_phone",
    "forms_return",
)
DEFAULT_ROLE = "Independent Reviewing Officer"
PHOTO_MAX = 5 * 1024 * 1024
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass
class Profile:
    """What the IRO types on the profile screen."""

    name: str
    email: str
    role: str = DEFAULT_ROLE
    phone: str = ""
    mobile: str = ""
    team: str = ""
    photo: bytes | None = None
    authority: dict[str, str] = field(default_factory=dict)


def check_email(value: str, field_name: str) -> str:
    email = required_text(value, field_name, 320)
    if not _EMAIL.match(email):
        raise ValidationError(field_name, "is not an email address (name@example.gov.uk)")
    return email


def save_profile(op: Op, profile: Profile) -> Iro:
    """Create or update this laptop's IRO, make it "me", and keep the authority's contacts."""
    policy = current_policy()
    central = supplied_keys(op.session)
    with collecting() as check:
        name = check(required_text, profile.name, "name", max_length(Iro, "name"))
        email = check(check_email, profile.email, "email")
        if profile.photo is not None and len(profile.photo) > PHOTO_MAX:
            check.add("photo", "is larger than 5 MB; choose a smaller picture")
        details = {
            key: check(optional_text, getattr(profile, key), key, max_length(Iro, key))
            for key in ("role", "phone", "mobile", "team")
        }
        for key, value in profile.authority.items():
            if key not in AUTHORITY_KEYS:
                check.add(key, "is not one of the authority's contacts")
            elif not policy.fixes(key) and key not in central:
                check(set_in_operation, op, key, value)
    assert name is not None and email is not None
    iro = me(op.session) or Iro(name=name, email=email)
    iro.name, iro.email = name, email
    for key, text in details.items():
        setattr(iro, key, text)
    iro.photo = profile.photo
    op.save(iro)
    state = op.session.get(SyncState, ME_KEY)
    if state is None:
        op.session.add(SyncState(key=ME_KEY, value=iro.id))
    elif state.value != iro.id:
        state.value = iro.id
    return iro
