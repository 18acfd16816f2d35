"""Rows pulled from the central store may point at children this IRO does not hold."""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy import select

from iro_desktop.store.caseload import open_caseload
from iro_desktop.store.demo import DEMO_PASSPHRASE
from iro_desktop.store.schema import Person
from iro_desktop.store.serialise import to_payload
from iro_desktop.sync import apply


def test_a_sibling_link_to_a_child_not_held_still_applies(demo_folder: Path) -> None:
    caseload = open_caseload(demo_folder, passphrase=DEMO_PASSPHRASE)
    try:
        with caseload.session() as s:
            template = to_payload(s.scalars(select(Person)).first())  # type: ignore[arg-type]
        row = dict(template, id=str(uuid.uuid4()), related_child_id=str(uuid.uuid4()), version=1)
        with apply.applying(caseload) as session:
            apply.apply_rows(session, "people", [row], set())
        with caseload.session() as s:
            stored = s.get(Person, row["id"])
            assert stored is not None and stored.related_child_id == row["related_child_id"]
        with caseload.engine.connect() as conn:  # local writes are checked again
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        caseload.close()
