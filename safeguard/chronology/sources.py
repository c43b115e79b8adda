"""What each app holds about a child, read for the chronology (used by ``selectors`` only).

Read-only. Every app's records are read through that app's own scope (``scope_*`` in its
``policies``), so an entry appears only if the actor could open the record itself: a
restricted occurrence of another team, or a notification a role cannot see, is left out
exactly as it would be anywhere else. Summaries are short and built from codes, names of
organisations and dates, never from narrative free text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import Q

from safeguard.access.policies import has_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.chronology.rules import flags, gaps
from safeguard.chronology.rules.timeline import Entry, EntryKind
from safeguard.core.rules.calendar import LONDON
from safeguard.domestic.models import ChildVictim, DetectedChildRecord
from safeguard.domestic.policies import scope_incidents, scope_notifications
from safeguard.incidents.models import Involvement, VoiceOfChildRecord
from safeguard.incidents.policies import scope_occurrences
from safeguard.incidents.rules.voice_of_child import VoiceOfChild
from safeguard.missing.models import (
    ExploitationScreening,
    MissingEpisode,
    NrmReferral,
    RepeatMissingPrompt,
)
from safeguard.missing.policies import scope_episodes
from safeguard.people.models import ChildProtectionPlan, Person, PersonAddress, Relationship
from safeguard.people.policies import scope_people
from safeguard.people.rules.age import age_on
from safeguard.people.selectors import person_recording_issues_for
from safeguard.places.models import BusinessConcern
from safeguard.referrals.models import StrategyDiscussion
from safeguard.referrals.policies import scope_concerns, scope_protections, scope_referrals
from safeguard.risk.catalogue import instrument_get
from safeguard.risk.models import RiskAssessment
from safeguard.risk.policies import can_read_risk_assessments
from safeguard.risk.rules.instruments import UnknownInstrument

if TYPE_CHECKING:
    from safeguard.accounts.models import User

Link = tuple[str, dict[str, str]]
"""A record's own page: its URL name and the arguments to reverse it with."""

Add = Callable[[dt.datetime | dt.date | None, EntryKind, str], None]
"""Adds an entry about one record: when, what, summary (nothing if ``when`` is None)."""


def _link(name: str, **kwargs: object) -> Link:
    return name, {key: str(value) for key, value in kwargs.items()}


@dataclass(frozen=True)
class RiskSubject:
    """A record risk may have been assessed about, and where its entry points."""

    person_id: UUID
    reference: str
    link: Link


@dataclass
class Gathered:
    """Entries and the plain facts for the flag and gap rules, filled source by source."""

    people: dict[UUID, Person]
    entries: list[Entry] = field(default_factory=list)
    flag_plans: list[flags.PlanFact] = field(default_factory=list)
    looked_after: list[str] = field(default_factory=list)
    episode_statuses: list[str] = field(default_factory=list)
    episode_indicators: list[list[str]] = field(default_factory=list)
    flag_screenings: list[flags.ScreeningFact] = field(default_factory=list)
    nrm_referral_count: int = 0
    referral_statuses: list[str] = field(default_factory=list)
    person_issues: list[gaps.PersonIssueFact] = field(default_factory=list)
    gap_episodes: list[gaps.EpisodeFact] = field(default_factory=list)
    gap_involvements: list[gaps.InvolvementFact] = field(default_factory=list)
    gap_screenings: list[gaps.ScreeningFact] = field(default_factory=list)
    risk_subjects: dict[tuple[str, str], RiskSubject] = field(default_factory=dict)

    @property
    def ids(self) -> list[UUID]:
        return list(self.people)

    def reference_of(self, person_id: UUID) -> str:
        return self.people[person_id].reference

    def about(self, person_id: UUID, record_reference: str = "", link: Link | None = None) -> Add:
        """Return a function adding entries about one record of one person record."""

        def add(when: dt.datetime | dt.date | None, kind: EntryKind, summary: str) -> None:
            if when is None:  # not happened (yet): no entry
                return
            self.entries.append(
                Entry(
                    when=when,
                    kind=kind,
                    summary=summary,
                    person_id=str(person_id),
                    person_reference=self.reference_of(person_id),
                    record_reference=record_reference,
                    link_name=link[0] if link else "",
                    link_kwargs=link[1] if link else {},
                )
            )

        return add


def _yes_no(value: bool | None) -> str:
    return "not recorded" if value is None else ("yes" if value else "no")


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def gather_people(actor: User, into: Gathered) -> None:
    """Person records created, moves of address, plans and relationships (people app)."""
    for person in into.people.values():
        into.looked_after.append(person.looked_after)
        into.about(person.pk, person.reference, _link("people:person-detail", person_id=person.pk))(
            person.created_at,
            EntryKind.PERSON_RECORDED,
            f"{person.full_name} recorded as {person.reference}",
        )
    current: set[UUID] = set()
    addresses = (
        PersonAddress.objects.filter(person_id__in=into.ids)
        .select_related("address")
        .order_by("created_at")
    )
    for item in addresses:
        if item.ends_on is None:
            current.add(item.person_id)
        add = into.about(item.person_id)
        add(item.starts_on or item.created_at, EntryKind.ADDRESS_MOVED_IN, str(item.address))
        add(item.ends_on, EntryKind.ADDRESS_MOVED_OUT, str(item.address))
    for person in into.people.values():
        for issue in person_recording_issues_for(person, has_current_address=person.pk in current):
            into.person_issues.append(
                gaps.PersonIssueFact(person.reference, issue.code.value, issue.message)
            )
    for plan in ChildProtectionPlan.objects.filter(person_id__in=into.ids).order_by("created_at"):
        into.flag_plans.append(flags.PlanFact(starts_on=plan.starts_on, ends_on=plan.ends_on))
        add = into.about(plan.person_id)
        category = f"Category: {plan.get_category_display().lower()}"
        add(plan.starts_on, EntryKind.PROTECTION_PLAN_STARTED, category)
        add(plan.ends_on, EntryKind.PROTECTION_PLAN_ENDED, category)
    _gather_relationships(actor, into)


def _gather_relationships(actor: User, into: Gathered) -> None:
    relationships = list(
        Relationship.objects.filter(Q(from_person_id__in=into.ids) | Q(to_person_id__in=into.ids))
        .select_related("from_person", "to_person")
        .order_by("created_at")
    )
    others = {r.to_person_id for r in relationships} | {r.from_person_id for r in relationships}
    visible = set(scope_people(actor).filter(pk__in=others).values_list("pk", flat=True))
    for rel in relationships:
        if rel.from_person_id in into.people:
            person_id, other = rel.from_person_id, rel.to_person
        else:
            person_id, other = rel.to_person_id, rel.from_person
        if other.pk in visible:
            named = f"{other.full_name} ({other.reference})"
            link: Link | None = _link("people:person-detail", person_id=other.pk)
        else:
            # Someone restricted to another team: say there is a relationship, not with whom.
            named, link = "a person record you cannot see", None
        kind = rel.get_kind_display()
        if person_id == rel.from_person_id:
            summary = f"{kind} of {named}"
        else:
            summary = f"{_capitalised(named)} is {kind.lower()} of this child"
        into.about(person_id, link=link)(
            rel.starts_on or rel.created_at, EntryKind.RELATIONSHIP_RECORDED, summary
        )


def _voice(record: VoiceOfChildRecord) -> VoiceOfChild:
    return VoiceOfChild(
        seen=record.seen,
        spoken_to=record.spoken_to,
        spoken_to_alone=record.spoken_to_alone,
        childs_words=record.childs_words,
        behaviour_and_demeanour=record.behaviour_and_demeanour,
        wishes_and_feelings=record.wishes_and_feelings,
        reason_not_seen_or_spoken_to=record.reason_not_seen_or_spoken_to,
        communication_needs=record.communication_needs,
    )


def gather_incidents(actor: User, into: Gathered) -> None:
    """Occurrences the child is involved in and the voice of the child (incidents app)."""
    involvements = (
        Involvement.objects.filter(person_id__in=into.ids, occurrence__in=scope_occurrences(actor))
        .select_related("occurrence", "voice")
        .order_by("occurrence__occurred_at", "created_at")
    )
    for involvement in involvements:
        occurrence = involvement.occurrence
        person = into.people[involvement.person_id]
        add = into.about(
            person.pk,
            occurrence.reference,
            _link("incidents:occurrence-detail", occurrence_id=occurrence.pk),
        )
        add(
            occurrence.occurred_at,
            EntryKind.OCCURRENCE,
            f"{occurrence.get_occurrence_type_display()}: {involvement.get_role_display().lower()}",
        )
        record: VoiceOfChildRecord | None = getattr(involvement, "voice", None)
        if record is not None:
            alone = f" (alone: {_yes_no(record.spoken_to_alone)})" if record.spoken_to else ""
            add(
                record.created_at,
                EntryKind.VOICE_OF_CHILD_RECORDED,
                f"Seen: {_yes_no(record.seen)}. Spoken to: {_yes_no(record.spoken_to)}{alone}.",
            )
        into.gap_involvements.append(
            gaps.InvolvementFact(
                person_reference=person.reference,
                occurrence_reference=occurrence.reference,
                role=involvement.role,
                age_at_occurrence=age_on(
                    on=occurrence.occurred_at.astimezone(LONDON).date(),
                    date_of_birth=person.date_of_birth,
                    estimated_age=person.estimated_age,
                    estimated_on=person.estimated_on,
                ),
                voice=_voice(record) if record is not None else None,
            )
        )


def gather_referrals(actor: User, into: Gathered) -> None:
    """Concerns, referrals, strategy discussions and police protection (referrals app)."""
    for concern in scope_concerns(actor).filter(child_id__in=into.ids).order_by("created_at"):
        link = _link("referrals:concern-detail", concern_id=concern.pk)
        add = into.about(concern.child_id, concern.reference, link)
        rag = f"; RAG {concern.get_rag_display().lower()}" if concern.rag else ""
        add(
            concern.created_at,
            EntryKind.CONCERN_RAISED,
            f"Status: {concern.get_status_display().lower()}{rag}",
        )
        add(
            concern.triaged_at,
            EntryKind.CONCERN_TRIAGED,
            concern.get_triage_decision_display() or "Triaged",
        )
        into.risk_subjects[("referrals.childconcern", str(concern.pk))] = RiskSubject(
            concern.child_id, concern.reference, link
        )
    referrals = list(
        scope_referrals(actor)
        .filter(child_id__in=into.ids)
        .select_related("recipient_organisation")
        .order_by("sent_at")
    )
    adders: dict[UUID, Add] = {}
    for referral in referrals:
        into.referral_statuses.append(referral.status)
        add = adders[referral.pk] = into.about(
            referral.child_id,
            referral.reference,
            _link("referrals:referral-detail", referral_id=referral.pk),
        )
        recipient = referral.recipient_organisation.name
        add(
            referral.sent_at,
            EntryKind.REFERRAL_SENT,
            f"To {recipient} ({referral.get_method_display().lower()})",
        )
        add(referral.acknowledged_at, EntryKind.REFERRAL_ACKNOWLEDGED, f"By {recipient}")
        add(
            referral.decided_at,
            EntryKind.REFERRAL_DECIDED,
            referral.get_decision_display() or "Decided",
        )
    discussions = StrategyDiscussion.objects.filter(referral_id__in=list(adders))
    for discussion in discussions.order_by("held_at"):
        adders[discussion.referral_id](
            discussion.held_at,
            EntryKind.STRATEGY_DISCUSSION,
            f"Outcome: {discussion.get_outcome_display()}",
        )
    for protection in scope_protections(actor).filter(child_id__in=into.ids).order_by("starts_at"):
        add = into.about(
            protection.child_id,
            protection.reference,
            _link("referrals:protection-detail", protection_id=protection.pk),
        )
        add(
            protection.starts_at,
            EntryKind.POLICE_PROTECTION_STARTED,
            "Children Act 1989 s.46: at most 72 hours",
        )
        add(protection.ends_at, EntryKind.POLICE_PROTECTION_ENDED, "Police protection ended")


def _victim_summary(victim: ChildVictim) -> str:
    parts = [
        label
        for label, value in (
            ("present", victim.present),
            ("saw", victim.saw),
            ("heard", victim.heard),
            ("experienced the effects", victim.experienced_effects),
        )
        if value
    ]
    told = ", ".join(parts) if parts else "not present"
    return _capitalised(f"{told}; related to: {victim.get_related_to_display().lower()}")


def gather_domestic(actor: User, into: Gathered) -> None:
    """Child victims, children found, and Operation Encompass notifications (domestic app)."""
    incidents = scope_incidents(actor)
    victims = (
        ChildVictim.objects.filter(child_id__in=into.ids, incident__in=incidents)
        .select_related("incident__occurrence")
        .order_by("created_at")
    )
    for victim in victims:
        occurrence = victim.incident.occurrence
        link = _link("domestic:incident-detail", incident_id=victim.incident_id)
        into.about(victim.child_id, occurrence.reference, link)(
            occurrence.occurred_at, EntryKind.DOMESTIC_ABUSE_CHILD_VICTIM, _victim_summary(victim)
        )
        into.risk_subjects[("domestic.childvictim", str(victim.pk))] = RiskSubject(
            victim.child_id, occurrence.reference, link
        )
    detected = (
        DetectedChildRecord.objects.filter(
            Q(known_person_id__in=into.ids) | Q(recorded_children__in=into.ids),
            incident__in=incidents,
        )
        .distinct()
        .select_related("incident__occurrence")
        .prefetch_related("recorded_children")
        .order_by("created_at")
    )
    for found in detected:
        if found.known_person_id in into.people:
            person_id = found.known_person_id
        else:
            person_id = next(p.pk for p in found.recorded_children.all() if p.pk in into.people)
        into.about(
            person_id,
            found.incident.occurrence.reference,
            _link("domestic:incident-detail", incident_id=found.incident_id),
        )(
            found.created_at,
            EntryKind.DOMESTIC_ABUSE_CHILD_FOUND,
            f"{found.get_source_display()}; {found.get_resolution_display().lower()}",
        )
    notifications = (
        scope_notifications(actor)
        .filter(child_victim__child_id__in=into.ids)
        .select_related("child_victim", "recipient")
        .order_by("created_at")
    )
    for notification in notifications:
        school = (
            notification.recipient.name
            if notification.recipient is not None
            else notification.unlisted_setting_name or "no recipient yet"
        )
        add = into.about(
            notification.child_victim.child_id,
            notification.reference,
            _link("domestic:notification-detail", notification_id=notification.pk),
        )
        add(notification.sent_at, EntryKind.ENCOMPASS_SENT, f"To {school}")
        add(notification.acknowledged_at, EntryKind.ENCOMPASS_ACKNOWLEDGED, f"By {school}")


def gather_missing(actor: User, into: Gathered) -> None:
    """Missing episodes, screenings, repeat-missing prompts and NRM referrals (missing app)."""
    episodes = list(scope_episodes(actor).filter(child_id__in=into.ids).order_by("last_seen_at"))
    adders: dict[UUID, Add] = {}
    for episode in episodes:
        link = _link("missing:episode-detail", episode_id=episode.pk)
        add = adders[episode.pk] = into.about(episode.child_id, episode.reference, link)
        into.episode_statuses.append(episode.status)
        into.episode_indicators.append(list(episode.exploitation_indicators))
        add(episode.last_seen_at, EntryKind.MISSING_LAST_SEEN, episode.get_category_display())
        add(
            episode.reported_at,
            EntryKind.MISSING_REPORTED,
            f"{episode.get_missing_from_display()}; now: {episode.get_status_display().lower()}",
        )
        add(
            episode.found_at,
            EntryKind.MISSING_FOUND,
            episode.get_found_condition_display() or "Found",
        )
        add(episode.prevention_interview_at, EntryKind.PREVENTION_INTERVIEW, "Recorded by police")
        add(
            episode.return_interview_requested_at,
            EntryKind.RETURN_INTERVIEW_REQUESTED,
            "Requested from the local authority",
        )
        add(
            episode.return_interview_outcome_at,
            EntryKind.RETURN_INTERVIEW_OUTCOME,
            episode.get_return_interview_outcome_display() or "Recorded",
        )
        into.gap_episodes.append(
            gaps.EpisodeFact(
                person_reference=into.reference_of(episode.child_id),
                reference=episode.reference,
                found_at=episode.found_at,
                prevention_interview_at=episode.prevention_interview_at,
                return_interview_requested_at=episode.return_interview_requested_at,
                return_interview_outcome=episode.return_interview_outcome,
            )
        )
        into.risk_subjects[("missing.missingepisode", str(episode.pk))] = RiskSubject(
            episode.child_id, episode.reference, link
        )
    _gather_screenings(into, {e.pk: e for e in episodes}, adders)
    if has_capability(actor, Capability.MISSING_VIEW):
        _gather_nrm(into, episode_ids=list(adders))


def _gather_screenings(
    into: Gathered, episodes: dict[UUID, MissingEpisode], adders: dict[UUID, Add]
) -> None:
    screenings = ExploitationScreening.objects.filter(episode_id__in=list(episodes))
    for screening in screenings.order_by("created_at"):
        episode = episodes[screening.episode_id]
        into.flag_screenings.append(
            flags.ScreeningFact(indicators=list(screening.indicators), outcome=screening.outcome)
        )
        into.gap_screenings.append(
            gaps.ScreeningFact(
                person_reference=into.reference_of(episode.child_id),
                episode_reference=episode.reference,
                completed=screening.completed_at is not None,
            )
        )
        add = adders[screening.episode_id]
        count = len(screening.indicators)
        add(
            screening.created_at,
            EntryKind.EXPLOITATION_SCREENING_RAISED,
            f"{count} indicator{'s' if count != 1 else ''} seen",
        )
        add(
            screening.completed_at,
            EntryKind.EXPLOITATION_SCREENING_COMPLETED,
            screening.get_outcome_display(),
        )
    prompts = RepeatMissingPrompt.objects.filter(episode_id__in=list(episodes))
    for prompt in prompts.order_by("created_at"):
        add = adders[prompt.episode_id]
        add(
            prompt.created_at,
            EntryKind.REPEAT_MISSING_PROMPTED,
            f"{prompt.episodes_in_window} episodes in {prompt.window_days} days",
        )
        add(
            prompt.discussion_held_at,
            EntryKind.REPEAT_MISSING_DISCUSSED,
            "Strategy discussion recorded",
        )


def _gather_nrm(into: Gathered, *, episode_ids: list[UUID]) -> None:
    """NRM referrals of the child: those on no episode, or on an episode the actor may see."""
    nrm_referrals = (
        NrmReferral.objects.filter(child_id__in=into.ids)
        .filter(Q(episode__isnull=True) | Q(episode_id__in=episode_ids))
        .order_by("referred_on", "created_at")
    )
    for nrm in nrm_referrals:
        into.nrm_referral_count += 1
        link = (
            _link("missing:episode-detail", episode_id=nrm.episode_id)
            if nrm.episode_id is not None
            else None
        )
        add = into.about(nrm.child_id, nrm.nrm_reference, link)
        add(
            nrm.referred_on,
            EntryKind.NRM_REFERRAL,
            f"{nrm.get_exploitation_type_display()}; first responder: {nrm.first_responder}",
        )
        add(
            nrm.reasonable_grounds_on,
            EntryKind.NRM_REASONABLE_GROUNDS,
            nrm.get_reasonable_grounds_display(),
        )
        add(
            nrm.conclusive_grounds_on,
            EntryKind.NRM_CONCLUSIVE_GROUNDS,
            nrm.get_conclusive_grounds_display(),
        )


def gather_places(actor: User, into: Gathered) -> None:
    """Concerns from hotels and other businesses matched to the child (places app)."""
    if not has_capability(actor, Capability.PLACE_VIEW):
        return
    concerns = (
        BusinessConcern.objects.filter(matched_child_id__in=into.ids)
        .select_related("place")
        .order_by("submitted_at")
    )
    for concern in concerns:
        child_id = concern.matched_child_id
        assert child_id is not None
        link = _link("places:concern-detail", concern_id=concern.pk)
        add = into.about(child_id, concern.reference, link)
        still = ", still on site when reported" if concern.still_on_site else ""
        add(concern.seen_at, EntryKind.BUSINESS_CONCERN, f"Seen at {concern.place.name}{still}")
        add(concern.triaged_at, EntryKind.BUSINESS_CONCERN_ACTIONED, "Triaged by the MASH")
        into.risk_subjects[("places.businessconcern", str(concern.pk))] = RiskSubject(
            child_id, concern.reference, link
        )


def _instrument_title(code: str, version: int) -> str:
    try:
        return instrument_get(code, version).title
    except UnknownInstrument:
        return code


def gather_risk(actor: User, into: Gathered) -> None:
    """Risk assessments of the child's records and of the records shown about them (risk app).

    Only for actors who may read risk assessments; every subject here is already in scope
    (a person record shown, or an episode, concern or child victim read through its scope).
    Call it last: the other sources name the subjects.
    """
    if not can_read_risk_assessments(actor):
        return
    for person in into.people.values():
        into.risk_subjects[("people.person", str(person.pk))] = RiskSubject(
            person.pk, person.reference, _link("people:person-detail", person_id=person.pk)
        )
    by_type: dict[str, list[str]] = {}
    for subject_type, subject_id in into.risk_subjects:
        by_type.setdefault(subject_type, []).append(subject_id)
    condition = Q(pk__in=[])
    for subject_type, subject_ids in by_type.items():
        condition |= Q(subject_type=subject_type, subject_id__in=subject_ids)
    assessments = RiskAssessment.objects.filter(condition).order_by("assessed_at", "created_at")
    titles: dict[tuple[str, int], str] = {}  # the registry is rebuilt on each lookup
    for assessment in assessments:
        subject = into.risk_subjects[(assessment.subject_type, assessment.subject_id)]
        version = (assessment.instrument_code, assessment.instrument_version)
        if version not in titles:
            titles[version] = _instrument_title(*version)
        title = titles[version]
        level = assessment.current_level.replace("_", " ").lower()
        reviewed = "" if assessment.is_reviewed else " (awaiting review)"
        into.about(subject.person_id, subject.reference, subject.link)(
            assessment.assessed_at, EntryKind.RISK_ASSESSMENT, f"{title}: {level}{reviewed}"
        )
