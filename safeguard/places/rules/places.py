"""Checking a place and its flag before they are recorded (issue 10 item 1; DOMAIN.md §7).

DOMAIN.md §7 asks for "the premises (hotel) as a location entity" [S]. A flag says why
the place matters and when someone must look at it again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from safeguard.places.rules.codes import PlaceKind

NAME_MAX = 200
ADDRESS_LINE_MAX = 300
TOWN_MAX = 80
POSTCODE_MAX = 10
OPERATOR_MAX = 200


@dataclass(frozen=True)
class PlaceInput:
    kind: str
    name: str
    address_line: str = ""
    town: str = ""
    postcode: str = ""
    operator: str = ""


def place_errors(place: PlaceInput) -> dict[str, list[str]]:
    """Return every problem with ``place``, keyed by field; empty when it may be recorded."""
    errors: dict[str, list[str]] = {}
    if place.kind not in {k.value for k in PlaceKind}:
        errors["kind"] = ["Choose what kind of place this is."]
    if not place.name.strip():
        errors["name"] = ["Give the place a name (for an address, the street address)."]
    for name, limit in (
        ("name", NAME_MAX),
        ("address_line", ADDRESS_LINE_MAX),
        ("town", TOWN_MAX),
        ("postcode", POSTCODE_MAX),
        ("operator", OPERATOR_MAX),
    ):
        if len(getattr(place, name).strip()) > limit:
            errors.setdefault(name, []).append(f"Keep this to {limit} characters or fewer.")
    return errors


def flag_errors(
    *, reason: str, review_on: dt.date | None, today: dt.date, reason_min: int
) -> dict[str, list[str]]:
    """Return what is wrong with raising a flag: a reason, and a review date after today."""
    errors: dict[str, list[str]] = {}
    if len(reason.strip()) < reason_min:
        errors["reason"] = [f"Say why the place is flagged (at least {reason_min} characters)."]
    if review_on is None:
        errors["review_on"] = ["Give the date the flag is to be reviewed."]
    elif review_on <= today:
        errors["review_on"] = ["The review date must be after today."]
    return errors
