"""Search finds the words people wrote in a letter or a consultation, never the JSON around
them (migration 0012). On a real encrypted caseload; synthetic children only."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sqlalchemy import text

from iro_desktop.store.caseload import Caseload
from iro_desktop.store.ops import consultations, letters
from iro_desktop.store.ops.core import Op
from iro_desktop.store.schema import Consultation, Letter, Review
from iro_desktop.store.search import Hit, search
from tests.conftest import TODAY
from tests.store.test_ops_world import add_child, held_review, run

# What a JSON snippet looked like before: any of these in a snippet is the bug.
JSON_MARKS = ('": [', '": "', '":', '{"', '"}', "[]", "\\u")
ANSWER = "My dog 🐶 is called كلب سعيد and he sleeps on my bed"


def _hits(caseload: Caseload, query: str, table: str) -> list[Hit]:
    with caseload.session() as s:
        return [h for child in search(s, query) for h in child.hits if h.table == table]


def _plain(snippet: str) -> bool:
    return not any(mark in snippet for mark in JSON_MARKS)


def _letter(caseload: Caseload, review: Review) -> Letter:
    def go(op: Op) -> Letter:
        row = op.session.get(Review, review.id)
        assert row is not None
        return letters.save_letter(
            op, row, today=TODAY, age_band="8_12", name="Wrennie",
            sections={"working_well": "You enjoy gymnastics on Saturdays."},
            answers=[letters.LetterAnswer(said="I miss my brother Ollie", source="review",
                                          answer="We will plan a visit to Ollie.")],
            decisions=[letters.LetterDecision("Your social worker", "Book a dentist visit",
                                              date(2026, 12, 1))],
        )  # fmt: skip

    return run(caseload, go)


def _child_answers(caseload: Caseload, review: Review, answers: dict[str, str]) -> Consultation:
    def go(op: Op) -> Consultation:
        row = op.session.get(Review, review.id)
        assert row is not None
        return consultations.record_child_answers(
            op, row, form_id="child_8_12", answers=answers, today=TODAY
        )

    return run(caseload, go)


def test_a_letter_is_found_by_its_words_not_its_json_keys(caseload: Caseload) -> None:
    review = held_review(caseload, add_child(caseload))
    letter = _letter(caseload, review)
    assert letter.content["kept"] == [] and letter.content["said"]  # the keys are there
    for key in ("kept", "said", "working_well", "translations", "dyslexia", "picture",
                "source", "review", "false"):  # fmt: skip
        assert _hits(caseload, key, "letters") == [], key
    for words in ("gymnastics", "brother Ollie", "plan a visit", "dentist", "Wrennie"):
        hits = _hits(caseload, words, "letters")
        assert [h.row_id for h in hits] == [letter.id], words
        assert _plain(hits[0].snippet), hits[0].snippet
    assert "[gymnastics]" in _hits(caseload, "gymnastics", "letters")[0].snippet


def test_a_rewritten_letter_is_indexed_afresh(caseload: Caseload) -> None:
    review = held_review(caseload, add_child(caseload))
    _letter(caseload, review)

    def rewrite(op: Op) -> Letter:
        row = op.session.get(Review, review.id)
        assert row is not None
        return letters.save_letter(op, row, today=TODAY, age_band="8_12",
                                   sections={"working_well": "You started swimming."})  # fmt: skip

    run(caseload, rewrite)
    assert _hits(caseload, "gymnastics", "letters") == []
    assert len(_hits(caseload, "swimming", "letters")) == 1


def test_a_childs_answer_with_emoji_and_arabic_is_found_as_plain_text(
    caseload: Caseload,
) -> None:
    review = held_review(caseload, add_child(caseload))
    form = _child_answers(caseload, review, {"good": ANSWER, "home": "great"})
    for words in ("sleeps", "كلب", "سعيد", "called كلب"):
        hits = _hits(caseload, words, "consultations")
        assert [h.row_id for h in hits] == [form.id], words
        assert _plain(hits[0].snippet), hits[0].snippet
    snippet = _hits(caseload, "sleeps", "consultations")[0].snippet
    assert "🐶" in snippet and "كلب سعيد" in snippet  # shown as written, not \ud83d escapes
    for key in ("good", "home"):
        assert _hits(caseload, key, "consultations") == [], key


def test_the_private_answers_stay_out_of_search(caseload: Caseload) -> None:
    review = held_review(caseload, add_child(caseload))

    def go(op: Op) -> Consultation:
        row = op.session.get(Review, review.id)
        assert row is not None
        return consultations.record_child_answers(
            op, row, form_id="child_8_12", answers={"good": "football", "worried": "nightmares"},
            today=TODAY, private={"worried"},
        )  # fmt: skip

    run(caseload, go)
    assert len(_hits(caseload, "football", "consultations")) == 1
    assert _hits(caseload, "nightmares", "consultations") == []


def _old_caseload(folder: Path) -> Caseload:
    """A caseload file as 0011 left it: its letter and answers indexed as raw JSON."""
    from iro_desktop.store import caseload as caseload_file
    from iro_desktop.store import migrations
    from iro_desktop.store.types import Base
    from tests.helpers import PASSPHRASE

    opened = caseload_file.create(folder, passphrase=PASSPHRASE, use_keyring=False)
    with opened.engine.begin() as conn:
        names = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))
        for name in [*(t.name for t in reversed(Base.metadata.sorted_tables)), *names.scalars()]:
            if name != "alembic_version" and not name.startswith("search_fts_"):
                conn.execute(text(f'DROP TABLE IF EXISTS "{name}"'))
        conn.execute(text("DROP TABLE alembic_version"))
    migrations.upgrade(opened.engine, "0011")
    stamp = "1, '2026-01-01 00:00:00', 0"
    said = {"said": "Ollie", "source": "review", "answer": "", "no_answer": False}
    content = {"working_well": "You enjoy gymnastics.", "kept": [], "picture": "", "said": [said]}
    answers = {"good": ANSWER}
    with opened.engine.begin() as conn:
        conn.execute(text(
            f"INSERT INTO children (id, version, updated_at, deleted, child_ref, first_name,"
            f" last_name, date_of_birth, became_looked_after, interpreter_needed,"
            f" unaccompanied_asylum_seeking) VALUES ('c1', {stamp}, 'OLD1', 'Wren',"
            f" 'Elmstead', '2015-04-01', '2019-09-02', 0, 0)"
        ))  # fmt: skip
        conn.execute(text(
            f"INSERT INTO reviews (id, version, updated_at, deleted, child_id, kind, status,"
            f" held_date, participation_code, venue_chosen_by_child, in_lesson_time,"
            f" child_wants_lesson_time, series_of_meetings, invitees, not_wanted, attendees,"
            f" advocate_present, interpreter_present) VALUES ('r1', {stamp}, 'c1', 'first',"
            f" 'held', '2025-02-03', 'PN1', 0, 0, 0, 0, '[]', '[]', '[]', 0, 0)"
        ))  # fmt: skip
        conn.execute(text(
            f"INSERT INTO letters (id, version, updated_at, deleted, child_id, review_id,"
            f" language, age_band, content, written_on) VALUES ('l1', {stamp}, 'c1', 'r1',"
            f" 'en', '8_12', :content, '2025-02-04')"
        ), {"content": json.dumps(content)})  # fmt: skip
        conn.execute(text(
            f"INSERT INTO consultations (id, version, updated_at, deleted, child_id, review_id,"
            f" respondent_type, status, answers, completed_by_child, drawings,"
            f" private_answers) VALUES ('k1', {stamp}, 'c1', 'r1', 'child_8_12', 'returned',"
            f" :answers, 1, '{{}}', '{{}}')"
        ), {"answers": json.dumps(answers)})  # fmt: skip
        body = conn.scalar(text("SELECT body FROM search_fts WHERE body LIKE '%kept%'"))
        assert body is not None and '"kept": []' in body  # the old index, as found
    opened.close()
    return caseload_file.open_caseload(folder, passphrase=PASSPHRASE)


def test_a_caseload_from_0011_has_its_index_rebuilt_and_keeps_its_triggers(
    tmp_path: Path,
) -> None:
    reopened = _old_caseload(tmp_path / "old")
    try:
        assert _hits(reopened, "kept", "letters") == []
        assert _hits(reopened, "source", "letters") == []
        letter = _hits(reopened, "gymnastics", "letters")
        assert [h.row_id for h in letter] == ["l1"] and _plain(letter[0].snippet)
        assert [h.row_id for h in _hits(reopened, "Ollie", "letters")] == ["l1"]
        # Escaped as \\uXXXX in the stored JSON, so never findable before 0012.
        answer = _hits(reopened, "كلب", "consultations")
        assert [h.row_id for h in answer] == ["k1"] and "🐶" in answer[0].snippet
        assert _plain(answer[0].snippet)
        with reopened.session() as s:
            triggers = set(s.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
            rows = s.scalar(text("SELECT count(*) FROM search_rows"))
            gen = s.scalar(text("SELECT n FROM write_gen"))
        for table in ("letters", "consultations", "notes", "children"):
            for suffix in ("ai", "au", "ad"):
                assert f"search_{table}_{suffix}" in triggers
                assert f"write_gen_{table}_{suffix}" in triggers
        assert rows == 4  # child, review, letter, consultation: none lost or doubled

        def note_and_answer(op: Op) -> None:
            form = op.session.get(Consultation, "k1")
            assert form is not None
            form.answers = {"good": "We went to the seaside"}
            op.save(form)

        run(reopened, note_and_answer)
        with reopened.session() as s:
            assert (s.scalar(text("SELECT n FROM write_gen")) or 0) > (gen or 0)
        assert _hits(reopened, "كلب", "consultations") == []
        assert [h.row_id for h in _hits(reopened, "seaside", "consultations")] == ["k1"]
    finally:
        reopened.close()


def _visit(caseload: Caseload, child_id: str, summary: str) -> str:
    from iro_desktop.store.ops import visits
    from iro_desktop.store.schema import Child

    def go(op: Op) -> str:
        child = op.session.get(Child, child_id)
        assert child is not None
        fields = visits.VisitFields(visit_date=date(2026, 10, 1), method="in_person",
                                    seen_alone=True, summary=summary)  # fmt: skip
        return visits.add(op, child, fields, today=TODAY).id

    return run(caseload, go)


def test_an_emoji_or_a_symbol_typed_alone_is_found_as_written(caseload: Caseload) -> None:
    """unicode61 indexes no emoji or symbol (each is a separator), so they are looked for
    in the indexed text as written: alone, beside words, glued to a word."""
    child = add_child(caseload)
    review = held_review(caseload, child)
    visit = _visit(caseload, child.id, "Wren was happy🙂 today and drew ❤️ for Ollie’s £5 gift")
    form = _child_answers(caseload, review, {"good": "My cat 🐱 🙂 and #1 is my room",
                                              "home": "great"})  # fmt: skip
    assert [h.row_id for h in _hits(caseload, "🙂", "visits")] == [visit]
    assert [h.row_id for h in _hits(caseload, "🙂", "consultations")] == [form.id]
    snippet = _hits(caseload, "🙂", "visits")[0].snippet
    assert snippet.startswith("Wren was happy[🙂] today") and _plain(snippet), snippet
    assert _hits(caseload, "🐱", "visits") == []
    assert [h.row_id for h in _hits(caseload, "🐱", "consultations")] == [form.id]
    assert [h.row_id for h in _hits(caseload, "cat 🙂", "consultations")] == [form.id]
    assert _hits(caseload, "dog 🙂", "consultations") == []  # every term must be there
    assert [h.row_id for h in _hits(caseload, "❤️", "visits")] == [visit]  # selector or not
    assert [h.row_id for h in _hits(caseload, "£", "visits")] == [visit]
    assert [h.row_id for h in _hits(caseload, "#", "consultations")] == [form.id]
    # Punctuation beside words is ignored, as before: the apostrophes differ here.
    assert [h.row_id for h in _hits(caseload, "Ollie's", "visits")] == [visit]
    assert _hits(caseload, "   ", "visits") == []
