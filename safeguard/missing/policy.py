"""Force policy for missing children, read from ``settings.SAFEGUARD`` (DOMAIN.md §2).

Every value here is [S] or [U] in DOMAIN.md, so a force sets it; each reader validates
what it reads and fails loudly on a malformed setting.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from safeguard.missing.rules.patterns import DEFAULT_REPEAT_THRESHOLD, DEFAULT_REPEAT_WINDOW_DAYS
from safeguard.missing.rules.review import DEFAULT_REVIEW_HOURS, review_hours_errors
from safeguard.missing.rules.times import (
    DEFAULT_PREVENTION_INTERVIEW_HOURS,
    RETURN_INTERVIEW_HOURS,
)


def _setting(name: str, default: Any) -> Any:
    return settings.SAFEGUARD.get(name, default)


def _whole_number(name: str, default: int) -> int:
    value = _setting(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ImproperlyConfigured(f"SAFEGUARD[{name!r}] must be a whole number from 1")
    return int(value)


def review_hours() -> dict[str, float]:
    """Hours from a grading to its review, per APP level (DOMAIN.md §2.1 [U]).

    :raises ImproperlyConfigured: a level is missing, not positive, or out of order
    """
    value = _setting("MISSING_REVIEW_HOURS", DEFAULT_REVIEW_HOURS)
    if not isinstance(value, dict):
        raise ImproperlyConfigured("SAFEGUARD['MISSING_REVIEW_HOURS'] must map levels to hours")
    errors = review_hours_errors(value)
    if errors:
        raise ImproperlyConfigured("SAFEGUARD['MISSING_REVIEW_HOURS']: " + "; ".join(errors))
    return {str(k): float(v) for k, v in value.items()}


def prevention_interview_hours() -> int:
    """Hours after the child is found for the police prevention interview (§2.2 [U])."""
    return _whole_number("MISSING_PREVENTION_INTERVIEW_HOURS", DEFAULT_PREVENTION_INTERVIEW_HOURS)


def return_interview_hours() -> int:
    """Hours after return for the local authority's return interview (§2.2 [S], 72)."""
    return _whole_number("MISSING_RETURN_INTERVIEW_HOURS", RETURN_INTERVIEW_HOURS)


@dataclass(frozen=True)
class RepeatPolicy:
    threshold: int
    window_days: int


def repeat_policy() -> RepeatPolicy:
    """Episodes in a window that prompt a strategy discussion (§2.2 [S]; default 3 in 90 days)."""
    return RepeatPolicy(
        threshold=_whole_number("MISSING_REPEAT_THRESHOLD", DEFAULT_REPEAT_THRESHOLD),
        window_days=_whole_number("MISSING_REPEAT_WINDOW_DAYS", DEFAULT_REPEAT_WINDOW_DAYS),
    )
