"""Background work for child deaths (DESIGN.md "Background work": django-tasks).

Every few minutes: an officer asked to respond who has not accepted in time is timed out,
the next trained officer on call is asked and the on-call senior officer told. The decision
follows from what has happened, so a run that is late or repeated does no harm.
"""

from __future__ import annotations

from django_tasks import task

from safeguard.child_deaths.services import responses_escalate_due


@task()
def child_deaths_escalate() -> int:
    """Escalate unanswered asks; return how many changes were made."""
    return responses_escalate_due()
