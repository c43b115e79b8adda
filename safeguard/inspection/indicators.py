"""The indicators an inspector would look at, by area (issue 9 item 1, DOMAIN.md §0, §1).

Each indicator names its area, its definition and the source rule, and is computed from
live rows for a period with the pure indicator functions each capability app provides.
Where an app has no data for the period the value is "no data" (``Share.value`` None),
never a made-up figure. Counts only: no personal data is read, so nothing here is audited;
the records behind an indicator are read (and audited) only when someone drills down.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q

from safeguard.child_deaths.rules.indicators import ChildDeathIndicators
from safeguard.child_deaths.selectors import indicators_over as child_death_indicators_over
from safeguard.clocks.models import ClockOutcome, StatutoryClock
from safeguard.core.rules.indicators import Share
from safeguard.domestic.models import DomesticAbuseIncident, EncompassNotification
from safeguard.domestic.rules import indicators as domestic
from safeguard.domestic.selectors import indicator_facts as domestic_facts
from safeguard.inspection.rules.areas import Area
from safeguard.linkage.selectors import pairs_awaiting_review
from safeguard.missing import policy as missing_policy
from safeguard.missing.rules import indicators as missing
from safeguard.missing.selectors import indicator_facts as missing_facts
from safeguard.online_abuse.rules.indicators import OnlineIndicators, online_indicators
from safeguard.online_abuse.selectors import indicator_facts as online_facts
from safeguard.people.models import Person
from safeguard.people.rules.codes import SelfDefinedEthnicity


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
class Behind:
    """A record behind an indicator that did not meet it: what it is and where it opens."""

    instance: Any
    reference: str
    when: dt.datetime
    url_name: str
    url_kwarg: str


@dataclass(frozen=True)
class Indicator:
    code: str
    area: Area
    title: str
    definition: str
    source: str
    compute: Callable[[Period], Result]
    kind: str = "share"  # or "count"
    # The records that did not meet the measure, for the drill-down (None: not built yet).
    misses: Callable[[Period], list[Behind]] | None = None

    @property
    def has_drill_down(self) -> bool:
        return self.misses is not None


def _domestic(measure: Callable[..., Share]) -> Callable[[Period], Result]:
    return lambda p: Result(share=measure(domestic_facts(since=p.since, until=p.until)))


def _missing_episodes(
    measure: Callable[..., Share], *, as_of: bool = False
) -> Callable[[Period], Result]:
    def compute(p: Period) -> Result:
        episodes, _ = missing_facts(since=p.since, until=p.until)
        if as_of:
            return Result(share=measure(episodes, as_of=p.until))
        return Result(share=measure(episodes))

    return compute


def _encompass_late(p: Period) -> list[Behind]:
    """Incidents with a child whose Encompass notification was late or never sent."""
    late = EncompassNotification.objects.filter(
        incident__occurrence__occurred_at__gte=p.since,
        incident__occurrence__occurred_at__lt=p.until,
    ).filter(Q(sent_at__isnull=True) | Q(sent_at__gte=F("due_at")))
    incidents = (
        DomesticAbuseIncident.objects.filter(pk__in=late.values("incident_id"))
        .select_related("occurrence")
        .order_by("occurrence__occurred_at")
    )
    return [
        Behind(
            i,
            i.occurrence.reference,
            i.occurrence.occurred_at,
            "domestic:incident-detail",
            "incident_id",
        )
        for i in incidents
    ]


def _return_interviews(p: Period) -> Result:
    episodes, _ = missing_facts(since=p.since, until=p.until)
    hours = missing_policy.return_interview_hours()
    return Result(
        share=missing.share_return_interviews_in_time(episodes, as_of=p.until, hours=hours)
    )


def _repeat_strategy(p: Period) -> Result:
    _, prompts = missing_facts(since=p.since, until=p.until)
    return Result(share=missing.share_repeat_with_strategy(prompts))


def _clocks_met(p: Period) -> Result:
    stopped = StatutoryClock.objects.filter(stopped_at__gte=p.since, stopped_at__lt=p.until)
    met = stopped.filter(outcome=ClockOutcome.MET).count()
    return Result(share=Share(met, stopped.count()))


def _online(p: Period) -> OnlineIndicators:
    return online_indicators(online_facts(since=p.since, until=p.until, now=p.until))


def _online_acted(p: Period) -> Result:
    """Acted on in time, whatever the KIRAT level: the per-level shares added up."""
    shares = _online(p).acted_on_in_time.values()
    return Result(share=Share(sum(s.numerator for s in shares), sum(s.denominator for s in shares)))


def _online_children_referred(p: Period) -> Result:
    return Result(share=_online(p).children_referred)


def _child_deaths(p: Period) -> ChildDeathIndicators:
    return child_death_indicators_over(since=p.since, until=p.until, now=p.until)


def _child_death_assigned(p: Period) -> Result:
    return Result(share=_child_deaths(p).assigned_in_time)


def _child_death_home_visits(p: Period) -> Result:
    return Result(share=_child_deaths(p).home_visits_in_time)


def _household_decided(p: Period) -> Result:
    return Result(share=_child_deaths(p).children_decided)


def _ethnicity_recorded(p: Period) -> Result:
    people = Person.objects.filter(created_at__gte=p.since, created_at__lt=p.until)
    recorded = people.exclude(self_defined_ethnicity=SelfDefinedEthnicity.NOT_ASKED).count()
    return Result(share=Share(recorded, people.count()))


def _duplicates_awaiting(p: Period) -> Result:
    return Result(count=pairs_awaiting_review())


def _caseload(p: Period) -> Result:
    running = StatutoryClock.objects.filter(stopped_at__isnull=True, owner_user__isnull=False)
    per_officer = running.values("owner_user").annotate(n=Count("id"))
    counts = [row["n"] for row in per_officer]
    return Result(count=round(sum(counts) / len(counts), 1) if counts else None)


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "clocks_met",
        Area.LEADERSHIP,
        "Statutory time limits met",
        "Of the statutory clocks stopped in the period, the share stopped on time.",
        "clocks (every app's time limits); DOMAIN.md §1.2 leadership and governance",
        _clocks_met,
    ),
    Indicator(
        "encompass_on_time",
        Area.PARTNERSHIP,
        "DA incidents with children notified to school on time",
        "Of domestic abuse incidents with a child, the share whose every Encompass notification went before its due time.",
        "domestic.rules.indicators.share_notified_on_time; DOMAIN.md §3.2",
        _domestic(domestic.share_notified_on_time),
        misses=_encompass_late,
    ),
    Indicator(
        "return_interviews",
        Area.PARTNERSHIP,
        "Return interviews within 72 hours",
        "Of children returned, the share whose return interview by the local authority was held within 72 hours.",
        "missing.rules.indicators.share_return_interviews_in_time; DOMAIN.md §2.2",
        _return_interviews,
    ),
    Indicator(
        "da_children_recorded",
        Area.INITIAL_RESPONSE,
        "Children at DA incidents recognised",
        "Of domestic abuse incidents, the share where every child the narrative mentions was recorded or dismissed with a reason.",
        "domestic.rules.indicators.share_every_child_recorded; DOMAIN.md §3.1",
        _domestic(domestic.share_every_child_recorded),
    ),
    Indicator(
        "missing_core_complete",
        Area.INITIAL_RESPONSE,
        "Missing reports complete",
        "Of missing episodes, the share whose report holds the core information set.",
        "missing.rules.indicators.share_core_complete; DOMAIN.md §2.1",
        _missing_episodes(missing.share_core_complete),
    ),
    Indicator(
        "missing_reviews_on_time",
        Area.RISK_AND_REFERRAL,
        "Missing-risk reviews on time",
        "Of reviews of missing children's risk due in the period, the share done on time.",
        "missing.rules.indicators.share_reviews_on_time; DOMAIN.md §2.1",
        _missing_episodes(missing.share_reviews_on_time, as_of=True),
    ),
    Indicator(
        "repeat_missing_strategy",
        Area.RISK_AND_REFERRAL,
        "Repeat missing children with a strategy discussion",
        "Of children prompted as repeatedly missing, the share with a strategy discussion recorded.",
        "missing.rules.indicators.share_repeat_with_strategy; DOMAIN.md §2.2",
        _repeat_strategy,
    ),
    Indicator(
        "online_children_referred",
        Area.RISK_AND_REFERRAL,
        "Children around online suspects referred",
        "Of children living at or linked to an online suspect's address, the share referred for safeguarding.",
        "online_abuse.rules.indicators; DOMAIN.md §6.3",
        _online_children_referred,
    ),
    Indicator(
        "online_acted_in_time",
        Area.INVESTIGATION,
        "Online referrals acted on within their KIRAT time",
        "Of online referrals whose action time has come, the share acted on (enforcement) in time.",
        "online_abuse.rules.indicators (all KIRAT levels added up); DOMAIN.md §6.2, §6.3",
        _online_acted,
    ),
    Indicator(
        "child_death_assigned",
        Area.INVESTIGATION,
        "Child deaths with a trained officer in time",
        "Of unexpected child deaths reported, the share where a trained officer accepted within the force's target (CHILD_DEATH_ASSIGN_TARGET_MINUTES).",
        "child_deaths.rules.indicators; DOMAIN.md §5.2",
        _child_death_assigned,
    ),
    Indicator(
        "child_death_home_visits",
        Area.INVESTIGATION,
        "Joint home visits within 24 hours",
        "Of child death responses whose visit time has come, the share with the joint home visit within 24 hours.",
        "child_deaths.rules.checklist; DOMAIN.md §5.2",
        _child_death_home_visits,
    ),
    Indicator(
        "household_children_decided",
        Area.INVESTIGATION,
        "Siblings with a safeguarding decision",
        "Of siblings and other children in the household of a child who died, the share with a decision.",
        "child_deaths.rules.indicators; DOMAIN.md §5.2",
        _household_decided,
    ),
    Indicator(
        "ethnicity_recorded",
        Area.DATA_QUALITY,
        "Self-defined ethnicity recorded",
        "Of people recorded in the period, the share whose self-defined ethnicity was asked and recorded (or declined).",
        "people.rules.recording_standards; DOMAIN.md §8.2, §8.3",
        _ethnicity_recorded,
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
