"""A laptop that gains thousands of children between syncs fetches them in pages, and a
request that cannot be made is a sync error, not a traceback."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest

from iro_desktop.central import admin
from iro_desktop.store.schema import Allocation, Child
from iro_desktop.sync.client import CentralClient
from iro_desktop.sync.errors import SyncError
from tests.sync.harness import Central, Laptop

MANY = 1600


def test_sixteen_hundred_new_children_arrive_in_one_sync(central: Central, tmp_path: Path) -> None:
    email = central.iro()
    laptop = Laptop.make(tmp_path, "lap", email)
    laptop.connect(central.url, central.token(email))
    laptop.sync()  # connected and settled: the new children come through settle_scope
    with central.store.writing() as s:
        account = admin.account(s, email)
        ids = [str(uuid.uuid4()) for _ in range(MANY)]
        s.add_all(
            Child(id=i, child_ref=f"M{n}-{i[:6]}", first_name="Kit", last_name="Many",
                  date_of_birth=date(2012, 1, 1), became_looked_after=date(2020, 1, 1))
            for n, i in enumerate(ids)
        )  # fmt: skip
        s.flush()
        s.add_all(
            Allocation(child_id=i, account_id=account.id, start_date=date(2020, 1, 1)) for i in ids
        )
    summary = laptop.sync()
    assert summary.new_children == MANY
    assert set(ids) <= laptop.child_ids()


def test_a_request_too_long_to_make_is_a_sync_error(central: Central) -> None:
    with CentralClient(central.url, "irod_x") as client, pytest.raises(SyncError):
        client.snapshot(children=[str(uuid.uuid4()) for _ in range(5000)])
