"""Business concerns (issue 10 items 2 and 3; DOMAIN.md §7 Operation Makesafe).

A business reporter submits a concern about a place their own organisation runs: the
Makesafe signs ticked, descriptions, room and booking, when it was seen and whether the
young person is still there. A "still on site" concern is urgent: its short clock puts it
on the out-of-hours board at once. The MASH then grades it with the risk framework, may
match it to a known child (whose recent missing episodes at this place are linked),
records the action taken and stops the clock.

The grading is THRIVE (DOMAIN.md §4.1 [S]), the instrument police use to grade a call or
concern: Makesafe reports come in as calls where "the operator asks set questions to assess
risk and deploy" (DOMAIN.md §7 [P]), and those set questions are not published, so no
Makesafe-specific instrument is invented here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING
from uuid import UUID

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.clocks.services import BreachReasonRequired, ClockNotRunning, clock_start, clock_stop
from safeguard.core import clock
from safeguard.core.exceptions import DomainError, NotFoundOrForbidden
from safeguard.core.services import reference_issue
from safeguard.missing.policies import scope_episodes
from safeguard.people.models import Person
from safeguard.people.policies import person_in_scope
from safeguard.places import policy
from safeguard.places.models import BusinessConcern, Place, PlaceLink
from safeguard.places.policies import concern_in_scope, own_place
from safeguard.places.rules.codes import EPISODE_SUBJECT_TYPE, ConcernStatus, LinkRole
from safeguard.places.rules.concern import ConcernInput, concern_errors, ticked_indicators
from safeguard.places.rules.matching import place_mentioned
from safeguard.places.rules.urgency import (
    ON_SITE_CLOCK,
    RULE_SOURCE,
    TRIAGE_CLOCK,
    concern_urgency,
)
from safeguard.places.services.common import link_create, recurrence_apply
from safeguard.referrals.services import mash_team
from safeguard.risk.rules.thrive import THRIVE_CODE
from safeguard.risk.services import RiskAssessmentInvalid, risk_assessment_record

if TYPE_CHECKING:
    from safeguard.accounts.models import Team, User

ACTION_MIN = 10


class ConcernInvalid(DomainError):
    """The concern or its triage breaks a rule; ``errors`` maps each field to its messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("There are errors: " + " ".join(m for ms in errors.values() for m in ms))
        self.errors = errors


def _mash() -> Team:
    team = mash_team()
    if team is None:
        raise ImproperlyConfigured(
            "No MASH team: create the team named by SAFEGUARD['MASH_TEAM_CODE'] to receive "
            "business concerns."
        )
    return team


@transaction.atomic
def concern_submit(*, actor: User, place_id: UUID, details: ConcernInput) -> BusinessConcern:
    """Record a business's concern about a place its organisation runs, and start its clock.

    Still on site: an urgent clock of ``PLACES_ON_SITE_MINUTES``; otherwise the MASH triage
    clock of ``PLACES_TRIAGE_HOURS`` (``rules.urgency``), owned by the MASH team. The
    concern is linked to its place (concern at) and the recurrence rule may raise the
    place's flag. Text is kept exactly as typed. A *collection* under s.62.

    :raises CapabilityMissing: the actor cannot submit business concerns
    :raises NotFoundOrForbidden: no such place run by the actor's organisation
    :raises ConcernInvalid: every problem with the concern, by field
    """
    require_capability(actor, Capability.BUSINESS_CONCERN_SUBMIT)
    organisation_id = actor.organisation_id
    if organisation_id is None:
        raise NotFoundOrForbidden()
    place = own_place(actor, place_id)
    now = clock.now()
    errors = concern_errors(details, now=now, limits=policy.text_limits())
    if errors or details.seen_at is None:
        raise ConcernInvalid(errors)
    team = _mash()
    urgency = concern_urgency(
        still_on_site=details.still_on_site,
        received_at=now,
        on_site_minutes=policy.on_site_minutes(),
        triage_hours=policy.triage_hours(),
    )
    concern = BusinessConcern.objects.create(
        reference=reference_issue(prefix="MKS", year=now.year)[0],
        organisation_id=organisation_id,
        place=place,
        submitted_by=actor,
        submitted_at=now,
        indicators=ticked_indicators(details.indicators),
        young_person_description=details.young_person_description,
        adults_description=details.adults_description,
        other_details=details.other_details,
        room=details.room,
        booking_details=details.booking_details,
        seen_at=details.seen_at,
        still_on_site=details.still_on_site,
        urgent=urgency.urgent,
        status=ConcernStatus.RECEIVED,
        owning_team=team,
        created_at=now,
        updated_at=now,
    )
    clock_start(
        subject=Subject.of(concern),
        kind=urgency.clock_kind,
        label=f"{urgency.label} ({concern.reference}, {place.name})",
        started_at=now,
        due_at=urgency.due_at,
        rule=urgency.rule,
        rule_source=RULE_SOURCE,
        rule_version=urgency.rule_version,
        owner_team=team,
        urgent=urgency.urgent,
    )
    audit_event_record(
        actor=actor,
        operation=Operation.COLLECTION,
        event_type="business_concern.submitted",
        subjects=[Subject.of(concern), Subject.of(place)],
        changes={
            "reference": concern.reference,
            "place": place.reference,
            "indicators": concern.indicators,
            "still_on_site": concern.still_on_site,
            "urgent": concern.urgent,
            "due_at": urgency.due_at.isoformat(),
        },
    )
    link_create(
        actor=actor,
        place=place,
        subject=Subject.of(concern),
        role=LinkRole.CONCERN_AT,
        reference=concern.reference,
        occurred_at=concern.seen_at,
        reason="Concern submitted by the business that runs the place (Operation Makesafe)",
    )
    recurrence_apply(place=place, now=now)
    return concern


def _episode_links(
    actor: User, concern: BusinessConcern, place: Place, child: Person, now: dt.datetime
) -> list[PlaceLink]:
    """Link the child's recent missing episodes found, last seen or missing from here."""
    since = now - dt.timedelta(days=policy.episode_lookback_days())
    episodes = scope_episodes(actor).filter(child=child, last_seen_at__gte=since)
    made: list[PlaceLink] = []
    for episode in episodes.order_by("last_seen_at"):
        for text, role, at in (
            (episode.found_place, LinkRole.FOUND_AT, episode.found_at or episode.last_seen_at),
            (episode.last_seen_place, LinkRole.LAST_SEEN_AT, episode.last_seen_at),
            (episode.location_missing_from, LinkRole.MISSING_FROM, episode.last_seen_at),
        ):
            if not place_mentioned(text, name=place.name, postcode=place.postcode):
                continue
            link = link_create(
                actor=actor,
                place=place,
                subject=Subject(EPISODE_SUBJECT_TYPE, str(episode.pk)),
                role=role,
                reference=episode.reference,
                occurred_at=at,
                reason=f"The child matched to business concern {concern.reference} has this "
                f"missing episode naming the place",
            )
            if link is not None:
                made.append(link)
    return made


@transaction.atomic
def concern_triage(
    *,
    actor: User,
    concern_id: UUID,
    answers: Mapping[str, object],
    action_taken: str,
    officer_level: str | None = None,
    rationale: str = "",
    child_id: UUID | None = None,
    breach_reason: str = "",
) -> BusinessConcern:
    """Grade the concern with THRIVE, match a known child, record the action taken and
    stop the concern's clock (met, or breached with ``breach_reason``).

    ``answers`` grade THRIVE's six elements (``risk.rules.thrive``); the officer may raise
    the level, or lower it with a rationale. A matched child's recent missing episodes
    (``PLACES_EPISODE_LOOKBACK_DAYS``) whose found, last-seen or missing-from place names
    this place are linked to it, and the recurrence rule may raise the place's flag.
    An *alteration* of the concern; the match is a *combination* naming the child.

    :raises CapabilityMissing: the actor cannot triage business concerns
    :raises NotFoundOrForbidden: no such concern, or no such child, the actor may see
    :raises ConcernInvalid: already actioned, no action recorded, a late stop without its
        reason, or answers, level or rationale refused by the risk framework
    """
    require_capability(actor, Capability.BUSINESS_CONCERN_TRIAGE)
    concern_in_scope(actor, concern_id)
    concern = (
        BusinessConcern.objects.select_for_update(of=("self",))
        .select_related("place")
        .get(pk=concern_id)
    )
    child = person_in_scope(actor, child_id) if child_id is not None else None
    now = clock.now()
    errors: dict[str, list[str]] = {}
    if concern.status != ConcernStatus.RECEIVED:
        errors["action_taken"] = ["This concern has already been actioned."]
    action = action_taken.strip()
    if len(action) < ACTION_MIN:
        errors.setdefault("action_taken", []).append(
            f"Record the action taken (at least {ACTION_MIN} characters)."
        )
    elif len(action) > policy.text_limits().long:
        errors.setdefault("action_taken", []).append(
            f"Keep the action taken to {policy.text_limits().long:,} characters or fewer."
        )
    assessment = None
    try:
        assessment = risk_assessment_record(
            actor=actor,
            subject=Subject.of(concern),
            instrument_code=THRIVE_CODE,
            answers=answers,
            officer_level=officer_level or None,
            rationale=rationale,
        )
    except RiskAssessmentInvalid as exc:
        errors.update(exc.errors)
    # The whole triage is one transaction: an error here undoes the grading too.
    if errors or assessment is None:
        raise ConcernInvalid(errors)
    kind = ON_SITE_CLOCK if concern.urgent else TRIAGE_CLOCK
    try:
        clock_stop(
            actor=actor,
            subject=Subject.of(concern),
            kind=kind,
            stopped_at=now,
            breach_reason=breach_reason,
        )
    except BreachReasonRequired as exc:
        raise ConcernInvalid({"breach_reason": [str(exc)]}) from exc
    except ClockNotRunning:
        pass
    concern.risk_assessment = assessment
    concern.grade = assessment.final_level
    concern.matched_child = child
    concern.triaged_by, concern.triaged_at = actor, now
    concern.action_taken = action
    concern.status = ConcernStatus.ACTIONED
    concern.updated_at = now
    concern.save(
        update_fields=[
            "risk_assessment",
            "grade",
            "matched_child",
            "triaged_by",
            "triaged_at",
            "action_taken",
            "status",
            "updated_at",
        ]
    )
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="business_concern.triaged",
        subjects=[Subject.of(concern), Subject.of(assessment)],
        changes={"grade": concern.grade, "status": concern.status, "action_taken": action},
    )
    if child is not None:
        audit_event_record(
            actor=actor,
            operation=Operation.COMBINATION,
            event_type="business_concern.child_matched",
            subjects=[Subject.of(concern), Subject.of(child)],
            justification="Business concern matched to a known child at triage",
            changes={"concern": concern.reference, "child": child.reference},
        )
        _episode_links(actor, concern, concern.place, child, now)
    recurrence_apply(place=concern.place, now=now)
    return concern


CLOSE_REASON_MIN = 10


@transaction.atomic
def concern_close(*, actor: User, concern_id: UUID, reason: str) -> BusinessConcern:
    """Close an actioned concern: nothing more is to be done on it.

    Who closed it, when and why are kept on the concern. An *alteration* of the concern
    under s.62, justified by the reason.

    :raises CapabilityMissing: the actor cannot triage business concerns
    :raises NotFoundOrForbidden: no such concern the actor may see
    :raises ConcernInvalid: the concern is not actioned (still to triage, or closed
        already), or the reason is missing or too long
    """
    require_capability(actor, Capability.BUSINESS_CONCERN_TRIAGE)
    concern_in_scope(actor, concern_id)
    concern = BusinessConcern.objects.select_for_update().get(pk=concern_id)
    errors: dict[str, list[str]] = {}
    if concern.status == ConcernStatus.CLOSED:
        errors["reason"] = ["This concern is closed already."]
    elif concern.status != ConcernStatus.ACTIONED:
        errors["reason"] = ["Only an actioned concern can be closed: triage it first."]
    text = reason.strip()
    if len(text) < CLOSE_REASON_MIN:
        errors.setdefault("reason", []).append(
            f"Say why the concern is closed (at least {CLOSE_REASON_MIN} characters)."
        )
    elif len(text) > policy.text_limits().long:
        errors.setdefault("reason", []).append(
            f"Keep the reason to {policy.text_limits().long:,} characters or fewer."
        )
    if errors:
        raise ConcernInvalid(errors)
    previous = concern.status
    now = clock.now()
    concern.status = ConcernStatus.CLOSED
    concern.closed_by, concern.closed_at, concern.closed_reason = actor, now, text
    concern.updated_at = now
    concern.save(update_fields=["status", "closed_by", "closed_at", "closed_reason", "updated_at"])
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="business_concern.closed",
        subjects=[Subject.of(concern)],
        justification=text,
        changes={"status": concern.status, "previous_status": previous, "reason": text},
    )
    return concern
