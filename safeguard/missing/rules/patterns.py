"""Patterns across episodes: repeat missing and exploitation signs (DOMAIN.md §2.2, §10.1).

No national threshold for "repeat missing" was found; local protocols set their own (for
example 3 or more times in 30 days calls a strategy meeting, DOMAIN.md §2.2 [S]). The
threshold and window are force policy (``MISSING_REPEAT_THRESHOLD``,
``MISSING_REPEAT_WINDOW_DAYS``), default 3 in 90 days (issue 5) [U].
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from safeguard.missing.rules.codes import ExploitationIndicator

DEFAULT_REPEAT_THRESHOLD = 3
DEFAULT_REPEAT_WINDOW_DAYS = 90


def episodes_in_window(starts: Iterable[dt.date], *, on: dt.date, window_days: int) -> int:
    """Count episodes that started in the ``window_days`` days ending with ``on``.

    The window includes ``on`` and the ``window_days - 1`` days before it: with a 90-day
    window, an episode 89 days before counts and one 90 days before does not. Episodes after
    ``on`` never count. Dates are local (London) calendar dates.
    """
    if window_days < 1:
        raise ValueError("The window must be at least one day")
    return sum(1 for start in starts if 0 <= (on - start).days < window_days)


def is_repeat_missing(
    starts: Sequence[dt.date], *, on: dt.date, threshold: int, window_days: int
) -> bool:
    """Tell whether the child has gone missing ``threshold`` or more times in the window.

    ``starts`` includes the episode being recorded.
    """
    if threshold < 1:
        raise ValueError("The threshold must be at least one episode")
    return episodes_in_window(starts, on=on, window_days=window_days) >= threshold


def screening_reasons(indicators: Iterable[str]) -> list[ExploitationIndicator]:
    """Return the exploitation indicators present, in a stable order; any one calls a screening.

    Missing is "one of the key indicators of child sexual exploitation", and the risk "does
    not go away just because they have returned" (DOMAIN.md §2.2 [S]).

    :raises ValueError: an indicator is not one of :class:`ExploitationIndicator`
    """
    given = set(indicators)
    known = {i.value for i in ExploitationIndicator}
    unknown = sorted(given - known)
    if unknown:
        raise ValueError(f"Unknown exploitation indicators: {', '.join(unknown)}")
    return [i for i in ExploitationIndicator if i.value in given]
