"""Report a child missing, with the core information set and its risk sources (DOMAIN.md §2.1).

One write, in one transaction: the episode, each piece of risk information with who
supplied it and when, the carer's Philomena profile attached at once (§2.3), the first
review time, a strategy-discussion prompt for a repeat-missing child and an exploitation
screening when indicators are present (§2.2). Any error leaves nothing written and the
caller gets every error at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from uuid import UUID

from django.db import IntegrityError, transaction

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.accounts.models import Organisation, OrganisationKind
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.core import clock
from safeguard.core.exceptions import NotFoundOrForbidden
from safeguard.core.rules.calendar import LONDON
from safeguard.core.services import reference_issue
from safeguard.missing import policy
from safeguard.missing.models import (
    ExploitationScreening,
    MissingEpisode,
    PhilomenaProfile,
    RepeatMissingPrompt,
    RiskInformation,
)
from safeguard.missing.policies import police_episode_in_scope, scope_episodes
from safeguard.missing.rules.codes import (
    Category,
    EpisodeStatus,
    ExploitationIndicator,
    MissingFrom,
)
from safeguard.missing.rules.patterns import episodes_in_window, screening_reasons
from safeguard.missing.rules.philomena import PART_ONE_FIELDS, report_filled_from_profile
from safeguard.missing.rules.standards import (
    CORE_FIELD_NAMES,
    EpisodeFacts,
    RiskInformationFact,
    entry_gaps,
    risk_information_gaps,
)
from safeguard.missing.rules.times import report_time_errors
from safeguard.missing.services.common import AlreadyMissing, EpisodeInvalid, review_clock_restart
from safeguard.people.models import Person
from safeguard.people.policies import person_in_scope
from safeguard.people.rules.age import ADULT_AGE, age_on
from safeguard.risk.rules.missing_person import MissingRiskLevel

if TYPE_CHECKING:
    from safeguard.accounts.models import User

MAX_TEXT = 5000
TEXT_FIELDS = tuple(n for n in CORE_FIELD_NAMES if n not in {"reported_at", "last_seen_at"})


@dataclass(frozen=True)
class RiskInformationDetails:
    information: str
    supplied_by: str
    supplied_by_contact: str
    obtained_at: dt.datetime | None


@dataclass(frozen=True)
class ReportDetails:
    child_id: UUID | None
    category: str
    missing_from: str
    reported_at: dt.datetime | None
    last_seen_at: dt.datetime | None
    placing_authority_id: UUID | None = None
    reported_by_name: str = ""
    reported_by_relationship: str = ""
    reported_by_contact: str = ""
    last_seen_place: str = ""
    location_missing_from: str = ""
    circumstances: str = ""
    description: str = ""
    clothing: str = ""
    phones: str = ""
    social_media: str = ""
    possessions: str = ""
    transport: str = ""
    medical_needs: str = ""
    likely_destinations: str = ""
    philomena_reference: str = ""
    exploitation_indicators: tuple[str, ...] = field(default_factory=tuple)
    is_restricted: bool = False


def _risk_facts(items: Sequence[RiskInformationDetails]) -> list[RiskInformationFact]:
    return [
        RiskInformationFact(
            information=i.information,
            supplied_by=i.supplied_by,
            supplied_by_contact=i.supplied_by_contact,
            obtained_at_given=i.obtained_at is not None,
        )
        for i in items
    ]


def _risk_time_errors(
    items: Sequence[RiskInformationDetails], now: dt.datetime
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for index, item in enumerate(items):
        if item.obtained_at is not None and item.obtained_at > now:
            errors[f"risk_information.{index}"] = [
                f"Risk information {index + 1}: the time obtained cannot be in the future"
            ]
    return errors


def _child(actor: User, details: ReportDetails, errors: dict[str, list[str]]) -> Person | None:
    if details.child_id is None:
        errors["child_id"] = ["Choose the child who is missing"]
        return None
    try:
        child = person_in_scope(actor, details.child_id)
    except NotFoundOrForbidden:
        errors["child_id"] = ["Choose the child who is missing from the search results"]
        return None
    on = (details.last_seen_at or clock.now()).astimezone(LONDON).date()
    age = age_on(
        on=on,
        date_of_birth=child.date_of_birth,
        estimated_age=child.estimated_age,
        estimated_on=child.estimated_on,
    )
    if age is not None and age >= ADULT_AGE:
        errors["child_id"] = [
            f"{child.full_name} was {age} when last seen: this pathway is for children under 18"
        ]
    return child


def _placing_authority(details: ReportDetails, errors: dict[str, list[str]]) -> Organisation | None:
    if details.placing_authority_id is None:
        return None
    authority = Organisation.objects.filter(
        pk=details.placing_authority_id, kind=OrganisationKind.CHILDRENS_SOCIAL_CARE
    ).first()
    if authority is None:
        errors["placing_authority"] = ["Choose the placing authority's children's social care"]
    return authority


def _profile(
    details: ReportDetails, child: Person | None, errors: dict[str, list[str]]
) -> PhilomenaProfile | None:
    reference = details.philomena_reference.strip().upper()
    active = PhilomenaProfile.objects.filter(archived_at__isnull=True)
    if reference:
        profile = active.filter(reference=reference).first()
        if profile is None:
            errors["philomena_reference"] = [
                "No current Philomena Protocol profile has this reference: check it with the carer"
            ]
            return None
        if child is not None and profile.child_id not in (None, child.pk):
            errors["philomena_reference"] = [
                "This Philomena profile is attached to another child: check the reference"
            ]
            return None
        return profile
    if child is None:
        return None
    return active.filter(child=child).order_by("-updated_at").first()


def part_one(profile: PhilomenaProfile) -> dict[str, str]:
    """Return the profile's part 1 as plain text, with its risk-assessed locations."""
    values = {name: str(getattr(profile, name)) for name, _label in PART_ONE_FIELDS}
    locations = [f"{loc.name} ({loc.address}): {loc.risk}" for loc in profile.locations.all()]
    values["risk_assessed_locations"] = "\n".join(locations)
    return values


def _values(details: ReportDetails) -> dict[str, str]:
    return {name: str(getattr(details, name)).strip() for name in TEXT_FIELDS}


def _limit(name: str) -> int:
    """The longest text the episode's column for ``name`` holds (text columns: MAX_TEXT)."""
    return int(getattr(MissingEpisode._meta.get_field(name), "max_length", None) or MAX_TEXT)


def _length_errors(values: dict[str, str]) -> dict[str, list[str]]:
    return {
        name: [f"Keep this to {_limit(name)} characters or fewer"]
        for name, value in values.items()
        if len(value) > _limit(name)
    }


def _visible(actor: User, episode: MissingEpisode) -> bool:
    return scope_episodes(actor).filter(pk=episode.pk).exists()


@dataclass(frozen=True)
class _Checked:
    child: Person | None
    authority: Organisation | None
    profile: PhilomenaProfile | None
    values: dict[str, str]
    filled: list[str]
    snapshot: dict[str, str]
    indicators: list[ExploitationIndicator]


def _checked(
    actor: User,
    details: ReportDetails,
    risk_information: Sequence[RiskInformationDetails],
    now: dt.datetime,
) -> _Checked:
    """Validate the whole report; raise every error at once.

    :raises EpisodeInvalid: any field error
    """
    errors: dict[str, list[str]] = {}
    child = _child(actor, details, errors)
    if details.category not in {c.value for c in Category}:
        errors["category"] = ["Choose missing, or away from placement without authorisation"]
    if details.missing_from not in {m.value for m in MissingFrom}:
        errors["missing_from"] = ["Choose missing from home or from care"]
    elif (
        details.category == Category.AWAY_WITHOUT_AUTHORISATION
        and details.missing_from != MissingFrom.CARE
    ):
        errors["category"] = [
            "Away from placement applies only to a looked-after child: choose missing from care"
        ]
    authority = _placing_authority(details, errors)
    errors.update(
        report_time_errors(
            last_seen_at=details.last_seen_at, reported_at=details.reported_at, now=now
        )
    )
    errors.update(_risk_time_errors(risk_information, now))
    profile = _profile(details, child, errors)
    values = _values(details)
    filled: list[str] = []
    snapshot: dict[str, str] = {}
    if profile is not None:
        snapshot = part_one(profile)
        values, filled = report_filled_from_profile(values, snapshot)
    errors.update(_length_errors(values))
    facts = EpisodeFacts(
        values={
            **values,
            "reported_at": details.reported_at,
            "last_seen_at": details.last_seen_at,
        },
        missing_from=details.missing_from,
        has_placing_authority=authority is not None,
        risk_information=_risk_facts(risk_information),
    )
    for gap in entry_gaps(facts):
        errors.setdefault(gap.field, []).append(gap.message)
    indicators: list[ExploitationIndicator] = []
    try:
        indicators = screening_reasons(details.exploitation_indicators)
    except ValueError as exc:
        errors["exploitation_indicators"] = [str(exc)]
    if errors:
        raise EpisodeInvalid(errors)
    return _Checked(child, authority, profile, values, filled, snapshot, indicators)


@transaction.atomic
def missing_report_record(
    *,
    actor: User,
    details: ReportDetails,
    risk_information: Sequence[RiskInformationDetails],
    idempotency_key: str = "",
) -> MissingEpisode:
    """Record a child missing (or away from placement) with the core information set.

    A *collection* under s.62 naming the episode and the child; attaching a Philomena
    profile is a *consultation* of the carer's record. The same ``idempotency_key`` from the
    same officer returns the first episode.

    :raises CapabilityMissing: the actor cannot record missing reports
    :raises EpisodeInvalid: any field error, every one at once
    :raises AlreadyMissing: the child already has an open episode
    """
    require_capability(actor, Capability.MISSING_RECORD)
    key = idempotency_key.strip()[:100]
    if key:
        earlier = MissingEpisode.objects.filter(recorded_by=actor, idempotency_key=key).first()
        if earlier is not None:
            return earlier
    now = clock.now()
    checked = _checked(actor, details, risk_information, now)
    child, authority, profile = checked.child, checked.authority, checked.profile
    values, filled, snapshot, indicators = (
        checked.values,
        checked.filled,
        checked.snapshot,
        checked.indicators,
    )
    assert child is not None
    assert details.last_seen_at is not None
    open_episode = MissingEpisode.objects.filter(child=child, status=EpisodeStatus.OPEN).first()
    if open_episode is not None:
        raise AlreadyMissing(open_episode, visible=_visible(actor, open_episode))
    try:
        with transaction.atomic():
            episode = MissingEpisode.objects.create(
                reference=reference_issue(prefix="MIS", year=now.year)[0],
                child=child,
                category=details.category,
                missing_from=details.missing_from,
                placing_authority=authority,
                reported_at=details.reported_at,
                last_seen_at=details.last_seen_at,
                reported_by_relationship=details.reported_by_relationship.strip()[:100],
                philomena_profile=profile,
                philomena_snapshot=snapshot,
                philomena_filled=filled,
                exploitation_indicators=[i.value for i in indicators],
                owning_team_id=actor.team_id,
                is_restricted=details.is_restricted,
                recorded_by=actor,
                idempotency_key=key,
                created_at=now,
                updated_at=now,
                **values,
            )
    except IntegrityError as exc:
        open_episode = MissingEpisode.objects.filter(child=child, status=EpisodeStatus.OPEN).first()
        if open_episode is None:
            raise
        raise AlreadyMissing(open_episode, visible=_visible(actor, open_episode)) from exc
    _risk_information_create(actor, episode, risk_information, now)
    if profile is not None and profile.child_id is None:
        profile.child = child
        profile.updated_at = now
        profile.save(update_fields=["child", "updated_at"])
    # Until graded, the review is timed as for a high-risk child: none waits longer.
    review_clock_restart(
        actor=actor, episode=episode, level=MissingRiskLevel.HIGH, decided_at=now, delay_reason=""
    )
    audit_event_record(
        actor=actor,
        operation=Operation.COLLECTION,
        event_type="missing.reported",
        subjects=[Subject.of(episode), Subject.of(child)],
        changes={
            "reference": episode.reference,
            "category": episode.category,
            "missing_from": episode.missing_from,
            "risk_information": len(risk_information),
        },
    )
    if profile is not None:
        audit_event_record(
            actor=actor,
            operation=Operation.CONSULTATION,
            event_type="missing.philomena_attached",
            subjects=[Subject.of(profile), Subject.of(child), Subject.of(episode)],
            justification="Philomena Protocol: the child is reported missing (DOMAIN.md §2.3)",
            changes={"filled": filled},
        )
    repeat_check(actor=actor, episode=episode)
    screening_raise(actor=actor, episode=episode, indicators=[i.value for i in indicators])
    return episode


def _risk_information_create(
    actor: User,
    episode: MissingEpisode,
    items: Sequence[RiskInformationDetails],
    now: dt.datetime,
) -> list[RiskInformation]:
    rows = []
    for i in items:
        assert i.obtained_at is not None  # the standards refused a piece without its time
        rows.append(
            RiskInformation(
                episode=episode,
                information=i.information.strip()[:MAX_TEXT],
                supplied_by=i.supplied_by.strip()[:200],
                supplied_by_contact=i.supplied_by_contact.strip()[:200],
                obtained_at=i.obtained_at,
                recorded_by=actor,
                created_at=now,
                updated_at=now,
            )
        )
    return RiskInformation.objects.bulk_create(rows)


@transaction.atomic
def risk_information_add(
    *, actor: User, episode_id: UUID, items: Sequence[RiskInformationDetails]
) -> list[RiskInformation]:
    """Add risk information to an episode, each piece with who supplied it and when (§2.1 [P]).

    :raises NotFoundOrForbidden: no such episode in scope
    :raises EpisodeInvalid: a piece without its information, supplier, contact or time
    """
    require_capability(actor, Capability.MISSING_RECORD)
    episode = police_episode_in_scope(actor, episode_id)
    now = clock.now()
    errors: dict[str, list[str]] = {}
    for gap in risk_information_gaps(_risk_facts(items)):
        errors.setdefault(gap.field, []).append(gap.message)
    errors.update(_risk_time_errors(items, now))
    if errors:
        raise EpisodeInvalid(errors)
    rows = _risk_information_create(actor, episode, items, now)
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="missing.risk_information_added",
        subjects=[Subject.of(episode), Subject("people.person", str(episode.child_id))],
        changes={"added": len(rows)},
    )
    return rows


def repeat_check(*, actor: User, episode: MissingEpisode) -> RepeatMissingPrompt | None:
    """Raise a strategy-discussion prompt when the child keeps going missing (§2.2 [S])."""
    rules = policy.repeat_policy()
    on = episode.last_seen_at.astimezone(LONDON).date()
    starts = [
        t.astimezone(LONDON).date()
        for t in MissingEpisode.objects.filter(
            child_id=episode.child_id, category=Category.MISSING
        ).values_list("last_seen_at", flat=True)
    ]
    count = episodes_in_window(starts, on=on, window_days=rules.window_days)
    if episode.category != Category.MISSING or count < rules.threshold:
        return None
    now = clock.now()
    prompt = RepeatMissingPrompt.objects.create(
        episode=episode,
        episodes_in_window=count,
        threshold=rules.threshold,
        window_days=rules.window_days,
        created_at=now,
        updated_at=now,
    )
    audit_event_record(
        actor=actor,
        operation=Operation.COLLECTION,
        event_type="missing.repeat_prompt_raised",
        subjects=[
            Subject.of(prompt),
            Subject.of(episode),
            Subject("people.person", str(episode.child_id)),
        ],
        changes={"episodes_in_window": count, "window_days": rules.window_days},
    )
    return prompt


def screening_raise(
    *, actor: User, episode: MissingEpisode, indicators: Sequence[str]
) -> ExploitationScreening | None:
    """Raise a CSE/CCE screening for indicators not already under an open screening (§10.1)."""
    if not indicators:
        return None
    open_screening = episode.screenings.filter(completed_at__isnull=True).first()
    if open_screening is not None:
        added = [i for i in indicators if i not in open_screening.indicators]
        if added:
            open_screening.indicators = [*open_screening.indicators, *added]
            open_screening.updated_at = clock.now()
            open_screening.save(update_fields=["indicators", "updated_at"])
            audit_event_record(
                actor=actor,
                operation=Operation.ALTERATION,
                event_type="missing.screening_extended",
                subjects=[
                    Subject.of(open_screening),
                    Subject("people.person", str(episode.child_id)),
                ],
                changes={"added": added},
            )
        return open_screening
    now = clock.now()
    screening = ExploitationScreening.objects.create(
        episode=episode,
        indicators=list(indicators),
        created_at=now,
        updated_at=now,
    )
    audit_event_record(
        actor=actor,
        operation=Operation.COLLECTION,
        event_type="missing.screening_raised",
        subjects=[
            Subject.of(screening),
            Subject.of(episode),
            Subject("people.person", str(episode.child_id)),
        ],
        changes={"indicators": list(indicators)},
    )
    return screening
