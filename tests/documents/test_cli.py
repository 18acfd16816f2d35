"""``iro-desktop letter | record | card | forms`` end to end, and the bench section."""

from __future__ import annotations

from pathlib import Path

import pytest

from iro_desktop.cli.main import main
from iro_desktop.store.caseload import Caseload
from tests.documents.conftest import PASSPHRASE, pdf_text, plain


@pytest.fixture
def cli(demo: Caseload, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("IRO_DESKTOP_PASSPHRASE", PASSPHRASE)

    def run(*args: str) -> int:
        return main(["--data-dir", str(demo.folder), *args])

    return run


def test_letter_record_card_forms(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("letter", "--child", "DB10402", "--print-anyway",
               "--out", str(tmp_path / "l.pdf")) == 0  # fmt: skip
    assert "Dear " in plain(pdf_text((tmp_path / "l.pdf").read_bytes(), tmp_path))
    assert cli("letter", "--child", "DB10406", "--language", "ps", "--dyslexia-font",
               "--print-anyway", "--out", str(tmp_path / "ps.pdf")) == 0  # fmt: skip
    assert cli("record", "--child", "DB10402", "--out", str(tmp_path / "r.pdf")) == 0
    assert cli("card", "--out", str(tmp_path / "c.pdf")) == 0
    assert cli("forms", "--out", str(tmp_path / "all.pdf")) == 0
    assert cli("forms", "--form", "parent", "--out", str(tmp_path / "dir")) == 0
    assert [p.name for p in (tmp_path / "dir").iterdir()] == ["parent.pdf"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("letter", "--child", "NOPE"), 1, "no child with reference 'NOPE'"),
        (("letter", "--child", "DB10409"), 1, "no held review yet"),
        (("letter", "--child", "DB10402", "--review", "2001-01-01"), 1, "no review held on"),
        (("letter", "--child", "DB10402", "--language", "xx"), 2, "no wording for 'xx'"),
        (("record", "--child", "NOPE"), 1, "no child with reference"),
        (("card", "--language", "zz"), 2, "no wording for 'zz'"),
        (("forms", "--form", "nope"), 2, "no form called nope"),
    ],
)  # fmt: skip
def test_clear_failures(cli, tmp_path: Path, capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
                        args: tuple[str, ...], code: int, message: str) -> None:  # fmt: skip
    out = tmp_path / "x.pdf"
    assert cli(*args, "--out", str(out)) == code
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_the_letter_command_refuses_with_the_list_unless_told(  # type: ignore[no-untyped-def]
    cli, demo: Caseload, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sqlalchemy import select

    from iro_desktop.documents import api
    from iro_desktop.store.schema import AuditEntry

    ref = "DB10440"
    with demo.session() as session:
        problems = api.check_content(api.letter_content(session, ref)).problems()
    assert problems  # "Can I see my sister more?" has no answer yet
    out = tmp_path / "l.pdf"
    assert cli("letter", "--child", ref, "--out", str(out)) == 2
    err = capsys.readouterr().err
    assert "not ready to print" in err and all(p in err for p in problems)
    assert not out.exists()
    assert cli("letter", "--child", ref, "--print-anyway", "--out", str(out)) == 0
    assert "recorded in the audit" in capsys.readouterr().err
    with demo.session() as session:
        notes = list(session.scalars(select(AuditEntry).where(
            AuditEntry.action == "letter_printed_with_flags")))  # fmt: skip
    assert notes and notes[-1].fields == problems


def test_bench_section_reports_letter_figures(tmp_path: Path) -> None:
    from iro_desktop.devtools import documents_bench as bench
    from iro_desktop.devtools.bench import BenchReport

    report = BenchReport()
    bench.run(report, tmp_path)
    names = [f.name for f in report.figures]
    assert "one letter, rendered (warm)" in names
    assert "batch of 65 letters, rendered and written" in names
    assert len(list(tmp_path.glob("letter-*.pdf"))) == 65
