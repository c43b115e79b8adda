"""When a domestic abuse case is referred to MARAC (DOMAIN.md §3.3).

A MARAC (multi-agency risk assessment conference) hears the highest-risk domestic abuse
cases. The referral criteria (DOMAIN.md §3.3 [S], https://docsbay.net/marac-referral-criteria-definitions):

1. **Visible high risk:** 14 or more "yes" answers on DASH, that is the instrument's level
   is High;
2. **Professional judgement:** the officer may refer a case the instrument did not grade
   High (and must never "downgrade" an actuarial result);
3. **Potential escalation:** "commonly" 3 or more domestic abuse incidents in 12 months;
   the count and the window are therefore force policy;
4. a fourth criterion is not visible in the copy read [U]; it is believed to be a
   **repeat** referral: a case referred to MARAC again within 12 months of the last
   referral.

The rule reports every criterion met, not only the first, so the referral can say why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import StrEnum

DEFAULT_ESCALATION_INCIDENTS = 3
DEFAULT_ESCALATION_WINDOW_DAYS = 365
DEFAULT_REPEAT_WINDOW_DAYS = 365

HIGH = "HIGH"
# The levels of the domestic abuse instruments (DASH, DARA), lowest first.
RISK_LEVELS: tuple[str, ...] = ("STANDARD", "MEDIUM", HIGH)


class MaracReason(StrEnum):
    VISIBLE_HIGH_RISK = "VISIBLE_HIGH_RISK"
    POTENTIAL_ESCALATION = "POTENTIAL_ESCALATION"
    PROFESSIONAL_JUDGEMENT = "PROFESSIONAL_JUDGEMENT"
    REPEAT = "REPEAT"  # DOMAIN.md §3.3 [U]: believed, not seen in the source


MARAC_REASON_LABELS: dict[MaracReason, str] = {
    MaracReason.VISIBLE_HIGH_RISK: "Visible high risk",
    MaracReason.POTENTIAL_ESCALATION: "Potential escalation",
    MaracReason.PROFESSIONAL_JUDGEMENT: "Professional judgement",
    MaracReason.REPEAT: "Repeat referral",
}


def incidents_in_window(*, incident_dates: Sequence[dt.date], on: dt.date, window_days: int) -> int:
    """Return how many incidents are dated from ``on - window_days`` to ``on``, both included.

    With 365 days, an incident on the same date a year before counts and one a day earlier
    does not. Incidents dated after ``on`` are ignored; two on one day count as two.

    :raises ValueError: ``window_days`` is below 1
    """
    if window_days < 1:
        raise ValueError(f"window_days must be 1 or more, not {window_days}")
    starts = on - dt.timedelta(days=window_days)
    return sum(1 for when in incident_dates if starts <= when <= on)


def marac_referral_reasons(
    *,
    risk_level: str,
    officer_raised: bool,
    incident_dates: Sequence[dt.date],
    on: dt.date,
    window_days: int = DEFAULT_ESCALATION_WINDOW_DAYS,
    escalation_incidents: int = DEFAULT_ESCALATION_INCIDENTS,
    previous_marac_within_days: int | None = None,
    repeat_window_days: int = DEFAULT_REPEAT_WINDOW_DAYS,
) -> frozenset[MaracReason]:
    """Return every MARAC referral criterion the case meets (DOMAIN.md §3.3); empty for none.

    - ``risk_level`` is the assessment's final level (DASH or DARA) and ``officer_raised``
      whether the officer's judgement raised it. High as computed is
      :attr:`MaracReason.VISIBLE_HIGH_RISK` [S]; High because the officer raised it is
      :attr:`MaracReason.PROFESSIONAL_JUDGEMENT` [S]. A raise that stops below High is
      neither.
    - ``incident_dates`` are the dates of the victim's domestic abuse incidents, the current
      one included. ``escalation_incidents`` or more of them in the window (see
      :func:`incidents_in_window`) is :attr:`MaracReason.POTENTIAL_ESCALATION` [S,
      "commonly" 3 in 12 months, so both are force policy].
    - ``previous_marac_within_days`` is how many days before ``on`` the victim was last
      referred to MARAC (None if never). Within ``repeat_window_days`` is
      :attr:`MaracReason.REPEAT` [U].

    :raises ValueError: ``risk_level`` is not a domestic abuse level, a window is below 1,
        ``escalation_incidents`` is below 1, or ``previous_marac_within_days`` is negative
    """
    if risk_level not in RISK_LEVELS:
        raise ValueError(
            f"risk_level must be one of {', '.join(RISK_LEVELS)}, not {risk_level[:40]!r}"
        )
    if escalation_incidents < 1:
        raise ValueError(f"escalation_incidents must be 1 or more, not {escalation_incidents}")
    if repeat_window_days < 1:
        raise ValueError(f"repeat_window_days must be 1 or more, not {repeat_window_days}")
    if previous_marac_within_days is not None and previous_marac_within_days < 0:
        raise ValueError("previous_marac_within_days must not be negative")
    reasons: set[MaracReason] = set()
    if risk_level == HIGH:
        reasons.add(
            MaracReason.PROFESSIONAL_JUDGEMENT if officer_raised else MaracReason.VISIBLE_HIGH_RISK
        )
    incidents = incidents_in_window(incident_dates=incident_dates, on=on, window_days=window_days)
    if incidents >= escalation_incidents:
        reasons.add(MaracReason.POTENTIAL_ESCALATION)
    if previous_marac_within_days is not None and previous_marac_within_days <= repeat_window_days:
        reasons.add(MaracReason.REPEAT)
    return frozenset(reasons)
