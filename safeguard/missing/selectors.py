"""Reads for missing children; every read of a child's record is audited (DPA 2018 s.62)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import Case, IntegerField, QuerySet, Value, When

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.audit.purpose import require_purpose
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.clocks.models import ClockOutcome, StatutoryClock
from safeguard.clocks.selectors import ClockWithStatus, clock_list_for_subject
from safeguard.core.exceptions import NotFoundOrForbidden
from safeguard.missing.models import (
    ExploitationScreening,
    MissingEpisode,
    NrmReferral,
    PhilomenaProfile,
    RepeatMissingPrompt,
    RiskInformation,
)
from safeguard.missing.policies import (
    police_episode_in_scope,
    profile_in_scope,
    scope_episodes,
    scope_profiles,
)
from safeguard.missing.rules.codes import EpisodeStatus
from safeguard.missing.rules.indicators import EpisodeFact, RepeatFact, ReviewFact
from safeguard.missing.rules.standards import (
    CORE_FIELD_NAMES,
    EpisodeFacts,
    Gap,
    RiskInformationFact,
    core_information_complete,
    episode_gaps,
)
from safeguard.missing.services.common import REVIEW_CLOCK
from safeguard.risk.models import RiskAssessment

if TYPE_CHECKING:
    from safeguard.accounts.models import User

PAGE = 50
SUBJECT_TYPE = "missing.missingepisode"
READ_BY_SOCIAL_CARE = "Return interview: children's social care reads the request"


_OPEN_FIRST = Case(
    When(status=EpisodeStatus.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField()
)


@dataclass(frozen=True)
class EpisodeRecord:
    episode: MissingEpisode
    risk_information: list[RiskInformation]
    gradings: list[RiskAssessment]
    clocks: list[ClockWithStatus]
    repeat_prompt: RepeatMissingPrompt | None
    screenings: list[ExploitationScreening]
    nrm_referrals: list[NrmReferral]
    gaps: list[Gap]
    earlier_episodes: list[MissingEpisode]

    @property
    def grading(self) -> RiskAssessment | None:
        return self.gradings[0] if self.gradings else None


def _gradings(episode_ids: list[UUID]) -> dict[str, list[RiskAssessment]]:
    found: dict[str, list[RiskAssessment]] = {}
    for assessment in RiskAssessment.objects.filter(
        subject_type=SUBJECT_TYPE, subject_id__in=[str(i) for i in episode_ids]
    ).order_by("-assessed_at", "-created_at"):
        found.setdefault(assessment.subject_id, []).append(assessment)
    return found


def _facts(
    episode: MissingEpisode, information: list[RiskInformation], grading: RiskAssessment | None
) -> EpisodeFacts:
    values = {name: getattr(episode, name) for name in CORE_FIELD_NAMES}
    return EpisodeFacts(
        values=values,
        missing_from=episode.missing_from,
        has_placing_authority=episode.placing_authority_id is not None,
        risk_information=[
            RiskInformationFact(
                information=i.information,
                supplied_by=i.supplied_by,
                supplied_by_contact=i.supplied_by_contact,
                obtained_at_given=i.obtained_at is not None,
            )
            for i in information
        ],
        graded_level=grading.current_level if grading else None,
        cra_decided=bool(episode.cra_decision),
        found=episode.found_at is not None,
        prevention_interview_done=episode.prevention_interview_at is not None,
        return_interview_requested=episode.return_interview_requested_at is not None,
    )


def episode_reference_in_scope(*, actor: User, episode_id: UUID) -> str:
    """Return only the episode's reference (no personal data, no audit)."""
    require_capability(actor, Capability.MISSING_VIEW)
    return police_episode_in_scope(actor, episode_id).reference


def episode_get(*, actor: User, episode_id: UUID, purpose: str) -> EpisodeRecord:
    """Return an episode with everything recorded about it; log the reading with its purpose.

    :raises NotFoundOrForbidden: missing, out of scope, or a partner user
    :raises PurposeRequired: no purpose given
    """
    require_capability(actor, Capability.MISSING_VIEW)
    justification = require_purpose(purpose)
    police_episode_in_scope(actor, episode_id)
    episode = MissingEpisode.objects.select_related(
        "child",
        "placing_authority",
        "philomena_profile",
        "return_interview_organisation",
        "recorded_by",
        "prevention_interview_by",
        "cra_decided_by",
    ).get(pk=episode_id)
    information = list(episode.risk_information.select_related("recorded_by"))
    gradings = _gradings([episode.pk]).get(str(episode.pk), [])
    audit_event_record(
        actor=actor,
        operation=Operation.CONSULTATION,
        event_type="missing.consulted",
        subjects=[Subject.of(episode), Subject.of(episode.child)],
        justification=justification,
    )
    return EpisodeRecord(
        episode=episode,
        risk_information=information,
        gradings=gradings,
        clocks=clock_list_for_subject(subject=Subject.of(episode)),
        repeat_prompt=RepeatMissingPrompt.objects.filter(episode=episode).first(),
        screenings=list(episode.screenings.all()),
        nrm_referrals=list(episode.nrm_referrals.all()),
        gaps=episode_gaps(_facts(episode, information, gradings[0] if gradings else None)),
        earlier_episodes=list(
            MissingEpisode.objects.filter(child_id=episode.child_id)
            .exclude(pk=episode.pk)
            .order_by("-last_seen_at")[:20]
        ),
    )


def episode_list(*, actor: User, status: str | None = None) -> list[MissingEpisode]:
    """Return episodes in scope, missing now first, then the latest; at most 50.

    Lists names, so it is a consultation of each child listed.
    """
    require_capability(actor, Capability.MISSING_VIEW)
    episodes: QuerySet[MissingEpisode] = scope_episodes(actor).select_related("child")
    if actor.organisation_id is not None:
        return []
    if status in {s.value for s in EpisodeStatus}:
        episodes = episodes.filter(status=status)
    rows: list[MissingEpisode] = list(
        episodes.annotate(open_first=_OPEN_FIRST).order_by("open_first", "-last_seen_at")[:PAGE]
    )
    if rows:
        audit_event_record(
            actor=actor,
            operation=Operation.CONSULTATION,
            event_type="missing.listed",
            subjects=[Subject("people.person", str(e.child_id)) for e in rows],
            justification="Missing children: the list of episodes",
        )
    return rows


def return_interview_inbox(*, actor: User) -> list[MissingEpisode]:
    """Return the return interviews requested from the actor's organisation, open first.

    :raises CapabilityMissing: not a social care user
    """
    require_capability(actor, Capability.RETURN_INTERVIEW_RESPOND)
    if actor.organisation_id is None:
        return []
    rows: list[MissingEpisode] = list(
        scope_episodes(actor)
        .filter(return_interview_requested_at__isnull=False)
        .select_related("child")
        .annotate(
            awaited_first=Case(
                When(return_interview_outcome="", then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("awaited_first", "-found_at")[:PAGE]
    )
    if rows:
        audit_event_record(
            actor=actor,
            operation=Operation.CONSULTATION,
            event_type="missing.return_interviews_listed",
            subjects=[Subject("people.person", str(e.child_id)) for e in rows],
            justification=READ_BY_SOCIAL_CARE,
        )
    return rows


def return_interview_get(
    *, actor: User, episode_id: UUID
) -> tuple[MissingEpisode, list[ClockWithStatus]]:
    """Return one return-interview request for the social care team it was sent to.

    :raises NotFoundOrForbidden: not requested from the actor's organisation
    """
    require_capability(actor, Capability.RETURN_INTERVIEW_RESPOND)
    if actor.organisation_id is None:
        raise NotFoundOrForbidden()
    episode = scope_episodes(actor).select_related("child").filter(pk=episode_id).first()
    if episode is None:
        raise NotFoundOrForbidden()
    audit_event_record(
        actor=actor,
        operation=Operation.CONSULTATION,
        event_type="missing.return_interview_read",
        subjects=[Subject.of(episode), Subject.of(episode.child)],
        justification=READ_BY_SOCIAL_CARE,
    )
    clocks = [
        c
        for c in clock_list_for_subject(subject=Subject.of(episode))
        if c.clock.kind == "missing.return_interview"
    ]
    return episode, clocks


def profile_list(*, actor: User) -> list[PhilomenaProfile]:
    """Return the profiles the actor's organisation holds (its own records: no audit needed
    beyond the listing, which is logged)."""
    require_capability(actor, Capability.PHILOMENA_MANAGE)
    rows = list(scope_profiles(actor).filter(archived_at__isnull=True)[:200])
    if rows:
        audit_event_record(
            actor=actor,
            operation=Operation.CONSULTATION,
            event_type="philomena.profiles_listed",
            subjects=[Subject.of(p) for p in rows],
            justification="Philomena Protocol: the carer's own profiles",
        )
    return rows


def profile_get(*, actor: User, profile_id: UUID) -> PhilomenaProfile:
    """Return a profile the actor's organisation holds, with its locations; log the reading.

    :raises NotFoundOrForbidden: another organisation holds it, or none exists
    """
    require_capability(actor, Capability.PHILOMENA_MANAGE)
    profile = profile_in_scope(actor, profile_id)
    audit_event_record(
        actor=actor,
        operation=Operation.CONSULTATION,
        event_type="philomena.profile_read",
        subjects=[Subject.of(profile)],
        justification="Philomena Protocol: the carer keeps the profile up to date",
    )
    return profile


_RISK_INFORMATION_READ = (
    "episode_id",
    "information",
    "supplied_by",
    "supplied_by_contact",
    "obtained_at",
)


def indicator_facts(
    *, since: dt.datetime, until: dt.datetime
) -> tuple[list[EpisodeFact], list[RepeatFact]]:
    """Return the facts behind the missing-children indicators for episodes in a period.

    Episodes whose child was last seen in ``[since, until)``. Counts only, no personal data:
    nothing to audit.
    """
    episodes = list(
        MissingEpisode.objects.filter(last_seen_at__gte=since, last_seen_at__lt=until).order_by(
            "last_seen_at"
        )
    )
    ids = [e.pk for e in episodes]
    # One plain query each, only the columns the standards read (issue 9: the dashboard
    # reads these facts four times; prefetching and whole assessments cost most of it).
    information: dict[UUID, list[RiskInformation]] = {}
    for item in RiskInformation.objects.filter(episode_id__in=ids).only(*_RISK_INFORMATION_READ):
        information.setdefault(item.episode_id, []).append(item)
    gradings: dict[str, list[RiskAssessment]] = {}
    for assessment in (
        RiskAssessment.objects.filter(
            subject_type=SUBJECT_TYPE, subject_id__in=[str(i) for i in ids]
        )
        .order_by("-assessed_at", "-created_at")
        .only("subject_id", "reviewed_level", "final_level")
    ):
        gradings.setdefault(assessment.subject_id, []).append(assessment)
    reviews: dict[UUID, list[ReviewFact]] = {}
    for subject_id, due_at, stopped_at, outcome in StatutoryClock.objects.filter(
        subject_type=SUBJECT_TYPE, subject_id__in=ids, kind=REVIEW_CLOCK
    ).values_list("subject_id", "due_at", "stopped_at", "outcome"):
        # A review clock stopped because the child was found, on time, is not a review done
        # late; one stopped as breached was late whatever stopped it.
        done = stopped_at if outcome != ClockOutcome.RUNNING else None
        reviews.setdefault(subject_id, []).append(ReviewFact(due_at=due_at, done_at=done))
    facts = []
    for e in episodes:
        graded = gradings.get(str(e.pk), [])
        complete = core_information_complete(
            _facts(e, information.get(e.pk, []), graded[0] if graded else None)
        )
        facts.append(
            EpisodeFact(
                core_complete=complete,
                reviews=tuple(reviews.get(e.pk, [])),
                found_at=e.found_at,
                prevention_interview_at=e.prevention_interview_at,
                return_interview_outcome=e.return_interview_outcome or None,
                return_interview_outcome_at=e.return_interview_outcome_at,
                subject_id=e.pk,
            )
        )
    prompts = [
        RepeatFact(discussion_held=held is not None, subject_id=episode_id)
        for episode_id, held in RepeatMissingPrompt.objects.filter(episode_id__in=ids).values_list(
            "episode_id", "discussion_held_at"
        )
    ]
    return facts, prompts
