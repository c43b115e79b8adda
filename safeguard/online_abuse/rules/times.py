"""Time limits for online CSEA referrals (issue 7, DOMAIN.md §6.2, §6.3). Pure.

The action time by KIRAT level runs from receipt, as the inspectorate measured delay
(DOMAIN.md §6.3 [P]): very high about a day, high 7 days, medium 14 days, low 30 days
(DOMAIN.md §6.2 [S], wording not verified [U]; force policy ``ONLINE_KIRAT_ACTION_HOURS``).
Until a referral is graded it is held to the very-high time: an ungraded package is never
the one left waiting. Each stage has its own time from entering it (force policy
``ONLINE_STAGE_HOURS`` [U], this project's design).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from safeguard.online_abuse.rules.codes import Stage
from safeguard.risk.rules.kirat import KiratLevel

UNGRADED = KiratLevel.VERY_HIGH

DEFAULT_ACTION_HOURS: Mapping[str, int] = {
    KiratLevel.VERY_HIGH: 24,
    KiratLevel.HIGH: 7 * 24,
    KiratLevel.MEDIUM: 14 * 24,
    KiratLevel.LOW: 30 * 24,
}

ORDER: tuple[Stage, ...] = (
    Stage.RECEIVED,
    Stage.RESEARCH,
    Stage.PARTNER_REFERRAL,
    Stage.WARRANT,
    Stage.ENFORCEMENT,
    Stage.SAFEGUARDING_VISIT,
    Stage.OUTCOME,
    Stage.CLOSED,
)

ACTED_ON: frozenset[Stage] = frozenset(
    {Stage.ENFORCEMENT, Stage.SAFEGUARDING_VISIT, Stage.OUTCOME, Stage.CLOSED}
)
"""A referral is acted on once enforcement is done (or it has moved past it)."""


def action_due(
    *, level: str | None, received_at: dt.datetime, hours: Mapping[str, int]
) -> dt.datetime:
    """When the referral must be acted on: receipt plus the level's hours (ungraded: very high).

    :raises KeyError: a level the force has no time for
    """
    return received_at + dt.timedelta(hours=hours[level or UNGRADED])


def stage_due(
    *, stage: Stage, entered_at: dt.datetime, hours: Mapping[str, int]
) -> dt.datetime | None:
    """When the stage should be done, or None for a stage with no time of its own."""
    limit = hours.get(stage)
    return entered_at + dt.timedelta(hours=limit) if limit else None


def next_stage_refusal(current: Stage, wanted: Stage, *, children_at_risk: bool) -> str | None:
    """Why the referral may not move from ``current`` to ``wanted``, or None.

    Stages move forward (one may be skipped when it does not apply, for example no warrant
    is needed), never back; a partner referral cannot be skipped while a child around the
    suspect is at risk and undecided (DOMAIN.md §6.3: forces waited too long to share).
    """
    if current is Stage.CLOSED:
        return "The referral is closed."
    if ORDER.index(wanted) <= ORDER.index(current):
        return "A referral moves forward through its stages, not back."
    skips_partner = ORDER.index(current) < ORDER.index(Stage.PARTNER_REFERRAL) < ORDER.index(wanted)
    if skips_partner and children_at_risk:
        return (
            "Children around the suspect need a safeguarding decision and a partner referral first."
        )
    return None


def acted_on_in_time(*, acted_at: dt.datetime | None, due_at: dt.datetime) -> bool:
    """Acted on (enforcement or beyond) by the time its level allows."""
    return acted_at is not None and acted_at <= due_at
