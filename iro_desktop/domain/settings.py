"""Every setting the program has, declared once with its type, default and help text.

The settings screen, the store and the central service all read this table, so a setting
cannot exist in one place and be missing (or typed differently) in another. Values arrive as
text from forms and files, so `coerce` turns them into the declared type or says what is
wrong in words an IRO or an administrator can act on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from iro_desktop.domain.challenges import (
    CHALLENGE_RESPONSE_WORKING_DAYS,
    DEFAULT_CHALLENGE_STAGES,
)
from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.kpis import CASELOAD_GUIDANCE
from iro_desktop.domain.timescales import (
    DECISIONS_SHARED_WORKING_DAYS,
    PRE_MEETING_REPORT_WORKING_DAYS,
    RECORD_WORKING_DAYS,
)

Scope = Literal["authority", "user", "machine"]

# The languages a letter can be written in (``resources/letters``; a test keeps them equal).
LETTER_LANGUAGES = ("en", "ar", "am", "ckb", "fa", "prs", "ps", "sq", "ti", "uk", "vi")


@dataclass(frozen=True)
class Setting:
    """One setting. For lists, `minimum` and `maximum` bound the number of items.

    `scope` says who may change it: "authority" settings come from the central store and
    apply to every IRO; "user" settings belong to one person on one laptop; "machine"
    settings are set only by the machine-wide policy file (see ``domain/policy.py``), and
    any setting may be fixed there. A text setting whose default is "" may be left empty
    (meaning "not set").
    """

    key: str
    type: type
    default: object
    help: str
    scope: Scope
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] = ()  # for text: the only values allowed, when given
    label: str = ""  # its name on screen and at the command line, in sentence case


_DECLARED = (
    Setting(
        "authority_name", str, "Demo Borough Council",
        "The local authority's name, printed on letters, records and contact cards.",
        "authority",
        label="Authority's name",
    ),
    Setting(
        "advocacy_service", str, "Demo Borough Advocacy Service",
        "The advocacy service's name, printed on the introductory sheet and the cards.",
        "authority",
        label="Advocacy service",
    ),
    Setting(
        "advocacy_phone", str, "0808 157 0101",
        "The advocacy service's free phone number, printed for children.",
        "authority",
        label="Advocacy service's phone",
    ),
    Setting(
        "children_in_care_council", str, "Demo Borough Children in Care Council",
        "The Children in Care Council's name, printed on the introductory sheet.",
        "authority",
        label="Children in Care Council",
    ),
    Setting(
        "children_in_care_council_phone", str, "01632 960100",
        "The Children in Care Council's phone number, printed on the introductory sheet.",
        "authority",
        label="Children in Care Council's phone",
    ),
    Setting(
        "forms_return", str, "Independent Reviewing Service, Demo Borough Council, "
        "Town Hall, Demo Borough DB1 1AA",
        "Where paper consultation forms are sent back to, printed on every blank form.",
        "authority",
        label="Where forms go back to",
    ),
    Setting(
        "bring_forward_on_placement_change", bool, True,
        "Bring the next review forward to within 20 working days of a change of placement.",
        "authority",
        label="Review brought forward after a change of placement",
    ),
    Setting(
        "challenge_stages", list, list(DEFAULT_CHALLENGE_STAGES),
        "Names of the challenge stages in order. The first is the informal stage; the rest "
        "are formal stages.",
        "authority", minimum=2, maximum=12,
        label="Challenge stages",
    ),
    Setting(
        "challenge_response_working_days", int, CHALLENGE_RESPONSE_WORKING_DAYS,
        "Working days the local authority has to respond to a challenge.",
        "authority", minimum=1, maximum=60,
        label="Response to a challenge (working days)",
    ),
    Setting(
        "pre_meeting_report_working_days", int, PRE_MEETING_REPORT_WORKING_DAYS,
        "Working days before the review by which the social worker's report should be ready.",
        "authority", minimum=1, maximum=20,
        label="Social worker's report (working days before the review)",
    ),
    Setting(
        "record_working_days", int, RECORD_WORKING_DAYS,
        "Working days after the review by which the full record should be distributed.",
        "authority", minimum=1, maximum=60,
        label="Record sent out (working days after the review)",
    ),
    Setting(
        "decisions_shared_working_days", int, DECISIONS_SHARED_WORKING_DAYS,
        "Working days after the review by which the decisions should be shared.",
        "authority", minimum=1, maximum=30,
        label="Decisions shared (working days after the review)",
    ),
    Setting(
        "caseload_guidance_min", int, CASELOAD_GUIDANCE[0],
        "Lowest number of children a full-time IRO is expected to hold.",
        "authority", minimum=1, maximum=500,
        label="Caseload guidance: fewest children",
    ),
    Setting(
        "caseload_guidance_max", int, CASELOAD_GUIDANCE[1],
        "Highest number of children a full-time IRO is expected to hold.",
        "authority", minimum=1, maximum=500,
        label="Caseload guidance: most children",
    ),
    Setting(
        "authority_postcode_districts", list, [],
        "The authority's postcode districts (such as GU21) or areas (such as GU), one a line: "
        "a placement whose postcode is elsewhere is out of county when the SSDA903 extract "
        "is imported.",
        "authority", minimum=0, maximum=500,
        label="Authority's postcode districts",
    ),
    Setting(
        "authority_email", str, "",
        "The authority's email address for children, families and professionals.",
        "authority",
        label="Authority's email",
    ),
    Setting(
        "authority_phone", str, "",
        "The authority's telephone number for children, families and professionals.",
        "authority",
        label="Authority's phone",
    ),
    Setting(
        "central_url", str, "",
        "The central store's address (https://...). When the policy fixes it, the laptop "
        "connects there and nowhere else; otherwise the IRO gives it when connecting.",
        "machine",
        label="Central store's address",
    ),
    Setting(
        "ca_bundle", str, "",
        "The authority's CA certificates (a PEM file) for checking the central store. When "
        "the policy fixes it, every connection uses it.",
        "machine",
        label="Certificates for the central store",
    ),
    Setting(
        "keyring_allowed", bool, True,
        "Whether a new caseload's key may be kept in the operating system's keyring. When "
        "no, the key is wrapped by the IRO's passphrase alone.",
        "machine",
        label="Key may be kept in the keyring",
    ),
    Setting(
        "idle_lock_minutes", int, 10,
        "Minutes without use before the program locks and hides what is on screen.",
        "user", minimum=1, maximum=240,
        label="Idle lock (minutes)",
    ),
    Setting(
        "text_size_percent", int, 100,
        "The size of the program's text, as a percentage of this computer's own size "
        "(100 keeps it as it is).",
        "user", minimum=80, maximum=200,
        label="Text size (%)",
    ),
    Setting(
        "default_language", str, "en",
        "The language a new letter to a child starts in (each letter can still be changed): "
        "en English, ar Arabic, am Amharic, ckb Kurdish (Sorani), fa Persian, prs Dari, "
        "ps Pashto, sq Albanian, ti Tigrinya, uk Ukrainian, vi Vietnamese.",
        "user", choices=LETTER_LANGUAGES,
        label="Letters start in",
    ),
)  # fmt: skip

SETTINGS: dict[str, Setting] = {setting.key: setting for setting in _DECLARED}
AUTHORITY_SETTINGS = tuple(key for key, s in SETTINGS.items() if s.scope == "authority")
"""The settings a central store may supply to every laptop (``supplied``)."""
CENTRAL_STORE_NOTE = "set by your organisation's central store"

_TRUE = frozenset({"true", "yes", "on", "1", "y"})
_FALSE = frozenset({"false", "no", "off", "0", "n"})


TEXT_SETTING_MAX = 500  # a name, a phone number or an address printed on letters and forms


def coerce(key: str, value: object) -> object:
    """Return `value` as the setting's declared type, or raise ValidationError.

    Lists are always returned as a new list, so callers never share (and mutate) a default.
    """
    setting = SETTINGS.get(key)
    if setting is None:
        raise ValidationError(key, "is not a known setting")
    if setting.type is bool:
        return _to_bool(key, value)
    if setting.type is int:
        return _check_range(setting, _to_int(key, value))
    if setting.type is str:
        if not isinstance(value, str):
            raise ValidationError(key, "must be text")
        if not value.strip() and setting.default != "":
            raise ValidationError(key, "is required")
        if setting.choices and value.strip() not in setting.choices:
            raise ValidationError(key, f"must be one of {', '.join(setting.choices)}")
        _check_text(key, value.strip())
        return value.strip()
    if setting.type is list:
        return _to_list(setting, value)
    raise ValidationError(key, f"has an unsupported type ({setting.type.__name__})")


def default_value(key: str) -> object:
    """A fresh copy of the declared default."""
    if key not in SETTINGS:
        raise ValidationError(key, "is not a known setting")
    return coerce(key, SETTINGS[key].default)


def defaults(scope: Scope | None = None) -> dict[str, object]:
    """Every default, optionally only those of one scope."""
    return {
        key: default_value(key)
        for key, setting in SETTINGS.items()
        if scope is None or setting.scope == scope
    }


def check_settings(values: Mapping[str, object]) -> dict[str, object]:
    """Coerce a whole set of values and check the rules that link two settings."""
    result = {key: coerce(key, value) for key, value in values.items()}
    low = result.get("caseload_guidance_min", default_value("caseload_guidance_min"))
    high = result.get("caseload_guidance_max", default_value("caseload_guidance_max"))
    if isinstance(low, int) and isinstance(high, int) and high < low:
        raise ValidationError("caseload_guidance_max", f"must not be less than the minimum ({low})")
    return result


def _check_text(key: str, text: str) -> None:
    """A name, number or address printed on letters: not too long, and storable."""
    if len(text) > TEXT_SETTING_MAX:
        raise ValidationError(
            key, f"is too long ({len(text):,} characters; the most is {TEXT_SETTING_MAX:,})"
        )
    if "\x00" in text:
        raise ValidationError(key, "contains a character that cannot be stored")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(
            key, "contains a character that cannot be stored (a broken surrogate)"
        ) from None


def supplied(answer: object) -> tuple[dict[str, object], dict[str, str]]:
    """What a central store's answer (``{key: value}``) supplies: each of the authority's
    settings it gives, checked as the laptop checks an IRO's entry, and the problems of
    the rest (key: why), which are left out. Never raises: the answer may be anything."""
    if not isinstance(answer, Mapping):
        return {}, {"settings": "was not a set of settings"}
    accepted: dict[str, object] = {}
    problems: dict[str, str] = {}
    for key, value in answer.items():
        if not isinstance(key, str) or key not in AUTHORITY_SETTINGS:
            shown = "".join(c for c in str(key)[:60] if c.isprintable()) or "(a blank name)"
            problems[shown] = "is not one of the authority's settings"
            continue
        try:
            accepted[key] = coerce(key, value)
        except ValidationError as exc:
            problems[key] = exc.problem
    return accepted, problems


def central_store_refusal(key: str) -> ValidationError:
    """The error for an IRO's attempt to change a value the central store supplies."""
    return ValidationError(
        key,
        f"is {CENTRAL_STORE_NOTE}, the same for every IRO; ask the team who runs the "
        "central store if it needs to change",
    )


def _to_bool(key: str, value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    raise ValidationError(key, "must be yes or no")


def _to_int(key: str, value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            pass
    raise ValidationError(key, "must be a whole number")


def _check_range(setting: Setting, number: int) -> int:
    low, high = setting.minimum, setting.maximum
    if (low is not None and number < low) or (high is not None and number > high):
        raise ValidationError(setting.key, f"must be between {low} and {high}")
    return number


def _to_list(setting: Setting, value: object) -> list[str]:
    """Accept a list of names, or text with one name per line (as typed in a text box)."""
    items: list[object]
    if isinstance(value, str):
        items = list(value.splitlines())
    elif isinstance(value, list | tuple):
        items = list(value)
    else:
        raise ValidationError(setting.key, "must be a list of names")
    if not all(isinstance(item, str) for item in items):
        raise ValidationError(setting.key, "must be a list of names")
    names = [str(item).strip() for item in items if str(item).strip()]
    for name in names:
        _check_text(setting.key, name)
    low, high = setting.minimum, setting.maximum
    if (low is not None and len(names) < low) or (high is not None and len(names) > high):
        raise ValidationError(setting.key, f"must have between {low} and {high} names")
    return names
