"""Catch care-system jargon in what the IRO writes, and suggest a child's words for it.

The letter editor calls ``find_jargon`` as the IRO types and underlines each span with its
suggestion; printing calls ``replace_jargon`` for the few terms where a straight swap reads
well ("PEP" -> "school plan"). The glossary is data (``resources/glossary.json``) so an
authority can add its own acronyms without a release. Pure functions: no Qt, no I/O after
the glossary is loaded once.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from iro_desktop.resources import glossary_path


@dataclass(frozen=True)
class Term:
    term: str
    forms: tuple[str, ...]
    case_sensitive: bool
    means: str
    say: str
    replace: str | None


@dataclass(frozen=True)
class Flag:
    """One piece of jargon found at ``text[start:end]``."""

    start: int
    end: int
    found: str
    term: str
    suggestion: str
    means: str
    replace: str | None


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...]
    pattern_sensitive: re.Pattern[str] | None
    pattern_insensitive: re.Pattern[str] | None
    by_form: dict[str, Term]

    def lookup(self, found: str) -> Term | None:
        return self.by_form.get(found) or self.by_form.get(found.lower())


def _form_pattern(form: str, acronym: bool) -> str:
    escaped = re.escape(form).replace(r"\ ", r"[\s-]+")
    plural = "(?:'?s)?" if acronym else "(?:s|es)?"
    # \b fails next to a dot ("L.A.C."), so look-arounds mark the edges of words instead.
    return rf"(?<![\w.]){escaped}{plural}(?![\w])"


def build(data: dict[str, object]) -> Glossary:
    terms = []
    for raw in data["terms"]:  # type: ignore[attr-defined]
        forms = (raw["term"], *raw.get("also", []))
        terms.append(
            Term(
                term=raw["term"],
                forms=tuple(forms),
                case_sensitive=bool(raw.get("case_sensitive", False)),
                means=raw.get("means", ""),
                say=raw.get("say", ""),
                replace=raw.get("replace"),
            )
        )
    by_form: dict[str, Term] = {}
    sensitive, insensitive = [], []
    # Longest forms first, so "statutory review" wins over "statutory".
    for term in terms:
        for form in term.forms:
            if term.case_sensitive:
                by_form[form] = term
                sensitive.append(form)
            else:
                by_form[form.lower()] = term
                insensitive.append(form)

    def compile_all(forms: list[str], acronym: bool, flags: int) -> re.Pattern[str] | None:
        if not forms:
            return None
        ordered = sorted(set(forms), key=len, reverse=True)
        return re.compile("|".join(f"({_form_pattern(f, acronym)})" for f in ordered), flags)

    return Glossary(
        tuple(terms),
        compile_all(sensitive, True, 0),
        compile_all(insensitive, False, re.IGNORECASE),
        by_form,
    )


@cache
def load(path: Path | None = None) -> Glossary:
    chosen = path or glossary_path()
    return build(json.loads(chosen.read_text(encoding="utf-8")))


def _term_for(glossary: Glossary, found: str, sensitive: bool) -> Term | None:
    key = found if sensitive else found.lower()
    term = glossary.by_form.get(key)
    if term is None:  # a plural: strip the ending and try again
        for ending in ("'s", "es", "s"):
            if key.endswith(ending):
                term = glossary.by_form.get(key[: -len(ending)])
                if term is not None:
                    break
    if term is None and not sensitive:
        squashed = re.sub(r"[\s-]+", " ", key)
        term = glossary.by_form.get(squashed) or glossary.by_form.get(squashed.rstrip("s"))
    return term


def find_jargon(text: str, glossary: Glossary | None = None) -> list[Flag]:
    """Every jargon span in ``text``, in order, never overlapping (the longest wins)."""
    g = glossary or load()
    found: list[Flag] = []
    for pattern, sensitive in ((g.pattern_sensitive, True), (g.pattern_insensitive, False)):
        if pattern is None:
            continue
        for match in pattern.finditer(text):
            term = _term_for(g, match.group(0), sensitive)
            if term is None:
                continue
            found.append(
                Flag(
                    match.start(),
                    match.end(),
                    match.group(0),
                    term.term,
                    term.say,
                    term.means,
                    term.replace,
                )
            )
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Flag] = []
    for flag in found:
        if kept and flag.start < kept[-1].end:
            continue
        kept.append(flag)
    return kept


_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|your|their|his|her)\s+$", re.IGNORECASE)
_DETERMINER_START = re.compile(r"^(?:the|a|an|your|their)\s", re.IGNORECASE)


def replace_jargon(text: str, glossary: Glossary | None = None) -> str:
    """``text`` with each jargon term that has a safe swap replaced; the rest unchanged.

    "The LA will" becomes "The council will", not "The the council will": a replacement
    that brings its own determiner takes the place of the one before the term.
    """
    out: list[str] = []
    last = 0
    for flag in find_jargon(text, glossary):
        if flag.replace is None:
            continue
        before = text[last : flag.start]
        swap = flag.replace
        det = _DETERMINER_BEFORE.search(before)
        if det and _DETERMINER_START.match(swap):
            keep_capital = before[det.start()].isupper()
            before = before[: det.start()]
            if keep_capital:
                swap = swap[0].upper() + swap[1:]
        elif flag.found[0].isupper() and (
            (not "".join(out).strip() and not before.strip())
            or before.rstrip().endswith((".", "!", "?"))
        ):
            swap = swap[0].upper() + swap[1:]
        out.append(before)
        out.append(swap)
        last = flag.end
    out.append(text[last:])
    return "".join(out)
