"""Sync in the window: real encrypted laptops, a real central store process on loopback."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.sync.fixtures import _central
from tests.sync.harness import Central


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Central]:
    """One SQLite central store process for the module (each test makes its own IROs)."""
    yield from _central("sqlite", tmp_path_factory.mktemp("gui-central"))


@pytest.fixture
def shots() -> Path:
    folder = Path(os.environ.get("IRO_SHOTS", "/tmp/iro-shots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder
