"""Postcodes for record linkage (issue 6): full, outward and area keys."""

from __future__ import annotations

import pytest

from safeguard.linkage.rules.postcodes import postcode_keys

BLANK = ("", "", "")


class TestPostcodeKeys:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            # A9 9AA
            ("M1 1AE", ("M11AE", "M1", "M")),
            # A99 9AA
            ("B33 8TH", ("B338TH", "B33", "B")),
            # AA9 9AA
            ("CR2 6XH", ("CR26XH", "CR2", "CR")),
            # AA99 9AA
            ("DN55 1PT", ("DN551PT", "DN55", "DN")),
            ("ST16 2DE", ("ST162DE", "ST16", "ST")),
            # A9A 9AA
            ("W1A 0AX", ("W1A0AX", "W1A", "W")),
            # AA9A 9AA
            ("EC1A 1BB", ("EC1A1BB", "EC1A", "EC")),
            ("SW1A 2AA", ("SW1A2AA", "SW1A", "SW")),
        ],
    )
    def test_every_shape(self, text: str, expected: tuple[str, str, str]) -> None:
        assert postcode_keys(text) == expected

    @pytest.mark.parametrize(
        "text",
        [
            "st16 2de",
            "St16 2De",
            "ST162DE",
            "st162de",
            "  ST16 2DE  ",
            "ST16   2DE",
            "ST16\t2DE",
            "\nST16 2DE\n",
            "S T 1 6 2 D E",
        ],
    )
    def test_case_and_spaces_are_normalised(self, text: str) -> None:
        assert postcode_keys(text) == ("ST162DE", "ST16", "ST")

    @pytest.mark.parametrize(
        "text",
        [
            "",
            "   ",
            "not a postcode",
            "12345",
            "ST16",  # outward code only
            "SW1A",
            "2DE",  # inward code only
            "ST16 2D",  # inward too short
            "ST16 2DEX",  # inward too long
            "ST16 22E",  # inward letters must be letters
            "ST16-2DE",  # punctuation is not a space
            "ST16, 2DE",
            "ABC1 1AA",  # three area letters
            "1AA 1AA",  # starts with a digit
            "S 1AA",  # area with no district digit
            "ST123 2DE",  # district too long
            "ST16 2DE UK",  # trailing text
            "Flat 3, ST16 2DE",  # leading text
            "GIR 0AA",  # the Girobank non-geographic code is not in the pattern
        ],
    )
    def test_non_postcodes_give_blanks(self, text: str) -> None:
        assert postcode_keys(text) == BLANK

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            # An optional fourth outward character is taken only when the inward code still
            # fits after it.
            ("M11AE", ("M11AE", "M1", "M")),
            ("M111AE", ("M111AE", "M11", "M")),
            ("EC1A1BB", ("EC1A1BB", "EC1A", "EC")),
        ],
    )
    def test_compact_postcodes_split_at_the_inward_code(
        self, text: str, expected: tuple[str, str, str]
    ) -> None:
        assert postcode_keys(text) == expected

    @pytest.mark.parametrize("text", ["M1 1AE", "EC1A 1BB", "DN55 1PT", "W1A 0AX"])
    def test_keys_nest(self, text: str) -> None:
        full, outward, area = postcode_keys(text)
        assert full.startswith(outward)
        assert outward.startswith(area)
        assert area.isalpha()
        assert len(full) - len(outward) == 3
