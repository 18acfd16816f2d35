"""What many tests share: the day they run on, who writes, the passphrase, and ways to
look at what was written (a PDF's text, the audit trail's length, the reviews planned)."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from iro_desktop.store.caseload import Caseload
from iro_desktop.store.ops.core import Actor
from iro_desktop.store.schema import AuditEntry, Review

TODAY = date(2026, 11, 24)
ACTOR = Actor(email="iro@demo-borough.example", device="test")
PASSPHRASE = "a long test passphrase"


def pdf_text(path: Path) -> str:
    """The PDF's text as poppler reads it, runs of white space made one space."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                         capture_output=True, text=True)  # fmt: skip
    return re.sub(r"\s+", " ", out.stdout)


def audit_count(caseload: Caseload) -> int:
    with caseload.session() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry)) or 0


def with_a_planned_review(caseload: Caseload) -> set[str]:
    """The ids of the children whose next review is planned (the demo plans those due in
    its next six weeks)."""
    with caseload.session() as s:
        return set(s.scalars(select(Review.child_id).where(Review.status == "planned")))
