"""The letter's fixed wording, per language, from ``resources/letters/<code>.json``.

Greeting, headings and the help section come from files a translator can edit, not from
code, so adding a language is adding a file. Each file says whether a qualified translator
has checked it; the program says so wherever that matters.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from iro_desktop.domain.errors import ValidationError
from iro_desktop.resources import letters_dir

AGE_BANDS = ("under_8", "8_12", "13_plus")
ALIASES = {"fa-af": "prs", "fa_af": "prs", "dari": "prs", "pashto": "ps", "arabic": "ar",
           "tigrinya": "ti", "english": "en", "fa-ir": "fa", "farsi": "fa", "persian": "fa",
           "ku": "ckb", "sorani": "ckb", "kurdish": "ckb", "amharic": "am", "albanian": "sq",
           "vietnamese": "vi", "ukrainian": "uk"}  # fmt: skip


@dataclass(frozen=True)
class Wording:
    """One language's fixed wording; ``text(key, band)`` picks the age band's version."""

    code: str
    name: str
    native_name: str
    rtl: bool
    font: str
    needs_translator_check: bool
    months: tuple[str, ...]
    date_pattern: str
    texts: dict[str, Any] = field(repr=False)
    card: dict[str, str] = field(repr=False)

    def text(self, key: str, band: str = "8_12", **values: str) -> str:
        raw = self.texts.get(key)
        if raw is None:
            raw = english().texts[key]
        return _pick(raw, band).format(**values)

    def table(self, key: str) -> dict[str, str]:
        found = self.texts.get(key) or english().texts[key]
        return dict(found)

    def card_text(self, key: str, band: str = "8_12", **values: str) -> str:
        raw = self.card.get(key) or english().card[key]
        return _pick(raw, band).format(**values)

    def date(self, d: date) -> str:
        return self.date_pattern.format(day=d.day, month=self.months[d.month - 1], year=d.year)


def _pick(raw: Any, band: str) -> str:
    if isinstance(raw, str):
        return raw
    if band in raw:
        return str(raw[band])
    if "any" in raw:
        return str(raw["any"])
    return str(next(iter(raw.values())))


def normalise_code(code: str) -> str:
    cleaned = code.strip().lower()
    return ALIASES.get(cleaned, cleaned)


def available() -> list[str]:
    return sorted(p.stem for p in letters_dir().glob("*.json"))


@dataclass(frozen=True)
class Language:
    code: str
    label: str  # "العربية (Arabic)"
    rtl: bool
    needs_check: bool
    name: str


def languages() -> list[Language]:
    found = []
    for code in available():
        w = load(code)
        label = w.name if w.native_name == w.name else f"{w.native_name} ({w.name})"
        found.append(Language(code, label, w.rtl, w.needs_translator_check, w.name))
    found.sort(key=lambda lang: (lang.code != "en", lang.name))
    return found


@cache
def load(code: str) -> Wording:
    """The wording for ``code`` (en, ar, ps, prs or fa-AF, ti, ...), or a clear error."""
    wanted = normalise_code(code)
    path = letters_dir() / f"{wanted}.json"
    if not path.exists():
        raise ValidationError(
            "language", f"there is no wording for '{code}'; available: {', '.join(available())}"
        )
    data = json.loads(path.read_text(encoding="utf-8"))
    meta = data["meta"]
    return Wording(
        code=wanted,
        name=meta["name"],
        native_name=meta.get("native_name", meta["name"]),
        rtl=meta.get("direction", "ltr") == "rtl",
        font=meta.get("font", "Andika"),
        needs_translator_check=bool(meta.get("needs_translator_check", True)),
        months=tuple(data["months"]),
        date_pattern=data.get("date", "{day} {month} {year}"),
        texts=data["text"],
        card=data.get("card", {}),
    )


def english() -> Wording:
    return load("en")
