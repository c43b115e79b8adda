"""When a place's history raises its flag (issue 10 item 3; DOMAIN.md §7).

DOMAIN.md §7 asks for "links between repeat locations and nominals" [S]; how many records
in how long make a place a repeat location is not published, so both are force policy
(``PLACES_RECUR_COUNT``, default 2, within ``PLACES_RECUR_DAYS``, default 90 [U]).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable


def recurrence_reason(
    *,
    occurred: Iterable[dt.datetime],
    now: dt.datetime,
    count: int,
    days: int,
) -> str | None:
    """Return why the place should be flagged, or None if it should not.

    ``occurred`` holds one instant per distinct record linked to the place (a concern, an
    episode, an occurrence, a referral). Records from the last ``days`` days up to ``now``
    count; at least ``count`` of them raise the flag.
    """
    since = now - dt.timedelta(days=days)
    recent = sum(1 for at in occurred if since <= at <= now)
    if recent < count:
        return None
    return (
        f"{recent} concerns or linked records at this place in the last {days} days "
        f"(force policy: {count} in {days} days raise the flag)."
    )
