"""Reads for inspection readiness (issue 9): the indicators by area for a period."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.inspection.indicators import INDICATORS, Indicator, Period, Result
from safeguard.inspection.rules.areas import AREA_LABELS, Area

if TYPE_CHECKING:
    from safeguard.accounts.models import User


@dataclass(frozen=True)
class IndicatorValue:
    indicator: Indicator
    result: Result


@dataclass(frozen=True)
class AreaBlock:
    area: Area
    label: str
    values: list[IndicatorValue]


def indicators_by_area(*, actor: User, since: dt.datetime, until: dt.datetime) -> list[AreaBlock]:
    """Every indicator for the period ``[since, until)``, grouped by area in the NCPI order.

    Counts only (no personal data), so nothing is audited here.

    :raises CapabilityMissing: the actor may not read indicators
    """
    require_capability(actor, Capability.INDICATOR_VIEW)
    period = Period(since=since, until=until)
    blocks: list[AreaBlock] = []
    for area in Area:
        values = [
            IndicatorValue(indicator=i, result=i.compute(period))
            for i in INDICATORS
            if i.area == area
        ]
        blocks.append(AreaBlock(area=area, label=AREA_LABELS[area], values=values))
    return blocks
