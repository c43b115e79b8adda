"""How fast the police must act on a business concern (issue 10 item 2; DOMAIN.md §7).

Makesafe tells staff to call 999 in an emergency and 101 otherwise (DOMAIN.md §7 [P]). A
young person still on site is the emergency: the concern is urgent, goes to the
out-of-hours board at once and runs a short clock (``PLACES_ON_SITE_MINUTES``, default 30
[U]). Otherwise the MASH triages it within ``PLACES_TRIAGE_HOURS`` (default 24 [U]). Both
times are this project's design, so they are force policy.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

ON_SITE_CLOCK = "places.on_site"
TRIAGE_CLOCK = "places.triage"


@dataclass(frozen=True)
class Urgency:
    urgent: bool
    clock_kind: str
    due_at: dt.datetime
    label: str
    rule: str
    rule_version: str


RULE_SOURCE = "DOMAIN.md §7 [P] (999 in an emergency); times are force policy [U]"


def concern_urgency(
    *,
    still_on_site: bool,
    received_at: dt.datetime,
    on_site_minutes: int,
    triage_hours: int,
) -> Urgency:
    """Return the clock a concern received at ``received_at`` starts.

    Elapsed time from receipt, in UTC (as ``core.rules.deadlines.hours_deadline``).
    """
    if still_on_site:
        return Urgency(
            urgent=True,
            clock_kind=ON_SITE_CLOCK,
            due_at=received_at + dt.timedelta(minutes=on_site_minutes),
            label="Business concern: young person still on site, deploy",
            rule=f"Force policy: a young person still on site is attended within "
            f"{on_site_minutes} minutes",
            rule_version=f"makesafe-on-site-{on_site_minutes}m-v1",
        )
    return Urgency(
        urgent=False,
        clock_kind=TRIAGE_CLOCK,
        due_at=received_at + dt.timedelta(hours=triage_hours),
        label="Business concern: MASH triage",
        rule=f"Force policy: a business concern is triaged within {triage_hours} hours",
        rule_version=f"makesafe-triage-{triage_hours}h-v1",
    )
