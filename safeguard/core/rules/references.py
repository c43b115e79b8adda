"""Officer-facing reference numbers (STYLE.md: UUID keys with human-readable references)."""

from __future__ import annotations

import re

REFERENCE_PATTERN = re.compile(r"^(?P<prefix>[A-Z]{2,8})-(?P<year>\d{4})-(?P<number>\d{6,})$")


def format_reference(*, prefix: str, year: int, number: int) -> str:
    """Format a reference such as ``PER-2026-000123``.

    :raises ValueError: if the prefix is not 2-8 capital letters or the number is not positive
    """
    if not re.fullmatch(r"[A-Z]{2,8}", prefix):
        raise ValueError(f"bad reference prefix {prefix!r}")
    if number < 1:
        raise ValueError("reference numbers start at 1")
    return f"{prefix}-{year:04d}-{number:06d}"


def is_reference(text: str) -> bool:
    """Tell whether ``text`` has the shape of a reference number."""
    return REFERENCE_PATTERN.match(text.strip().upper()) is not None
