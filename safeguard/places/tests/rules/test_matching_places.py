"""Whether free text names a place; checking a place and a flag."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from safeguard.places.rules.matching import place_mentioned
from safeguard.places.rules.places import PlaceInput, flag_errors, place_errors

TODAY = dt.date(2026, 11, 27)


class TestPlaceMentioned:
    @pytest.mark.parametrize(
        ("text", "name", "postcode", "expected"),
        [
            ("Found in room 12 of the Station Hotel, Stafford", "Station Hotel", "", True),
            ("found at STATION-HOTEL reception", "Station Hotel", "", True),
            ("The Stationhotel bar", "Station Hotel", "", False),  # not whole words
            ("Grand Station Hotels Ltd", "Station Hotel", "", False),
            ("", "Station Hotel", "ST16 2AB", False),
            ("   ", "Station Hotel", "ST16 2AB", False),
            ("Car park, ST16 2AB", "Station Hotel", "ST16 2AB", True),
            ("Car park st162ab", "Station Hotel", "ST16 2AB", True),
            ("Car park ST16", "Station Hotel", "ST16 2AB", False),
            ("Inn near the park", "Inn", "", False),  # a name too short to trust
            ("Near the park", "Park", "", True),
            ("Somewhere else", "Station Hotel", "", False),
            ("Somewhere ST1", "Station Hotel", "ST1", False),  # a postcode too short to trust
        ],
    )
    def test_mentions(self, text: str, name: str, postcode: str, expected: bool) -> None:
        assert place_mentioned(text, name=name, postcode=postcode) is expected


def place(**changes: Any) -> PlaceInput:
    values: dict[str, Any] = {"kind": "HOTEL", "name": "Station Hotel"}
    values.update(changes)
    return PlaceInput(**values)


class TestPlaceErrors:
    @pytest.mark.parametrize(
        ("changes", "fields"),
        [
            ({}, set()),
            ({"kind": "CASTLE"}, {"kind"}),
            ({"name": "  "}, {"name"}),
            ({"name": "n" * 201}, {"name"}),
            ({"address_line": "a" * 301}, {"address_line"}),
            ({"town": "t" * 81}, {"town"}),
            ({"postcode": "p" * 11}, {"postcode"}),
            ({"operator": "o" * 201}, {"operator"}),
            ({"kind": "", "name": ""}, {"kind", "name"}),
        ],
    )
    def test_fields(self, changes: dict[str, Any], fields: set[str]) -> None:
        assert set(place_errors(place(**changes))) == fields


class TestFlagErrors:
    @pytest.mark.parametrize(
        ("reason", "review_on", "fields"),
        [
            ("Repeat concerns of exploitation", TODAY + dt.timedelta(days=1), set()),
            ("short", TODAY + dt.timedelta(days=1), {"reason"}),
            ("Repeat concerns of exploitation", None, {"review_on"}),
            ("Repeat concerns of exploitation", TODAY, {"review_on"}),
            ("", TODAY - dt.timedelta(days=1), {"reason", "review_on"}),
        ],
    )
    def test_fields(self, reason: str, review_on: dt.date | None, fields: set[str]) -> None:
        errors = flag_errors(reason=reason, review_on=review_on, today=TODAY, reason_min=10)
        assert set(errors) == fields
