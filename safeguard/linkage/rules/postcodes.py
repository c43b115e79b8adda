"""Postcodes for record linkage (issue 6). Pure: the standard library only."""

from __future__ import annotations

import re

from safeguard.people.rules.names import is_valid_postcode, normalise_postcode


def postcode_keys(text: str) -> tuple[str, str, str]:
    """Return (full postcode without spaces, outward code, area letters) or blanks.

    ``st16 2de`` -> ("ST162DE", "ST16", "ST"). Text that is not a UK postcode gives blanks:
    a wrong postcode must not make two records look alike. The shape is the people app's
    (``people.rules.names``), so linkage and search agree on what a postcode is.
    """
    if not is_valid_postcode(text):
        return "", "", ""
    outward, inward = normalise_postcode(text).split(" ")
    area = re.match(r"[A-Z]+", outward)
    assert area is not None  # a valid outward code starts with its area letters
    return outward + inward, outward, area.group(0)
