"""The indicators an inspector would look at, by area (issue 9 item 1, DOMAIN.md §0, §1).

Each indicator names its area, its definition and the source rule, and is computed from
live rows for a period with the pure indicator functions each capability app provides.
Where an app has no data for the period the value is "no data" (``Share.value`` None),
never a made-up figure. Counts only: no personal data is read, so nothing here is audited;
the records behind an indicator are read (and audited) only when someone drills down.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db.models import Count, QuerySet

from safeguard.child_deaths import policy as child_death_policy
from safeguard.child_deaths.rules.indicators import (
    ChildDeathIndicators,
    ResponseFacts,
    child_death_indicators,
)
from safeguard.child_deaths.selectors import indicator_facts as child_death_facts
from safeguard.child_deaths.selectors import indicators_over as child_death_indicators_over
from safeguard.clocks.models import ClockOutcome, StatutoryClock
from safeguard.core.rules.indicators import Share
from safeguard.domestic.rules import indicators as domestic
from safeguard.domestic.selectors import indicator_facts as domestic_facts
from safeguard.inspection.rules.areas import Area
from safeguard.inspection.rules.breakdowns import Part, parts
from safeguard.linkage.selectors import pairs_awaiting_review
from safeguard.missing import policy as missing_policy
from safeguard.missing.rules import indicators as missing
from safeguard.missing.rules.indicators import EpisodeFact
from safeguard.missing.selectors import indicator_facts as missing_facts
from safeguard.online_abuse.rules.indicators import ReferralFacts, online_indicators
from safeguard.online_abuse.selectors import indicator_facts as online_facts
from safeguard.people.models import Person
from safeguard.people.rules.codes import SelfDefinedEthnicity
from safeguard.places.rules.engagement import ConcernFacts, EngagementFacts, engagement_indicator
from safeguard.places.selectors import engagement_facts

# Clocks an action plan runs for its own actions: not statutory time limits.
PLAN_CLOCK_PREFIX = "inspection."


@dataclass(frozen=True)
class Period:
    since: dt.datetime
    until: dt.datetime


@dataclass(frozen=True)
class Result:
    """A share ("12 of 40", with None for no data) or a count."""

    share: Share | None = None
    count: float | None = None

    @property
    def value(self) -> float | None:
        return self.share.value if self.share is not None else self.count


@dataclass(frozen=True)
class Indicator:
    code: str
    area: Area
    title: str
    definition: str
    source: str
    compute: Callable[[Period], Result]
    kind: str = "share"  # or "count"
    # Each counted record's own part of the figure, for breakdowns and the drill-down, and
    # the kind of record (an audit subject type; see ``inspection.records``).
    parts: Callable[[Period], list[Part]] | None = None
    records: str = ""

    @property
    def has_drill_down(self) -> bool:
        return self.parts is not None


_FACTS: contextvars.ContextVar[dict[tuple[str, Period], Any] | None] = contextvars.ContextVar(
    "inspection_facts", default=None
)


def _once(key: str, p: Period, read: Callable[[], Any]) -> Any:
    """An app's facts for the period, read once while :func:`facts_read_once` is open (the
    dashboard computes several indicators from the same facts); otherwise read each time."""
    cache = _FACTS.get()
    if cache is None:
        return read()
    if (key, p) not in cache:
        cache[(key, p)] = read()
    return cache[(key, p)]


@contextlib.contextmanager
def facts_read_once() -> Iterator[None]:
    token = _FACTS.set({})
    try:
        yield
    finally:
        _FACTS.reset(token)


def _domestic(measure: Callable[..., Share]) -> Callable[[Period], Result]:
    return lambda p: Result(
        share=measure(_once("domestic", p, lambda: domestic_facts(since=p.since, until=p.until)))
    )


def _domestic_parts(measure: Callable[..., Share]) -> Callable[[Period], list[Part]]:
    return lambda p: parts(
        _once("domestic", p, lambda: domestic_facts(since=p.since, until=p.until)),
        measure,
        _subject,
    )


def _subject(fact: Any) -> UUID | None:
    subject_id: UUID | None = fact.subject_id
    return subject_id


def _missing_measure(
    measure: Callable[..., Share], *, as_of: bool = False
) -> Callable[[Period, Sequence[EpisodeFact]], Share]:
    def bound(p: Period, episodes: Sequence[EpisodeFact]) -> Share:
        return measure(episodes, as_of=p.until) if as_of else measure(episodes)

    return bound


def _missing_episodes(
    measure: Callable[..., Share], *, as_of: bool = False
) -> tuple[Callable[[Period], Result], Callable[[Period], list[Part]]]:
    bound = _missing_measure(measure, as_of=as_of)

    def compute(p: Period) -> Result:
        episodes, _ = _once("missing", p, lambda: missing_facts(since=p.since, until=p.until))
        return Result(share=bound(p, episodes))

    def counted(p: Period) -> list[Part]:
        episodes, _ = _once("missing", p, lambda: missing_facts(since=p.since, until=p.until))
        return parts(episodes, lambda e: bound(p, e), _subject)

    return compute, counted


def _return_interview_measure(p: Period) -> Callable[[Sequence[EpisodeFact]], Share]:
    hours = missing_policy.return_interview_hours()
    return lambda episodes: missing.share_return_interviews_in_time(
        episodes, as_of=p.until, hours=hours
    )


def _return_interviews(p: Period) -> Result:
    episodes, _ = _once("missing", p, lambda: missing_facts(since=p.since, until=p.until))
    return Result(share=_return_interview_measure(p)(episodes))


def _return_interview_parts(p: Period) -> list[Part]:
    episodes, _ = _once("missing", p, lambda: missing_facts(since=p.since, until=p.until))
    return parts(episodes, _return_interview_measure(p), _subject)


def _repeat_strategy(p: Period) -> Result:
    _, prompts = _once("missing", p, lambda: missing_facts(since=p.since, until=p.until))
    return Result(share=missing.share_repeat_with_strategy(prompts))


def _repeat_strategy_parts(p: Period) -> list[Part]:
    _, prompts = _once("missing", p, lambda: missing_facts(since=p.since, until=p.until))
    return parts(prompts, missing.share_repeat_with_strategy, _subject)


def _clocks_stopped(p: Period) -> QuerySet[StatutoryClock]:
    """Statutory clocks stopped in the period (an action plan's own deadlines are not
    statutory time limits, so they are left out)."""
    return StatutoryClock.objects.filter(stopped_at__gte=p.since, stopped_at__lt=p.until).exclude(
        kind__startswith=PLAN_CLOCK_PREFIX
    )


def _clocks_met(p: Period) -> Result:
    stopped = _clocks_stopped(p)
    met = stopped.filter(outcome=ClockOutcome.MET).count()
    return Result(share=Share(met, stopped.count()))


def _clocks_met_parts(p: Period) -> list[Part]:
    return [
        Part(pk, Share(int(outcome == ClockOutcome.MET), 1))
        for pk, outcome in _clocks_stopped(p).values_list("pk", "outcome")
    ]


def _online_facts(p: Period) -> list[ReferralFacts]:
    facts: list[ReferralFacts] = _once(
        "online", p, lambda: online_facts(since=p.since, until=p.until, now=p.until)
    )
    return facts


def _acted(facts: Sequence[ReferralFacts]) -> Share:
    """Acted on in time, whatever the KIRAT level: the per-level shares added up."""
    shares = online_indicators(facts).acted_on_in_time.values()
    return Share(sum(s.numerator for s in shares), sum(s.denominator for s in shares))


def _children_referred(facts: Sequence[ReferralFacts]) -> Share:
    return online_indicators(facts).children_referred


def _online(measure: Callable[[Sequence[ReferralFacts]], Share]) -> Callable[[Period], Result]:
    return lambda p: Result(share=measure(_online_facts(p)))


def _online_parts(
    measure: Callable[[Sequence[ReferralFacts]], Share],
) -> Callable[[Period], list[Part]]:
    return lambda p: parts(_online_facts(p), measure, _subject)


def _child_death_measure(
    p: Period, pick: Callable[[ChildDeathIndicators], Share]
) -> Callable[[Sequence[ResponseFacts]], Share]:
    within = child_death_policy.assign_target()
    return lambda facts: pick(
        child_death_indicators(facts, now=p.until, assign_within=within, uncovered=dt.timedelta())
    )


def _child_deaths(
    pick: Callable[[ChildDeathIndicators], Share],
) -> tuple[Callable[[Period], Result], Callable[[Period], list[Part]]]:
    def compute(p: Period) -> Result:
        return Result(
            share=pick(child_death_indicators_over(since=p.since, until=p.until, now=p.until))
        )

    def counted(p: Period) -> list[Part]:
        facts = child_death_facts(since=p.since, until=p.until)
        return parts(facts, _child_death_measure(p, pick), _subject)

    return compute, counted


def _business_actioned(concerns: Sequence[ConcernFacts]) -> Share:
    facts = EngagementFacts(
        businesses={c.organisation_id: "" for c in concerns}, concerns=list(concerns)
    )
    return engagement_indicator(facts).actioned


def _business_concerns(p: Period) -> list[ConcernFacts]:
    return engagement_facts(since=p.since, until=p.until).concerns


def _business(p: Period) -> Result:
    return Result(share=_business_actioned(_business_concerns(p)))


def _business_parts(p: Period) -> list[Part]:
    return parts(_business_concerns(p), _business_actioned, _subject)


def _people_recorded(p: Period) -> QuerySet[Person]:
    return Person.objects.filter(created_at__gte=p.since, created_at__lt=p.until)


def _ethnicity_recorded(p: Period) -> Result:
    people = _people_recorded(p)
    recorded = people.exclude(self_defined_ethnicity=SelfDefinedEthnicity.NOT_ASKED).count()
    return Result(share=Share(recorded, people.count()))


def _ethnicity_recorded_parts(p: Period) -> list[Part]:
    return [
        Part(pk, Share(int(code != SelfDefinedEthnicity.NOT_ASKED), 1))
        for pk, code in _people_recorded(p).values_list("pk", "self_defined_ethnicity")
    ]


def _duplicates_awaiting(p: Period) -> Result:
    return Result(count=pairs_awaiting_review())


def _caseload(p: Period) -> Result:
    running = StatutoryClock.objects.filter(
        stopped_at__isnull=True, owner_user__isnull=False
    ).exclude(kind__startswith=PLAN_CLOCK_PREFIX)
    per_officer = running.values("owner_user").annotate(n=Count("id"))
    counts = [row["n"] for row in per_officer]
    return Result(count=round(sum(counts) / len(counts), 1) if counts else None)


_reviews, _reviews_parts = _missing_episodes(missing.share_reviews_on_time, as_of=True)
_core, _core_parts = _missing_episodes(missing.share_core_complete)
_assigned, _assigned_parts = _child_deaths(lambda i: i.assigned_in_time)
_visits, _visits_parts = _child_deaths(lambda i: i.home_visits_in_time)
_household, _household_parts = _child_deaths(lambda i: i.children_decided)

INCIDENT = "domestic.domesticabuseincident"
EPISODE = "missing.missingepisode"
ONLINE = "online_abuse.onlinereferral"
DEATH = "child_deaths.childdeathresponse"

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "clocks_met",
        Area.LEADERSHIP,
        "Statutory time limits met",
        "Of the statutory clocks stopped in the period, the share stopped on time.",
        "clocks (every app's time limits); DOMAIN.md §1.2 leadership and governance",
        _clocks_met,
        parts=_clocks_met_parts,
        records="clocks.statutoryclock",
    ),
    Indicator(
        "encompass_on_time",
        Area.PARTNERSHIP,
        "DA incidents with children notified to school on time",
        "Of domestic abuse incidents with a child, the share whose every Encompass notification went before its due time.",
        "domestic.rules.indicators.share_notified_on_time; DOMAIN.md §3.2",
        _domestic(domestic.share_notified_on_time),
        parts=_domestic_parts(domestic.share_notified_on_time),
        records=INCIDENT,
    ),
    Indicator(
        "return_interviews",
        Area.PARTNERSHIP,
        "Return interviews within 72 hours",
        "Of children returned, the share whose return interview by the local authority was held within 72 hours.",
        "missing.rules.indicators.share_return_interviews_in_time; DOMAIN.md §2.2",
        _return_interviews,
        parts=_return_interview_parts,
        records=EPISODE,
    ),
    Indicator(
        "business_concerns_actioned",
        Area.PARTNERSHIP,
        "Business concerns actioned",
        "Of exploitation concerns from hotels and other businesses (Operation Makesafe) sent in the period, the share the police actioned by its end.",
        "places.rules.engagement.engagement_indicator; DOMAIN.md §7",
        _business,
        parts=_business_parts,
        records="places.businessconcern",
    ),
    Indicator(
        "da_children_recorded",
        Area.INITIAL_RESPONSE,
        "Children at DA incidents recognised",
        "Of domestic abuse incidents, the share where every child the narrative mentions was recorded or dismissed with a reason.",
        "domestic.rules.indicators.share_every_child_recorded; DOMAIN.md §3.1",
        _domestic(domestic.share_every_child_recorded),
        parts=_domestic_parts(domestic.share_every_child_recorded),
        records=INCIDENT,
    ),
    Indicator(
        "missing_core_complete",
        Area.INITIAL_RESPONSE,
        "Missing reports complete",
        "Of missing episodes, the share whose report holds the core information set.",
        "missing.rules.indicators.share_core_complete; DOMAIN.md §2.1",
        _core,
        parts=_core_parts,
        records=EPISODE,
    ),
    Indicator(
        "missing_reviews_on_time",
        Area.RISK_AND_REFERRAL,
        "Missing-risk reviews on time",
        "Of reviews of missing children's risk due in the period, the share done on time.",
        "missing.rules.indicators.share_reviews_on_time; DOMAIN.md §2.1",
        _reviews,
        parts=_reviews_parts,
        records=EPISODE,
    ),
    Indicator(
        "repeat_missing_strategy",
        Area.RISK_AND_REFERRAL,
        "Repeat missing children with a strategy discussion",
        "Of children prompted as repeatedly missing, the share with a strategy discussion recorded.",
        "missing.rules.indicators.share_repeat_with_strategy; DOMAIN.md §2.2",
        _repeat_strategy,
        parts=_repeat_strategy_parts,
        records=EPISODE,
    ),
    Indicator(
        "online_children_referred",
        Area.RISK_AND_REFERRAL,
        "Children around online suspects referred",
        "Of children living at or linked to an online suspect's address, the share referred for safeguarding.",
        "online_abuse.rules.indicators; DOMAIN.md §6.3",
        _online(_children_referred),
        parts=_online_parts(_children_referred),
        records=ONLINE,
    ),
    Indicator(
        "online_acted_in_time",
        Area.INVESTIGATION,
        "Online referrals acted on within their KIRAT time",
        "Of online referrals whose action time has come, the share acted on (enforcement) in time.",
        "online_abuse.rules.indicators (all KIRAT levels added up); DOMAIN.md §6.2, §6.3",
        _online(_acted),
        parts=_online_parts(_acted),
        records=ONLINE,
    ),
    Indicator(
        "child_death_assigned",
        Area.INVESTIGATION,
        "Child deaths with a trained officer in time",
        "Of unexpected child deaths reported, the share where a trained officer accepted within the force's target (CHILD_DEATH_ASSIGN_TARGET_MINUTES).",
        "child_deaths.rules.indicators; DOMAIN.md §5.2",
        _assigned,
        parts=_assigned_parts,
        records=DEATH,
    ),
    Indicator(
        "child_death_home_visits",
        Area.INVESTIGATION,
        "Joint home visits within 24 hours",
        "Of child death responses whose visit time has come, the share with the joint home visit within 24 hours.",
        "child_deaths.rules.checklist; DOMAIN.md §5.2",
        _visits,
        parts=_visits_parts,
        records=DEATH,
    ),
    Indicator(
        "household_children_decided",
        Area.INVESTIGATION,
        "Siblings with a safeguarding decision",
        "Of siblings and other children in the household of a child who died, the share with a decision.",
        "child_deaths.rules.indicators; DOMAIN.md §5.2",
        _household,
        parts=_household_parts,
        records=DEATH,
    ),
    Indicator(
        "ethnicity_recorded",
        Area.DATA_QUALITY,
        "Self-defined ethnicity recorded",
        "Of people recorded in the period, the share whose self-defined ethnicity was asked and recorded (or declined).",
        "people.rules.recording_standards; DOMAIN.md §8.2, §8.3",
        _ethnicity_recorded,
        parts=_ethnicity_recorded_parts,
        records="people.person",
    ),
    Indicator(
        "duplicates_awaiting",
        Area.DATA_QUALITY,
        "Possible duplicate records awaiting review",
        "Pairs from the latest linkage run with no decision yet.",
        "linkage (issue 6)",
        _duplicates_awaiting,
        kind="count",
    ),
    Indicator(
        "caseload",
        Area.WORKFORCE,
        "Running time limits per officer",
        "Running statutory clocks owned by an officer, on average per officer with any.",
        "clocks.selectors.caseload_by_officer",
        _caseload,
        kind="count",
    ),
)
