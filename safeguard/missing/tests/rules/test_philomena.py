from __future__ import annotations

import pytest

from safeguard.missing.rules.philomena import FILLS, PART_ONE_FIELDS, report_filled_from_profile
from safeguard.missing.rules.standards import CORE_FIELD_NAMES

MARK = "\n(From the Philomena Protocol profile)"

PROFILE = {
    "physical_description": "Slim, 160cm, dark hair, scar on left hand",
    "photo_reference": "Held by the care home manager",
    "associates": "Fictional Friend (school)",
    "places": "Example Park; 2 Sample Street",
    "previous_missing": "Twice in May",
    "vulnerabilities": "Anxiety",
    "medical": "Inhaler",
    "financial": "Bank card, about £20",
    "phones": "07700 900456",
    "social_media": "@fictional_child",
    "transport": "Bus pass",
}

FULL = {
    "description": "Slim, 160cm, dark hair, scar on left hand" + MARK,
    "phones": "07700 900456" + MARK,
    "social_media": "@fictional_child" + MARK,
    "medical_needs": "Inhaler" + MARK,
    "transport": "Bus pass" + MARK,
    "possessions": "Bank card, about £20" + MARK,
    "likely_destinations": "Example Park; 2 Sample Street\nFictional Friend (school)" + MARK,
}


def test_part_one_answers_only_core_report_fields() -> None:
    part_one = {name for name, _label in PART_ONE_FIELDS}
    for field, sources in FILLS:
        assert field in CORE_FIELD_NAMES
        assert set(sources) <= part_one


def test_a_blank_report_is_filled_from_every_answering_part() -> None:
    filled, used = report_filled_from_profile({}, PROFILE)
    assert filled == FULL
    assert used == [field for field, _sources in FILLS]


def test_the_fields_are_reported_in_fill_order() -> None:
    _filled, used = report_filled_from_profile({}, PROFILE)
    assert used == [
        "description",
        "phones",
        "social_media",
        "medical_needs",
        "transport",
        "possessions",
        "likely_destinations",
    ]


@pytest.mark.parametrize("blank", ["", "   ", "\n"])
def test_blank_and_whitespace_fields_are_filled(blank: str) -> None:
    filled, used = report_filled_from_profile({"transport": blank}, {"transport": "Bus pass"})
    assert filled == {"transport": "Bus pass" + MARK}
    assert used == ["transport"]


@pytest.mark.parametrize("field", [field for field, _sources in FILLS])
def test_officer_text_is_never_overwritten(field: str) -> None:
    values = {field: "Told tonight by the reporter"}
    filled, used = report_filled_from_profile(values, PROFILE)
    assert filled[field] == "Told tonight by the reporter"
    assert field not in used
    assert len(used) == len(FILLS) - 1


def test_not_known_from_the_officer_is_kept() -> None:
    filled, used = report_filled_from_profile({"phones": "Not known"}, PROFILE)
    assert filled["phones"] == "Not known"
    assert "phones" not in used


def test_other_report_values_are_kept_and_the_input_is_not_changed() -> None:
    values = {"circumstances": "Left after tea", "clothing": ""}
    filled, _used = report_filled_from_profile(values, PROFILE)
    assert filled["circumstances"] == "Left after tea"
    assert filled["clothing"] == ""  # part 2, never from the profile
    assert values == {"circumstances": "Left after tea", "clothing": ""}
    assert filled is not values


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        (
            {"places": "Example Park", "associates": "Fictional Friend"},
            "Example Park\nFictional Friend",
        ),
        ({"places": "Example Park"}, "Example Park"),
        ({"associates": "Fictional Friend"}, "Fictional Friend"),
        ({"places": "  Example Park  ", "associates": "   "}, "Example Park"),
        ({"places": "", "associates": " Fictional Friend\n"}, "Fictional Friend"),
    ],
)
def test_likely_destinations_join_places_then_associates(
    profile: dict[str, str], expected: str
) -> None:
    filled, used = report_filled_from_profile({}, profile)
    assert filled == {"likely_destinations": expected + MARK}
    assert used == ["likely_destinations"]


@pytest.mark.parametrize(
    "profile",
    [
        {},
        dict.fromkeys(PROFILE, ""),
        dict.fromkeys(PROFILE, "  \n "),
        {
            "photo_reference": "Held by the care home",
            "previous_missing": "Twice",
            "vulnerabilities": "Anxiety",
        },
    ],
)
def test_an_empty_profile_fills_nothing(profile: dict[str, str]) -> None:
    values = {"description": "", "circumstances": "Left after tea"}
    filled, used = report_filled_from_profile(values, profile)
    assert filled == values
    assert used == []


def test_only_the_profile_parts_given_fill() -> None:
    filled, used = report_filled_from_profile(
        {"description": "", "phones": ""}, {"phones": "07700 900456"}
    )
    assert filled == {"description": "", "phones": "07700 900456" + MARK}
    assert used == ["phones"]


def test_profile_text_is_trimmed_before_marking() -> None:
    filled, _used = report_filled_from_profile({}, {"medical": "  Inhaler \n"})
    assert filled["medical_needs"] == "Inhaler" + MARK
