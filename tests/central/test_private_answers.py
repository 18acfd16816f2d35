"""Answers a child kept "just for my IRO" sync to the central store, still marked private,
so nothing is lost if the laptop dies and a new IRO taking the child over can honour them;
and no output leaves them in: the central store's report (PDF, CSV, JSON) and SSDA903
return, and on the new IRO's laptop the letter, the record, search, the record's entry view,
the figures and the 903 Reviews export. The IRO's safeguarding override, with its reason,
is what brings them into the record, and it syncs like any change."""

from __future__ import annotations

import base64
import subprocess
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from iro_desktop.central import admin
from iro_desktop.cli.main import main
from iro_desktop.documents import api
from iro_desktop.store.ops import consultations
from iro_desktop.store.ops import reviews as review_ops
from iro_desktop.store.ops.child_mode import record_override
from iro_desktop.store.ops.core import operation
from iro_desktop.store.reads.child_file import load_child
from iro_desktop.store.reads.entry import read_entry
from iro_desktop.store.schema import Child, Consultation, Review
from iro_desktop.store.search import search
from tests.sync.harness import PASSPHRASE, TODAY, Central, Laptop

SECRET = "KINGFISHER my secret about the bus"  # a marker nothing else holds
SHARED = "I like feeding the ducks with Nan"
MARK = "KINGFISHER"


def drawing() -> bytes:
    from PySide6.QtGui import QColor, QImage

    image = QImage(90, 56, QImage.Format.Format_RGB32)
    image.fill(QColor("#1f4e9c"))
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    return bytes(data.data())


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout  # fmt: skip


def answered_in_child_mode(laptop: Laptop, child_id: str) -> str:
    """Child mode's answers as it saves them: one shared, one (with a drawing) kept just for
    the IRO; then the review is held. Returns the consultation's id."""
    with operation(laptop.caseload, laptop.actor) as op:
        child = op.session.get(Child, child_id)
        assert child is not None
        review = review_ops.plan_review(op, child, today=TODAY - timedelta(days=1),
                                        planned_date=TODAY, venue="Home")  # fmt: skip
        row = consultations.record_child_answers(
            op, review, form_id="child_8_12", answers={"good": SHARED, "worried": SECRET},
            today=TODAY, drawings={"worried": drawing()}, private={"worried"},
        )  # fmt: skip
        review_ops.hold_review(op, review, child, held_date=TODAY, participation_code="PN1",
                               attendees=["Sam", "IRO"], today=TODAY)  # fmt: skip
        return row.id


def files_under(folder: Path) -> str:
    return "\n".join(p.read_text(errors="replace") for p in sorted(folder.rglob("*"))
                     if p.is_file())  # fmt: skip


def test_private_answers_sync_marked_private_and_stay_out_of_every_output(
    central: Central, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = central.iro("First IRO"), central.iro("Second IRO")
    old = Laptop.make(tmp_path, "old", first)
    old.connect(central.url, central.token(first))
    ref = f"P{uuid.uuid4().hex[:6]}"
    child_id = old.add_child(ref)
    form_id = answered_in_child_mode(old, child_id)
    assert old.sync().conflicts == 0

    # On the central store: kept, and still apart from the answers every output reads.
    row = central.rows_for({child_id})[form_id]
    assert row["private_answers"]["worried"]["answer"] == SECRET
    assert row["private_answers"]["worried"]["drawing"]
    assert "worried" not in row["answers"] and "worried" not in row["drawings"]

    # Every central-store output: the report (each format) and the SSDA903 return.
    db = ["--database", central.db_url]
    year = ["--year", "2025/26", "--today", TODAY.isoformat()]
    out = tmp_path / "central-out"
    out.mkdir()
    for fmt in ("json", "csv", "pdf"):
        assert main(["central", "report", *db, *year, "--format", fmt,
                     "--out", str(out / f"report.{fmt}")]) == 0  # fmt: skip
    assert main(["central", "export", *db, "903", "--year", "2025/26",
                 "--out", str(out / "903")]) == 0  # fmt: skip
    assert any((out / "903").iterdir())
    assert MARK not in files_under(out / "903")
    assert MARK not in (out / "report.json").read_text() + (out / "report.csv").read_text()
    assert MARK not in pdf_text(out / "report.pdf")

    # The child moves to a new IRO: their laptop gets the answers, still private.
    admin.allocate(central.store, ref, second, TODAY)
    new = Laptop.make(tmp_path, "new", second)
    new.connect(central.url, central.token(second))
    new.sync()
    with new.caseload.session() as s:
        form = s.get(Consultation, form_id)
        assert form is not None and form.private_answers["worried"]["answer"] == SECRET
        assert "worried" not in form.answers
        assert search(s, MARK) == []
        assert MARK not in repr(load_child(s, child_id))
        entry = read_entry(s, "consultations", form_id)
        assert SHARED in entry.text() and MARK not in entry.text()

    # Every laptop output on the new IRO's laptop.
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(api.letter_pdf(new.caseload, ref))
    assert SHARED in " ".join(pdf_text(letter).split()) and MARK not in pdf_text(letter)
    secret_png = base64.b64decode(form.private_answers["worried"]["drawing"])
    assert secret_png not in letter.read_bytes()
    record = tmp_path / "record.pdf"
    record.write_bytes(api.record_pdf(new.caseload, ref))
    assert MARK not in pdf_text(record)
    new.caseload.close()
    monkeypatch.setenv("IRO_DESKTOP_PASSPHRASE", PASSPHRASE)
    laptop = ["--data-dir", str(new.folder)]
    for fmt in ("json", "csv", "pdf"):
        assert main([*laptop, "figures", *year, "--format", fmt,
                     "--out", str(out / f"figures.{fmt}")]) == 0  # fmt: skip
    assert main([*laptop, "export", "903-reviews", "--year", "2025/26",
                 "--out", str(out / "reviews.csv")]) == 0  # fmt: skip
    assert main([*laptop, "letter", "--child", ref, "--print-anyway",
                 "--out", str(out / "cli-letter.pdf")]) == 0  # fmt: skip
    assert main([*laptop, "record", "--child", ref,
                 "--out", str(out / "cli-record.pdf")]) == 0  # fmt: skip
    for name in ("figures.json", "figures.csv", "reviews.csv"):
        assert MARK not in (out / name).read_text(), name
    for name in ("figures.pdf", "cli-letter.pdf", "cli-record.pdf"):
        assert MARK not in pdf_text(out / name), name


def test_the_safeguarding_override_brings_them_into_the_record_everywhere(
    central: Central, tmp_path: Path
) -> None:
    email = central.iro()
    laptop = Laptop.make(tmp_path, "lap", email)
    laptop.connect(central.url, central.token(email))
    ref = f"O{uuid.uuid4().hex[:6]}"
    child_id = laptop.add_child(ref)
    form_id = answered_in_child_mode(laptop, child_id)
    laptop.sync()
    with operation(laptop.caseload, laptop.actor) as op:
        form = op.session.get(Consultation, form_id)
        assert form is not None
        record_override(op, form, reason="Risk of harm on the bus: referral made", today=TODAY)
    laptop.sync()
    row = central.rows_for({child_id})[form_id]
    assert row["answers"]["worried"] == SECRET and row["private_answers"] == {}
    assert "Risk of harm" in row["override_reason"]
    with laptop.caseload.session() as s:
        review = s.scalar(select(Review).where(Review.child_id == child_id))
        assert review is not None and review.held_date == TODAY
    assert date.fromisoformat(row["override_on"]) == TODAY
