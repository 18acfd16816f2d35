"""Saving the child's letter: what is kept, what is refused, and that documents read it back."""

from __future__ import annotations

import base64
import struct
import zlib
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from iro_desktop.documents.content import load_letter_content
from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.ops import letters, reviews
from iro_desktop.store.ops.core import Op
from iro_desktop.store.schema import AuditEntry, Child, Letter, OutboxEntry, Review
from tests.conftest import TODAY
from tests.store.test_ops_world import add_child, get, held_review, run

HELD = date(2026, 9, 1)


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = zlib.compress(b"\x00\xff\x00\x00")
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def save(caseload: Caseload, review: Review, **over: Any) -> Letter:
    fields: dict[str, Any] = {
        "today": TODAY,
        "age_band": "8_12",
        "language": "en",
        "name": "Wrennie",
        "sections": {"working_well": "You feel safe at home 😀.", "child_words": "I like it"},
        "decisions": [
            letters.LetterDecision("Your social worker", "Book a dentist visit", date(2026, 12, 1))
        ],
    }
    fields.update(over)

    def go(op: Op) -> Letter:
        row = op.session.get(Review, review.id)
        assert row is not None
        return letters.save_letter(op, row, **fields)

    return run(caseload, go)


def count(caseload: Caseload, model: type[Any]) -> int:
    with caseload.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture
def review(caseload: Caseload) -> Review:
    return held_review(caseload, add_child(caseload), HELD)


def test_a_saved_letter_keeps_every_part_and_is_audited(caseload: Caseload, review: Review) -> None:
    picture = tiny_png()
    letter = get(caseload, Letter, save(caseload, review, picture=picture, dyslexia_font=True).id)
    assert letter.review_id == review.id and letter.child_id == review.child_id
    assert letter.written_on == TODAY and letter.printed_on is None
    assert letter.age_band == "8_12" and letter.language == "en"
    c = letter.content
    assert c["working_well"] == "You feel safe at home 😀." and c["child_words"] == "I like it"
    assert c["worried_about"] == "" and c["name"] == "Wrennie" and c["dyslexia_font"] is True
    assert c["decisions"] == [
        {
            "owner": "Your social worker",
            "what": "Book a dentist visit",
            "due": "2026-12-01",
            "sentence": "",
            "professional_text": "",
        }
    ]
    assert base64.b64decode(c["picture"]) == picture
    with caseload.session() as s:
        audit = s.scalars(select(AuditEntry).where(AuditEntry.row_id == letter.id)).all()
        outbox = s.scalars(select(OutboxEntry).where(OutboxEntry.row_id == letter.id)).all()
    assert [a.action for a in audit] == ["create"] and len(outbox) == 1


def test_saving_again_rewrites_the_one_letter(caseload: Caseload, review: Review) -> None:
    first = save(caseload, review)
    second = save(caseload, review, sections={"working_well": "مرحبا، أنت بأمان"},
                  language="ar")  # fmt: skip
    assert second.id == first.id and count(caseload, Letter) == 1
    letter = get(caseload, Letter, first.id)
    assert letter.version == 2 and letter.language == "ar"
    assert letter.content["working_well"] == "مرحبا، أنت بأمان"


def test_the_documents_layer_reads_the_saved_letter(caseload: Caseload, review: Review) -> None:
    save(caseload, review, sections={"working_well": "Written in the editor ✍", "worried_about":
                                     "Nothing much"}, picture=tiny_png())  # fmt: skip
    with caseload.session() as s:
        ref = s.scalar(select(Child.child_ref).where(Child.id == review.child_id))
        assert ref is not None
        content = load_letter_content(s, ref)
    assert content.working_well == "Written in the editor ✍" and content.name == "Wrennie"
    assert content.worried_about == "Nothing much" and content.picture == tiny_png()
    assert [(d.owner, d.what, d.due) for d in content.decisions] == [
        ("Your social worker", "Book a dentist visit", date(2026, 12, 1))
    ]


@pytest.mark.parametrize(
    ("over", "field", "words"),
    [
        ({"sections": {"working_well": "word " * 5000}}, "working_well", "too long"),
        ({"sections": {"child_words": "x" * 8001}}, "child_words", "the most is 8,000"),
        ({"sections": {"minutes": "Hello"}}, "minutes", "not a part"),
        ({"name": "N" * 101}, "name", "too long"),
        ({"age_band": "toddler"}, "age_band", "one of"),
        ({"language": "xx"}, "language", "no letter wording"),
        ({"language": "../en"}, "language", "no letter wording"),
        ({"picture": b"MZ" + b"\x00" * 100}, "picture", "not a PNG"),
        ({"picture": b"\x89PNG\r\n\x1a\n" + b"\x00" * letters.PICTURE_MAX}, "picture", "too big"),
        ({"decisions": [letters.LetterDecision("SW", "y" * 1001)]}, "decision 1", "too long"),
        ({"decisions": [letters.LetterDecision("SW", "Early", HELD - timedelta(days=1))]},
         "decision 1 (by when)", "before the review"),
        ({"decisions": [letters.LetterDecision("SW", "z")] * 61}, "decisions", "the most is 60"),
    ],
)  # fmt: skip
def test_bad_input_is_refused_and_writes_nothing(
    caseload: Caseload, review: Review, over: dict[str, Any], field: str, words: str
) -> None:
    audits = count(caseload, AuditEntry)
    with pytest.raises(ValidationError) as caught:
        save(caseload, review, **over)
    assert caught.value.field == field and words in caught.value.problem
    assert count(caseload, Letter) == 0 and count(caseload, AuditEntry) == audits


def test_a_review_not_yet_held_has_no_letter(caseload: Caseload) -> None:
    child = add_child(caseload)

    def plan(op: Op) -> Review:
        row = op.session.get(Child, child.id)
        assert row is not None
        return reviews.plan_review(op, row, today=TODAY, planned_date=TODAY + timedelta(days=9),
                                   venue="Home")  # fmt: skip

    planned = run(caseload, plan)
    with pytest.raises(ValidationError, match="not been held"):
        save(caseload, planned)


def test_blank_decision_lines_are_left_out(caseload: Caseload, review: Review) -> None:
    rows = [letters.LetterDecision("SW", "  "), letters.LetterDecision("", "Keep swimming")]
    letter = get(caseload, Letter, save(caseload, review, decisions=rows).id)
    assert letter.content["decisions"] == [
        {"owner": "", "what": "Keep swimming", "due": None, "sentence": "", "professional_text": ""}
    ]


def test_mark_printed_records_the_day_and_checks_it(caseload: Caseload, review: Review) -> None:
    saved = save(caseload, review)

    def mark(on: date) -> Letter:
        def go(op: Op) -> Letter:
            row = op.session.get(Letter, saved.id)
            assert row is not None
            return letters.mark_printed(op, row, on=on, today=TODAY)

        return run(caseload, go)

    with pytest.raises(ValidationError, match="after today"):
        mark(TODAY + timedelta(days=1))
    with pytest.raises(ValidationError, match="before the day the letter was written"):
        mark(TODAY - timedelta(days=1))
    mark(TODAY)
    assert get(caseload, Letter, saved.id).printed_on == TODAY


def test_kept_words_need_an_explanation_and_answers_are_kept(
    caseload: Caseload, review: Review
) -> None:
    with pytest.raises(ValidationError, match="needs an explanation"):
        save(caseload, review, kept={"care order": "  "})
    answers = [
        letters.LetterAnswer("Can I see my sister more?", "review", "We will ask."),
        letters.LetterAnswer("I like it here.", "visit", no_answer=True),
    ]
    letter = get(
        caseload,
        Letter,
        save(
            caseload,
            review,
            kept={"LA": "the council"},
            answers=answers,
            translations={"working_well": " نص ", "x": " "},
        ).id,
    )
    assert letter.content["kept"] == [{"term": "LA", "explanation": "the council"}]
    assert [a["answer"] for a in letter.content["said"]] == ["We will ask.", ""]
    assert letter.content["said"][1]["no_answer"] is True
    assert letter.content["translations"] == {"working_well": "نص"}
