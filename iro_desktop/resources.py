"""Where the editable resources live: fonts, fixed wording, glossary, form question sets.

They sit in the project's top-level ``resources/`` folder (beside the package) so that a
person can edit wording or a question set without touching code. A wheel carries a copy
inside the package, as ``iro_desktop/bundled_resources`` (``setup.py`` maps the folder
there at build time), so an installed program finds them with no setting; a checkout, where
that copy does not exist, uses the top-level folder. ``IRO_DESKTOP_RESOURCES`` points
elsewhere, for a build that keeps them in another place.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_RESOURCES = "IRO_DESKTOP_RESOURCES"
BUNDLED = "bundled_resources"


def resources_dir() -> Path:
    chosen = os.environ.get(ENV_RESOURCES)
    if chosen:
        return Path(chosen)
    package = Path(__file__).resolve().parent
    bundled = package / BUNDLED
    if bundled.is_dir():
        return bundled
    return package.parent / "resources"


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
