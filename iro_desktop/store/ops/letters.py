"""The letter to the young person, as the IRO wrote it in the editor.

One letter per held review: saving again rewrites it (a new version, audited and synced
like every other row). ``Letter.content`` holds what ``documents.content`` reads back:
name, working_well, worried_about, needs_to_happen, child_words, decisions (a list of
owner/what/due and the child-facing sentence), picture (base64), the jargon kept with its
explanation, the answers to what the child said, the IRO's own text in the child's
language, and the dyslexia_font choice. Limits are generous
for a letter and firm for anything else, so a pasted book or a camera's raw file is
refused with a message instead of bloating the caseload.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from iro_desktop.domain.errors import ValidationError
from iro_desktop.resources import letters_dir
from iro_desktop.store.ops.core import Op
from iro_desktop.store.ops.validate import not_after, not_before, optional_text
from iro_desktop.store.schema import AuditEntry, Letter, Review

AGE_BANDS = ("under_8", "8_12", "13_plus")
SECTIONS = ("working_well", "worried_about", "needs_to_happen", "child_words")
SECTION_MAX = 8_000  # about three pages of large type: more is not a letter to a child
NAME_MAX = 100
OWNER_MAX = 200
WHAT_MAX = 1_000
DECISIONS_MAX = 60
PICTURE_MAX = 4 * 1024 * 1024  # bytes, after the editor has scaled it down
_PICTURE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


@dataclass(frozen=True)
class LetterDecision:
    """One decision as the child reads it: who will do what, by when."""

    owner: str
    what: str
    due: date | None = None
    sentence: str = ""  # the whole sentence the child reads, as the IRO wrote it
    professional_text: str = ""  # the decision as the review recorded it


@dataclass(frozen=True)
class LetterAnswer:
    """Something the child said, and the letter's answer (or a choice to leave it out)."""

    said: str
    source: str = "review"
    answer: str = ""
    no_answer: bool = False


def check_language(code: str) -> str:
    cleaned = (code or "").strip().lower()
    if not _LANGUAGE.match(cleaned) or not (letters_dir() / f"{cleaned}.json").is_file():
        known = ", ".join(sorted(p.stem for p in letters_dir().glob("*.json")))
        raise ValidationError("language", f"there is no letter wording for '{code}' ({known})")
    return cleaned


def check_picture(data: bytes | None) -> bytes | None:
    """A PNG, JPEG or GIF no bigger than ``PICTURE_MAX``; anything else is refused."""
    if not data:
        return None
    if len(data) > PICTURE_MAX:
        raise ValidationError(
            "picture", f"is too big ({len(data) / 1048576:.1f} MB; the most is "
            f"{PICTURE_MAX // 1048576} MB). Choose a smaller picture.",
        )  # fmt: skip
    if not data.startswith(_PICTURE_MAGIC):
        raise ValidationError("picture", "is not a PNG, JPEG or GIF picture")
    return data


def _decisions(rows: Sequence[LetterDecision], review: Review) -> list[dict[str, Any]]:
    if len(rows) > DECISIONS_MAX:
        raise ValidationError("decisions", f"has {len(rows)} lines; the most is {DECISIONS_MAX}")
    out: list[dict[str, Any]] = []
    for n, row in enumerate(rows, 1):
        what = optional_text(row.what, f"decision {n}", WHAT_MAX)
        if what is None:
            continue  # an emptied line is left out of the letter
        owner = optional_text(row.owner, f"decision {n} (who)", OWNER_MAX) or ""
        if row.due is not None and review.held_date is not None:
            not_before(row.due, review.held_date, f"decision {n} (by when)", "the review")
        out.append({"owner": owner, "what": what,
                    "due": row.due.isoformat() if row.due else None,
                    "sentence": optional_text(row.sentence, f"decision {n}", WHAT_MAX) or "",
                    "professional_text": (row.professional_text or "")[:WHAT_MAX]})  # fmt: skip
    return out


def _kept(kept: Mapping[str, str]) -> list[dict[str, str]]:
    """Jargon kept on purpose: each needs its explanation for the "Words we used" box."""
    out = []
    for term, explanation in kept.items():
        words = optional_text(explanation, f"the explanation of “{term}”", WHAT_MAX)
        if words is None:
            raise ValidationError("kept", f"“{term}” is kept, so it needs an explanation "
                                  "the child can read")  # fmt: skip
        out.append({"term": term.strip()[:OWNER_MAX], "explanation": words})
    return out


def _answers(answers: Sequence[LetterAnswer]) -> list[dict[str, Any]]:
    return [{"said": a.said[:SECTION_MAX], "source": a.source[:20],
             "answer": optional_text(a.answer, f"the answer to “{a.said[:40]}”", SECTION_MAX)
             or "", "no_answer": bool(a.no_answer)}
            for a in answers[:DECISIONS_MAX] if a.said.strip()]  # fmt: skip


def letter_for(op: Op, review: Review) -> Letter | None:
    return op.session.scalar(
        select(Letter)
        .where(Letter.review_id == review.id, Letter.deleted.is_(False))
        .order_by(Letter.written_on.desc(), Letter.updated_at.desc())
        .limit(1)
    )


def save_letter(
    op: Op,
    review: Review,
    *,
    today: date,
    age_band: str,
    language: str = "en",
    name: str | None = None,
    sections: dict[str, str] | None = None,
    decisions: Sequence[LetterDecision] = (),
    picture: bytes | None = None,
    dyslexia_font: bool = False,
    kept: Mapping[str, str] | None = None,
    answers: Sequence[LetterAnswer] = (),
    translations: Mapping[str, str] | None = None,
) -> Letter:
    """Write (or rewrite) the letter for a held review. All checks run before any write."""
    if review.status != "held" or review.held_date is None or review.deleted:
        raise ValidationError("review", "has not been held yet, so there is no letter to write")
    if age_band not in AGE_BANDS:
        raise ValidationError("age_band", f"must be one of {', '.join(AGE_BANDS)}")
    given = sections or {}
    unknown = set(given) - set(SECTIONS)
    if unknown:
        raise ValidationError(sorted(unknown)[0], "is not a part of the letter")
    content: dict[str, Any] = {
        key: optional_text(given.get(key), key, SECTION_MAX) or "" for key in SECTIONS
    }
    content["name"] = optional_text(name, "name", NAME_MAX) or ""
    content["decisions"] = _decisions(decisions, review)
    checked = check_picture(picture)
    content["picture"] = base64.b64encode(checked).decode("ascii") if checked else ""
    content["dyslexia_font"] = bool(dyslexia_font)
    content["kept"] = _kept(kept or {})
    content["said"] = _answers(answers)
    content["translations"] = {
        key: text for key, value in (translations or {}).items()
        if (text := optional_text(value, f"{key} (translation)", SECTION_MAX))
    }  # fmt: skip
    code = check_language(language)
    letter = letter_for(op, review)
    if letter is None:
        letter = Letter(child_id=review.child_id, review_id=review.id)
    letter.language, letter.age_band = code, age_band
    letter.content, letter.written_on = content, today
    op.save(letter)
    return letter


def mark_printed(op: Op, letter: Letter, *, on: date, today: date) -> Letter:
    """The day the letter was printed (or saved as a PDF) to give to the young person."""
    if letter.deleted:
        raise ValidationError("letter", "has been deleted")
    not_after(on, today, "printed_on", "today")
    not_before(on, letter.written_on, "printed_on", "the day the letter was written")
    letter.printed_on = on
    op.save(letter)
    return letter


def record_printed_anyway(op: Op, review: Review, problems: Sequence[str]) -> None:
    """The audit's note that a letter was printed with flags unresolved, and which: the
    ``letter`` command's ``--print-anyway`` is allowed, never silent."""
    op.session.add(
        AuditEntry(
            actor=op.actor.email,
            device=op.actor.device,
            action="letter_printed_with_flags",
            table_name="reviews",
            row_id=review.id,
            child_id=review.child_id,
            fields=[p[:300] for p in problems[:100]],
        )
    )
    op.changes.tables.add("audit_log")
