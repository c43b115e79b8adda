"""Checking a business's concern before it is recorded (issue 10 item 2; DOMAIN.md §7).

Every problem is returned at once, by field, so the reporter fixes the form in one go
(DESIGN.md invariant 5). Text is stored exactly as typed: markup is data, escaped where it
is shown, never stripped or run. Lengths are force policy (``PLACES_TEXT_MAX_LENGTH``,
``PLACES_SHORT_TEXT_MAX_LENGTH``), so a 5 MB paste is refused with a clear message rather
than a server error.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from safeguard.places.rules.codes import Indicator

# Characters a database text column or a reader cannot take: C0 controls other than tab,
# line feed and carriage return (NUL in particular is refused by PostgreSQL).
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

LONG_FIELDS: tuple[tuple[str, str], ...] = (
    ("young_person_description", "the description of the young person"),
    ("adults_description", "the description of the adults"),
    ("other_details", "what else you saw"),
)
SHORT_FIELDS: tuple[tuple[str, str], ...] = (
    ("room", "the room"),
    ("booking_details", "the booking details"),
)


@dataclass(frozen=True)
class ConcernInput:
    """What a business reporter submits."""

    indicators: Sequence[str] = ()
    young_person_description: str = ""
    adults_description: str = ""
    other_details: str = ""
    room: str = ""
    booking_details: str = ""
    seen_at: dt.datetime | None = None
    still_on_site: bool = False


@dataclass(frozen=True)
class TextLimits:
    """Force policy: the longest description, and the longest room or booking detail."""

    long: int
    short: int


def _text_errors(value: str, *, what: str, limit: int) -> list[str]:
    errors: list[str] = []
    if len(value) > limit:
        errors.append(f"Keep {what} to {limit:,} characters or fewer (this has {len(value):,}).")
    if _UNPRINTABLE.search(value):
        errors.append(f"Remove the unprintable characters from {what}.")
    return errors


def concern_errors(
    concern: ConcernInput, *, now: dt.datetime, limits: TextLimits
) -> dict[str, list[str]]:
    """Return every problem with ``concern``, keyed by field; empty when it may be recorded.

    - Something must be reported: at least one indicator ticked or one description given.
    - Indicators come from the Makesafe list (DOMAIN.md §7 [P]); "Other" needs its words.
    - When it was seen is required, timezone-aware, and not after ``now``.
    - Descriptions are at most ``limits.long`` characters, room and booking at most
      ``limits.short`` (force policy [U]); no unprintable control characters.
    """
    errors: dict[str, list[str]] = {}
    known = {i.value for i in Indicator}
    ticked = [str(code) for code in concern.indicators]
    if any(code not in known for code in ticked):
        errors["indicators"] = ["Choose signs from the list."]
    described = any(getattr(concern, name).strip() for name, _what in LONG_FIELDS)
    if not ticked and not described:
        errors["indicators"] = [
            "Tick at least one sign you saw, or describe the young person or the adults."
        ]
    if Indicator.OTHER.value in ticked and not concern.other_details.strip():
        errors["other_details"] = ["Describe the other sign you saw."]
    if concern.seen_at is None:
        errors["seen_at"] = ["Say when you saw this."]
    elif concern.seen_at.tzinfo is None or concern.seen_at.utcoffset() is None:
        errors["seen_at"] = ["Give the time with its time zone."]
    elif concern.seen_at > now:
        errors["seen_at"] = ["The time you saw this cannot be in the future."]
    for fields, limit in ((LONG_FIELDS, limits.long), (SHORT_FIELDS, limits.short)):
        for name, what in fields:
            found = _text_errors(getattr(concern, name), what=what, limit=limit)
            if found:
                errors[name] = found
    return errors


def ticked_indicators(codes: Sequence[str]) -> list[str]:
    """Return the ticked indicators once each, in the Makesafe list's order."""
    chosen = {str(code) for code in codes}
    return [i.value for i in Indicator if i.value in chosen]
