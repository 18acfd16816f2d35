"""Review-cycle GUI tests: offscreen Qt over real encrypted caseloads."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from datetime import date

import pytest

from iro_desktop.gui.context import Context
from iro_desktop.gui.tasks import InlineRunner
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.ops import children
from iro_desktop.store.ops.core import operation
from iro_desktop.store.schema import Child
from tests.helpers import ACTOR, PASSPHRASE, TODAY

__all__ = ["ACTOR", "PASSPHRASE", "TODAY"]


@pytest.fixture
def store(caseload: Caseload) -> Iterator[Caseload]:
    """A fresh encrypted caseload with two children: Wren (ours) and Ezra (another child)."""
    with operation(caseload, ACTOR) as op:
        for ref, first, dob in (("W1", "Wren", date(2016, 3, 9)), ("E1", "Ezra", date(2012, 1, 2))):
            children.add_child(
                op, child_ref=ref, first_name=first, last_name="Elmstead" if ref == "W1" else
                "Quillfeather", date_of_birth=dob, became_looked_after=date(2022, 5, 3),
                today=TODAY, preferred_name="Wrennie" if ref == "W1" else None,
            )  # fmt: skip
    yield caseload


@pytest.fixture
def ctx(store: Caseload) -> Context:
    return Context(store, InlineRunner(), TODAY, ACTOR)


def child_id(caseload: Caseload, ref: str = "W1") -> str:
    from sqlalchemy import select

    with caseload.session() as s:
        found = s.scalar(select(Child.id).where(Child.child_ref == ref))
    assert found is not None
    return found
