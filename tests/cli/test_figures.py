"""``iro-desktop figures`` and ``iro-desktop central report`` over the demo, and the same
figures from both for one IRO's children (the laptop synced with the central store)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from iro_desktop.cli.demo_cmd import DEMO_PASSPHRASE
from iro_desktop.cli.main import main
from iro_desktop.store.demo import DEMO_IRO_EMAIL
from tests.conftest import TODAY

MEASURES = {
    "reviews_in_timescale", "participation_rate", "decisions_shared_in_time",
    "records_distributed_in_time", "visited_before_review", "visited_before_first_review",
    "midway_updates_in_time", "challenge_responses_in_time",
}  # fmt: skip


@pytest.fixture
def unlocked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IRO_DESKTOP_PASSPHRASE", DEMO_PASSPHRASE)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0, capsys.readouterr().err
    return capsys.readouterr().out


@pytest.fixture(scope="module")
def synced(demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo laptop connected to its central store, synced twice (the second pulls the
    child the team allocated meanwhile), so both hold the same children."""
    from iro_desktop.cli.demo_cmd import _sync_once, start_demo_central

    folder = tmp_path_factory.mktemp("figures") / "demo"
    shutil.copytree(demo_master, folder)
    central = start_demo_central(folder, today=TODAY)
    try:
        assert _sync_once(folder) == 0
    finally:
        central.stop()
    return folder


def test_json_shape_and_every_month(
    demo_master: Path, unlocked: None, capsys: pytest.CaptureFixture[str]
) -> None:
    out = json.loads(run(capsys, "--data-dir", str(demo_master), "figures", "--year", "2025/26",
                         "--format", "json", "--today", TODAY.isoformat()))  # fmt: skip
    assert out["period"] == {"from": "2025-04-01", "to": "2026-03-31"}
    assert set(out["measures"]) >= MEASURES
    for counts in out["measures"].values():
        assert set(counts) == {"numerator", "denominator"}
        assert 0 <= counts["numerator"] <= counts["denominator"]
    assert out["measures"]["reviews_in_timescale"]["denominator"] > 50
    assert len(out["participation_by_month"]) == 12
    assert all(list(m) == [f"PN{n}" for n in range(8)]
               for m in out["participation_by_month"].values())  # fmt: skip
    end = out["children_at_end"]
    for table in ("by_legal_status", "by_category_of_need", "by_age_band", "by_gender"):
        assert sum(end[table].values()) == end["total"]
    assert "iro_allocated_in_time" not in out["measures"]


def test_a_month_and_from_to(
    demo_master: Path, unlocked: None, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--data-dir", str(demo_master), "figures", "--format", "json", "--today",
            TODAY.isoformat()]  # fmt: skip
    month = json.loads(run(capsys, *base, "--from", "2026-02-01", "--to", "2026-02-28"))
    year = json.loads(run(capsys, *base, "--year", "2025/26"))
    assert list(month["participation_by_month"]) == ["2026-02"]
    assert month["participation_by_month"]["2026-02"] == year["participation_by_month"]["2026-02"]


def test_csv_table_and_pdf(
    demo_master: Path, unlocked: None, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    base = ["--data-dir", str(demo_master), "figures", "--year", "2025/26", "--today",
            TODAY.isoformat()]  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(run(capsys, *base, "--format", "csv"))))
    assert list(rows[0]) == ["scope", "table", "row", "column", "value"]
    found = {(r["table"], r["row"], r["column"]) for r in rows}
    assert ("measures", "participation_rate", "numerator") in found
    assert ("participation_by_month", "2025-04", "PN0") in found
    table = run(capsys, *base)
    assert "Reviews by participation code and month" in table and "April 2025" in table
    pdf = tmp_path / "figures.pdf"
    run(capsys, *base, "--format", "pdf", "--out", str(pdf))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert "Headline measures" in text and "PN7" in text and "Jo Hartley" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "Helvetica" not in fonts and "Andika" in fonts


def test_bad_periods_are_clear(
    demo_master: Path, unlocked: None, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--data-dir", str(demo_master), "figures"]
    assert main([*base, "--year", "2025-26"]) == 2
    assert "not a financial year (use e.g. 2025/26)" in capsys.readouterr().err
    assert main([*base, "--year", "2025/26", "--from", "2025-01-01"]) == 2
    assert main([*base, "--from", "2025-05-01", "--to", "2025-04-01"]) == 2
    assert "before the start" in capsys.readouterr().err
    assert main([*base, "--format", "pdf"]) == 2
    assert "--out" in capsys.readouterr().err


def test_central_report_for_one_iro_matches_their_laptop(
    synced: Path, unlocked: None, capsys: pytest.CaptureFixture[str]
) -> None:
    laptop = json.loads(run(capsys, "--data-dir", str(synced), "figures", "--year", "2025/26",
                            "--format", "json", "--today", TODAY.isoformat()))  # fmt: skip
    central = json.loads(run(capsys, "central", "report", "--data-dir", f"{synced}-central",
                             "--year", "2025/26", "--iro", DEMO_IRO_EMAIL.upper(), "--format",
                             "json", "--today", TODAY.isoformat()))  # fmt: skip
    assert set(central["measures"]) == set(laptop["measures"]) | {"iro_allocated_in_time",
                                                                  "same_iro"}  # fmt: skip
    central_only = {"iro_allocated_in_time", "same_iro"}
    assert {k: v for k, v in central["measures"].items() if k not in central_only} == (
        laptop["measures"]
    )
    for key in laptop:
        if key != "measures":
            assert central[key] == laptop[key], key
    assert central["caseload_by_iro"] == {"Jo Hartley": laptop["caseload"]["children"]}


def test_central_report_across_the_service(
    synced: Path, unlocked: None, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    args = ["central", "report", "--data-dir", f"{synced}-central", "--year", "2025/26",
            "--today", TODAY.isoformat()]  # fmt: skip
    whole = json.loads(run(capsys, *args, "--format", "json"))
    assert list(whole["per_iro"]) == [DEMO_IRO_EMAIL]
    assert whole["per_iro"][DEMO_IRO_EMAIL]["measures"] == whole["measures"]
    rows = list(csv.DictReader(io.StringIO(run(capsys, *args, "--format", "csv"))))
    assert {r["scope"] for r in rows} == {"all", DEMO_IRO_EMAIL}
    mine = {(r["table"], r["row"], r["column"]): r["value"] for r in rows
            if r["scope"] == DEMO_IRO_EMAIL}  # fmt: skip
    assert mine[("measures", "same_iro", "numerator")] == str(
        whole["measures"]["same_iro"]["numerator"]
    )
    pdf = tmp_path / "report.pdf"
    run(capsys, *args, "--format", "pdf", "--out", str(pdf), "--authority", "Demo Borough")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert "Independent Reviewing Service: the year in figures" in text
    assert "Each IRO's figures" in text and "IRO allocated within 5 working days" in text
    from sqlalchemy import select

    from iro_desktop.store.caseload import open_caseload
    from iro_desktop.store.schema import Child

    caseload = open_caseload(synced, passphrase=DEMO_PASSPHRASE)
    try:
        with caseload.session() as session:
            names = list(session.scalars(select(Child.last_name)))
    finally:
        caseload.close()
    assert not any(name in text for name in names)  # counts only: no child is named
    assert main([*args, "--iro", "nobody@example.org", "--format", "json"]) == 2
    assert "no IRO account nobody@example.org" in capsys.readouterr().err
