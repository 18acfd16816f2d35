"""Letter and printout screens on a private copy of the real encrypted demo caseload.

The screens get the real ``TaskRunner`` (a worker thread), so every test waits on the
screen's own signals, never on time.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from iro_desktop.cli.demo_cmd import DEMO_PASSPHRASE
from iro_desktop.gui.context import Context
from iro_desktop.gui.tasks import TaskRunner
from iro_desktop.store.caseload import Caseload, open_caseload
from iro_desktop.store.schema import Child, Decision, Review
from tests.helpers import ACTOR, TODAY, pdf_text

if shutil.which("pdftotext") is None:  # pragma: no cover
    pytest.skip("poppler-utils is needed to read the PDFs back", allow_module_level=True)

__all__ = ["ACTOR", "pdf_text"]


def pdf_pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    found = re.search(r"^Pages:\s+(\d+)", out.stdout, re.MULTILINE)
    assert found is not None
    return int(found.group(1))


@pytest.fixture
def store(demo_folder: Path) -> Iterator[Caseload]:
    caseload = open_caseload(demo_folder, passphrase=DEMO_PASSPHRASE)
    yield caseload
    caseload.close()


@pytest.fixture
def runner(qtbot) -> Iterator[TaskRunner]:  # type: ignore[no-untyped-def]
    made = TaskRunner()
    yield made
    made.wait()


@pytest.fixture
def ctx(store: Caseload, runner: TaskRunner) -> Context:
    return Context(store, runner, TODAY, ACTOR)


@pytest.fixture
def child_id(store: Caseload) -> str:
    """A demo child aged 8 or more whose latest held review has decisions."""
    with store.session() as s:
        found = s.scalar(
            select(Child.id)
            .join(Review, Review.child_id == Child.id)
            .join(Decision, Decision.review_id == Review.id)
            .where(Review.held_date.is_not(None))
            .where(Child.date_of_birth < TODAY.replace(year=TODAY.year - 9))
            .group_by(Child.id)
            .having(func.count(Decision.id) >= 2)
            .order_by(Child.child_ref)
            .limit(1)
        )
    assert found is not None
    return found
