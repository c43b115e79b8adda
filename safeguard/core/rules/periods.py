"""Periods of whole calendar days, such as school terms.

Pure: imports only the standard library. A :class:`DatePeriod` names calendar dates, not
instants, so it carries no time zone; the calendar it is read in is Europe/London
(see :mod:`safeguard.core.rules.calendar`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class DatePeriod:
    """A run of calendar days that includes both ``starts_on`` and ``ends_on``.

    Both ends are inclusive because term dates are published that way ("autumn term:
    3 September to 18 December"). A one-day period has ``starts_on == ends_on``.
    """

    starts_on: date
    ends_on: date

    def __post_init__(self) -> None:
        """Refuse a period that ends before it starts.

        :raises ValueError: if ``ends_on`` is earlier than ``starts_on``
        """
        if self.ends_on < self.starts_on:
            raise ValueError(
                f"A period cannot end ({self.ends_on.isoformat()}) "
                f"before it starts ({self.starts_on.isoformat()})."
            )

    def contains(self, d: date) -> bool:
        """Say whether the day ``d`` falls within the period, counting both ends."""
        return self.starts_on <= d <= self.ends_on
