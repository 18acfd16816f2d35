"""Split a line of mixed-direction text into runs, in the order they appear on the page.

An Arabic sentence with an English name and a date in it must show the name left to right
inside a right-to-left line. The Unicode bidirectional algorithm decides that; python-bidi's
pure-Python module gives each character's embedding level, and the runs are reordered
here (rule L2) so each run can be shaped whole, in logical order, by HarfBuzz.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from bidi import algorithm as uba

_STRONG_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)


@dataclass(frozen=True)
class Run:
    """Characters ``start:end`` of the line, all at one embedding level."""

    start: int
    end: int
    level: int

    @property
    def rtl(self) -> bool:
        return self.level % 2 == 1


# Embedding controls the IRO's text (or the letter's own wording) may use to keep a phone
# number or an e-mail address left to right inside a right-to-left line. They steer the
# algorithm and are then dropped: they have no glyph.
CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def ltr(text: str) -> str:
    """``text`` marked to run left to right whatever surrounds it (LRE ... PDF)."""
    return f"\u202a{text}\u202c"


def has_rtl(text: str) -> bool:
    return _STRONG_RTL.search(text) is not None


def base_is_rtl(text: str) -> bool:
    """The paragraph direction from its first strong character (rules P2-P3)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return False


@lru_cache(maxsize=2048)
def levels(text: str, rtl_base: bool) -> tuple[int, ...]:
    """Resolved embedding level of every character of ``text``."""
    base = 1 if rtl_base else 0
    if not rtl_base and not has_rtl(text):
        return (0,) * len(text)
    removed = set(uba.X9_REMOVED)
    kept = [i for i, ch in enumerate(text) if unicodedata.bidirectional(ch) not in removed]
    storage = uba.get_empty_storage()
    storage["base_level"] = base
    storage["base_dir"] = "R" if rtl_base else "L"
    uba.get_embedding_levels(text, storage)
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    resolved = [c["level"] for c in storage["chars"]]
    out = [base] * len(text)
    for index, level in zip(kept, resolved, strict=True):
        out[index] = level
    # Characters the algorithm ignores (ZWNJ, ZWJ...) join the run before them, so a
    # Dari word with a zero-width non-joiner in it stays one run and shapes correctly.
    for i in range(1, len(text)):
        if unicodedata.bidirectional(text[i]) in removed:
            out[i] = out[i - 1]
    # Rule L1: whitespace at the end of the line takes the paragraph level.
    i = len(text) - 1
    while i >= 0 and text[i].isspace():
        out[i] = base
        i -= 1
    return tuple(out)


def visual_runs(text: str, rtl_base: bool) -> list[Run]:
    """The line's runs, left to right as drawn (rule L2)."""
    if not text:
        return []
    lv = levels(text, rtl_base)
    runs: list[Run] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or lv[i] != lv[start]:
            runs.append(Run(start, i, lv[start]))
            start = i
    highest = max(r.level for r in runs)
    lowest_odd = min((r.level for r in runs if r.level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(runs):
            if runs[i].level >= level:
                j = i
                while j < len(runs) and runs[j].level >= level:
                    j += 1
                runs[i:j] = reversed(runs[i:j])
                i = j
            else:
                i += 1
    return runs
