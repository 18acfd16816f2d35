"""The machine-wide policy: settings an authority's IT team fixes for every user of a laptop.

The policy is a TOML file whose keys are the names of declared settings
(``authority_name = "Demo Borough Council"``, ``idle_lock_minutes = 5``,
``central_url = "https://iro.example.gov.uk"``). A value it fixes is in force whatever is
stored in the caseload, and the IRO cannot change it.

A file that cannot be trusted (bad TOML, an unknown key, a value of the wrong type) is
reported with its line and fixes nothing except the safest choice for the key: it is not
kept in the OS keyring. Guessing which of its lines IT meant would be worse than plain
defaults and a clear message. Reading the file is the store's job (``store/policy.py``).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field

from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.settings import SETTINGS, check_settings

# What a policy that cannot be read still fixes: the key stays out of the OS keyring.
SAFE_DEFAULTS: Mapping[str, object] = {"keyring_allowed": False}


@dataclass(frozen=True)
class Policy:
    """The values a policy fixes, where it came from, and what was wrong with it."""

    source: str = ""
    fixed: Mapping[str, object] = field(default_factory=dict)
    problem: str | None = None

    def fixes(self, key: str) -> bool:
        return key in self.fixed

    def refusal(self, key: str) -> ValidationError:
        """The error for a user's attempt to change a value this policy fixes."""
        return ValidationError(
            key,
            f"is fixed at {self.fixed[key]!r} by this computer's policy ({self.source}); "
            "ask your IT team if it needs to change",
        )


NO_POLICY = Policy()


def parse_policy(text: str, source: str) -> Policy:
    """The policy in ``text`` (read from ``source``), or safe defaults and the problem."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return broken_policy(source, f"it is not valid TOML: {exc}")
    unknown = [key for key in raw if key not in SETTINGS]
    if unknown:
        key = unknown[0]
        why = f"{_where(text, key)}'{key}' is not a setting a policy can fix"
        return broken_policy(source, why)
    try:
        fixed = check_settings(raw)
    except ValidationError as exc:
        return broken_policy(source, f"{_where(text, exc.field)}{exc}")
    return Policy(source=source, fixed=fixed)


def broken_policy(source: str, why: str) -> Policy:
    problem = (
        f"The policy file {source} was not used: {why}. The program runs with safe defaults "
        "until it is corrected."
    )
    return Policy(source=source, fixed=dict(SAFE_DEFAULTS), problem=problem)


def _where(text: str, key: str) -> str:
    """'line N: ' for the line that sets ``key`` or opens a table of that name (tomllib
    gives no line for a value)."""
    name = rf"[\"']?{re.escape(key)}[\"']?"
    pattern = re.compile(rf"^\s*({name}\s*=|\[\[?\s*{name}\s*\]\]?)")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return f"line {number}: "
    return ""
