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
==================================== ================================ ======================

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
