"""The shipped question sets in resources/forms all load and cover every respondent type."""

from __future__ import annotations

from pathlib import Path

import pytest

from iro_desktop.domain import codes
from iro_desktop.domain.errors import ValidationError
from iro_desktop.store.reads.question_sets import form_for, load_forms


def test_every_respondent_type_but_two_has_a_question_set() -> None:
    forms = load_forms()
    assert len(forms) >= 8
    missing = {t for t in codes.RESPONDENT_TYPES if form_for(t) is None}
    assert missing == {"advocate", "other_professional"}
    for band in ("child_4_7", "child_8_12", "child_13_plus"):
        form = form_for(band)
        assert form is not None and form.for_child


def test_a_broken_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "oops.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ValidationError) as raised:
        load_forms(tmp_path)
    assert raised.value.field == "oops.json"
