"""Background work for statutory clocks (DESIGN.md "Background work": django-tasks).

The worker only sends reminders and escalations. Deadlines are stored on the clocks, so a
run that is late or missed loses nothing: the next run sends every step that has fallen due,
and the unique key on each notification means a step is never sent twice.
"""

from __future__ import annotations

from django_tasks import task

from safeguard.clocks.selectors import clock_policy
from safeguard.clocks.services import clock_escalate_due
from safeguard.core import clock


@task()
def clocks_escalate() -> int:
    """Send the reminders and escalations that have fallen due, and return how many.

    The escalation ladder is force policy (default 0, 2 and 8 hours after the deadline;
    DOMAIN.md §4.3 says MASH timescales are local [U]), read by
    :func:`safeguard.clocks.selectors.clock_policy`.
    """
    return clock_escalate_due(now=clock.now(), steps=clock_policy().escalation_steps)
