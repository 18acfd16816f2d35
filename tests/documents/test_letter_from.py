"""A letter and the card say who they are from: the IRO's profile, and the authority's own
phone and email (settings that were once never printed)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from iro_desktop.documents import api
from iro_desktop.store.caseload import Caseload
from iro_desktop.store.ops import children, reviews
from iro_desktop.store.ops.core import operation
from iro_desktop.store.ops.profile import Profile, save_profile
from tests.documents.conftest import ACTOR, pdf_text, plain

TODAY = date(2025, 6, 1)
AUTHORITY = {"authority_name": "Northmoor Borough Council", "authority_phone": "01632 960555",
             "authority_email": "reviews@northmoor.example"}  # fmt: skip


def first_morning(caseload: Caseload) -> None:
    """What the first run leaves: a profile, the authority's contacts, a child reviewed."""
    with operation(caseload, ACTOR) as op:
        iro = save_profile(op, Profile(name="Sam Hartley", role="Senior IRO",
                                       email="sam.hartley@northmoor.example",
                                       phone="01632 960321", authority=AUTHORITY))  # fmt: skip
        child = children.add_child(op, child_ref="F1", first_name="Wren", last_name="Elmstead",
                                   date_of_birth=date(2014, 3, 9), iro_id=iro.id,
                                   became_looked_after=date(2022, 5, 3), today=TODAY)  # fmt: skip
        reviews.record_held_review(op, child, held_date=date(2025, 5, 20),
                                   participation_code="PN1", today=TODAY)  # fmt: skip


def test_the_letter_is_from_the_iro_and_gives_the_authoritys_contacts(
    caseload: Caseload, tmp_path: Path
) -> None:
    first_morning(caseload)
    text = plain(pdf_text(api.letter_pdf(caseload, "F1"), tmp_path))
    assert "Sam Hartley Senior IRO" in text
    assert "01632 960321" in text and "sam.hartley@northmoor.example" in text
    assert "Northmoor Borough Council Phone: 01632 960555 Email: reviews@northmoor.example" in text
    assert "Demo Borough" not in text


def test_the_card_is_the_profiles_with_the_authoritys_contacts(
    caseload: Caseload, tmp_path: Path
) -> None:
    first_morning(caseload)
    text = plain(pdf_text(api.card_pdf(caseload, band="8_12"), tmp_path))
    assert "Sam Hartley" in text
    assert "01632 960555" in text and "reviews@northmoor.example" in text


def test_the_settings_letter_languages_are_the_wordings() -> None:
    from iro_desktop.documents.wording import available
    from iro_desktop.domain.settings import LETTER_LANGUAGES

    assert sorted(LETTER_LANGUAGES) == available()


def test_a_new_letter_starts_in_the_default_language(caseload: Caseload, tmp_path: Path) -> None:
    from iro_desktop.documents.api import letter_content
    from iro_desktop.store.ops.settings_write import write_setting

    first_morning(caseload)
    with caseload.session() as session, session.begin():
        write_setting(session, ACTOR, "default_language", "ar")
    with caseload.session() as session:
        assert letter_content(session, "F1").language == "ar"
        assert letter_content(session, "F1", language="en").language == "en"
