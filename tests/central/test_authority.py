"""The authority's settings on the central store: set, shown and taken off by the admin
command with the laptop's rules and limits, and given to every signed-in laptop by
``GET /v1/authority`` (never a 5xx, whatever a client sends)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from iro_desktop.central.__main__ import main as central_main
from iro_desktop.domain.settings import AUTHORITY_SETTINGS, TEXT_SETTING_MAX
from iro_desktop.store.schema import AuditEntry, Setting
from tests.sync.harness import Central


@pytest.fixture
def clean(central: Central) -> Iterator[list[str]]:
    """The ``central authority`` command line for this store; whatever a test set is taken
    off afterwards (the store is shared by the module's tests)."""
    yield ["authority", "--database", central.db_url]
    with central.store.writing() as s:
        for row in s.scalars(select(Setting)):
            s.delete(row)


def _get(central: Central, token: str | None, **kw: object) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.get(f"{central.url}/v1/authority", headers=headers, timeout=30, **kw)  # type: ignore[arg-type]


def test_set_show_and_unset_reach_every_laptop(
    central: Central, clean: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    token = central.token(central.iro())
    assert _get(central, token).json() == {"settings": {}}  # nothing set: each IRO's own

    assert central_main([*clean, "set", "authority_name", "  Northmoor Borough Council "]) == 0
    assert "authority_name is now 'Northmoor Borough Council'" in capsys.readouterr().out
    assert central_main([*clean, "set", "advocacy_phone", "0808 157 0303"]) == 0
    assert central_main([*clean, "set", "children_in_care_council", "Northmoor Voices"]) == 0
    assert central_main([*clean, "set", "record_working_days", "15"]) == 0
    stages = json.dumps(["Informal", "Team manager", "Head of service"])
    assert central_main([*clean, "set", "challenge_stages", stages]) == 0
    capsys.readouterr()

    answer = _get(central, token)
    assert answer.status_code == 200
    assert answer.json() == {
        "settings": {
            "authority_name": "Northmoor Borough Council",
            "advocacy_phone": "0808 157 0303",
            "children_in_care_council": "Northmoor Voices",
            "challenge_stages": ["Informal", "Team manager", "Head of service"],
            "record_working_days": 15,
        }
    }
    # Another IRO gets the same: they are the authority's, not one IRO's.
    assert _get(central, central.token(central.iro("Other IRO"))).json() == answer.json()

    assert central_main([*clean, "show"]) == 0
    shown = capsys.readouterr().out.splitlines()
    assert "authority_name = 'Northmoor Borough Council'" in shown
    assert "record_working_days = 15" in shown
    assert "forms_return = (not set here: each IRO's own)" in shown
    assert len(shown) == len(AUTHORITY_SETTINGS)

    assert central_main([*clean, "unset", "advocacy_phone"]) == 0
    assert "no longer set here" in capsys.readouterr().out
    assert central_main([*clean, "unset", "advocacy_phone"]) == 0
    assert "was not set here" in capsys.readouterr().out
    assert "advocacy_phone" not in _get(central, token).json()["settings"]

    # The older spelling, ``admin setting``, is the same command.
    assert central_main(["admin", "--database", central.db_url, "setting", "forms_return",
                         "Reviewing Service, Civic Centre, NM1 1AA"]) == 0  # fmt: skip
    assert _get(central, token).json()["settings"]["forms_return"] == (
        "Reviewing Service, Civic Centre, NM1 1AA"
    )
    with central.store.reading() as s:
        audited = s.scalars(
            select(AuditEntry.action).where(
                AuditEntry.table_name == "settings", AuditEntry.row_id == "advocacy_phone"
            )
        ).all()
    assert sorted(audited) == ["authority-setting", "authority-unset"]


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("authority_name", "", "authority_name: is required"),
        ("authority_name", "x" * (TEXT_SETTING_MAX + 1), "is too long (501 characters"),
        ("advocacy_phone", "0808\x00157", "cannot be stored"),
        ("challenge_stages", '["Only one"]', "between 2 and 12 names"),
        ("record_working_days", "ninety", "must be a whole number"),
        ("record_working_days", "0", "must be between 1 and 60"),
        ("caseload_guidance_min", "90", "must not be less than the minimum"),
        ("idle_lock_minutes", "5", "is not one of the authority's settings"),
        ("central_url", "https://elsewhere.example", "is not one of the authority's settings"),
        ("no_such_setting", "1", "is not one of the authority's settings"),
    ],
)
def test_a_bad_value_is_refused_with_a_clear_message_and_nothing_changes(
    central: Central,
    clean: list[str],
    capsys: pytest.CaptureFixture[str],
    key: str,
    value: str,
    words: str,
) -> None:
    assert central_main([*clean, "set", "authority_name", "Northmoor Borough Council"]) == 0
    with central.store.reading() as s:
        before = {row.key: row.value for row in s.scalars(select(Setting))}
    capsys.readouterr()
    assert central_main([*clean, "set", key, value]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert err.startswith("iro-desktop: ") and len(err.splitlines()) == 1
    with central.store.reading() as s:
        assert {row.key: row.value for row in s.scalars(select(Setting))} == before


def test_refused_without_a_live_token_and_never_a_5xx(central: Central, clean: list[str]) -> None:
    assert central_main([*clean, "set", "authority_name", "Northmoor Borough Council"]) == 0
    assert _get(central, None).status_code == 401
    assert _get(central, "irod_nope").status_code == 401
    token = central.token(central.iro())
    odd: list[dict[str, Any]] = [
        {"params": {"since": "-1", "table": "%ED%A0%80\x00", "x" * 300: "y"}},
        {"headers": {"Authorization": f"Bearer {token}", "Accept": "text/html"}},
        {"params": {"settings": ["a"] * 50}},
    ]
    for extra in odd:
        headers = extra.pop("headers", {"Authorization": f"Bearer {token}"})
        r = httpx.get(f"{central.url}/v1/authority", headers=headers, timeout=30, **extra)
        assert r.status_code == 200, r.text
        assert r.json()["settings"] == {"authority_name": "Northmoor Borough Council"}
    # A value stored before a rule was tightened (or by hand) is left out, not a 5xx.
    with central.store.writing() as s:
        s.add(Setting(key="advocacy_service", value={"not": "text"}))
        s.add(Setting(key="record_working_days", value=10_000))
    r = _get(central, token)
    assert r.status_code == 200
    assert r.json()["settings"] == {"authority_name": "Northmoor Borough Council"}
    for method in ("POST", "PUT", "DELETE"):
        r = httpx.request(
            method,
            f"{central.url}/v1/authority",
            headers={"Authorization": f"Bearer {token}"},
            content=b"\xff" * 100,
            timeout=30,
        )
        assert r.status_code == 405
