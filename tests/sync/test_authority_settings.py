"""The authority's settings travel from the central store to a laptop at each sync, over a
real loopback connection, and are read-only there while the store supplies them.

Who decides, first to last: the machine-wide policy, the central store, the IRO's own entry.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from iro_desktop.central import authority
from iro_desktop.documents.api import forms_details
from iro_desktop.documents.card import services
from iro_desktop.domain.errors import ValidationError
from iro_desktop.store import queries
from iro_desktop.store.ops.settings_write import write_setting
from iro_desktop.store.reads.profile import read_profile, setting_rows
from iro_desktop.store.reads.settings import supplied_keys
from iro_desktop.store.schema import AuditEntry, Setting
from iro_desktop.sync.client import CentralClient
from iro_desktop.sync.run import sync
from tests.sync.harness import Central, Laptop

NAME = "Northmoor Borough Council"
PHONE = "0808 157 0303"
RETURN = "Reviewing Service, Northmoor Borough Council, Civic Centre, NM1 1AA"


@pytest.fixture
def store_settings(central: Central) -> Iterator[Central]:
    """The central store with none of the authority's settings before and after (the store
    is shared by this module's tests)."""

    def clear() -> None:
        with central.store.writing() as s:
            for row in s.scalars(select(Setting)):
                s.delete(row)

    clear()
    yield central
    clear()


def connected(central: Central, tmp: Path) -> tuple[Laptop, str]:
    email = central.iro()
    token = central.token(email)
    laptop = Laptop.make(tmp, "lap", email)
    laptop.connect(central.url, token)
    return laptop, token


def own(laptop: Laptop, key: str, value: object | None) -> object:
    """The IRO's own entry, as ``iro-desktop settings --set`` makes it."""
    with laptop.caseload.session() as s, s.begin():
        return write_setting(s, laptop.actor, key, value)


def value(laptop: Laptop, key: str) -> object:
    with laptop.caseload.session() as s:
        return queries.setting(s, key)


def supplied(laptop: Laptop) -> frozenset[str]:
    with laptop.caseload.session() as s:
        return supplied_keys(s)


def audits(laptop: Laptop) -> int:
    with laptop.caseload.session() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def test_a_sync_brings_the_authority_settings_and_they_win_over_the_iros_own(
    store_settings: Central, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    central = store_settings
    laptop, _token = connected(central, tmp_path)
    own(laptop, "authority_name", "My Own Council")
    own(laptop, "advocacy_service", "My Own Advocacy")
    authority.set_value(central.store, "authority_name", NAME)
    authority.set_value(central.store, "advocacy_phone", PHONE)
    authority.set_value(central.store, "forms_return", RETURN)
    authority.set_value(central.store, "record_working_days", 12)

    summary = laptop.sync()
    assert summary.authority_settings == 4
    assert "4 of the authority's settings updated" in summary.line()
    assert supplied(laptop) == {"authority_name", "advocacy_phone", "forms_return",
                                "record_working_days"}  # fmt: skip
    assert value(laptop, "authority_name") == NAME  # the store's, over the IRO's own
    assert value(laptop, "advocacy_service") == "My Own Advocacy"  # not supplied: the IRO's
    assert value(laptop, "record_working_days") == 12
    # Letters, the contact card and the blank forms print what is in force.
    with laptop.caseload.session() as s:
        card = services(s)
        rows = {row.key: row for row in setting_rows(s)}
        profile = read_profile(s)
    assert card["advocacy_phone"].strip("\u202a\u202c\u2066\u2069") == PHONE
    assert card["advocacy"] == "My Own Advocacy"
    assert forms_details(laptop.caseload, None)["return_to"] == RETURN
    assert rows["authority_name"].supplied and not rows["advocacy_service"].supplied
    assert {"authority_name", "advocacy_phone", "forms_return"} <= profile.supplied
    assert "authority_name" not in profile.unset

    # The IRO cannot change a supplied value, nor put it back to the default.
    with pytest.raises(ValidationError, match="set by your organisation's central store"):
        own(laptop, "authority_name", "Changed Council")
    with pytest.raises(ValidationError, match="set by your organisation's central store"):
        own(laptop, "record_working_days", None)
    assert value(laptop, "authority_name") == NAME
    assert own(laptop, "advocacy_service", "Northmoor Advocacy") == "Northmoor Advocacy"

    # The machine-wide policy is above the central store.
    policy = tmp_path / "policy.toml"
    policy.write_text('authority_name = "Fixed By IT Council"\n', encoding="utf-8")
    monkeypatch.setenv("IRO_DESKTOP_POLICY", str(policy))
    assert value(laptop, "authority_name") == "Fixed By IT Council"
    with laptop.caseload.session() as s:
        rows = {row.key: row for row in setting_rows(s)}
        assert read_profile(s).fixed >= {"authority_name"}
        assert "authority_name" not in read_profile(s).supplied
    assert rows["authority_name"].fixed_by == str(policy) and not rows["authority_name"].supplied
    laptop.sync()
    assert value(laptop, "authority_name") == "Fixed By IT Council"
    monkeypatch.delenv("IRO_DESKTOP_POLICY")
    assert value(laptop, "authority_name") == NAME

    # A sync that brings nothing new writes nothing.
    before = audits(laptop)
    again = laptop.sync()
    assert again.authority_settings == 0 and audits(laptop) == before

    # The store changes one and stops supplying another.
    authority.set_value(central.store, "authority_name", "Northmoor Council")
    assert authority.unset(central.store, "advocacy_phone")
    assert laptop.sync().authority_settings == 2
    assert value(laptop, "authority_name") == "Northmoor Council"
    assert "advocacy_phone" not in supplied(laptop)
    assert value(laptop, "advocacy_phone") == PHONE  # its last value, now the IRO's own
    assert own(laptop, "advocacy_phone", "0808 000 0000") == "0808 000 0000"
    laptop.sync()
    assert value(laptop, "advocacy_phone") == "0808 000 0000"  # the IRO's, kept


class StandIn(httpx.HTTPTransport):
    """The real central store for everything, except ``/v1/authority``: absent (an older
    store: 404, as FastAPI answers an unknown path) or the given answer."""

    def __init__(self, answer: Any = None) -> None:
        super().__init__()
        self.answer = answer
        self.asked = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/authority":
            self.asked += 1
            if self.answer is None:
                return httpx.Response(404, json={"detail": "Not Found"})
            return httpx.Response(200, content=json.dumps(self.answer).encode())
        return super().handle_request(request)


def test_an_older_store_or_a_broken_answer_never_breaks_the_sync(
    store_settings: Central, tmp_path: Path
) -> None:
    central = store_settings
    laptop, token = connected(central, tmp_path)
    authority.set_value(central.store, "authority_name", NAME)
    authority.set_value(central.store, "challenge_response_working_days", 15)
    laptop.sync()
    assert supplied(laptop) == {"authority_name", "challenge_response_working_days"}
    child = laptop.add_child("OLD1")

    def with_store(answer: Any) -> Any:
        stand_in = StandIn(answer)
        client = CentralClient(central.url, token, transport=stand_in)
        try:
            return sync(laptop.caseload, client), stand_in
        finally:
            client.close()

    # An older central store (no such endpoint): the sync finishes, nothing changes.
    summary, stand_in = with_store(None)
    assert stand_in.asked == 1 and summary.pushed == 2 and summary.authority_settings == 0
    assert central.rows_for({child})  # the rest of the sync did its work
    assert supplied(laptop) == {"authority_name", "challenge_response_working_days"}
    assert value(laptop, "authority_name") == NAME

    # A broken or hostile answer: what can be used is, the rest is left as it was.
    junk = {
        "authority_name": "x" * 10_000,  # too long: the last good value stays, still locked
        "challenge_response_working_days": "soon",
        "advocacy_phone": "0808 157 0404",  # fine: used
        "central_url": "https://evil.example",  # a machine setting: never from a store
        "idle_lock_minutes": 240,  # the IRO's own
        "caseload_guidance_min": 400,  # above the maximum in force: refused
        "\x1b[31mred": 1,
    }
    summary, _ = with_store({"settings": junk})
    assert value(laptop, "authority_name") == NAME
    assert value(laptop, "challenge_response_working_days") == 15
    assert value(laptop, "advocacy_phone") == "0808 157 0404"
    assert value(laptop, "central_url") == "" and value(laptop, "idle_lock_minutes") == 10
    assert value(laptop, "caseload_guidance_min") != 400
    assert supplied(laptop) == {"authority_name", "challenge_response_working_days",
                                "advocacy_phone"}  # fmt: skip
    notes = " ".join(summary.notes)
    assert "authority_name was not used: it is too long (10,000 characters" in notes
    assert "\x1b" not in notes and len(summary.notes) <= 5

    for answer in ({"settings": ["not", "a", "mapping"]}, {"settings": "text"}, [7], "text"):
        summary, _ = with_store(answer)
        assert "was not a set of settings" in " ".join(summary.notes)
        assert supplied(laptop) == {"authority_name", "challenge_response_working_days",
                                    "advocacy_phone"}  # fmt: skip

    # The real store again: its own values, and the one it never supplied is let go.
    assert laptop.sync().authority_settings == 1
    assert supplied(laptop) == {"authority_name", "challenge_response_working_days"}
    assert value(laptop, "advocacy_phone") == "0808 157 0404"
