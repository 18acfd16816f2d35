"""``iro-desktop calendar``: an ICS file Outlook can import, with no surname by default."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from iro_desktop.cli.demo_cmd import DEMO_PASSPHRASE
from iro_desktop.cli.main import main
from iro_desktop.store.caseload import open_caseload
from iro_desktop.store.ops import reviews
from iro_desktop.store.ops.core import operation
from iro_desktop.store.queries import live_children
from iro_desktop.store.schema import Child
from tests.helpers import ACTOR, TODAY, with_a_planned_review


@pytest.fixture
def unlocked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IRO_DESKTOP_PASSPHRASE", DEMO_PASSPHRASE)


def export(folder: Path, out: Path, *extra: str) -> Calendar:
    args = ["--data-dir", str(folder), "calendar", "--out", str(out), "--today", "2026-11-24",
            "--from", "2026-11-01", "--to", "2027-02-28", *extra]  # fmt: skip
    assert main(args) == 0
    return Calendar.from_ical(out.read_bytes())


@pytest.fixture
def planned(demo_folder: Path) -> Path:
    """The demo caseload with two reviews planned, one at a time of day, one without."""
    caseload = open_caseload(demo_folder, passphrase=DEMO_PASSPHRASE)
    try:
        booked = with_a_planned_review(caseload)
        with caseload.session() as s:
            ids = [c.id for c in live_children(s) if c.id not in booked][:2]
        with operation(caseload, ACTOR) as op:
            for child_id, when, at in zip(ids, (3, 10), ("16:00", ""), strict=True):
                child = op.session.get(Child, child_id)
                assert child is not None
                reviews.plan_review(op, child, today=TODAY, planned_date=TODAY + timedelta(when),
                                    planned_time=at, venue="Larkfield Family Centre")  # fmt: skip
    finally:
        caseload.close()
    return demo_folder


def surnames(folder: Path) -> set[str]:
    caseload = open_caseload(folder, passphrase=DEMO_PASSPHRASE)
    try:
        with caseload.session() as s:
            return {c.last_name for c in live_children(s)}
    finally:
        caseload.close()


def test_the_file_parses_and_holds_reviews_visits_and_deadlines_without_surnames(
    planned: Path, unlocked: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "iro.ics"
    cal = export(planned, out)
    events = list(cal.walk("VEVENT"))
    summaries = [str(e["SUMMARY"]) for e in events]
    assert {s.split(":")[0] for s in summaries} == {"Review", "Visit", "Review due"}
    assert len({str(e["UID"]) for e in events}) == len(events)  # one UID per event
    planned_reviews = [e for e in events if str(e["SUMMARY"]).startswith("Review:")]
    ours = [e for e in planned_reviews if str(e["LOCATION"]) == "Larkfield Family Centre"]
    starts = sorted(str(e.decoded("DTSTART")) for e in ours)
    assert starts == ["2026-11-27 16:00:00+00:00", "2026-12-04"]  # London time; all day
    assert len(planned_reviews) > len(ours)  # and the demo's own planned reviews
    text = out.read_text(encoding="utf-8")
    assert "TZID=Europe/London" in text and "BEGIN:VTIMEZONE" in text
    names = surnames(planned)
    assert not [n for n in names if n in text], "a child's surname is in the calendar"
    assert "Wrote" in capsys.readouterr().out


def test_full_names_only_when_asked_and_uids_are_stable(
    demo_master: Path, unlocked: None, tmp_path: Path
) -> None:
    first = export(demo_master, tmp_path / "a.ics")
    again = export(demo_master, tmp_path / "b.ics", "--full-names")
    uids = [str(e["UID"]) for e in first.walk("VEVENT")]
    assert uids == [str(e["UID"]) for e in again.walk("VEVENT")]  # re-import updates
    text = (tmp_path / "b.ics").read_text(encoding="utf-8")
    assert any(n in text for n in surnames(demo_master))


def test_a_range_the_wrong_way_round_says_so(
    demo_master: Path, unlocked: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--data-dir", str(demo_master), "calendar", "--out", str(tmp_path / "x.ics"),
            "--from", "2026-12-01", "--to", "2026-11-01"]  # fmt: skip
    assert main(args) == 2
    assert "--to" in capsys.readouterr().err and not (tmp_path / "x.ics").exists()
