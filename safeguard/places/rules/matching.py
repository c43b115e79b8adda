"""Whether a free-text place in another record names a recorded place.

Missing episodes hold where a child was last seen and found as text (``last_seen_place``,
``found_place``). A matched child's episode is linked to the place when that text names
the place or carries its postcode. Deliberately strict (whole words, the full postcode):
a wrong link puts a child in a hotel's history, so a miss is left to the officer.
"""

from __future__ import annotations

import re

MIN_NAME_LENGTH = 4

_NON_WORD = re.compile(r"[^0-9a-z]+")


def _words(text: str) -> str:
    return _NON_WORD.sub(" ", text.casefold()).strip()


def place_mentioned(text: str, *, name: str, postcode: str) -> bool:
    """Tell whether ``text`` names the place ``name`` or carries its full ``postcode``."""
    words = _words(text)
    if not words:
        return False
    wanted = _words(name)
    if len(wanted) >= MIN_NAME_LENGTH and f" {wanted} " in f" {words} ":
        return True
    compact = re.sub(r"\s+", "", postcode.upper())
    return len(compact) >= 5 and compact in re.sub(r"[^0-9A-Z]", "", text.upper())
