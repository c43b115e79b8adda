"""Checking a business concern: all errors at once, by field."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from safeguard.places.rules.concern import (
    ConcernInput,
    TextLimits,
    concern_errors,
    ticked_indicators,
)

NOW = dt.datetime(2026, 11, 27, 23, 30, tzinfo=dt.UTC)
LIMITS = TextLimits(long=4000, short=200)


def concern(**changes: Any) -> ConcernInput:
    values: dict[str, Any] = {
        "indicators": ("NERVOUS_YOUNG_PERSON", "CASH_OR_NO_CARD"),
        "young_person_description": "Girl of about 15, school uniform",
        "adults_description": "Two men in their forties",
        "seen_at": NOW - dt.timedelta(minutes=10),
        "still_on_site": True,
    }
    values.update(changes)
    return ConcernInput(**values)


class TestConcernErrors:
    @pytest.mark.parametrize(
        ("changes", "fields"),
        [
            ({}, set()),
            ({"indicators": ()}, set()),  # a description alone is enough
            (
                {"indicators": (), "young_person_description": "", "adults_description": ""},
                {"indicators"},
            ),
            (
                {
                    "indicators": (),
                    "young_person_description": "  ",
                    "adults_description": "\n",
                },
                {"indicators"},
            ),
            ({"indicators": ("NOT_A_SIGN",)}, {"indicators"}),
            ({"indicators": ("OTHER",)}, {"other_details"}),
            ({"indicators": ("OTHER",), "other_details": "Bags of cash"}, set()),
            ({"seen_at": None}, {"seen_at"}),
            ({"seen_at": dt.datetime(2026, 11, 27, 23, 0)}, {"seen_at"}),  # noqa: DTZ001 naive on purpose
            ({"seen_at": NOW + dt.timedelta(minutes=1)}, {"seen_at"}),
            ({"seen_at": NOW}, set()),
            ({"young_person_description": "x" * 4000}, set()),
            ({"young_person_description": "x" * 4001}, {"young_person_description"}),
            ({"adults_description": "x" * 4001}, {"adults_description"}),
            ({"other_details": "x" * 4001}, {"other_details"}),
            ({"room": "x" * 201}, {"room"}),
            ({"booking_details": "x" * 201}, {"booking_details"}),
            ({"room": "Room\x0012"}, {"room"}),
            ({"young_person_description": "<script>alert(1)</script>"}, set()),
            ({"young_person_description": "Line one\nline two\ttab\r\n"}, set()),
        ],
    )
    def test_fields(self, changes: dict[str, Any], fields: set[str]) -> None:
        assert set(concern_errors(concern(**changes), now=NOW, limits=LIMITS)) == fields

    def test_every_error_is_returned_at_once(self) -> None:
        bad = ConcernInput(
            indicators=("OTHER",),
            other_details="",
            seen_at=NOW + dt.timedelta(hours=1),
            room="r" * 300,
            young_person_description="\x07" + "y" * 5000,
        )
        errors = concern_errors(bad, now=NOW, limits=LIMITS)
        assert set(errors) == {"other_details", "seen_at", "room", "young_person_description"}
        assert len(errors["young_person_description"]) == 2

    def test_an_empty_concern_says_what_to_do(self) -> None:
        errors = concern_errors(ConcernInput(seen_at=NOW), now=NOW, limits=LIMITS)
        assert errors == {
            "indicators": [
                "Tick at least one sign you saw, or describe the young person or the adults."
            ]
        }

    def test_a_five_megabyte_description_is_refused_with_its_size(self) -> None:
        errors = concern_errors(
            concern(adults_description="a" * 5 * 1024 * 1024), now=NOW, limits=LIMITS
        )
        assert errors["adults_description"] == [
            "Keep the description of the adults to 4,000 characters or fewer (this has 5,242,880)."
        ]

    def test_the_forces_limits_are_used(self) -> None:
        tight = TextLimits(long=10, short=2)
        errors = concern_errors(concern(room="123"), now=NOW, limits=tight)
        assert set(errors) == {"room", "young_person_description", "adults_description"}


class TestTickedIndicators:
    def test_once_each_in_list_order(self) -> None:
        assert ticked_indicators(["NO_LUGGAGE", "SECRETIVE", "NO_LUGGAGE"]) == [
            "SECRETIVE",
            "NO_LUGGAGE",
        ]
