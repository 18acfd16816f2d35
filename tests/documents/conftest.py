"""Fixtures for the printouts: the demo caseload, a few awkward children, and poppler helpers.

Every name here is synthetic. PDFs are checked with the real poppler tools (pdftotext,
pdffonts, pdfinfo), the same way a person would inspect them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from iro_desktop.store import caseload as caseload_file
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.demo import build_demo
from iro_desktop.store.ops import casework, children, reviews
from iro_desktop.store.ops.core import Actor, operation
from iro_desktop.store.schema import Iro

TODAY = date(2025, 6, 1)
PASSPHRASE = "correct horse battery staple"
ACTOR = Actor(email="test.iro@demo-borough.example", device="test")

if shutil.which("pdftotext") is None:  # pragma: no cover
    pytest.skip("poppler-utils is needed for the document tests", allow_module_level=True)


def pdf_text(data: bytes, tmp: Path, *, layout: bool = False) -> str:
    path = tmp / "doc.pdf"
    path.write_bytes(data)
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def plain(text: str) -> str:
    """Extracted text without pdftotext's bidi marks and with single spaces."""
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return re.sub(r"\s+", " ", text).strip()


def pdf_fonts(data: bytes, tmp: Path) -> list[dict[str, str]]:
    path = tmp / "fonts.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True)
    rows = []
    for line in out.stdout.splitlines()[2:]:
        parts = line.split()
        # name type(1-2 words) encoding emb sub uni object ID: read from the right.
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def page_count(data: bytes, tmp: Path) -> int:
    path = tmp / "pages.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    return int(re.search(r"^Pages:\s+(\d+)", out.stdout, re.MULTILINE).group(1))  # type: ignore[union-attr]


def assert_fonts_embedded(data: bytes, tmp: Path) -> list[dict[str, str]]:
    rows = pdf_fonts(data, tmp)
    assert rows, "the PDF has no fonts at all"
    for row in rows:
        assert row["emb"] == "yes", f"font not embedded: {row['name']}"
        assert row["uni"] == "yes", f"font without a ToUnicode map: {row['name']}"
    return rows


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Caseload]:
    folder = tmp_path_factory.mktemp("demo")
    made = caseload_file.create(folder, passphrase=PASSPHRASE, use_keyring=False)
    build_demo(made, today=TODAY)
    yield made
    made.close()


@pytest.fixture(scope="session")
def awkward(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Caseload]:
    """A tiny caseload of hard cases, written through the operation layer."""
    folder = tmp_path_factory.mktemp("awkward")
    made = caseload_file.create(folder, passphrase=PASSPHRASE, use_keyring=False)
    with operation(made, ACTOR) as op:
        iro = Iro(name="Robin Quarrendon", email=ACTOR.email, phone="01632 960999",
                  mobile="07700 900999", team="Independent Reviewing Service")  # fmt: skip
        op.save(iro)

        def child(ref: str, first: str, age: int, **extra: object):  # type: ignore[no-untyped-def]
            made_child = children.add_child(
                op, child_ref=ref, first_name=first, last_name="Testwell",
                date_of_birth=TODAY - timedelta(days=int(age * 365.25) + 30),
                became_looked_after=TODAY - timedelta(days=400), today=TODAY,
                iro_id=iro.id, **extra,
            )  # fmt: skip
            children.set_legal_status(op, made_child, "C2", made_child.became_looked_after, TODAY)
            children.add_placement(
                op,
                made_child,
                place_code="U4",
                start_date=made_child.became_looked_after,
                today=TODAY,
            )
            return made_child

        child("AW001", "Nobody", 10)  # no held review
        mixed = child("AW002", "Layla", 11, preferred_name="Lulu")
        reviews.record_held_review(
            op, mixed, held_date=TODAY - timedelta(days=30), participation_code="PN1",
            today=TODAY,
            working_well="You smiled a lot 😀🎉 and told me about your friend أحمد and "
                         "your teacher. ሰላም!",
            worried_about="Sometimes the LA forgets to update your PEP.",
            child_words="I am happy 😊 here.",
        )  # fmt: skip
        huge = child("AW003", "Maximilian", 15)
        sentence = "Sentence number {} says the plan is going well."
        long_text = " ".join(sentence.format(n) for n in range(1500))
        review = reviews.record_held_review(
            op, huge, held_date=TODAY - timedelta(days=20), participation_code="PN1",
            today=TODAY, working_well=long_text + " " + "x" * 3000 + " THE-END-MARKER",
            child_words=long_text[:5000],
        )  # fmt: skip
        for n in range(40):
            casework.add_decision(
                op,
                review,
                text=f"Task number {n} for the team",
                owner="Social worker",
                due_date=TODAY + timedelta(days=n),
            )
    yield made
    made.close()
