"""Name and postcode shaping for search. Unicode names are kept exactly as given."""

from __future__ import annotations

import re
import unicodedata

MAX_NAME_LENGTH = 100

_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$")


def name_search_key(name: str) -> str:
    """Return a case- and accent-insensitive key for matching names (Zoë -> zoe, Ł -> l)."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    stripped = "".join(ch for ch in folded if not unicodedata.combining(ch))
    stripped = stripped.replace("ł", "l").replace("ø", "o").replace("đ", "d").replace("ß", "ss")
    # Apostrophes join (O'Brien -> obrien, as officers type it); hyphens and spaces separate.
    joined = re.sub(r"['\u2019`]", "", stripped)
    return re.sub(r"[\s\-]+", " ", joined).strip()


def normalise_postcode(postcode: str) -> str:
    """Return a UK postcode in its standard form (``st16 2de`` -> ``ST16 2DE``), else as typed."""
    compact = re.sub(r"\s+", "", postcode.upper())
    match = _POSTCODE.match(compact)
    if match is None:
        return postcode.strip().upper()
    return f"{match.group(1)} {match.group(2)}"


def is_valid_postcode(postcode: str) -> bool:
    """Tell whether ``postcode`` has the shape of a UK postcode."""
    return _POSTCODE.match(re.sub(r"\s+", "", postcode.upper())) is not None
