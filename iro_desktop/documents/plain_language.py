"""Catch care-system jargon in what the IRO writes, and offer the sentence in a child's words.

The glossary is data (``resources/glossary.json``) so an authority can add its own terms
without a release. Acronyms are matched in any case ("pep", "Pep", "PEP"), except those
that are also ordinary words in small letters ("send", "la"), which need two capitals.
Multi-word terms and phrases ("CP concerns", "refer for") are matched whole, the longest
first. Nothing is swapped silently: ``rewrite`` offers the whole sentence rewritten, with
its grammar kept (determiners merged, plurals kept, "a"/"an" agreeing, "you is" mended),
and the IRO accepts it, rewrites it, or keeps the word with an explanation. Pure
functions: no Qt, no I/O after the glossary is loaded once.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from iro_desktop.resources import glossary_path


@dataclass(frozen=True)
class Term:
    term: str
    acronym: bool
    common_word: bool
    group: str
    means: str
    say: str
    explain: str
    unless_next: frozenset[str]


@dataclass(frozen=True)
class Flag:
    """One piece of jargon found at ``text[start:end]``."""

    start: int
    end: int
    found: str
    term: str
    suggestion: str  # the words that take its place, already in number with the text
    means: str
    explain: str  # for the "Words we used" box, if the IRO keeps the word
    group: str = "care"


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...]
    pattern: re.Pattern[str] | None
    by_form: dict[str, tuple[Term, str]]  # normalised form -> (term, its suggestion)

    def term(self, name: str) -> Term | None:
        found = self.by_form.get(_normal(name))
        return found[0] if found else None


def _normal(text: str) -> str:
    return re.sub(r"[\s-]+", " ", text.strip().lower().replace("’", "'"))


def _form_pattern(form: str) -> str:
    escaped = re.escape(form).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]+")
    escaped = escaped.replace("'", "['’]")
    # \b fails next to a dot ("L.A.C.") or a plus ("PP+"): look-arounds mark word edges.
    return rf"(?<![\w.]){escaped}(?:['’]?s|es)?(?![\w])"


def build(data: dict[str, Any]) -> Glossary:
    terms: list[Term] = []
    by_form: dict[str, tuple[Term, str]] = {}
    forms: list[str] = []
    for raw in data["terms"]:
        term = Term(
            term=raw["term"],
            acronym=bool(raw.get("acronym", raw.get("case_sensitive", False))),
            common_word=bool(raw.get("common_word", False)),
            group=raw.get("group", "care"),
            means=raw.get("means", ""),
            say=raw.get("say", ""),
            explain=raw.get("explain") or raw.get("means", ""),
            unless_next=frozenset(w.lower() for w in raw.get("unless_next", [])),
        )
        terms.append(term)
        own: dict[str, str] = dict(raw.get("forms", {}))
        for form in (term.term, *raw.get("also", []), *own):
            by_form.setdefault(_normal(form), (term, own.get(form, term.say)))
            forms.append(form)
    ordered = sorted(set(forms), key=len, reverse=True)  # the longest form wins
    pattern = (
        re.compile("|".join(_form_pattern(f) for f in ordered), re.IGNORECASE) if ordered else None
    )
    return Glossary(tuple(terms), pattern, by_form)


@cache
def load(path: Path | None = None) -> Glossary:
    chosen = path or glossary_path()
    return build(json.loads(chosen.read_text(encoding="utf-8")))


def _lookup(g: Glossary, found: str) -> tuple[Term, str, bool] | None:
    """(term, suggestion, plural) for the matched text, trying it without a plural end."""
    key = _normal(found)
    if key in g.by_form:
        return (*g.by_form[key], False)
    for ending in ("'s", "es", "s"):
        if key.endswith(ending) and key[: -len(ending)] in g.by_form:
            return (*g.by_form[key[: -len(ending)]], ending != "'s")
    return None


def _next_word(text: str, end: int) -> str:
    match = re.match(r"\s+([\w']+)", text[end:])
    return match.group(1).lower() if match else ""


def _typed_as_acronym(found: str) -> bool:
    return sum(ch.isupper() for ch in found) >= 2


def find_jargon(text: str, glossary: Glossary | None = None) -> list[Flag]:
    """Every jargon span in ``text``, in order, never overlapping (the longest wins)."""
    g = glossary or load()
    if g.pattern is None or not text:
        return []
    found: list[Flag] = []
    pos = 0
    while True:
        match = g.pattern.search(text, pos)
        if match is None:
            break
        pos = match.start() + 1
        hit = _lookup(g, match.group(0))
        if hit is None:
            continue
        term, say, plural = hit
        if term.acronym and term.common_word and not _typed_as_acronym(match.group(0)):
            continue  # "send", "la": ordinary words, not SEND or LA
        if _normal(match.group(0)).rstrip("s") == _normal(term.term).rstrip("s") and (
            _next_word(text, match.end()) in term.unless_next
        ):
            continue  # "contact me"
        suggestion = pluralise(say) if plural else say
        found.append(Flag(match.start(), match.end(), match.group(0), term.term, suggestion,
                          term.means, term.explain, term.group))  # fmt: skip
        pos = match.end()
    return found


_DETERMINER = r"(?:the|a|an|your|their|his|her|my|this|our)"
_DET_BEFORE = re.compile(rf"\b{_DETERMINER}\s+$", re.IGNORECASE)
_DET_START = re.compile(rf"^{_DETERMINER}\s", re.IGNORECASE)
_HEAD_END = re.compile(r"\s(?:who|that|which|with|for|of|about|at|in|to|from|on)\s")
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
_DOUBLED = re.compile(rf"\b({_DETERMINER}|to|with|about)\s+\1\b", re.IGNORECASE)
_AGREE = {"is": "are", "was": "were", "has": "have", "does": "do", "isn't": "aren't",
          "wasn't": "weren't", "hasn't": "haven't", "doesn't": "don't"}  # fmt: skip


def pluralise(phrase: str) -> str:
    """ "school plan" -> "school plans"; "teacher who helps" -> "teachers who helps"."""
    if not phrase:
        return phrase
    head = _HEAD_END.search(phrase)
    cut = head.start() if head else len(phrase)
    word_start = phrase.rfind(" ", 0, cut) + 1
    word = phrase[word_start:cut]
    if not word or not word[-1].isalpha() or word.lower() in ("you", "safe", "in", "care"):
        return phrase
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        plural = word[:-1] + "ies"
    elif word.endswith(("s", "x", "ch", "sh")):
        plural = word + "es"
    else:
        plural = word + "s"
    return phrase[:word_start] + plural + phrase[cut:]


def sentence_span(text: str, at: int) -> tuple[int, int]:
    """The sentence of ``text`` that holds position ``at``, without its leading spaces."""
    for match in _SENTENCE.finditer(text):
        if match.start() <= at < max(match.end(), match.start() + 1):
            start = match.start() + len(match.group(0)) - len(match.group(0).lstrip())
            return start, match.end()
    return 0, len(text)


def _swap(before: str, flag: Flag) -> tuple[str, str]:
    """(text before, replacement) for one flag, the grammar of the junction kept."""
    swap = flag.suggestion
    det = _DET_BEFORE.search(before)
    at_start = not before.strip() or before.rstrip().endswith((".", "!", "?", ":"))
    if det and _DET_START.match(swap):
        at_start = not before[: det.start()].strip() or before[: det.start()].rstrip().endswith(
            (".", "!", "?", ":")
        )
        before = before[: det.start()]
    elif det and det.group(0).strip().lower() in ("a", "an"):
        article = "an" if swap[:1].lower() in "aeiou" else "a"
        if det.group(0)[0].isupper():
            article = article.capitalize()
        before = before[: det.start()] + article + " "
    if at_start and swap:
        swap = swap[0].upper() + swap[1:]
    return before, swap


def rewrite(text: str, flags: list[Flag]) -> str:
    """``text`` with each flag replaced by its suggestion, the grammar kept."""
    out = text
    for flag in sorted(flags, key=lambda f: f.start, reverse=True):
        if out[flag.start : flag.end] != flag.found:
            continue
        before, after = out[: flag.start], out[flag.end :]
        before, swap = _swap(before, flag)
        if swap.lower() == "you":
            following = re.match(r"(\s+)([\w']+)", after)
            if following and following.group(2).lower() in _AGREE:
                verb = following.group(2)
                after = following.group(1) + _AGREE[verb.lower()] + after[following.end() :]
        out = before + swap + after
    out = _DOUBLED.sub(r"\1", out)  # "with the the teacher"
    return re.sub(r"[ \t]{2,}", " ", out)


def suggest_sentence(text: str, flag: Flag) -> tuple[int, int, str]:
    """The sentence around ``flag`` and that sentence with every flag in it rewritten."""
    start, end = sentence_span(text, flag.start)
    sentence = text[start:end]
    return start, end, rewrite(sentence, find_jargon(sentence))


def plain_words(text: str) -> str:
    """``text`` with every piece of jargon rewritten: the starting point of a suggestion."""
    return rewrite(text, find_jargon(text))
