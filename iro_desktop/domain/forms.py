"""Consultation question sets: what each form asks, and what an answer may be.

The question sets are data (``resources/forms/*.json``, see its README) so an authority can
reword a question without a release. This module only checks a set once it is read and
cleans the answers against it; reading the files is the store's job.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from iro_desktop.domain.errors import ValidationError

FORMAT = 1
KINDS = ("text", "faces", "choice", "yes_no")
AUDIENCES = ("child", "adult", "professional")
ANSWER_MAX = 5000

# The emoji scale for the youngest: stored by key, shown as a face and a word.
FACES: tuple[tuple[str, str, str], ...] = (
    ("great", "😀", "Great"),
    ("good", "😊", "Good"),
    ("okay", "😐", "Okay"),
    ("not_good", "😟", "Not good"),
    ("bad", "😢", "Bad"),
)
FACE_KEYS = tuple(key for key, _emoji, _word in FACES)
YES_NO = ("yes", "no")


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    kind: str
    hint: str | None = None
    choices: tuple[str, ...] = ()
    pictures: tuple[str, ...] = ()
    """Keys of ``resources/pictures`` a child may tap to answer a text question."""


@dataclass(frozen=True)
class FormSpec:
    """One question set. ``respondent_types`` are the codes it serves (codes.RESPONDENT_TYPES)."""

    id: str
    title: str
    audience: str
    respondent_types: tuple[str, ...]
    questions: tuple[Question, ...]
    intro: str = ""
    ages: tuple[int, int] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def for_child(self) -> bool:
        return self.audience == "child"

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise ValidationError("answers", f"'{question_id}' is not a question on this form")


def _text(data: Mapping[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(where, f"needs '{key}' as text")
    return value.strip()


def parse_form(data: Mapping[str, Any], where: str = "form") -> FormSpec:
    """Check one question set as read from its file; say plainly what is wrong."""
    if data.get("format") != FORMAT:
        raise ValidationError(where, f'needs "format": {FORMAT}')
    form_id = _text(data, "id", where)
    audience = _text(data, "audience", where)
    if audience not in AUDIENCES:
        raise ValidationError(where, f"audience must be one of {', '.join(AUDIENCES)}")
    types = data.get("respondent_types") or [form_id]
    if not isinstance(types, list) or not all(isinstance(t, str) for t in types):
        raise ValidationError(where, "respondent_types must be a list of codes")
    raw_questions = data.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        raise ValidationError(where, "needs at least one question")
    questions: list[Question] = []
    for number, item in enumerate(raw_questions, 1):
        questions.append(_parse_question(item, f"{where} question {number}"))
    ids = [q.id for q in questions]
    if len(set(ids)) != len(ids):
        raise ValidationError(where, "has two questions with the same id")
    ages = data.get("ages")
    if ages is not None and (
        not isinstance(ages, list) or len(ages) != 2 or not all(isinstance(a, int) for a in ages)
    ):
        raise ValidationError(where, "ages must be [youngest, oldest]")
    known = {"format", "id", "title", "audience", "respondent_types", "questions", "intro", "ages"}
    return FormSpec(
        id=form_id,
        title=_text(data, "title", where),
        audience=audience,
        respondent_types=tuple(types),
        questions=tuple(questions),
        intro=str(data.get("intro") or ""),
        ages=(ages[0], ages[1]) if ages else None,
        extra={k: v for k, v in data.items() if k not in known},
    )


def _parse_question(item: Any, where: str) -> Question:
    if not isinstance(item, Mapping):
        raise ValidationError(where, "must be an object")
    kind = str(item.get("kind") or "text")
    if kind not in KINDS:
        raise ValidationError(where, f"kind must be one of {', '.join(KINDS)}")
    choices = item.get("choices") or []
    if kind == "choice" and (
        not isinstance(choices, list)
        or len(choices) < 2
        or not all(isinstance(c, str) for c in choices)
    ):
        raise ValidationError(where, "a choice question needs at least two choices")
    hint = item.get("hint")
    pictures = item.get("pictures") or []
    if not isinstance(pictures, list) or not all(isinstance(p, str) for p in pictures):
        raise ValidationError(where, "pictures must be a list of picture names")
    return Question(
        id=_text(item, "id", where),
        text=_text(item, "text", where),
        kind=kind,
        hint=str(hint) if hint else None,
        choices=tuple(choices) if kind == "choice" else (),
        pictures=tuple(pictures) if kind == "text" else (),
    )


def clean_answers(form: FormSpec, answers: Mapping[str, Any]) -> dict[str, str]:
    """Keep what was answered, checked against the form; any question may be skipped.

    Blank answers are dropped (skipping is always allowed), so an empty form stays empty.
    """
    cleaned: dict[str, str] = {}
    for question_id, value in answers.items():
        question = form.question(question_id)
        if value is None:
            continue
        if not isinstance(value, str):
            raise ValidationError(question_id, "must be text")
        text = value.strip()
        if not text:
            continue
        if "\x00" in text:
            raise ValidationError(question_id, "contains a character that cannot be stored")
        if len(text) > ANSWER_MAX:
            raise ValidationError(
                question_id, f"is too long ({len(text):,} characters; the most is {ANSWER_MAX:,})"
            )
        allowed: tuple[str, ...] = ()
        if question.kind == "faces":
            allowed = FACE_KEYS
        elif question.kind == "yes_no":
            allowed = YES_NO
        elif question.kind == "choice":
            allowed = question.choices
        if allowed and text not in allowed:
            raise ValidationError(question_id, f"must be one of: {', '.join(allowed)}")
        cleaned[question_id] = text
    return cleaned
