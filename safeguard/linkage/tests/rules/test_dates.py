"""Dates of birth for record linkage (issue 6): parsing, day-month swaps, estimated ages."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.linkage.rules.dates import (
    FORMATS,
    BadDate,
    birth_year_from_estimate,
    dob_keys,
    parse_date_of_birth,
    swapped,
)

TODAY = dt.date(2025, 6, 1)


class TestParseDateOfBirth:
    @pytest.mark.parametrize(
        ("text", "fmt"),
        [
            ("2014-03-07", "%Y-%m-%d"),
            ("07/03/2014", "%d/%m/%Y"),
            ("07-03-2014", "%d-%m-%Y"),
            ("07.03.2014", "%d.%m.%Y"),
            ("20140307", "%Y%m%d"),
        ],
    )
    def test_each_format_is_accepted_day_first(self, text: str, fmt: str) -> None:
        assert fmt in FORMATS
        assert parse_date_of_birth(text, today=TODAY) == dt.date(2014, 3, 7)

    def test_the_table_covers_every_format(self) -> None:
        assert FORMATS == ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y%m%d")

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("  2014-03-07  ", dt.date(2014, 3, 7)),
            ("\t07/03/2014\n", dt.date(2014, 3, 7)),
            ("7/3/2014", dt.date(2014, 3, 7)),
            ("2014-3-7", dt.date(2014, 3, 7)),
            ("31/12/1999", dt.date(1999, 12, 31)),
            ("13/01/2010", dt.date(2010, 1, 13)),
        ],
    )
    def test_padding_and_unpadded_day_month(self, text: str, expected: dt.date) -> None:
        assert parse_date_of_birth(text, today=TODAY) == expected

    @pytest.mark.parametrize("text", ["", " ", "   \t\n"])
    def test_blank_is_none(self, text: str) -> None:
        assert parse_date_of_birth(text, today=TODAY) is None

    @pytest.mark.parametrize(
        ("text", "today"),
        [
            ("2025-06-02", TODAY),
            ("02/06/2025", TODAY),
            ("2030-01-01", TODAY),
            ("20250602", TODAY),
            ("2000-01-02", dt.date(2000, 1, 1)),
        ],
    )
    def test_future_is_rejected(self, text: str, today: dt.date) -> None:
        with pytest.raises(BadDate, match="is in the future"):
            parse_date_of_birth(text, today=today)

    @pytest.mark.parametrize(
        ("text", "today", "expected"),
        [
            ("2025-06-01", TODAY, dt.date(2025, 6, 1)),
            ("01/06/2025", TODAY, dt.date(2025, 6, 1)),
            ("2000-01-01", dt.date(2000, 1, 1), dt.date(2000, 1, 1)),
        ],
    )
    def test_today_itself_is_accepted(self, text: str, today: dt.date, expected: dt.date) -> None:
        assert parse_date_of_birth(text, today=today) == expected

    @pytest.mark.parametrize("text", ["1899-12-31", "31/12/1899", "01.01.1066", "18991231"])
    def test_before_1900_is_rejected(self, text: str) -> None:
        with pytest.raises(BadDate, match="is before 1900"):
            parse_date_of_birth(text, today=TODAY)

    @pytest.mark.parametrize("text", ["1900-01-01", "01/01/1900", "19000101"])
    def test_1900_is_accepted(self, text: str) -> None:
        assert parse_date_of_birth(text, today=TODAY) == dt.date(1900, 1, 1)

    def test_future_is_checked_before_1900(self) -> None:
        # A date cannot be both; a "today" before 1900 shows which check runs first.
        with pytest.raises(BadDate, match="is in the future"):
            parse_date_of_birth("1890-01-02", today=dt.date(1890, 1, 1))

    @pytest.mark.parametrize(
        "text",
        [
            "nonsense",
            "yesterday",
            "07/03/14",  # two-digit year
            "2014/03/07",  # year first with slashes
            "13/13/2014",
            "32/01/2014",
            "00/01/2014",
            "2014-13-01",
            "2014-03-07T10:00",
            "7 March 2014",
            "March 7, 2014",
            "2014",
            "20141",
            "07//03/2014",
            "--",
        ],
    )
    def test_nonsense_is_rejected_with_a_clear_message(self, text: str) -> None:
        with pytest.raises(BadDate) as caught:
            parse_date_of_birth(text, today=TODAY)
        message = str(caught.value)
        assert "is not a date" in message
        assert "YYYY-MM-DD" in message
        assert "DD/MM/YYYY" in message
        assert repr(text.strip()[:20]) in message

    def test_long_nonsense_is_cut_to_twenty_characters_in_the_message(self) -> None:
        text = "this is certainly not a date of birth"
        with pytest.raises(BadDate) as caught:
            parse_date_of_birth(text, today=TODAY)
        assert str(caught.value) == (
            "'this is certainly no' is not a date (use YYYY-MM-DD or DD/MM/YYYY)"
        )
        assert "of birth" not in str(caught.value)

    def test_bad_date_is_a_value_error(self) -> None:
        assert issubclass(BadDate, ValueError)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("29/02/2000", dt.date(2000, 2, 29)),  # divisible by 400
            ("2024-02-29", dt.date(2024, 2, 29)),  # divisible by 4
            ("29.02.2016", dt.date(2016, 2, 29)),
            ("20120229", dt.date(2012, 2, 29)),
        ],
    )
    def test_29_february_in_a_leap_year(self, text: str, expected: dt.date) -> None:
        assert parse_date_of_birth(text, today=TODAY) == expected

    @pytest.mark.parametrize(
        "text",
        [
            "29/02/2023",
            "2023-02-29",
            "29/02/1900",  # divisible by 100, not by 400: not a leap year
            "29-02-2100",  # likewise, and also in the future
            "30/02/2024",
        ],
    )
    def test_29_february_outside_a_leap_year_is_not_a_date(self, text: str) -> None:
        with pytest.raises(BadDate, match="is not a date"):
            parse_date_of_birth(text, today=dt.date(2200, 1, 1))

    @pytest.mark.parametrize("text", ["201411", "2014111", "2014123"])
    def test_compact_form_needs_all_eight_digits(self, text: str) -> None:
        # BUG (reported, rule not edited): strptime accepts unpadded %m and %d, so the
        # compact form silently reads "201411" as 2014-01-01 and the ambiguous "2014111"
        # (1 November or 11 January?) as 2014-11-01. Separators make "7/3/2014" safe; with
        # no separators the split is a guess, and a wrong date of birth links wrong records.
        with pytest.raises(BadDate):
            parse_date_of_birth(text, today=TODAY)


class TestSwapped:
    @pytest.mark.parametrize(
        ("date", "expected"),
        [
            (dt.date(2014, 3, 7), dt.date(2014, 7, 3)),
            (dt.date(2014, 7, 3), dt.date(2014, 3, 7)),
            (dt.date(2014, 12, 1), dt.date(2014, 1, 12)),
            (dt.date(2014, 1, 12), dt.date(2014, 12, 1)),
            (dt.date(2001, 2, 11), dt.date(2001, 11, 2)),
        ],
    )
    def test_day_and_month_exchanged(self, date: dt.date, expected: dt.date) -> None:
        assert swapped(date) == expected

    @pytest.mark.parametrize(
        "date",
        [dt.date(2014, 3, 13), dt.date(2014, 1, 31), dt.date(2014, 12, 25), dt.date(2000, 2, 29)],
    )
    def test_day_over_12_has_no_swap(self, date: dt.date) -> None:
        assert swapped(date) is None

    @pytest.mark.parametrize("day_month", range(1, 13))
    def test_day_equal_to_month_has_no_swap(self, day_month: int) -> None:
        assert swapped(dt.date(2014, day_month, day_month)) is None

    def test_swapping_twice_gives_the_date_back(self) -> None:
        for month in range(1, 13):
            for day in range(1, 13):
                date = dt.date(2014, month, day)
                once = swapped(date)
                if once is not None:
                    assert swapped(once) == date


class TestDobKeys:
    def test_none_gives_blanks(self) -> None:
        assert dob_keys(None) == ("", "", "")

    @pytest.mark.parametrize(
        ("date", "expected"),
        [
            (dt.date(2014, 3, 7), ("2014-03-07", "2014-03-07", "2014")),
            (dt.date(2014, 7, 3), ("2014-07-03", "2014-03-07", "2014")),
            (dt.date(2014, 3, 13), ("2014-03-13", "2014-03-13", "2014")),
            (dt.date(2014, 12, 25), ("2014-12-25", "2014-12-25", "2014")),
            (dt.date(2014, 5, 5), ("2014-05-05", "2014-05-05", "2014")),
            (dt.date(1900, 1, 1), ("1900-01-01", "1900-01-01", "1900")),
            (dt.date(2000, 2, 29), ("2000-02-29", "2000-02-29", "2000")),
        ],
    )
    def test_keys(self, date: dt.date, expected: tuple[str, str, str]) -> None:
        assert dob_keys(date) == expected

    def test_year_is_zero_padded(self) -> None:
        assert dob_keys(dt.date(987, 4, 2)) == ("0987-04-02", "0987-02-04", "0987")

    @pytest.mark.parametrize(
        "date",
        [dt.date(2014, 3, 7), dt.date(2014, 12, 1), dt.date(2010, 2, 11), dt.date(1999, 9, 10)],
    )
    def test_a_date_and_its_swap_share_the_middle_key_only(self, date: dt.date) -> None:
        other = swapped(date)
        assert other is not None
        iso, middle, year = dob_keys(date)
        other_iso, other_middle, other_year = dob_keys(other)
        assert middle == other_middle
        assert year == other_year
        assert iso != other_iso

    def test_different_years_do_not_share_the_middle_key(self) -> None:
        assert dob_keys(dt.date(2014, 3, 7))[1] != dob_keys(dt.date(2015, 7, 3))[1]


class TestBirthYearFromEstimate:
    @pytest.mark.parametrize(
        ("age", "on", "expected"),
        [
            (10, dt.date(2025, 6, 1), 2015),
            (10, dt.date(2025, 1, 1), 2015),
            (10, dt.date(2025, 12, 31), 2015),
            (0, dt.date(2025, 6, 1), 2025),
            (17, dt.date(2000, 2, 29), 1983),
        ],
    )
    def test_year_estimated_less_the_age(self, age: int, on: dt.date, expected: int) -> None:
        assert birth_year_from_estimate(age, on) == expected

    @pytest.mark.parametrize(
        ("age", "on"),
        [(None, dt.date(2025, 6, 1)), (10, None), (None, None)],
    )
    def test_missing_part_gives_none(self, age: int | None, on: dt.date | None) -> None:
        assert birth_year_from_estimate(age, on) is None
