"""After the pattern: strategy discussions for repeat missing, screenings and the NRM (§2.2, §10.1)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from uuid import UUID

from django.db import transaction

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.core import clock
from safeguard.core.exceptions import NotFoundOrForbidden
from safeguard.missing.models import ExploitationScreening, NrmReferral, RepeatMissingPrompt
from safeguard.missing.policies import police_episode_in_scope
from safeguard.missing.rules.codes import ScreeningOutcome
from safeguard.missing.rules.nrm import NrmDetails, nrm_errors
from safeguard.missing.services.common import EpisodeInvalid

if TYPE_CHECKING:
    from safeguard.accounts.models import User

MIN_NOTE = 10


@transaction.atomic
def strategy_discussion_record(
    *, actor: User, prompt_id: UUID, held_at: dt.datetime | None, note: str
) -> RepeatMissingPrompt:
    """Record the strategy discussion a repeat-missing prompt called for (§2.2 [S]).

    :raises NotFoundOrForbidden: no such prompt, or its episode is out of scope
    :raises EpisodeInvalid: already recorded, no time, a future time, or no note
    """
    require_capability(actor, Capability.STRATEGY_RECORD)
    prompt = RepeatMissingPrompt.objects.select_for_update().filter(pk=prompt_id).first()
    if prompt is None:
        raise NotFoundOrForbidden()
    police_episode_in_scope(actor, prompt.episode_id)
    errors: dict[str, list[str]] = {}
    if prompt.discussion_held_at is not None:
        raise EpisodeInvalid({"status": ["The strategy discussion is already recorded"]})
    if held_at is None:
        errors["held_at"] = ["Record when the discussion was held"]
    elif held_at > clock.now():
        errors["held_at"] = ["The discussion time cannot be in the future"]
    if len(note.strip()) < MIN_NOTE:
        errors["note"] = ["Record who attended and what was agreed"]
    if errors:
        raise EpisodeInvalid(errors)
    prompt.discussion_held_at = held_at
    prompt.discussion_note = note.strip()
    prompt.discussion_recorded_by = actor
    prompt.updated_at = clock.now()
    prompt.save()
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="missing.strategy_discussion_recorded",
        subjects=[Subject.of(prompt), Subject("people.person", str(prompt.episode.child_id))],
    )
    return prompt


@transaction.atomic
def screening_complete(
    *, actor: User, screening_id: UUID, outcome: str, note: str
) -> ExploitationScreening:
    """Record the outcome of a CSE/CCE screening (§10.1 [S]).

    :raises CapabilityMissing: the actor cannot screen for exploitation
    :raises NotFoundOrForbidden: no such screening, or its episode is out of scope
    :raises EpisodeInvalid: already complete, unknown outcome, or no note
    """
    require_capability(actor, Capability.EXPLOITATION_SCREEN)
    screening = ExploitationScreening.objects.select_for_update().filter(pk=screening_id).first()
    if screening is None:
        raise NotFoundOrForbidden()
    police_episode_in_scope(actor, screening.episode_id)
    if screening.completed_at is not None:
        raise EpisodeInvalid({"status": ["This screening is already complete"]})
    errors: dict[str, list[str]] = {}
    if outcome not in {o.value for o in ScreeningOutcome}:
        errors["outcome"] = ["Choose the outcome of the screening"]
    if len(note.strip()) < MIN_NOTE:
        errors["note"] = ["Say what the screening found and what follows"]
    if errors:
        raise EpisodeInvalid(errors)
    now = clock.now()
    screening.outcome = outcome
    screening.note = note.strip()
    screening.completed_by = actor
    screening.completed_at = now
    screening.updated_at = now
    screening.save()
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="missing.screening_completed",
        subjects=[Subject.of(screening), Subject("people.person", str(screening.episode.child_id))],
        changes={"outcome": outcome},
    )
    return screening


@transaction.atomic
def nrm_referral_record(*, actor: User, episode_id: UUID, details: NrmDetails) -> NrmReferral:
    """Record a National Referral Mechanism referral for the episode's child (§10.1 [S]).

    Children do not need to consent to an NRM referral (§10.1 [S]).

    :raises NotFoundOrForbidden: no such episode in scope
    :raises EpisodeInvalid: any field error
    """
    require_capability(actor, Capability.EXPLOITATION_SCREEN)
    episode = police_episode_in_scope(actor, episode_id)
    errors = nrm_errors(details, clock.today_in_london())
    if errors:
        raise EpisodeInvalid(errors)
    assert details.referred_on is not None
    now = clock.now()
    referral = NrmReferral.objects.create(
        child_id=episode.child_id,
        episode=episode,
        exploitation_type=details.exploitation_type,
        referred_on=details.referred_on,
        nrm_reference=details.nrm_reference.strip()[:60],
        first_responder=details.first_responder.strip()[:200],
        reasonable_grounds=details.reasonable_grounds,
        reasonable_grounds_on=details.reasonable_grounds_on,
        conclusive_grounds=details.conclusive_grounds,
        conclusive_grounds_on=details.conclusive_grounds_on,
        ictg_referred_on=details.ictg_referred_on,
        victim_not_offender=details.victim_not_offender,
        recorded_by=actor,
        created_at=now,
        updated_at=now,
    )
    audit_event_record(
        actor=actor,
        operation=Operation.DISCLOSURE,
        event_type="missing.nrm_referral_recorded",
        subjects=[
            Subject.of(referral),
            Subject.of(episode),
            Subject("people.person", str(episode.child_id)),
        ],
        justification="National Referral Mechanism referral (DOMAIN.md §10.1)",
        recipients=["Home Office Single Competent Authority"],
        changes={"exploitation_type": details.exploitation_type},
    )
    return referral


@transaction.atomic
def nrm_decision_record(
    *,
    actor: User,
    referral_id: UUID,
    reasonable_grounds: str,
    reasonable_grounds_on: dt.date | None,
    conclusive_grounds: str,
    conclusive_grounds_on: dt.date | None,
    ictg_referred_on: dt.date | None = None,
) -> NrmReferral:
    """Record the Single Competent Authority's decisions as they arrive (§10.1 [S]).

    The same checks as at referral: a decision needs its date, no date in the future or
    before the referral, conclusive grounds only after positive reasonable grounds.

    :raises NotFoundOrForbidden: no such referral, or its episode is out of scope
    :raises EpisodeInvalid: any field error
    """
    require_capability(actor, Capability.EXPLOITATION_SCREEN)
    referral = NrmReferral.objects.select_for_update().filter(pk=referral_id).first()
    if referral is None or referral.episode_id is None:
        raise NotFoundOrForbidden()
    police_episode_in_scope(actor, referral.episode_id)
    details = NrmDetails(
        exploitation_type=referral.exploitation_type,
        referred_on=referral.referred_on,
        first_responder=referral.first_responder,
        nrm_reference=referral.nrm_reference,
        reasonable_grounds=reasonable_grounds,
        reasonable_grounds_on=reasonable_grounds_on,
        conclusive_grounds=conclusive_grounds,
        conclusive_grounds_on=conclusive_grounds_on,
        ictg_referred_on=ictg_referred_on or referral.ictg_referred_on,
        victim_not_offender=referral.victim_not_offender,
    )
    errors = nrm_errors(details, clock.today_in_london())
    if errors:
        raise EpisodeInvalid(errors)
    referral.reasonable_grounds = reasonable_grounds
    referral.reasonable_grounds_on = reasonable_grounds_on
    referral.conclusive_grounds = conclusive_grounds
    referral.conclusive_grounds_on = conclusive_grounds_on
    referral.ictg_referred_on = details.ictg_referred_on
    referral.updated_at = clock.now()
    referral.save()
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="missing.nrm_decision_recorded",
        subjects=[Subject.of(referral), Subject("people.person", str(referral.child_id))],
        changes={
            "reasonable_grounds": reasonable_grounds,
            "conclusive_grounds": conclusive_grounds,
        },
    )
    return referral
