"""Postcodes for record linkage (issue 6). Pure: the standard library only."""

from __future__ import annotations

import re

_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")


def postcode_keys(text: str) -> tuple[str, str, str]:
    """Return (full postcode without spaces, outward code, area letters) or blanks.

    ``st16 2de`` -> ("ST162DE", "ST16", "ST"). Text that is not a UK postcode gives blanks:
    a wrong postcode must not make two records look alike.
    """
    compact = re.sub(r"\s+", "", text.upper())
    match = _POSTCODE.match(compact)
    if match is None:
        return "", "", ""
    outward = match.group(1)
    area = re.match(r"[A-Z]+", outward)
    return compact, outward, area.group(0) if area else ""
