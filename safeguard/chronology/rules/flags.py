"""The flags at the top of a child's chronology, from plain facts (issue 6 item 5).

Pure: the standard library and lower ``rules`` packages only; ``today`` is passed in.

The flags are the ones DOMAIN.md §10.2 says every incident involving a child should check and
§8.3 lists among the child fields partners rely on: a child protection plan, looked-after
status, missing now, open referrals and exploitation (CSE/CCE, NRM; §2.2, §10.1). A flag is
raised if any of the child's linked person records carries it: one record saying "looked
after" is enough for an officer to need to know.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from safeguard.missing.rules.codes import EpisodeStatus, ScreeningOutcome
from safeguard.people.rules.codes import YesNoUnknown
from safeguard.referrals.rules.codes import ReferralStatus


class FlagCode(StrEnum):
    PROTECTION_PLAN = "PROTECTION_PLAN"
    LOOKED_AFTER = "LOOKED_AFTER"
    MISSING_NOW = "MISSING_NOW"
    OPEN_REFERRALS = "OPEN_REFERRALS"
    EXPLOITATION = "EXPLOITATION"


@dataclass(frozen=True)
class PlanFact:
    """A child protection plan's dates; ``ends_on`` is the day it ended (exclusive)."""

    starts_on: dt.date
    ends_on: dt.date | None


@dataclass(frozen=True)
class ScreeningFact:
    """An exploitation screening: the indicators that raised it and its outcome ("" if open)."""

    indicators: Sequence[str]
    outcome: str


@dataclass(frozen=True)
class FlagFacts:
    """Everything the flags look at, across every record of the child shown."""

    protection_plans: Sequence[PlanFact] = ()
    looked_after: Sequence[str] = ()
    episode_statuses: Sequence[str] = ()
    episode_indicators: Sequence[Sequence[str]] = ()
    screenings: Sequence[ScreeningFact] = ()
    nrm_referral_count: int = 0
    referral_statuses: Sequence[str] = ()


@dataclass(frozen=True)
class Flag:
    code: FlagCode
    label: str
    detail: str = ""


@dataclass(frozen=True)
class Flags:
    on_protection_plan: bool
    looked_after: bool
    missing_now: bool
    open_referrals: int
    exploitation_indicators: bool

    def shown(self) -> list[Flag]:
        """Return the flags that are raised, in the order the page shows them."""
        flags: list[Flag] = []
        if self.on_protection_plan:
            flags.append(Flag(FlagCode.PROTECTION_PLAN, "Child protection plan"))
        if self.looked_after:
            flags.append(Flag(FlagCode.LOOKED_AFTER, "Looked after"))
        if self.missing_now:
            flags.append(Flag(FlagCode.MISSING_NOW, "Missing now"))
        if self.open_referrals:
            flags.append(
                Flag(
                    FlagCode.OPEN_REFERRALS,
                    "Open referrals" if self.open_referrals > 1 else "Open referral",
                    str(self.open_referrals),
                )
            )
        if self.exploitation_indicators:
            flags.append(Flag(FlagCode.EXPLOITATION, "Exploitation indicators"))
        return flags


def is_plan_current(plan: PlanFact, *, today: dt.date) -> bool:
    """Tell whether a child protection plan is in force on ``today``.

    A plan starts on its start date and stops on its end date (an end is exclusive, as every
    period in Safeguard is: STYLE.md §4.5). A plan dated to start later is not yet in force.
    Source: DOMAIN.md §4.2, §10.2 [P].
    """
    if plan.starts_on > today:
        return False
    return plan.ends_on is None or plan.ends_on > today


def is_screening_of_concern(screening: ScreeningFact) -> bool:
    """Tell whether a screening points to exploitation.

    Open screenings count (indicators were seen and nobody has yet ruled them out), and so
    does any outcome but "no exploitation found". Source: DOMAIN.md §2.2 (missing is "one of
    the key indicators of child sexual exploitation" [S]) and §10.1 [S].
    """
    if not screening.outcome:
        return True
    return screening.outcome != ScreeningOutcome.NO_EXPLOITATION_FOUND


def has_exploitation_indicators(facts: FlagFacts) -> bool:
    """Tell whether any record shows exploitation: indicators, a screening of concern, an NRM.

    Indicators recorded on an episode stay a flag after the child returns: "the risk does
    not go away just because they have returned" (DOMAIN.md §2.2 [S]). Any NRM referral is
    a flag whatever its decisions (§10.1 [S]).
    """
    if facts.nrm_referral_count > 0:
        return True
    if any(indicators for indicators in facts.episode_indicators):
        return True
    return any(is_screening_of_concern(s) for s in facts.screenings)


def child_flags(facts: FlagFacts, *, today: dt.date) -> Flags:
    """Return the flags raised by the facts gathered across the child's records.

    An open referral is one children's social care has not yet decided (sent or only
    acknowledged: the closed loop of DESIGN.md "referrals" is not closed). Missing now is an
    episode still open (DOMAIN.md §2.1: missing "until located").
    """
    return Flags(
        on_protection_plan=any(is_plan_current(p, today=today) for p in facts.protection_plans),
        looked_after=any(value == YesNoUnknown.YES for value in facts.looked_after),
        missing_now=any(status == EpisodeStatus.OPEN for status in facts.episode_statuses),
        open_referrals=sum(
            1 for status in facts.referral_statuses if status != ReferralStatus.DECIDED
        ),
        exploitation_indicators=has_exploitation_indicators(facts),
    )
