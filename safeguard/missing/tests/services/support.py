"""Shared steps for the missing-children service and selector tests (not collected)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Model
from django.test import override_settings

from safeguard.accounts.models import Organisation, User
from safeguard.clocks.models import StatutoryClock
from safeguard.core.clock import FixedClock, use_clock
from safeguard.missing.models import MissingEpisode
from safeguard.missing.rules.codes import FoundCondition
from safeguard.missing.services import (
    REVIEW_CLOCK,
    FoundDetails,
    missing_report_record,
)
from safeguard.missing.services import episode_found as _episode_found
from safeguard.missing.tests.factories import london, report, risk_information
from safeguard.people.models import Person
from safeguard.risk.rules.missing_person import QUESTIONS_V1

SEEN = london(2027, 1, 9, 1, 40)
REPORTED = london(2027, 1, 9, 2, 10)
NOW = london(2027, 1, 9, 2, 15)


def answers(*yes: str) -> dict[str, str]:
    """Every APP question answered, "YES" for the codes given and "NO" for the rest."""
    return {q.code: ("YES" if q.code in yes else "NO") for q in QUESTIONS_V1}


HIGH_ANSWERS = answers("EXPLOITATION_RISK")
MEDIUM_ANSWERS = answers("ADVERSE_WEATHER")
LOW_ANSWERS = answers()
LOWERING_RATIONALE = (
    "Known to the keyworker, phoned in from a friend's house, safe with a trusted adult"
)


def safeguard_settings(**values: object) -> override_settings:
    """Force policy for one test: the project's SAFEGUARD settings with ``values`` changed."""
    return override_settings(SAFEGUARD={**settings.SAFEGUARD, **values})


def report_missing(
    officer: User,
    child: Person,
    *,
    now: dt.datetime = NOW,
    seen: dt.datetime = SEEN,
    reported: dt.datetime = REPORTED,
    authority: Organisation | None = None,
    idempotency_key: str = "",
    **changes: Any,
) -> MissingEpisode:
    """Report ``child`` missing with the whole core information set, the clock at ``now``."""
    with use_clock(FixedClock(now)):
        return missing_report_record(
            actor=officer,
            details=report(
                child,
                last_seen_at=seen,
                reported_at=reported,
                placing_authority=authority,
                **changes,
            ),
            risk_information=risk_information(reported),
            idempotency_key=idempotency_key,
        )


def find(
    officer: User,
    episode: MissingEpisode,
    *,
    found_at: dt.datetime,
    now: dt.datetime | None = None,
    organisation: Organisation | None = None,
    indicators: tuple[str, ...] = (),
    condition: str = FoundCondition.SAFE_AND_WELL,
) -> MissingEpisode:
    """Record the child found at ``found_at`` (the clock at ``now``, default the same)."""
    with use_clock(FixedClock(now or found_at)):
        return _episode_found(
            actor=officer,
            episode_id=episode.pk,
            details=FoundDetails(
                found_at=found_at,
                found_place="Hanley bus station",
                found_by="PC Fictional",
                condition=condition,
                return_interview_organisation_id=organisation.pk if organisation else None,
                exploitation_indicators=indicators,
            ),
        )


def clocks(episode: MissingEpisode, kind: str = REVIEW_CLOCK) -> list[StatutoryClock]:
    """Every clock of ``kind`` against the episode, oldest first."""
    return list(
        StatutoryClock.objects.filter(
            subject_type="missing.missingepisode", subject_id=episode.pk, kind=kind
        ).order_by("started_at", "created_at")
    )


def running(episode: MissingEpisode, kind: str = REVIEW_CLOCK) -> StatutoryClock | None:
    """The clock of ``kind`` running against the episode, if any."""
    return StatutoryClock.objects.filter(
        subject_type="missing.missingepisode",
        subject_id=episode.pk,
        kind=kind,
        stopped_at__isnull=True,
    ).first()


def column_length(model: type[Model], name: str) -> int | None:
    """The max_length of a model's column, None for unbounded text."""
    length = getattr(model._meta.get_field(name), "max_length", None)
    return length if isinstance(length, int) else None


def hours(n: float) -> dt.timedelta:
    return dt.timedelta(hours=n)
