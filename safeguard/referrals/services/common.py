"""Shared pieces of the referral services: field errors, the MASH team, stopping a clock."""

from __future__ import annotations

import datetime as dt

from safeguard.accounts.models import Team, User
from safeguard.audit.services import Subject
from safeguard.clocks.services import (
    BreachReasonRequired,
    ClockNotRunning,
    clock_stop,
)
from safeguard.core.exceptions import DomainError
from safeguard.core.policy import force_policy


class ReferralInvalid(DomainError):
    """Field errors; ``errors`` maps each field to its messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("There are errors.")
        self.errors = errors


def step_clock_stop(
    actor: User, subject: Subject, kind: str, *, stopped_at: dt.datetime, delay_reason: str
) -> None:
    """Stop a step's clock; a late stop needs the delay reason as a field error.

    A record with no running clock of that kind (loaded from another system, say) still
    completes its step: the clock is what measures the step, not what permits it.
    """
    try:
        clock_stop(
            actor=actor,
            subject=subject,
            kind=kind,
            stopped_at=stopped_at,
            breach_reason=delay_reason,
        )
    except BreachReasonRequired as exc:
        raise ReferralInvalid({"delay_reason": [str(exc)]}) from exc
    except ClockNotRunning:
        return


def mash_team() -> Team | None:
    """Return the force's MASH team (force policy ``MASH_TEAM_CODE``), if it exists."""
    return Team.objects.filter(code=force_policy("MASH_TEAM_CODE")).first()
