from __future__ import annotations

import datetime as dt

import pytest

from safeguard.people.rules.age import age_on, is_child
from safeguard.people.rules.names import is_valid_postcode, name_search_key, normalise_postcode
from safeguard.people.rules.validation import (
    AddressDetails,
    PersonDetails,
    address_errors,
    person_details_errors,
)

TODAY = dt.date(2026, 11, 26)


class TestAgeOn:
    @pytest.mark.parametrize(
        ("born", "on", "expected"),
        [
            (dt.date(2010, 11, 26), TODAY, 16),
            (dt.date(2010, 11, 27), TODAY, 15),
            (dt.date(2008, 2, 29), dt.date(2026, 2, 28), 17),
            (dt.date(2008, 2, 29), dt.date(2026, 3, 1), 18),
        ],
    )
    def test_counts_whole_years_including_leap_days(self, born, on, expected) -> None:
        assert age_on(on=on, date_of_birth=born) == expected

    def test_an_estimate_ages_with_the_calendar(self) -> None:
        assert (
            age_on(
                on=TODAY, date_of_birth=None, estimated_age=14, estimated_on=dt.date(2024, 11, 1)
            )
            == 16
        )

    def test_an_estimate_without_its_date_stays_as_given(self) -> None:
        assert age_on(on=TODAY, date_of_birth=None, estimated_age=14) == 14

    def test_unknown_age_is_none_and_not_a_child(self) -> None:
        assert age_on(on=TODAY, date_of_birth=None) is None
        assert is_child(age=None) is False
        assert is_child(age=17) is True
        assert is_child(age=18) is False


class TestNames:
    @pytest.mark.parametrize(
        ("name", "key"),
        [
            ("Zoë O'Brien-Ní Bhriain", "zoe obrien ni bhriain"),
            ("D\u2019Souza", "dsouza"),
            ("Łukasz Wójcik", "lukasz wojcik"),
            ("  SMITH ", "smith"),
            ("محمد", "محمد"),
        ],
    )
    def test_search_key_folds_case_and_accents_but_keeps_scripts(self, name: str, key: str) -> None:
        assert name_search_key(name) == key

    @pytest.mark.parametrize(
        ("typed", "normal", "valid"),
        [
            ("st162de", "ST16 2DE", True),
            ("B1 1AA", "B1 1AA", True),
            ("ws1  4qq", "WS1 4QQ", True),
            ("not a postcode", "NOT A POSTCODE", False),
        ],
    )
    def test_postcodes(self, typed: str, normal: str, valid: bool) -> None:
        assert normalise_postcode(typed) == normal
        assert is_valid_postcode(typed) is valid


class TestPersonDetailsErrors:
    def test_accepts_unicode_names(self) -> None:
        details = PersonDetails(given_name="Zoë", family_name="O'Brien-Ní Bhriain")
        assert person_details_errors(details, today=TODAY) == {}

    @pytest.mark.parametrize(
        ("details", "field", "fragment"),
        [
            (PersonDetails(given_name="", family_name="X"), "given_name", "Enter a name"),
            (
                PersonDetails(given_name="A" * 10_000, family_name="X"),
                "given_name",
                "100 characters",
            ),
            (PersonDetails(given_name="A\x00", family_name="X"), "given_name", "control"),
            (
                PersonDetails(given_name="A", family_name="X", date_of_birth=dt.date(2027, 1, 1)),
                "date_of_birth",
                "past",
            ),
            (
                PersonDetails(given_name="A", family_name="X", date_of_birth=dt.date(1880, 1, 1)),
                "date_of_birth",
                "too far",
            ),
            (
                PersonDetails(
                    given_name="A",
                    family_name="X",
                    date_of_birth=dt.date(2010, 1, 1),
                    estimated_age=3,
                ),
                "estimated_age",
                "not both",
            ),
            (
                PersonDetails(given_name="A", family_name="X", estimated_age=130),
                "estimated_age",
                "between",
            ),
            (
                PersonDetails(given_name="A", family_name="X", self_defined_ethnicity="Z7"),
                "self_defined_ethnicity",
                "not a known code",
            ),
            (PersonDetails(given_name="A", family_name="X", sex="?"), "sex", "not a known code"),
            (
                PersonDetails(given_name="A", family_name="X", first_language="x" * 61),
                "first_language",
                "60",
            ),
            (
                PersonDetails(given_name="A", family_name="X", placing_authority="x" * 121),
                "placing_authority",
                "120",
            ),
        ],
    )
    def test_names_the_field_and_the_problem(self, details, field, fragment) -> None:
        errors = person_details_errors(details, today=TODAY)
        assert field in errors
        assert fragment in " ".join(errors[field])

    def test_address_errors(self) -> None:
        assert (
            address_errors(AddressDetails(line_1="1 Road", town="Stafford", postcode="ST16 2DE"))
            == {}
        )
        errors = address_errors(
            AddressDetails(line_1="", town="", postcode="nope", line_2="x" * 121)
        )
        assert set(errors) == {"line_1", "town", "postcode", "line_2"}
