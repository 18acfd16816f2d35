"""Read the consultation question sets from ``resources/forms`` (see its README).

The files are data an authority may edit, so a broken file is reported by name rather than
crashing the program; the rules for a valid set live in ``domain.forms``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.forms import FormSpec, parse_form
from iro_desktop.resources import forms_dir


@lru_cache(maxsize=4)
def _load(folder: Path) -> tuple[FormSpec, ...]:
    forms: list[FormSpec] = []
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ValidationError(path.name, f"cannot be read as JSON ({exc})") from None
        if not isinstance(data, dict):
            raise ValidationError(path.name, "must hold one JSON object")
        form = parse_form(data, path.name)
        if form.id != path.stem:
            raise ValidationError(path.name, f"has id '{form.id}'; it must match the file name")
        forms.append(form)
    return tuple(forms)


def load_forms(folder: Path | None = None) -> tuple[FormSpec, ...]:
    """Every question set, in file-name order (read once, then cached)."""
    return _load((folder or forms_dir()).resolve())


def form_for(respondent_type: str, folder: Path | None = None) -> FormSpec | None:
    """The first question set that serves a respondent type, or None if none does."""
    for form in load_forms(folder):
        if respondent_type in form.respondent_types:
            return form
    return None
