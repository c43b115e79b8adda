from __future__ import annotations

import pytest

from safeguard.core.rules.references import format_reference, is_reference


class TestReferences:
    def test_formats_with_six_digits(self) -> None:
        assert format_reference(prefix="PER", year=2026, number=123) == "PER-2026-000123"
        assert format_reference(prefix="MIS", year=2026, number=1234567) == "MIS-2026-1234567"

    @pytest.mark.parametrize(("prefix", "number"), [("per", 1), ("P", 1), ("PER", 0)])
    def test_refuses_bad_parts(self, prefix: str, number: int) -> None:
        with pytest.raises(ValueError, match="reference"):
            format_reference(prefix=prefix, year=2026, number=number)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("PER-2026-000123", True),
            (" per-2026-000123 ", True),
            ("PER-26-1", False),
            ("Zoë", False),
        ],
    )
    def test_recognises_references(self, text: str, expected: bool) -> None:
        assert is_reference(text) is expected
