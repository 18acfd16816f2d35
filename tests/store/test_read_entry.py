"""Reading an entry back in full (``store.reads.entry``), on the real demo caseload: every
kind of entry the footprint or search can name, with its parts and in words, not codes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from iro_desktop.cli.demo_cmd import DEMO_PASSPHRASE
from iro_desktop.store.caseload import Caseload, open_caseload
from iro_desktop.store.ops import casework, child_mode, letters
from iro_desktop.store.ops.core import operation
from iro_desktop.store.reads.entry import PARENTS, READERS, read_entry
from iro_desktop.store.schema import MODELS_BY_TABLE as MODELS
from iro_desktop.store.schema import (
    ChallengeStage,
    Child,
    Consultation,
    MidwayItem,
    MidwayUpdate,
    Review,
    ReviewFeedback,
)
from iro_desktop.store.search import KIND_LABELS
from tests.conftest import TODAY
from tests.helpers import ACTOR


@pytest.fixture
def demo(demo_folder: Path) -> Iterator[Caseload]:
    opened = open_caseload(demo_folder, passphrase=DEMO_PASSPHRASE)
    yield opened
    opened.close()


def _first(s, model, *where):  # type: ignore[no-untyped-def]
    return s.scalars(select(model).where(model.deleted.is_(False), *where).limit(1)).first()


def test_every_searched_table_but_the_profile_opens_as_an_entry() -> None:
    assert set(KIND_LABELS) - {"children"} <= set(READERS) | set(PARENTS)


def _make_one(demo: Caseload, table: str) -> None:
    """The kinds the demo has none of, written as the program writes them."""
    with operation(demo, ACTOR) as op:
        review = _first(op.session, Review, Review.status == "held")
        child = op.session.get(Child, review.child_id)
        if table == "notes":
            casework.add_note(op, child, note_date=TODAY, text="Rang the placement", today=TODAY,
                              kind="phone_call")  # fmt: skip
        elif table == "letters":
            words = {"working_well": "You told us school is going well."}
            letters.save_letter(op, review, today=TODAY, age_band="13_plus", sections=words)
        elif table == "child_alerts":
            child_mode.raise_alert(op, child.id, review.id, "talk_alone", TODAY)


@pytest.mark.parametrize("table", sorted(set(READERS) | set(PARENTS)))
def test_each_kind_reads_back_without_a_raw_code(demo: Caseload, table: str) -> None:
    with demo.session() as s:
        missing = _first(s, MODELS[table]) is None
    if missing:
        _make_one(demo, table)
    with demo.session() as s:
        row = _first(s, MODELS[table])
        assert row is not None, f"the demo has no {table} and the test makes none"
        entry = read_entry(s, table, row.id)
    assert entry.child_id == row.child_id and entry.child_name and entry.lines
    text = entry.text()
    for raw in ("_", "None", "True", "False"):
        values = [line.value for line in entry.lines if not line.long and "@" not in line.value]
        assert not any(raw in v for v in values), (table, raw, values)
    assert entry.title in text


def test_a_consultation_shows_each_answer_against_its_question(demo: Caseload) -> None:
    with operation(demo, ACTOR) as op:
        c = _first(op.session, Consultation, Consultation.status == "returned")
        c.respondent_type = "child_8_12"
        c.answers = {"home": "good", "school": "not_good", "good": "Football on Saturdays"}
        op.save(c)
        consultation_id = c.id
    with demo.session() as s:
        entry = read_entry(s, "consultations", consultation_id)
    [answers] = [p for p in entry.parts if p.title == "Answers"]
    assert len(answers.lines) == 3
    assert all(line.label not in ("home", "school", "good") for line in answers.lines)
    values = [line.value for line in answers.lines]
    assert values == ["😊 Good", "😟 Not good", "Football on Saturdays"]  # faces in words
    assert "Child aged 8 to 12" in entry.text()


def test_a_part_opens_the_entry_it_belongs_to(demo: Caseload) -> None:
    with demo.session() as s:
        stage = _first(s, ChallengeStage)
        item = _first(s, MidwayItem)
        assert stage is not None and item is not None
        challenge = read_entry(s, "challenge_stages", stage.id)
        midway = read_entry(s, "midway_items", item.id)
        update = s.get(MidwayUpdate, item.midway_update_id)
    assert (challenge.table, challenge.row_id) == ("challenges", stage.challenge_id)
    assert any(p.title.startswith(f"Stage {stage.stage}") for p in challenge.parts)
    assert (midway.table, midway.row_id) == ("midway_updates", update.id)
    assert "What the social worker said" in midway.text() or all(
        not p.lines[-1].value for p in midway.parts
    )


def test_feedback_says_what_the_child_said(demo: Caseload) -> None:
    with operation(demo, ACTOR) as op:
        f = _first(op.session, ReviewFeedback)
        f.comments = "I liked that we had it at the bowling alley."
        op.save(f)
        feedback_id = f.id
    with demo.session() as s:
        entry = read_entry(s, "review_feedback", feedback_id)
    assert "the bowling alley" in entry.text() and "How it was" in entry.text()


def test_a_deleted_entry_says_so(demo: Caseload) -> None:
    with pytest.raises(LookupError), demo.session() as s:
        read_entry(s, "visits", "no-such-id")


def test_a_letter_reads_as_the_child_reads_it(demo: Caseload) -> None:
    from datetime import date

    from iro_desktop.store.ops.letters import LetterDecision, save_letter
    from iro_desktop.store.schema import Review
    from tests.helpers import TODAY

    with operation(demo, ACTOR) as op:
        review = _first(op.session, Review, Review.status == "held")
        letter = save_letter(
            op, review, today=TODAY, age_band="8_12", name="Sam",
            sections={"working_well": "You are doing well at school."},
            decisions=[LetterDecision("Your social worker", "Ask about swimming",
                                      date(2026, 12, 18))],
        )  # fmt: skip
        letter.content = {**letter.content, "picture": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB"}
        op.save(letter)  # as a letter with a picture is kept
        letter_id = letter.id
    with demo.session() as s:
        entry = read_entry(s, "letters", letter_id)
    text = entry.text()
    assert "You are doing well at school." in text and "Dear: Sam" in text
    assert "Your social worker: Ask about swimming (by 18 December 2026)" in text
    assert "iVBOR" not in text  # the picture is not printed as text
