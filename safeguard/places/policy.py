"""Force policy for places and business concerns, read from ``settings.SAFEGUARD``
(DOMAIN.md §7).

Every number here is [U] (this project's design, not a published standard), so a force
sets it; each reader validates what it reads and fails loudly on a malformed setting.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from safeguard.places.rules.concern import TextLimits

DEFAULTS: dict[str, int] = {
    # A young person still on site: minutes to attend [U].
    "PLACES_ON_SITE_MINUTES": 30,
    # Otherwise hours for the MASH to triage [U].
    "PLACES_TRIAGE_HOURS": 24,
    # This many concerns or linked records within this many days raise a place's flag [U].
    "PLACES_RECUR_COUNT": 2,
    "PLACES_RECUR_DAYS": 90,
    # Days until a flag the recurrence rule raised is reviewed [U].
    "PLACES_FLAG_REVIEW_DAYS": 90,
    # A matched child's missing episodes this recent are checked against the place [U].
    "PLACES_EPISODE_LOOKBACK_DAYS": 90,
    # Longest description, and longest room or booking detail, in characters.
    "PLACES_TEXT_MAX_LENGTH": 4000,
    "PLACES_SHORT_TEXT_MAX_LENGTH": 200,
}


def value(name: str) -> int:
    """Return the whole number ``name`` from ``settings.SAFEGUARD`` (or its default).

    :raises ImproperlyConfigured: not a whole number of at least 1
    """
    raw: Any = settings.SAFEGUARD.get(name, DEFAULTS[name])
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 1:
        raise ImproperlyConfigured(f"SAFEGUARD[{name!r}] must be a whole number from 1")
    return int(raw)


def on_site_minutes() -> int:
    return value("PLACES_ON_SITE_MINUTES")


def triage_hours() -> int:
    return value("PLACES_TRIAGE_HOURS")


def recur_count() -> int:
    return value("PLACES_RECUR_COUNT")


def recur_days() -> int:
    return value("PLACES_RECUR_DAYS")


def flag_review_days() -> int:
    return value("PLACES_FLAG_REVIEW_DAYS")


def episode_lookback_days() -> int:
    return value("PLACES_EPISODE_LOOKBACK_DAYS")


def text_limits() -> TextLimits:
    """The longest description, and the longest room or booking detail (text fields).

    :raises ImproperlyConfigured: a limit is malformed, or the short one exceeds the
        stored column (200)
    """
    short = value("PLACES_SHORT_TEXT_MAX_LENGTH")
    if short > 200:
        raise ImproperlyConfigured("SAFEGUARD['PLACES_SHORT_TEXT_MAX_LENGTH'] is at most 200")
    return TextLimits(long=value("PLACES_TEXT_MAX_LENGTH"), short=short)
