from datetime import date

import pytest

from iro_desktop.domain.challenges import is_formal, next_stage, response_due, stage_name
from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.settings import (
    SETTINGS,
    check_settings,
    coerce,
    default_value,
    defaults,
)

SURREY = [
    "Informal",
    "Team manager",
    "Service manager",
    "Area head",
    "Assistant director",
    "Director",
    "Referral to CAFCASS",
]


def test_challenge_stages() -> None:
    assert not is_formal(0)
    assert all(is_formal(stage) for stage in range(1, 7))
    assert stage_name(0) == "Informal"
    assert stage_name(6) == "Referral to CAFCASS"
    assert next_stage(5) == 6
    with pytest.raises(ValidationError, match="last stage"):
        next_stage(6)
    with pytest.raises(ValidationError) as caught:
        stage_name(7)
    assert caught.value.field == "stage"
    assert stage_name(1, ["Chat", "Manager"]) == "Manager"


def test_challenge_response_due_in_working_days() -> None:
    assert response_due(date(2024, 3, 22)) == date(2024, 4, 9)  # Easter in between
    assert response_due(date(2024, 3, 22), working_days=1) == date(2024, 3, 25)


def test_declared_settings_and_defaults() -> None:
    expected = {
        "bring_forward_on_placement_change": (bool, True, "authority"),
        "idle_lock_minutes": (int, 10, "user"),
        "challenge_stages": (list, SURREY, "authority"),
        "challenge_response_working_days": (int, 10, "authority"),
        "pre_meeting_report_working_days": (int, 5, "authority"),
        "record_working_days": (int, 20, "authority"),
        "decisions_shared_working_days": (int, 5, "authority"),
        "caseload_guidance_min": (int, 50, "authority"),
        "caseload_guidance_max": (int, 70, "authority"),
        "authority_name": (str, "Demo Borough Council", "authority"),
    }
    for key, (kind, default, scope) in expected.items():
        setting = SETTINGS[key]
        assert (setting.key, setting.type, setting.default, setting.scope) == (
            key,
            kind,
            default,
            scope,
        )
        assert setting.help.strip().endswith(".")
    assert defaults("user") == {
        "idle_lock_minutes": 10,
        "text_size_percent": 100,
        "default_language": "en",
    }


def test_default_lists_are_copies() -> None:
    stages = default_value("challenge_stages")
    assert isinstance(stages, list)
    stages.append("Ombudsman")
    assert default_value("challenge_stages") == SURREY


@pytest.mark.parametrize(
    ("key", "raw", "value"),
    [
        ("bring_forward_on_placement_change", "yes", True),
        ("bring_forward_on_placement_change", " OFF ", False),
        ("bring_forward_on_placement_change", 0, False),
        ("idle_lock_minutes", " 15 ", 15),
        ("idle_lock_minutes", 5, 5),
        ("authority_name", "  Surrey County Council ", "Surrey County Council"),
        (
            "challenge_stages",
            "Informal\n\n Manager \nDirector",
            ["Informal", "Manager", "Director"],
        ),
        ("challenge_stages", ("Informal", "Manager"), ["Informal", "Manager"]),
    ],
)
def test_coerce_accepts_typed_values(key: str, raw: object, value: object) -> None:
    assert coerce(key, raw) == value


@pytest.mark.parametrize(
    ("key", "raw", "problem"),
    [
        ("bring_forward_on_placement_change", "maybe", "must be yes or no"),
        ("idle_lock_minutes", "ten", "must be a whole number"),
        ("idle_lock_minutes", True, "must be a whole number"),
        ("idle_lock_minutes", 0, "must be between 1 and 240"),
        ("authority_name", "   ", "is required"),
        ("authority_name", 12, "must be text"),
        ("challenge_stages", ["Informal"], "must have between 2 and 12 names"),
        ("challenge_stages", ["Informal", 3], "must be a list of names"),
        ("no_such_setting", 1, "is not a known setting"),
    ],
)
def test_coerce_refuses_bad_values(key: str, raw: object, problem: str) -> None:
    with pytest.raises(ValidationError) as caught:
        coerce(key, raw)
    assert caught.value.field == key
    assert caught.value.problem == problem


def test_check_settings_links_caseload_bounds() -> None:
    assert check_settings({"caseload_guidance_max": "80"}) == {"caseload_guidance_max": 80}
    with pytest.raises(ValidationError) as caught:
        check_settings({"caseload_guidance_min": 60, "caseload_guidance_max": 55})
    assert caught.value.field == "caseload_guidance_max"
    with pytest.raises(ValidationError):
        check_settings({"caseload_guidance_max": 40})


def test_a_letter_language_must_be_one_of_the_letters_languages() -> None:
    assert coerce("default_language", " ar ") == "ar"
    with pytest.raises(ValidationError, match="must be one of en, ar"):
        coerce("default_language", "fr")


def test_a_text_setting_printed_on_letters_has_a_length_limit() -> None:
    """An address or a name goes on every letter and blank form: 200,000 characters of
    it would break them, so it is refused with the limit named."""
    from iro_desktop.domain.settings import TEXT_SETTING_MAX

    assert coerce("forms_return", "Town Hall, Kernow Vale KV1 1AA 🏛") == (
        "Town Hall, Kernow Vale KV1 1AA 🏛"
    )
    assert coerce("authority_name", "مجلس كيرنو") == "مجلس كيرنو"
    with pytest.raises(ValidationError, match="too long") as raised:
        coerce("forms_return", "y" * (TEXT_SETTING_MAX + 1))
    assert raised.value.field == "forms_return"


def test_text_that_cannot_be_stored_and_an_overlong_list_item_are_refused() -> None:
    from iro_desktop.domain.settings import TEXT_SETTING_MAX

    with pytest.raises(ValidationError, match="cannot be stored"):
        coerce("advocacy_phone", "0808\x00157")
    with pytest.raises(ValidationError, match="broken surrogate"):
        coerce("authority_name", "Kernow \ud800")
    with pytest.raises(ValidationError, match="too long"):
        coerce("challenge_stages", ["Informal", "s" * (TEXT_SETTING_MAX + 1)])
    with pytest.raises(ValidationError, match="cannot be stored"):
        coerce("authority_postcode_districts", "KV1\nKV\x002")


def test_what_a_central_store_supplies_is_checked_and_the_rest_left_out() -> None:
    from iro_desktop.domain.settings import AUTHORITY_SETTINGS, supplied

    assert "authority_name" in AUTHORITY_SETTINGS and "idle_lock_minutes" not in AUTHORITY_SETTINGS
    values, problems = supplied({
        "authority_name": " Kernow Vale Council ", "record_working_days": "12",
        "advocacy_phone": None, "idle_lock_minutes": 5, "central_url": "https://x.example",
        "\x1b[2Jnope": 1, 7: "seven",
    })  # fmt: skip
    assert values == {"authority_name": "Kernow Vale Council", "record_working_days": 12}
    assert problems["advocacy_phone"] == "must be text"
    assert (
        problems["idle_lock_minutes"]
        == problems["central_url"]
        == ("is not one of the authority's settings")
    )
    assert problems["[2Jnope"] and problems["7"]
    assert supplied(["authority_name"]) == ({}, {"settings": "was not a set of settings"})


def test_every_setting_has_its_own_label_in_words() -> None:
    from iro_desktop.domain.settings import SETTINGS

    labels = [s.label for s in SETTINGS.values()]
    assert all(labels) and len(set(labels)) == len(labels)
    assert not any("_" in label or label != label.strip() for label in labels)
    assert all(label[0].isupper() for label in labels)
    assert SETTINGS["children_in_care_council"].label == "Children in Care Council"
