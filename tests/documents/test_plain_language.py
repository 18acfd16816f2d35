"""The jargon checker, its sentence rewrites and the reading-ease score: pure, no PDF."""

from __future__ import annotations

import json

import pytest

from iro_desktop.documents import api
from iro_desktop.documents.plain_language import (
    find_jargon,
    load,
    plain_words,
    suggest_sentence,
)
from iro_desktop.documents.reading_ease import TARGETS, reading_ease, score, syllables
from iro_desktop.resources import glossary_path
from tests.documents.test_letter import content


def test_jargon_found_with_spans_and_suggestions() -> None:
    text = "The LA will update your PEP and refer you to CAMHS about contact."
    flags = find_jargon(text)
    found = [text[f.start : f.end] for f in flags]
    assert found == ["LA", "PEP", "refer", "CAMHS", "contact"]
    assert all(f.suggestion for f in flags)
    assert flags[0].suggestion == "the council"


@pytest.mark.parametrize(
    "text",
    ["Laura went to La La Land.", "We had a lovely day at the seaside.", "We met at school.",
     "Please contact me or send me a text.", "You can contact us any time.",
     "We will send it to your new address.", "Your progress at school is great."],
)  # fmt: skip
def test_no_false_alarms(text: str) -> None:
    assert find_jargon(text) == []


@pytest.mark.parametrize(
    ("text", "term"),
    [("your pep", "PEP"), ("Your Pep", "PEP"), ("camhs", "CAMHS"), ("an sdq", "SDQ"),
     ("the lac review", "LAC review"), ("s20", "S20"), ("Section 20", "S20"),
     ("the ICO", "interim care order"), ("the SGO", "special guardianship order"),
     ("care proceedings", "care proceedings"), ("PLO meeting", "PLO"),
     ("core group", "core group"), ("the pathway plan", "pathway plan"),
     ("life story work", "life story work"), ("life-story work", "life story work"),
     ("the IHA", "health assessment"), ("SENCO", "SENCO"), ("the virtual school", "virtual school"),
     ("the YOT", "YOT"), ("the MASH", "MASH"), ("leaving care team", "leaving care team"),
     ("tasked to", "tasked to"), ("going forward", "going forward"), ("liaise with", "liaise"),
     ("the young person", "the young person"), ("SEND", "SEN")],
)  # fmt: skip
def test_the_glossary_covers_every_kind_of_jargon(text: str, term: str) -> None:
    flags = find_jargon(f"We talked about {text} today.")
    assert [f.term for f in flags] == [term]


def test_multi_word_terms_are_matched_whole_and_the_longest_wins() -> None:
    flags = find_jargon("Your statutory review, the interim care order and Looked-After Children.")
    assert [f.found for f in flags] == ["statutory review", "interim care order",
                                        "Looked-After Children"]  # fmt: skip
    groups = {t.group for t in load().terms}
    assert {"legal", "meetings", "health_education", "teams", "phrasing"} <= groups


@pytest.mark.parametrize(
    ("text", "rewritten"),
    [("There are CP concerns.", "There are worries about keeping you safe."),
     ("Your PEPs are late.", "Your school plans are late."),
     ("We met with the designated teacher.",
      "We met with the teacher at school who helps children in care."),
     ("The young person is doing well.", "You are doing well."),
     ("Share the report with the young person.", "Share the report with you."),
     ("The LA will help.", "The council will help."),
     ("An SDQ is due.", "A questionnaire about how you are feeling is due."),
     ("Your SW will call.", "Your social worker will call.")],
)  # fmt: skip
def test_rewrites_keep_the_grammar(text: str, rewritten: str) -> None:
    assert plain_words(text) == rewritten


def test_a_suggestion_is_the_whole_sentence() -> None:
    text = "You are doing well. There are CP concerns at home. See you soon."
    [flag] = find_jargon(text)
    start, end, sentence = suggest_sentence(text, flag)
    assert text[start:end] == "There are CP concerns at home."
    assert sentence == "There are worries about keeping you safe at home."


def test_every_suggestion_and_explanation_is_itself_plain() -> None:
    for term in load().terms:
        for words in (term.say, term.explain):
            others = [f.term for f in find_jargon(words) if f.term != term.term]
            assert not others, (term.term, words, others)


def test_the_bench_scores_the_same_printed_text_as_the_editor() -> None:
    from iro_desktop.devtools import documents_bench as bench
    from iro_desktop.devtools.bench import BenchReport
    from iro_desktop.documents.letter import printed_parts

    report = BenchReport()
    bench.reading_figures(report)
    assert len(report.figures) == len(bench.BANDS)
    for n, (band, figure) in enumerate(zip(bench.BANDS, report.figures, strict=True)):
        editor = api.check_content(bench.sample(n)).reading
        printed = [p.text for p in printed_parts(bench.sample(n)) if p.source == "iro"]
        assert figure.value == editor.score == reading_ease("\n\n".join(printed), band).score
        assert band.replace("_", " ") in figure.name


def test_an_authority_can_add_a_term(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(glossary_path().read_text(encoding="utf-8"))
    data["terms"].append({"term": "Blue Door Project", "means": "the local youth project",
                          "say": "youth club"})  # fmt: skip
    mine = tmp_path / "glossary.json"
    mine.write_text(json.dumps(data), encoding="utf-8")
    flags = find_jargon("You go to the blue door project.", load(mine))
    assert [f.suggestion for f in flags] == ["youth club"]


def test_syllables() -> None:
    cases = {"cat": 1, "table": 2, "happy": 2, "beautiful": 3, "make": 1, "played": 1,
             "wanted": 2, "school": 1, "everyone": 3, "houses": 2, "social": 2}  # fmt: skip
    assert {w: syllables(w) for w in cases} == cases


def test_reading_ease_orders_text_sensibly() -> None:
    easy, *_ = score("You are safe. You like your home. We will see you soon.")
    hard, *_ = score(
        "The statutory review considered the appropriateness of the accommodation arrangements "
        "and determined that comprehensive multidisciplinary assessment was necessary."
    )
    assert easy is not None and hard is not None
    assert easy > 90 > 30 > hard
    assert TARGETS["under_8"] > TARGETS["8_12"] > TARGETS["13_plus"]
    young = reading_ease("You are safe. You like your home.", "under_8")
    assert young.meets_target and "meets the target" in young.describe()
    # A score just under the target never prints as equal to it.
    from dataclasses import replace

    short = replace(young, score=young.target - 0.4)
    assert f"{young.target - 0.4:.1f}" in short.describe() and "below" in short.describe()
    assert reading_ease("", "8_12").score is None
    assert reading_ease("مرحبا", "8_12", "ar").score is None


def test_acronyms_and_unknown_words_cost_more() -> None:
    plain, *_ = score("Your school plan and your nurse are fine.")
    acronyms, *_ = score("Your PEP and your LAC nurse are fine.")
    unknown, *_ = score("Your provision and your practitioner are fine.")
    assert plain is not None and acronyms is not None and unknown is not None
    assert plain > acronyms and plain > unknown
    packed = reading_ease("The IRO, SW, TM and PA will check the PEP and SDQ.", "8_12")
    assert not packed.meets_target
    assert {"IRO", "PEP", "SDQ"} <= set(packed.unknown)
    assert packed.hardest and packed.hardest[0].text.startswith("The IRO")


def test_the_check_reads_the_letter_as_it_prints() -> None:
    from iro_desktop.documents.content import DecisionLine, KeptWord

    c = content(
        worried_about="The LA is late with your PEP. You are doing well 😀.",
        child_words="My PEP is rubbish.\nCan I see my sister more?",
        decisions=(
            DecisionLine("Social worker", "Refer for life story work", None),
            DecisionLine("IRO", "x", None, sentence="I will chase the PLO."),
        ),
    )
    check = api.check_content(c)  # fmt: skip
    assert [f.found for f in check.jargon["worried_about"]] == ["LA", "PEP"]
    assert "decision 1" not in check.jargon  # suggested in plain words
    assert [f.found for f in check.jargon["decision 2"]] == ["PLO"]  # the IRO's own sentence
    assert "said 1" not in check.jargon  # the child's words are never checked
    assert check.unprintable == "😀"
    assert not check.ready and len(check.unanswered) == 2
    kept = content(worried_about="The LA is late.", child_words="",
                   kept=(KeptWord("LA", "the council, who look after you"),))  # fmt: skip
    assert api.check_content(kept).unresolved == [] and api.check_content(kept).ready
