"""One person record as the linkage model compares it (issue 6): comparison_row."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from safeguard.linkage.rules.records import COMPARISON_COLUMNS, LinkRecord, comparison_row

FULL = LinkRecord(
    record_id="person-1",
    first_name="Bill",
    surname="Smith-Jones",
    middle_names="Thomas  Édouard",
    date_of_birth=dt.date(2014, 3, 7),
    sex="male",
    postcode="st16 2de",
    address="Flat 3, 12 Église Road",
)

BARE = LinkRecord(record_id="person-2", first_name="", surname="")


class TestColumns:
    @pytest.mark.parametrize("record", [FULL, BARE])
    def test_every_comparison_column_is_present_and_no_other(self, record: LinkRecord) -> None:
        row = comparison_row(record)
        assert tuple(row) == COMPARISON_COLUMNS

    def test_columns_are_unique(self) -> None:
        assert len(set(COMPARISON_COLUMNS)) == len(COMPARISON_COLUMNS)

    def test_full_record(self) -> None:
        assert comparison_row(FULL) == {
            "unique_id": "person-1",
            "given_canonical": "william",
            "given_folded": "bill",
            "middle_folded": "thomas edouard",
            "surname": "smithjones",
            "surname_first": "smith",
            "surname_last": "jones",
            "dob": "2014-03-07",
            "dob_sorted": "2014-03-07",
            "birth_year": "2014",
            "sex": "MALE",
            "postcode": "ST162DE",
            "outward": "ST16",
            "area": "ST",
            "address": "flat eglise road",
        }

    def test_blanks_become_none(self) -> None:
        row = comparison_row(BARE)
        assert row["unique_id"] == "person-2"
        assert {k: v for k, v in row.items() if k != "unique_id"} == dict.fromkeys(
            COMPARISON_COLUMNS[1:]
        )

    @pytest.mark.parametrize(
        ("field", "value", "column"),
        [
            ("first_name", "!!!", "given_canonical"),
            ("first_name", "  ", "given_folded"),
            ("middle_names", "--", "middle_folded"),
            ("surname", "'", "surname"),
            ("surname", " - ", "surname_first"),
            ("surname", " - ", "surname_last"),
            ("postcode", "not a postcode", "postcode"),
            ("postcode", "ST16", "outward"),
            ("postcode", "12345", "area"),
            ("address", "   ", "address"),
            ("address", "12, 14", "address"),
        ],
    )
    def test_text_that_folds_to_nothing_is_none(self, field: str, value: str, column: str) -> None:
        changes: dict[str, Any] = {field: value}
        record = dataclasses.replace(FULL, **changes)
        assert comparison_row(record)[column] is None

    def test_unique_id_is_kept_as_given(self) -> None:
        record = dataclasses.replace(BARE, record_id="CSV:Row 7")
        assert comparison_row(record)["unique_id"] == "CSV:Row 7"


class TestGivenNames:
    @pytest.mark.parametrize(
        ("first_name", "canonical", "folded"),
        [
            ("Bill", "william", "bill"),
            ("William", "william", "william"),
            ("Kasia", "katarzyna", "kasia"),
            ("Mohammed", "muhammad", "mohammed"),
            ("Zoë", "zoe", "zoe"),
            ("Mary Jane", "mary", "maryjane"),
            ("Jean-Luc", "jean", "jeanluc"),
            ("D'Arcy", "darcy", "darcy"),
        ],
    )
    def test_canonical_and_folded(self, first_name: str, canonical: str, folded: str) -> None:
        row = comparison_row(dataclasses.replace(BARE, first_name=first_name))
        assert row["given_canonical"] == canonical
        assert row["given_folded"] == folded

    def test_nickname_and_full_name_agree_on_canonical_only(self) -> None:
        bill = comparison_row(dataclasses.replace(BARE, first_name="Bill"))
        william = comparison_row(dataclasses.replace(BARE, first_name="William"))
        assert bill["given_canonical"] == william["given_canonical"] == "william"
        assert bill["given_folded"] != william["given_folded"]

    def test_middle_names_keep_their_spaces(self) -> None:
        row = comparison_row(dataclasses.replace(BARE, middle_names="Anne-Marie  Zoë"))
        assert row["middle_folded"] == "anne marie zoe"


class TestSurnames:
    @pytest.mark.parametrize(
        ("surname", "key", "first", "last"),
        [
            ("Smith", "smith", "smith", "smith"),
            ("Smith-Jones", "smithjones", "smith", "jones"),
            ("Smith Jones", "smithjones", "smith", "jones"),
            ("Lloyd-Webber-Smith", "lloydwebbersmith", "lloyd", "smith"),
            ("O'Brien", "obrien", "obrien", "obrien"),
            ("McDonald", "macdonald", "macdonald", "macdonald"),
            ("MacDonald-Smith", "macdonaldsmith", "macdonald", "smith"),
            ("Wiśniewska", "wisniewska", "wisniewska", "wisniewska"),
        ],
    )
    def test_key_and_first_and_last_parts(
        self, surname: str, key: str, first: str, last: str
    ) -> None:
        row = comparison_row(dataclasses.replace(BARE, surname=surname))
        assert (row["surname"], row["surname_first"], row["surname_last"]) == (key, first, last)

    def test_hyphenated_surname_meets_either_half(self) -> None:
        both = comparison_row(dataclasses.replace(BARE, surname="Smith-Jones"))
        school = comparison_row(dataclasses.replace(BARE, surname="Smith"))
        gp = comparison_row(dataclasses.replace(BARE, surname="Jones"))
        assert both["surname_first"] == school["surname_first"]
        assert both["surname_last"] == gp["surname_last"]

    @pytest.mark.parametrize("spelling", ["Mc Donald", "MacDonald", "Mac Donald"])
    def test_spellings_of_one_surname_give_the_same_columns(self, spelling: str) -> None:
        # BUG (reported, rule not edited): surname_parts splits a spaced prefix, so
        # "Mc Donald" gives surname "macdonald" but surname_first "mac" and surname_last
        # "donald", while "McDonald" gives "macdonald" for all three.
        columns = ("surname", "surname_first", "surname_last")
        row = comparison_row(dataclasses.replace(BARE, surname=spelling))
        reference = comparison_row(dataclasses.replace(BARE, surname="McDonald"))
        assert [row[c] for c in columns] == [reference[c] for c in columns]


class TestDates:
    def test_date_of_birth_gives_all_three_keys(self) -> None:
        row = comparison_row(dataclasses.replace(BARE, date_of_birth=dt.date(2014, 7, 3)))
        assert (row["dob"], row["dob_sorted"], row["birth_year"]) == (
            "2014-07-03",
            "2014-03-07",
            "2014",
        )

    def test_estimated_age_gives_birth_year_when_no_date_of_birth(self) -> None:
        record = dataclasses.replace(BARE, estimated_age=10, estimated_on=dt.date(2025, 6, 1))
        row = comparison_row(record)
        assert row["birth_year"] == "2015"
        assert row["dob"] is None
        assert row["dob_sorted"] is None

    def test_date_of_birth_wins_over_an_estimate(self) -> None:
        record = dataclasses.replace(
            BARE,
            date_of_birth=dt.date(2014, 3, 7),
            estimated_age=30,
            estimated_on=dt.date(2025, 6, 1),
        )
        assert comparison_row(record)["birth_year"] == "2014"

    @pytest.mark.parametrize(
        ("age", "on"),
        [(10, None), (None, dt.date(2025, 6, 1)), (None, None)],
    )
    def test_incomplete_estimate_gives_no_birth_year(
        self, age: int | None, on: dt.date | None
    ) -> None:
        record = dataclasses.replace(BARE, estimated_age=age, estimated_on=on)
        assert comparison_row(record)["birth_year"] is None

    def test_estimated_birth_year_is_four_digits(self) -> None:
        record = dataclasses.replace(BARE, estimated_age=0, estimated_on=dt.date(987, 1, 1))
        assert comparison_row(record)["birth_year"] == "0987"


class TestSex:
    @pytest.mark.parametrize(
        ("sex", "expected"),
        [
            ("MALE", "MALE"),
            ("FEMALE", "FEMALE"),
            ("male", "MALE"),
            ("Female", "FEMALE"),
            ("  female \n", "FEMALE"),
            ("", None),
            ("   ", None),
            ("M", None),
            ("F", None),
            ("UNKNOWN", None),
            ("NOT_KNOWN", None),
            ("OTHER", None),
            ("MALE FEMALE", None),
        ],
    )
    def test_only_male_or_female(self, sex: str, expected: str | None) -> None:
        assert comparison_row(dataclasses.replace(BARE, sex=sex))["sex"] == expected


class TestPostcodeAndAddress:
    def test_postcode_keys(self) -> None:
        row = comparison_row(dataclasses.replace(BARE, postcode=" ec1a  1bb "))
        assert (row["postcode"], row["outward"], row["area"]) == ("EC1A1BB", "EC1A", "EC")

    def test_address_is_folded(self) -> None:
        row = comparison_row(dataclasses.replace(BARE, address="12 O'Connell St., Łódź"))
        assert row["address"] == "oconnell st lodz"
