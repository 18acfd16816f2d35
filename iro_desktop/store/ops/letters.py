"""The letter to the young person, as the IRO wrote it in the editor.

One letter per held review: saving again rewrites it (a new version, audited and synced
like every other row). ``Letter.content`` holds what ``documents.content`` reads back:
name, working_well, worried_about, needs_to_happen, child_words, decisions (a list of
owner/what/due and the child-facing sentence), picture (base64), the jargon kept with its
explanation, the answers to what the child said, the IRO's own text in the child's
language, the dyslexia_font choice, and ``sources``: the review's decisions as they were
when the letter was written or last brought up to date (``refresh_decisions``), so a
decision corrected, added or deleted since is noticed before the letter is printed.
Limits are generous for a letter and firm for anything else, so a pasted book or a
camera's raw file is refused with a message instead of bloating the caseload.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from iro_desktop.domain.dates import format_date
from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.letter_sources import COPIED, Snapshot
from iro_desktop.resources import letters_dir
from iro_desktop.store.ops.core import Op
from iro_desktop.store.ops.validate import not_after, not_before, optional_text
from iro_desktop.store.reads.letter_sources import SOURCES, decision_sources, recorded_sources
from iro_desktop.store.schema import AuditEntry, Decision, Letter, Review

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
    decision_id: str = ""  # the review's decision this line was made from


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
        line = {"owner": owner, "what": what, "due": row.due.isoformat() if row.due else None,
                "sentence": optional_text(row.sentence, f"decision {n}", WHAT_MAX) or "",
                "professional_text": (row.professional_text or "")[:WHAT_MAX]}  # fmt: skip
        if row.decision_id:
            line["decision_id"] = row.decision_id[:36]
        out.append(line)
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
    sources: Snapshot | None = None,
) -> Letter:
    """Write (or rewrite) the letter for a held review. All checks run before any write.

    ``sources`` is the snapshot of the decisions the letter's lines were made from, as the
    editor read them; None takes the decisions as they are now. Saving a letter whose
    decisions have changed since keeps its old snapshot, so the notice stays until the IRO
    brings the decisions up to date."""
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
    content[SOURCES] = {"decisions": dict(sources) if sources is not None
                        else decision_sources(op.session, review.id)}  # fmt: skip
    letter = letter_for(op, review)
    if letter is None:
        letter = Letter(child_id=review.child_id, review_id=review.id)
    letter.language, letter.age_band = code, age_band
    letter.content, letter.written_on = content, today
    op.save(letter)
    return letter


def _lines(content: Mapping[str, Any]) -> list[dict[str, Any]]:
    found = content.get("decisions")
    return [dict(d) for d in found if isinstance(d, dict)] if isinstance(found, list) else []


def _redated(line: Mapping[str, Any], now: Decision) -> str:
    """The IRO's sentence with the old date swapped for the new one; "" (the suggestion
    afresh) when the sentence does not say the old date in full."""
    sentence = str(line.get("sentence") or "")
    old = line.get("due")
    if not sentence or not isinstance(old, str) or not old:
        return ""
    said = format_date(date.fromisoformat(old))
    if said not in sentence or now.due_date is None:
        return ""
    return sentence.replace(said, format_date(now.due_date))


def refresh_decisions(op: Op, letter: Letter, *, today: date) -> Letter:
    """Bring the letter's decisions up to date with the review record, keeping the IRO's
    own wording everywhere else (sections, answers, kept words, other translations).

    An unchanged decision keeps the IRO's sentence and translation; a corrected one keeps
    the sentence with its new date where only the date moved, else it is suggested afresh;
    a deleted one leaves the letter; a new one comes in with a suggested sentence.
    """
    if letter.deleted or letter.review_id is None:
        raise ValidationError("letter", "has been deleted")
    review = op.session.get(Review, letter.review_id)
    if review is None or review.deleted:
        raise ValidationError("review", "is no longer on the caseload")
    content = dict(letter.content or {})
    recorded = recorded_sources(content) or {}
    live = decision_sources(op.session, review.id)
    rows = {d.id: d for d in op.session.scalars(select(Decision).where(Decision.id.in_(live)))}
    old_lines = _lines(content)
    by_id = {str(d["decision_id"]): (n, d) for n, d in enumerate(old_lines, 1)
             if d.get("decision_id")}  # fmt: skip
    by_words = {(str(d.get("professional_text") or ""), str(d.get("owner") or "")): (n, d)
                for n, d in enumerate(old_lines, 1) if not d.get("decision_id")}  # fmt: skip
    translations = dict(content.get("translations") or {})
    kept_translations = {k: v for k, v in translations.items() if not k.startswith("decision ")}
    lines: list[dict[str, Any]] = []
    for decision_id, now in live.items():
        row = rows[decision_id]
        found = by_id.get(decision_id) or by_words.get((row.text, row.owner))
        was = recorded.get(decision_id)
        fresh = {"owner": row.owner, "what": (row.child_friendly_text or row.text)[:WHAT_MAX],
                 "due": now["due"], "sentence": "", "professional_text": row.text[:WHAT_MAX],
                 "decision_id": decision_id}  # fmt: skip
        if found is not None:
            n, old = found
            same = was is not None and all(was.get(k) == now.get(k) for k in COPIED)
            if same or (was is None and old.get("due") == now["due"]):
                fresh["sentence"] = str(old.get("sentence") or "")
            elif was is not None and all(was.get(k) == now.get(k) for k in COPIED if k != "due"):
                fresh["sentence"] = _redated(old, row)
            if fresh["sentence"] and f"decision {n}" in translations and same:
                kept_translations[f"decision {len(lines) + 1}"] = translations[f"decision {n}"]
        lines.append(fresh)
    content["decisions"] = lines[:DECISIONS_MAX]
    content["translations"] = kept_translations
    content[SOURCES] = {"decisions": live}
    letter.content, letter.written_on = content, max(today, letter.written_on)
    op.label = "bring the letter's decisions up to date"
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
