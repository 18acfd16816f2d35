"""Child mode's words in the child's language, from ``resources/child_mode/<code>.json``.

Each file holds child mode's own wording (``ui``), the faces, the pictures, the postcard and
each children's question set (``forms``: the question ids of ``resources/forms``) in one
language; anything a file lacks is shown in English. Answers are still saved by key or in
English (faces as ``great``, pictures by their English word, choices by the form's text), so
the record reads the same whatever language the child used. Right-to-left follows the
letter wording's ``meta.direction`` for that language (``resources/letters``).
"""

from __future__ import annotations

import json
from dataclasses import replace
from functools import cache
from typing import Any

from iro_desktop.documents import wording
from iro_desktop.domain.forms import FormSpec, Question
from iro_desktop.resources import resources_dir

FORMAT = 1


@cache
def _load(code: str) -> dict[str, Any]:
    path = resources_dir() / "child_mode" / f"{code}.json"
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f'{path.name} needs "format": {FORMAT}')
    return data


def has_words(code: str) -> bool:
    return bool(_load(code))


def language_name(code: str) -> str:
    try:
        return wording.load(code).name
    except Exception:  # an unknown code: say the code itself
        return code


def letter_font(code: str) -> str | None:
    """The bundled font the letters use for the language (``meta.font``), or None."""
    try:
        return wording.load(code).font
    except Exception:
        return None


def is_rtl(code: str) -> bool:
    try:
        return bool(wording.load(code).rtl)
    except Exception:
        return False


class Words:
    """``words("next")``: child mode's wording in ``code``, English where it has none."""

    def __init__(self, code: str = "en") -> None:
        self.code = code if has_words(code) else "en"
        self.asked = code
        self.data = _load(self.code)
        self.english = _load("en")
        self.rtl = is_rtl(self.code)

    @property
    def missing(self) -> bool:
        """The child's language has no child-mode words: shown in English instead."""
        return self.asked != self.code

    @property
    def unchecked(self) -> bool:
        return bool(self.data.get("needs_translator_check"))

    def _part(self, part: str, key: str) -> str | None:
        for source in (self.data, self.english):
            found = (source.get(part) or {}).get(key)
            if isinstance(found, str) and found:
                return found
        return None

    def __call__(self, key: str, **values: object) -> str:
        text = self._part("ui", key)
        if text is None:
            raise KeyError(f"child mode has no wording for '{key}'")
        return text.format(**values) if values else text

    def face(self, key: str, english: str) -> str:
        return self._part("faces", key) or english

    def picture(self, key: str, english: str) -> str:
        return self._part("pictures", key) or english

    def postcard(self, key: str, english: str) -> str:
        return self._part("postcard", key) or english

    def _form(self, form_id: str) -> dict[str, Any]:
        found = (self.data.get("forms") or {}).get(form_id)
        return found if isinstance(found, dict) else {}

    def intro(self, form: FormSpec) -> str:
        return str(self._form(form.id).get("intro") or form.intro or "")

    def greeting(self, form_id: str, english: str) -> str:
        return str(self._form(form_id).get("greeting") or english)

    def question(self, form_id: str, question: Question) -> Question:
        """The question in the child's language; ids and choice keys stay as they are."""
        own = (self._form(form_id).get("questions") or {}).get(question.id)
        if not isinstance(own, dict):
            return question
        return replace(question, text=str(own.get("text") or question.text),
                       hint=str(own["hint"]) if own.get("hint") else question.hint)  # fmt: skip

    def choice(self, form_id: str, question_id: str, choice: str) -> str:
        own = (self._form(form_id).get("questions") or {}).get(question_id) or {}
        shown = (own.get("choices") or {}) if isinstance(own, dict) else {}
        return str(shown.get(choice) or choice)
