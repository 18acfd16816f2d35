"""How easy the letter is to read: the Flesch reading ease score, computed offline.

Flesch (1948) = 206.835 - 1.015 x (words per sentence) - 84.6 x (syllables per word).
Higher is easier: 90-100 suits an average 11-year-old, 60-70 a 13-15-year-old. The
syllable counter is a small rule set, good to about one syllable in ten on everyday
words, which is all a guide for the IRO needs; it needs no dictionary and no download.

Two changes make it fair to a child, who cannot sound out what they have never met: an
acronym counts one syllable per letter (as it is read aloud: C-A-M-H-S), and a word that
is on no children's word list (the Dale-Chall list of words familiar to young readers,
``resources/words``, with British and care words added) counts one syllable more. Names
(capitalised inside a sentence) are not penalised. The editor, the bench and the tests
all score ``api.check_content``'s printed text, so they agree. Only English is scored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from iro_desktop.resources import words_dir

# Each age band's target, set a little above the level of a typical reader of that age
# because many children in care read below their age.
TARGETS = {"under_8": 85.0, "8_12": 75.0, "13_plus": 65.0}

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n\s*\n")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_EXCEPTIONS = {
    "the": 1, "every": 2, "everyone": 3, "people": 2, "area": 3, "idea": 3, "create": 2,
    "business": 2, "family": 3, "different": 3, "interested": 3, "evening": 2, "being": 2,
    "going": 2, "doing": 2, "seeing": 2, "review": 2, "reviews": 2, "science": 2,
    "social": 2, "special": 2, "because": 2, "someone": 2, "sometimes": 2, "little": 2,
    "whole": 1, "iro": 3, "video": 3, "radio": 3, "piano": 3, "quiet": 2, "poem": 2,
}  # fmt: skip


def syllables(word: str) -> int:
    """Syllables in one English word (at least one)."""
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return 0
    if w in _EXCEPTIONS:
        return _EXCEPTIONS[w]
    if len(w) <= 3:
        return 1
    count = len(_VOWEL_GROUPS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1  # silent e: make, time, home
    elif w.endswith("es") and count > 1 and not re.search(r"(?:[sxz]|ch|sh|ce|ge)es$", w):
        count -= 1  # makes, homes
    elif w.endswith("ed") and count > 1 and not re.search(r"[td]ed$", w):
        count -= 1  # played, helped
    if w.endswith("le") and len(w) > 3 and w[-3] in "aeiouy":
        count -= 1  # whale, smile (le after a vowel is silent)
    return max(1, count)


@cache
def known_words() -> frozenset[str]:
    """The children's word list: every file in ``resources/words`` named ``*_en.txt``."""
    found: set[str] = set()
    for path in sorted(words_dir().glob("*_en.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                found.add(line.strip().lower())
    return frozenset(found)


def is_acronym(word: str) -> bool:
    return len(word) >= 2 and sum(ch.isupper() for ch in word) >= 2


def is_known(word: str) -> bool:
    """On the children's list, as written or with a common ending taken off."""
    w = word.lower().replace("’", "'")
    known = known_words()
    if w in known or w.split("'")[0] in known:
        return True
    for ending, add in (("s", ""), ("es", ""), ("ies", "y"), ("ed", ""), ("ed", "e"),
                        ("ing", ""), ("ing", "e"), ("ly", ""), ("er", ""), ("est", ""),
                        ("'s", ""), ("n't", "")):  # fmt: skip
        if w.endswith(ending) and w[: -len(ending)] + add in known:
            return True
    if len(w) > 4 and w[-3] == w[-4] and w.endswith(("ing", "ed")):
        return w[:-4] in known or w[:-3].rstrip(w[-4]) in known  # running, stopped
    return False


def _weight(word: str, sentence_start: bool) -> int:
    """The syllables a word costs a young reader."""
    if is_acronym(word):
        return max(2, sum(ch.isalpha() for ch in word))
    own = syllables(word)
    if word[:1].isupper() and not sentence_start:
        return own  # a name
    return own if is_known(word) else own + 1


@dataclass(frozen=True)
class Sentence:
    text: str
    score: float


@dataclass(frozen=True)
class ReadingEase:
    score: float | None
    target: float
    words: int
    sentences: int
    syllables: int
    hardest: tuple[Sentence, ...] = field(default=())  # below the target, hardest first
    unknown: tuple[str, ...] = field(default=())  # words on no children's list, acronyms

    @property
    def meets_target(self) -> bool | None:
        return None if self.score is None else self.score >= self.target

    @property
    def label(self) -> str:
        s = self.score
        if s is None:
            return "not scored"
        for floor, name in ((90, "very easy"), (80, "easy"), (70, "fairly easy"),
                            (60, "plain English"), (50, "fairly hard"), (30, "hard")):  # fmt: skip
            if s >= floor:
                return name
        return "very hard"

    def describe(self) -> str:
        if self.score is None:
            return "Reading ease is scored for English text only."
        verdict = "meets" if self.meets_target else "is below"
        # One decimal place, so a score just under the target never reads as equal to it.
        return (
            f"Reading ease {self.score:.1f} ({self.label}); {verdict} the target of "
            f"{self.target:.0f} for this age."
        )


def _sentences(text: str) -> list[str]:
    return [p.strip() for p in _SENTENCE_SPLIT.findall(text) if _WORD.search(p)]


_SENTENCE_SPLIT = re.compile(r"[^.!?\n]+(?:[.!?]+|$)|[^.!?\n]*\n")


def _cost(sentence: str) -> tuple[int, int]:
    words = _WORD.findall(sentence)
    return len(words), sum(_weight(w, n == 0) for n, w in enumerate(words))


def _flesch(words: int, sentences: int, syl: int) -> float:
    return round(206.835 - 1.015 * (words / sentences) - 84.6 * (syl / words), 1)


def score(text: str) -> tuple[float | None, int, int, int]:
    """(score, words, sentences, syllables as weighted); the score is None with no words."""
    pieces = _sentences(text)
    costs = [_cost(p) for p in pieces]
    words = sum(w for w, _ in costs)
    if not words:
        return None, 0, 0, 0
    syl = sum(s for _, s in costs)
    sentences = max(1, len(pieces))
    return _flesch(words, sentences, syl), words, sentences, syl


def reading_ease(text: str, band: str, language: str = "en") -> ReadingEase:
    """The score of ``text`` against the target for age band ``band``, with the sentences
    that pull it down most."""
    target = TARGETS.get(band, TARGETS["8_12"])
    if language != "en":
        return ReadingEase(None, target, 0, 0, 0)
    value, words, sentences, syl = score(text)
    each = []
    for piece in _sentences(text):
        n, cost = _cost(piece)
        if n:
            each.append(Sentence(piece, _flesch(n, 1, cost)))
    hardest = tuple(sorted((s for s in each if s.score < target), key=lambda s: s.score)[:3])
    unknown = []
    for piece in _sentences(text):
        for n, w in enumerate(_WORD.findall(piece)):
            named = w[:1].isupper() and n > 0 and not is_acronym(w)
            if (is_acronym(w) or not (named or is_known(w))) and w not in unknown:
                unknown.append(w)
    return ReadingEase(value, target, words, sentences, syl, hardest, tuple(unknown))
