"""Where the editable resources live: fonts, fixed wording, glossary, form question sets.

They sit in the project's top-level ``resources/`` folder (beside the package) so that a
person can edit wording or a question set without touching code. ``IRO_DESKTOP_RESOURCES``
points elsewhere, for an installed build that keeps them in another place.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_RESOURCES = "IRO_DESKTOP_RESOURCES"


def resources_dir() -> Path:
    chosen = os.environ.get(ENV_RESOURCES)
    if chosen:
        return Path(chosen)
    return Path(__file__).resolve().parents[1] / "resources"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def letters_dir() -> Path:
    return resources_dir() / "letters"


def forms_dir() -> Path:
    return resources_dir() / "forms"


def glossary_path() -> Path:
    return resources_dir() / "glossary.json"


def words_dir() -> Path:
    return resources_dir() / "words"
