"""The machine-wide policy file: what it fixes, and what a broken one does."""

from __future__ import annotations

import pytest

from iro_desktop.domain.policy import SAFE_DEFAULTS, parse_policy
from iro_desktop.domain.settings import SETTINGS, default_value

GOOD = """\
# Fixed by IT for every user of this laptop
central_url = "https://iro.example.gov.uk"
ca_bundle = "/etc/ssl/certs/authority.pem"
authority_name = "Example Borough Council"
authority_email = "iro.service@example.gov.uk"
authority_phone = "01234 567890"
idle_lock_minutes = 5
keyring_allowed = false
"""


def test_a_good_policy_fixes_exactly_its_keys_with_their_declared_types() -> None:
    policy = parse_policy(GOOD, "/etc/xdg/iro-desktop/policy.toml")
    assert policy.problem is None
    assert dict(policy.fixed) == {
        "central_url": "https://iro.example.gov.uk",
        "ca_bundle": "/etc/ssl/certs/authority.pem",
        "authority_name": "Example Borough Council",
        "authority_email": "iro.service@example.gov.uk",
        "authority_phone": "01234 567890",
        "idle_lock_minutes": 5,
        "keyring_allowed": False,
    }
    assert not policy.fixes("challenge_stages")
    refusal = policy.refusal("idle_lock_minutes")
    assert refusal.field == "idle_lock_minutes" and "policy.toml" in refusal.problem


def test_an_empty_policy_fixes_nothing() -> None:
    policy = parse_policy("# nothing yet\n", "p.toml")
    assert policy.problem is None and not policy.fixed


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('authority_name = "A"\nidle_lock_minutes = \n', "line 2"),  # not TOML
        ('authority_name = "A"\n\nidle_lock_minutes = 0\n', "line 3: idle_lock_minutes"),
        ('authority_name = "A"\nidle_lock_minute = 5\n', "line 2: 'idle_lock_minute'"),
        ('keyring_allowed = "perhaps"\n', "line 1: keyring_allowed"),
        ("[central]\nurl = 'https://x'\n", "line 1: 'central'"),
        ("caseload_guidance_min = 30\ncaseload_guidance_max = 10\n", "line 2"),
    ],
)
def test_a_broken_policy_is_reported_with_its_line_and_fixes_only_safe_defaults(
    text: str, words: str
) -> None:
    policy = parse_policy(text, "policy.toml")
    assert policy.problem is not None and words in policy.problem, policy.problem
    assert "policy.toml" in policy.problem and "safe defaults" in policy.problem
    assert dict(policy.fixed) == dict(SAFE_DEFAULTS) == {"keyring_allowed": False}


def test_the_new_settings_are_declared_with_usable_defaults() -> None:
    for key in ("central_url", "ca_bundle", "keyring_allowed", "authority_email"):
        assert key in SETTINGS
    assert default_value("central_url") == "" and default_value("keyring_allowed") is True
    assert {SETTINGS[k].scope for k in ("central_url", "ca_bundle", "keyring_allowed")} == {
        "machine"
    }
