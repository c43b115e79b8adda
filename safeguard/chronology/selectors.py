"""The single view of a child: every linked record across the apps, in time order.

Read-only composition (issue 6 item 5). The chronology of a child is the chronology of the
whole group of person records linked to it as the same person; each entry says which
record it came from. Opening it is one consultation of every record shown (DPA 2018 s.62;
DOMAIN.md §9.3).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.audit.purpose import require_purpose
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.chronology.rules.flags import FlagFacts, Flags, child_flags
from safeguard.chronology.rules.gaps import Gap, GapPolicy, chronology_gaps
from safeguard.chronology.rules.timeline import Entry, timeline_order
from safeguard.chronology.sources import (
    Gathered,
    gather_domestic,
    gather_incidents,
    gather_missing,
    gather_people,
    gather_places,
    gather_referrals,
    gather_risk,
)
from safeguard.core import clock
from safeguard.missing import policy as missing_policy
from safeguard.people.models import Person
from safeguard.people.policies import person_in_scope, scope_people
from safeguard.people.selectors import person_group_ids

if TYPE_CHECKING:
    from safeguard.accounts.models import User


@dataclass(frozen=True)
class Chronology:
    """What the chronology page and API show.

    ``records`` are the person records shown, the one asked for first. ``hidden_count`` is
    how many linked records the actor may not see: they and everything about them are left
    out, and only their number is told.
    """

    person: Person
    records: list[Person]
    hidden_count: int
    flags: Flags
    gaps: list[Gap]
    entries: list[Entry]


def _gap_policy() -> GapPolicy:
    return GapPolicy(
        prevention_interview_hours=missing_policy.prevention_interview_hours(),
        return_interview_hours=missing_policy.return_interview_hours(),
    )


def chronology_get(*, actor: User, person_id: UUID, purpose: str) -> Chronology:
    """Return the chronology of the child and every record linked to it; log one consultation.

    Linked records outside the actor's scope (restricted to another team) are left out
    silently and only counted. Every other app's records are read through that app's own
    scope, so nothing appears here that the actor could not open on its own page.

    :raises CapabilityMissing: the actor cannot view people
    :raises PurposeRequired: no purpose was given
    :raises NotFoundOrForbidden: no such person in the actor's scope
    """
    require_capability(actor, Capability.PERSON_VIEW)
    justification = require_purpose(purpose, what="this child's chronology")
    person = person_in_scope(actor, person_id)
    group_ids = person_group_ids(person_id=person.pk)
    visible = {p.pk: p for p in scope_people(actor).filter(pk__in=group_ids)}
    records = [visible[pk] for pk in group_ids if pk in visible]
    gathered = Gathered(people={p.pk: p for p in records})
    gather_people(actor, gathered)
    gather_incidents(actor, gathered)
    gather_referrals(actor, gathered)
    gather_domestic(actor, gathered)
    gather_missing(actor, gathered)
    gather_places(actor, gathered)
    gather_risk(actor, gathered)
    flags = child_flags(
        FlagFacts(
            protection_plans=gathered.flag_plans,
            looked_after=gathered.looked_after,
            episode_statuses=gathered.episode_statuses,
            episode_indicators=gathered.episode_indicators,
            screenings=gathered.flag_screenings,
            nrm_referral_count=gathered.nrm_referral_count,
            referral_statuses=gathered.referral_statuses,
        ),
        today=clock.today_in_london(),
    )
    gaps = chronology_gaps(
        person_issues=gathered.person_issues,
        episodes=gathered.gap_episodes,
        involvements=gathered.gap_involvements,
        screenings=gathered.gap_screenings,
        now=clock.now(),
        policy=_gap_policy(),
    )
    audit_event_record(
        actor=actor,
        operation=Operation.CONSULTATION,
        event_type="chronology.consulted",
        subjects=[Subject.of(record) for record in records],
        justification=justification,
    )
    return Chronology(
        person=person,
        records=records,
        hidden_count=len(group_ids) - len(records),
        flags=flags,
        gaps=gaps,
        entries=timeline_order(gathered.entries),
    )


def chronology_reference_in_scope(*, actor: User, person_id: UUID) -> str:
    """Return only the child's reference number, for the purpose prompt (no audit).

    :raises CapabilityMissing: the actor cannot view people
    :raises NotFoundOrForbidden: no such person in the actor's scope
    """
    require_capability(actor, Capability.PERSON_VIEW)
    return person_in_scope(actor, person_id).reference
