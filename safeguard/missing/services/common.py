"""Shared pieces of the missing-children services: errors and the review clock."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from safeguard.audit.services import Subject
from safeguard.clocks.services import (
    BreachReasonRequired,
    ClockNotRunning,
    clock_start,
    clock_stop,
)
from safeguard.core.exceptions import DomainError
from safeguard.missing import policy
from safeguard.missing.models import MissingEpisode
from safeguard.missing.rules.review import review_due
from safeguard.risk.rules.missing_person import MissingRiskLevel

if TYPE_CHECKING:
    from safeguard.accounts.models import User

REVIEW_CLOCK = "missing.review"
REVIEW_RULE = "APP missing persons: a time is set to review the decisions (force interval by risk)"
REVIEW_RULE_SOURCE = "DOMAIN.md §2.1 [P] (intervals [U])"
REVIEW_RULE_VERSION = "app-review-v1"

PREVENTION_CLOCK = "missing.prevention_interview"
PREVENTION_RULE = "Police prevention (safe and well) interview as soon as possible after return"
PREVENTION_RULE_SOURCE = "DOMAIN.md §2.2 [S] (hours [U])"
PREVENTION_RULE_VERSION = "prevention-v1"

RETURN_INTERVIEW_CLOCK = "missing.return_interview"
RETURN_INTERVIEW_RULE = "Statutory guidance 2014: return interview within 72 hours of return"
RETURN_INTERVIEW_RULE_SOURCE = "DOMAIN.md §2.2 [S]"
RETURN_INTERVIEW_RULE_VERSION = "dfe2014-v1"


class EpisodeInvalid(DomainError):
    """Field errors; ``errors`` maps each field to its messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("There are errors.")
        self.errors = errors


class AlreadyMissing(DomainError):
    """The child already has an open missing episode: report against it instead."""

    def __init__(self, episode: MissingEpisode, *, visible: bool = True) -> None:
        if visible:
            message = (
                f"This child is already reported missing ({episode.reference}). Add to that "
                "report instead of making a second one."
            )
        else:
            message = (
                "This child is already reported missing on a restricted record. Ask the "
                "control room to put you in touch with the team that holds it."
            )
        super().__init__(message)
        # A restricted episode out of the actor's scope is named by neither id nor reference.
        self.episode_id = episode.pk if visible else None
        self.reference = episode.reference if visible else ""


def review_clock_restart(
    *, actor: User, episode: MissingEpisode, level: str, decided_at: dt.datetime, delay_reason: str
) -> None:
    """Stop the running review clock (met, or breached with the reason) and set the next one.

    Each decision sets the time of the next review (DOMAIN.md §2.1 [P]). A high-risk
    child's review is urgent: it shows on the out-of-hours board before it falls due.

    :raises EpisodeInvalid: the review is late and no delay reason was given
    """
    subject = Subject.of(episode)
    try:
        clock_stop(
            actor=actor,
            subject=subject,
            kind=REVIEW_CLOCK,
            stopped_at=decided_at,
            breach_reason=delay_reason,
        )
    except BreachReasonRequired as exc:
        raise EpisodeInvalid(
            {"delay_reason": ["The review was due earlier: say why it is late"]}
        ) from exc
    except ClockNotRunning:
        pass
    if episode.status != "OPEN":
        return
    owner_team = episode.owning_team or actor.team
    assert owner_team is not None
    clock_start(
        subject=subject,
        kind=REVIEW_CLOCK,
        label=f"Review of the missing-child risk grading ({level.replace('_', ' ').lower()})",
        started_at=decided_at,
        due_at=review_due(level=level, decided_at=decided_at, hours=policy.review_hours()),
        rule=REVIEW_RULE,
        rule_source=REVIEW_RULE_SOURCE,
        rule_version=REVIEW_RULE_VERSION,
        owner_team=owner_team,
        owner_user=actor,
        urgent=level == MissingRiskLevel.HIGH,
    )


def clock_stop_for_step(
    *, actor: User | None, episode: MissingEpisode, kind: str, at: dt.datetime, delay_reason: str
) -> None:
    """Stop a step's clock; a late stop needs the delay reason as a field error.

    An episode with no running clock of that kind (loaded from another system) still
    completes its step: the clock measures the step, it does not permit it.
    """
    try:
        clock_stop(
            actor=actor,
            subject=Subject.of(episode),
            kind=kind,
            stopped_at=at,
            breach_reason=delay_reason,
        )
    except BreachReasonRequired as exc:
        raise EpisodeInvalid({"delay_reason": [str(exc)]}) from exc
    except ClockNotRunning:
        return
