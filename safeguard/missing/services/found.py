"""Found and after: the found record, the prevention interview, the return interview loop.

When a child is found the review clock stops, the police prevention (safe and well)
interview falls due, and the local authority's return interview is requested at once and
due within 72 hours of return (DOMAIN.md §2.2 [S]); children's social care records its
completion, the child's refusal, or its decision not to hold one. The episode closes when
both interviews are accounted for. Debrief information is kept as intelligence for future
episodes (§2.1 [P]).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from uuid import UUID

from django.db import transaction

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.accounts.models import Organisation, OrganisationKind
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.clocks.models import StatutoryClock
from safeguard.clocks.services import clock_start
from safeguard.core import clock
from safeguard.missing import policy
from safeguard.missing.models import MissingEpisode
from safeguard.missing.policies import episode_in_scope, police_episode_in_scope
from safeguard.missing.rules.codes import (
    EpisodeStatus,
    FoundCondition,
    MissingFrom,
    ReturnInterviewOutcome,
)
from safeguard.missing.rules.lifecycle import is_closed
from safeguard.missing.rules.patterns import screening_reasons
from safeguard.missing.rules.times import found_time_errors, return_interview_due
from safeguard.missing.services.common import (
    PREVENTION_CLOCK,
    PREVENTION_RULE,
    PREVENTION_RULE_SOURCE,
    PREVENTION_RULE_VERSION,
    RETURN_INTERVIEW_CLOCK,
    RETURN_INTERVIEW_RULE,
    RETURN_INTERVIEW_RULE_SOURCE,
    RETURN_INTERVIEW_RULE_VERSION,
    REVIEW_CLOCK,
    EpisodeInvalid,
    clock_stop_for_step,
)
from safeguard.missing.services.report import screening_raise

if TYPE_CHECKING:
    from safeguard.accounts.models import User

MIN_SUMMARY = 10
OVERDUE_AT_FOUND = "The review was overdue when the child was found"


@dataclass(frozen=True)
class FoundDetails:
    found_at: dt.datetime | None
    found_place: str
    found_by: str
    condition: str
    return_interview_organisation_id: UUID | None = None
    exploitation_indicators: tuple[str, ...] = field(default_factory=tuple)


def _indicators(values: Sequence[str], errors: dict[str, list[str]]) -> list[str]:
    try:
        return [i.value for i in screening_reasons(values)]
    except ValueError as exc:
        errors["exploitation_indicators"] = [str(exc)]
        return []


def _return_interview_organisation(
    episode: MissingEpisode, chosen: UUID | None, errors: dict[str, list[str]]
) -> Organisation | None:
    if chosen is None and episode.missing_from == MissingFrom.CARE and episode.placing_authority:
        return episode.placing_authority
    organisation = (
        Organisation.objects.filter(pk=chosen, kind=OrganisationKind.CHILDRENS_SOCIAL_CARE).first()
        if chosen is not None
        else None
    )
    if organisation is None:
        errors["return_interview_organisation"] = [
            "Choose the children's social care team that holds the return interview"
        ]
    return organisation


def _stop_review(actor: User, episode: MissingEpisode, found_at: dt.datetime) -> None:
    running = StatutoryClock.objects.filter(
        subject_type="missing.missingepisode",
        subject_id=episode.pk,
        kind=REVIEW_CLOCK,
        stopped_at__isnull=True,
    ).first()
    if running is None:
        return
    stop_at = max(found_at, running.started_at)
    clock_stop_for_step(
        actor=actor,
        episode=episode,
        kind=REVIEW_CLOCK,
        at=stop_at,
        delay_reason=OVERDUE_AT_FOUND if stop_at > running.due_at else "",
    )


@transaction.atomic
def episode_found(*, actor: User, episode_id: UUID, details: FoundDetails) -> MissingEpisode:
    """Record the child found; request the return interview at once; start the after-care clocks.

    The return-interview request is a *disclosure* to children's social care (DPA 2018
    s.62(3)): it names the organisation.

    :raises NotFoundOrForbidden: no such episode in scope
    :raises EpisodeInvalid: not open, a found time in the future or before the child went
        missing, missing place, finder or condition, or no social care team to ask
    """
    require_capability(actor, Capability.MISSING_RECORD)
    episode = police_episode_in_scope(actor, episode_id)
    episode = MissingEpisode.objects.select_for_update().get(pk=episode.pk)
    now = clock.now()
    errors: dict[str, list[str]] = {}
    if episode.status != EpisodeStatus.OPEN:
        raise EpisodeInvalid({"status": ["The child has already been found"]})
    if details.found_at is None:
        errors["found_at"] = ["Record when the child was found"]
    else:
        problems = found_time_errors(
            last_seen_at=episode.last_seen_at, found_at=details.found_at, now=now
        )
        if problems:
            errors["found_at"] = problems
    if not details.found_place.strip():
        errors["found_place"] = ["Record where the child was found"]
    if not details.found_by.strip():
        errors["found_by"] = ["Record who found the child (or that they returned themselves)"]
    if details.condition not in {c.value for c in FoundCondition}:
        errors["condition"] = ["Choose the child's condition when found"]
    organisation = _return_interview_organisation(
        episode, details.return_interview_organisation_id, errors
    )
    indicators = _indicators(details.exploitation_indicators, errors)
    if errors:
        raise EpisodeInvalid(errors)
    assert details.found_at is not None
    assert organisation is not None
    found_at = details.found_at
    _stop_review(actor, episode, found_at)
    episode.status = EpisodeStatus.FOUND
    episode.found_at = found_at
    episode.found_place = details.found_place.strip()[:300]
    episode.found_by = details.found_by.strip()[:200]
    episode.found_condition = details.condition
    episode.return_interview_organisation = organisation
    episode.return_interview_requested_at = now
    episode.exploitation_indicators = sorted({*episode.exploitation_indicators, *indicators})
    episode.updated_at = now
    episode.save()
    owner_team = episode.owning_team or actor.team
    assert owner_team is not None
    subject = Subject.of(episode)
    clock_start(
        subject=subject,
        kind=PREVENTION_CLOCK,
        label="Police prevention (safe and well) interview",
        started_at=found_at,
        due_at=found_at.astimezone(dt.UTC)
        + dt.timedelta(hours=policy.prevention_interview_hours()),
        rule=PREVENTION_RULE,
        rule_source=PREVENTION_RULE_SOURCE,
        rule_version=PREVENTION_RULE_VERSION,
        owner_team=owner_team,
        owner_user=actor,
    )
    clock_start(
        subject=subject,
        kind=RETURN_INTERVIEW_CLOCK,
        label="Return interview by the local authority",
        started_at=found_at,
        due_at=return_interview_due(found_at=found_at, hours=policy.return_interview_hours()),
        rule=RETURN_INTERVIEW_RULE,
        rule_source=RETURN_INTERVIEW_RULE_SOURCE,
        rule_version=RETURN_INTERVIEW_RULE_VERSION,
        owner_team=owner_team,
        owner_user=actor,
        partner_organisation=organisation,
    )
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="missing.found",
        subjects=[subject, Subject("people.person", str(episode.child_id))],
        changes={"condition": episode.found_condition, "found_at": found_at.isoformat()},
    )
    audit_event_record(
        actor=actor,
        operation=Operation.DISCLOSURE,
        event_type="missing.return_interview_requested",
        subjects=[subject, Subject("people.person", str(episode.child_id))],
        justification="Return interview request (statutory guidance 2014, DOMAIN.md §2.2)",
        recipients=[organisation.name],
    )
    screening_raise(actor=actor, episode=episode, indicators=indicators)
    return episode


def _close_if_done(episode: MissingEpisode) -> None:
    if is_closed(
        prevention_interview_done=episode.prevention_interview_at is not None,
        return_interview_recorded=bool(episode.return_interview_outcome),
    ):
        episode.status = EpisodeStatus.CLOSED


@transaction.atomic
def prevention_interview_record(
    *,
    actor: User,
    episode_id: UUID,
    held_at: dt.datetime | None,
    summary: str,
    debrief_intelligence: str = "",
    exploitation_indicators: Sequence[str] = (),
    delay_reason: str = "",
) -> MissingEpisode:
    """Record the police prevention (safe and well) interview and its debrief (§2.2 [S]).

    Debrief information is kept as intelligence for future episodes (§2.1 [P]); new
    exploitation indicators raise or extend a screening.

    :raises NotFoundOrForbidden: no such episode in scope
    :raises EpisodeInvalid: not found yet, already recorded, a time before the child was
        found or in the future, a summary too short, or late without a reason
    """
    require_capability(actor, Capability.MISSING_RECORD)
    episode = police_episode_in_scope(actor, episode_id)
    episode = MissingEpisode.objects.select_for_update().get(pk=episode.pk)
    now = clock.now()
    errors: dict[str, list[str]] = {}
    if episode.found_at is None:
        raise EpisodeInvalid({"status": ["Record the child found first"]})
    if episode.prevention_interview_at is not None:
        raise EpisodeInvalid({"status": ["The prevention interview is already recorded"]})
    if held_at is None:
        errors["held_at"] = ["Record when the interview was held"]
    elif held_at > now:
        errors["held_at"] = ["The interview time cannot be in the future"]
    elif held_at < episode.found_at:
        errors["held_at"] = ["The interview cannot be before the child was found"]
    if len(summary.strip()) < MIN_SUMMARY:
        errors["summary"] = [f"Summarise the interview in at least {MIN_SUMMARY} characters"]
    indicators = _indicators(exploitation_indicators, errors)
    if errors:
        raise EpisodeInvalid(errors)
    assert held_at is not None
    clock_stop_for_step(
        actor=actor, episode=episode, kind=PREVENTION_CLOCK, at=held_at, delay_reason=delay_reason
    )
    episode.prevention_interview_at = held_at
    episode.prevention_interview_by = actor
    episode.prevention_interview_summary = summary.strip()
    episode.debrief_intelligence = debrief_intelligence.strip()
    episode.exploitation_indicators = sorted({*episode.exploitation_indicators, *indicators})
    _close_if_done(episode)
    episode.updated_at = now
    episode.save()
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="missing.prevention_interview_recorded",
        subjects=[Subject.of(episode), Subject("people.person", str(episode.child_id))],
        changes={"intelligence": bool(episode.debrief_intelligence), "indicators": indicators},
    )
    screening_raise(actor=actor, episode=episode, indicators=indicators)
    return episode


@transaction.atomic
def return_interview_record(
    *, actor: User, episode_id: UUID, outcome: str, note: str, delay_reason: str = ""
) -> MissingEpisode:
    """Children's social care records the return interview: completed, refused or not held.

    Stops the 72-hour clock: met, or breached with the reason (§2.2 [S]). "Not held" and
    "refused" need the reason (the decision not to hold one is recorded, §2.2 [S]).

    :raises NotFoundOrForbidden: not requested from the actor's organisation
    :raises EpisodeInvalid: unknown outcome, already recorded, no reason, late without reason
    """
    require_capability(actor, Capability.RETURN_INTERVIEW_RESPOND)
    episode = episode_in_scope(actor, episode_id)
    episode = MissingEpisode.objects.select_for_update().get(pk=episode.pk)
    errors: dict[str, list[str]] = {}
    if episode.return_interview_outcome:
        raise EpisodeInvalid({"status": ["The return interview outcome is already recorded"]})
    if outcome not in {o.value for o in ReturnInterviewOutcome}:
        errors["outcome"] = ["Choose completed, refused or not held"]
    elif outcome != ReturnInterviewOutcome.COMPLETED and len(note.strip()) < MIN_SUMMARY:
        errors["note"] = ["Say why the interview was refused or not held"]
    if errors:
        raise EpisodeInvalid(errors)
    now = clock.now()
    clock_stop_for_step(
        actor=actor, episode=episode, kind=RETURN_INTERVIEW_CLOCK, at=now, delay_reason=delay_reason
    )
    episode.return_interview_outcome = outcome
    episode.return_interview_outcome_at = now
    episode.return_interview_note = note.strip()
    episode.return_interview_recorded_by = actor
    _close_if_done(episode)
    episode.updated_at = now
    episode.save()
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="missing.return_interview_recorded",
        subjects=[Subject.of(episode), Subject("people.person", str(episode.child_id))],
        changes={"outcome": outcome},
    )
    return episode
