"""When a missing child's grading must next be reviewed (DOMAIN.md §2.1).

The APP's minimum actions for every report end with "A time is set to review the
decisions" [P]; it sets no national interval per risk level, so intervals are force policy
[U] (``settings.SAFEGUARD["MISSING_REVIEW_HOURS"]``). The defaults below are this project's
design: the higher the risk, the sooner the review.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Mapping

from safeguard.risk.rules.missing_person import LEVELS

DEFAULT_REVIEW_HOURS: dict[str, float] = {
    "HIGH": 2,
    "MEDIUM": 6,
    "LOW": 12,
    "VERY_LOW": 24,
}
"""Force policy default [U]: hours from a grading (or review) to the next review."""

MAX_REVIEW_HOURS = 24 * 28
"""No missing child waits four weeks for a review, whatever the policy says."""


def review_hours_errors(hours: Mapping[str, object]) -> list[str]:
    """Return what is wrong with a force's review intervals; empty when usable.

    Every level needs a positive number of hours, and a higher level never waits longer
    than a lower one.
    """
    errors: list[str] = []
    for level in LEVELS:
        value = hours.get(level)
        usable = (
            not isinstance(value, bool)
            and isinstance(value, int | float)
            and math.isfinite(value)
            and 0 < value <= MAX_REVIEW_HOURS
        )
        if not usable:
            errors.append(f"{level}: give a positive number of hours, at most {MAX_REVIEW_HOURS}")
    if errors:
        return errors
    ordered = [float(hours[level]) for level in LEVELS]  # type: ignore[arg-type]
    if any(higher > lower for lower, higher in itertools.pairwise(ordered)):
        errors.append("A higher risk level must not wait longer for its review than a lower one")
    unknown = sorted(set(hours) - set(LEVELS))
    if unknown:
        errors.append(f"Unknown levels: {', '.join(unknown)}")
    return errors


def review_due(*, level: str, decided_at: dt.datetime, hours: Mapping[str, float]) -> dt.datetime:
    """Return when the decision made at ``decided_at`` at ``level`` must be reviewed.

    Elapsed hours, not wall-clock hours: a review two hours after 00:30 on the night the
    clocks go forward falls at 03:30 local time, still two hours later (aware arithmetic in
    UTC).

    :raises KeyError: ``level`` has no interval
    """
    if decided_at.tzinfo is None:
        raise ValueError("decided_at must be timezone-aware")
    utc = decided_at.astimezone(dt.UTC)
    return utc + dt.timedelta(hours=float(hours[level]))
