"""Force policy for risk assessment, with the defaults shipped when a force sets nothing.

DOMAIN.md keeps every [S] and [U] value behind configuration. A force sets these keys in
``settings.SAFEGUARD``; a key it leaves out takes the default here.

==================================== ================================ ======================
Key                                  Default                          Source
==================================== ================================ ======================
``RISK_PPN_ESCALATION_WINDOW_DAYS``  92 ("three months", longest)     DOMAIN.md §3.4 [P, one force]
``RISK_PPN_ESCALATION_GREENS``       3                                DOMAIN.md §3.4 [P, one force]
``RISK_LOWERING_RATIONALE_MIN_LENGTH`` 40 characters                  [U] (§3.3 principle)
``RISK_THRIVE_PLUS_VERSIONS``        "+ Prevention/Intervention" v1   DOMAIN.md §4.1 [U]
``RISK_PPN_RAG_VERSIONS``            none (only the shipped v1)       DOMAIN.md §3.4 [U]
``RISK_DASH_MEDIUM_FROM``            10 "yes" answers                 DOMAIN.md §3.3 [S]
``RISK_DASH_HIGH_FROM``              14 "yes" answers                 DOMAIN.md §3.3 [S]
``RISK_DASH_VERSIONS``               none (only the shipped v1)       DOMAIN.md §3.3 [U]
``RISK_DARA_VERSIONS``               none (only the shipped v1)       DOMAIN.md §3.3 [U]
``MARAC_ESCALATION_INCIDENTS``       3 incidents                      DOMAIN.md §3.3 [S, "commonly"]
``MARAC_ESCALATION_WINDOW_DAYS``     365 days                         DOMAIN.md §3.3 [S, "commonly"]
==================================== ================================ ======================

The DASH thresholds apply to the shipped DASH v1 and to every force version that does not
set its own. An assessment stores the level it computed, so changing a threshold changes
the level of new assessments only.

Instrument versions are append-only: a force adds a new version and never edits or removes
one that assessments were made with, or those assessments can no longer be reviewed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from safeguard.risk.rules.dash import DEFAULT_HIGH_FROM, DEFAULT_MEDIUM_FROM
from safeguard.risk.rules.judgement import DEFAULT_LOWERING_RATIONALE_MIN_LENGTH
from safeguard.risk.rules.ppn_rag import (
    DEFAULT_ESCALATION_GREENS,
    DEFAULT_ESCALATION_WINDOW_DAYS,
    RagLevel,
    ppn_escalation_required,
)
from safeguard.risk.rules.thrive import DEFAULT_THRIVE_PLUS_VERSIONS


def _setting(name: str, default: Any) -> Any:
    return settings.SAFEGUARD.get(name, default)


def _whole_number(name: str, default: int, *, minimum: int) -> int:
    value = _setting(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ImproperlyConfigured(f"SAFEGUARD[{name!r}] must be a whole number from {minimum}")
    return int(value)


def _versions(
    name: str, default: Sequence[Mapping[str, object]]
) -> tuple[Mapping[str, object], ...]:
    value = _setting(name, default)
    if not isinstance(value, list | tuple) or not all(isinstance(v, Mapping) for v in value):
        raise ImproperlyConfigured(f"SAFEGUARD[{name!r}] must be a list of version settings")
    return tuple(value)


@dataclass(frozen=True)
class PpnEscalationPolicy:
    window_days: int
    greens_threshold: int


def ppn_escalation_policy() -> PpnEscalationPolicy:
    """Return the force's escalating-concern window and green count (DOMAIN.md §3.4).

    :raises ImproperlyConfigured: a value is not a whole number in range
    """
    return PpnEscalationPolicy(
        window_days=_whole_number(
            "RISK_PPN_ESCALATION_WINDOW_DAYS", DEFAULT_ESCALATION_WINDOW_DAYS, minimum=0
        ),
        greens_threshold=_whole_number(
            "RISK_PPN_ESCALATION_GREENS", DEFAULT_ESCALATION_GREENS, minimum=1
        ),
    )


def ppn_escalation_check(
    *, level: RagLevel | str, previous: Sequence[tuple[dt.date, RagLevel | str]], on: dt.date
) -> bool:
    """Tell whether a notification goes to the central team, under the force's policy.

    See :func:`safeguard.risk.rules.ppn_rag.ppn_escalation_required` for the rule; this
    supplies the force's window and count.

    :raises ValueError: an unknown RAG level
    """
    policy = ppn_escalation_policy()
    return ppn_escalation_required(
        level=level,
        previous=previous,
        on=on,
        window_days=policy.window_days,
        greens_threshold=policy.greens_threshold,
    )


def lowering_rationale_min_length() -> int:
    """Return how long a rationale for lowering a computed level must be, in characters.

    :raises ImproperlyConfigured: not a whole number from 1
    """
    return _whole_number(
        "RISK_LOWERING_RATIONALE_MIN_LENGTH", DEFAULT_LOWERING_RATIONALE_MIN_LENGTH, minimum=1
    )


def thrive_plus_versions() -> tuple[Mapping[str, object], ...]:
    """Return the force's THRIVE+ extension versions as configured (DOMAIN.md §4.1 [U]).

    :raises ImproperlyConfigured: not a list of version settings
    """
    return _versions("RISK_THRIVE_PLUS_VERSIONS", DEFAULT_THRIVE_PLUS_VERSIONS)


def ppn_rag_versions() -> tuple[Mapping[str, object], ...]:
    """Return the force's own versions of the child-concern RAG questions (from version 2).

    :raises ImproperlyConfigured: not a list of version settings
    """
    return _versions("RISK_PPN_RAG_VERSIONS", ())


def dara_versions() -> tuple[Mapping[str, object], ...]:
    """Return the force's own versions of DARA (from version 2; DOMAIN.md §3.3 [U]).

    :raises ImproperlyConfigured: not a list of version settings
    """
    return _versions("RISK_DARA_VERSIONS", ())


def dash_versions() -> tuple[Mapping[str, object], ...]:
    """Return the force's own versions of the DASH questions (from version 2).

    :raises ImproperlyConfigured: not a list of version settings
    """
    return _versions("RISK_DASH_VERSIONS", ())


@dataclass(frozen=True)
class DashThresholds:
    medium_from: int
    high_from: int


def dash_thresholds() -> DashThresholds:
    """Return the force's DASH bands: the "yes" counts from which Medium and High start.

    Source: 10 and 14 (DOMAIN.md §3.3 [S]).

    :raises ImproperlyConfigured: a value is not a whole number from 1, or Medium does not
        start below High
    """
    thresholds = DashThresholds(
        medium_from=_whole_number("RISK_DASH_MEDIUM_FROM", DEFAULT_MEDIUM_FROM, minimum=1),
        high_from=_whole_number("RISK_DASH_HIGH_FROM", DEFAULT_HIGH_FROM, minimum=1),
    )
    if thresholds.medium_from >= thresholds.high_from:
        raise ImproperlyConfigured(
            "SAFEGUARD['RISK_DASH_MEDIUM_FROM'] must be below SAFEGUARD['RISK_DASH_HIGH_FROM']"
        )
    return thresholds


# The defaults of safeguard.domestic.rules.marac, repeated here so that risk never imports
# the domestic app, which is expected to build on risk; a test keeps the two equal.
DEFAULT_MARAC_ESCALATION_INCIDENTS = 3
DEFAULT_MARAC_ESCALATION_WINDOW_DAYS = 365


@dataclass(frozen=True)
class MaracPolicy:
    escalation_incidents: int
    escalation_window_days: int


def marac_policy() -> MaracPolicy:
    """Return the force's MARAC "potential escalation" count and window (DOMAIN.md §3.3).

    Source: "commonly 3 or more domestic abuse incidents in 12 months" [S].

    :raises ImproperlyConfigured: a value is not a whole number from 1
    """
    return MaracPolicy(
        escalation_incidents=_whole_number(
            "MARAC_ESCALATION_INCIDENTS", DEFAULT_MARAC_ESCALATION_INCIDENTS, minimum=1
        ),
        escalation_window_days=_whole_number(
            "MARAC_ESCALATION_WINDOW_DAYS", DEFAULT_MARAC_ESCALATION_WINDOW_DAYS, minimum=1
        ),
    )
