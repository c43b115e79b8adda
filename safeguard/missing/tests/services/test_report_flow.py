"""The whole pathway through the services: report, grade, review, found, interviews, close."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent
from safeguard.clocks.models import ClockOutcome, StatutoryClock
from safeguard.core.clock import FixedClock, use_clock
from safeguard.missing.models import MissingEpisode
from safeguard.missing.rules.codes import EpisodeStatus, FoundCondition, ReturnInterviewOutcome
from safeguard.missing.services import (
    PREVENTION_CLOCK,
    RETURN_INTERVIEW_CLOCK,
    REVIEW_CLOCK,
    AlreadyMissing,
    EpisodeInvalid,
    FoundDetails,
    episode_found,
    episode_grade,
    missing_report_record,
    prevention_interview_record,
    return_interview_record,
)
from safeguard.missing.tests.factories import a_child, london, report, risk_information, social_care

pytestmark = pytest.mark.django_db

HIGH_ANSWERS = {
    "SERIOUS_HARM_INFORMATION": "NO",
    "EXPLOITATION_RISK": "YES",
    "MEDICATION_OR_ILLNESS": "NO",
    "ADVERSE_WEATHER": "NO",
    "OUT_OF_CHARACTER": "NO",
    "HARMED_WHEN_MISSING_BEFORE": "NO",
    "REPORTER_CONCERNED": "YES",
}


def _clock(episode: MissingEpisode, kind: str) -> StatutoryClock:
    return StatutoryClock.objects.filter(subject_id=episode.pk, kind=kind).latest("started_at")


def test_missing_from_care_to_closed(make_user: Any) -> None:
    officer = make_user(Role.RESPONSE_OFFICER)
    authority = social_care()
    social_worker = make_user(Role.SOCIAL_CARE_USER, organisation=authority)
    child = a_child()
    seen = london(2027, 1, 9, 1, 40)
    with use_clock(FixedClock(london(2027, 1, 9, 2, 15))):
        episode = missing_report_record(
            actor=officer,
            details=report(
                child,
                last_seen_at=seen,
                reported_at=london(2027, 1, 9, 2, 10),
                placing_authority=authority,
            ),
            risk_information=risk_information(london(2027, 1, 9, 2, 10)),
        )
        first_review = _clock(episode, REVIEW_CLOCK)
        assert first_review.due_at == london(2027, 1, 9, 4, 15)  # timed as high until graded
    with use_clock(FixedClock(london(2027, 1, 9, 2, 30))):
        grading = episode_grade(actor=officer, episode_id=episode.pk, answers=HIGH_ANSWERS)
    assert grading.final_level == "HIGH"
    first_review.refresh_from_db()
    assert first_review.outcome == ClockOutcome.MET
    review = _clock(episode, REVIEW_CLOCK)
    assert review.urgent
    assert review.due_at == london(2027, 1, 9, 4, 30)
    with use_clock(FixedClock(london(2027, 1, 9, 14, 0))):
        with pytest.raises(AlreadyMissing) as caught:
            missing_report_record(
                actor=officer,
                details=report(
                    child, last_seen_at=seen, reported_at=seen, placing_authority=authority
                ),
                risk_information=risk_information(seen),
            )
        assert caught.value.episode_id == episode.pk
        with pytest.raises(EpisodeInvalid) as invalid:
            episode_found(
                actor=officer,
                episode_id=episode.pk,
                details=FoundDetails(
                    found_at=london(2027, 1, 9, 1, 0),
                    found_place="Hanley bus station",
                    found_by="PC Fictional",
                    condition=FoundCondition.SAFE_AND_WELL,
                ),
            )
        assert "found_at" in invalid.value.errors
        found = episode_found(
            actor=officer,
            episode_id=episode.pk,
            details=FoundDetails(
                found_at=london(2027, 1, 9, 13, 30),
                found_place="Hanley bus station",
                found_by="PC Fictional",
                condition=FoundCondition.SAFE_AND_WELL,
                exploitation_indicators=("OLDER_ASSOCIATES",),
            ),
        )
    assert found.status == EpisodeStatus.FOUND
    review.refresh_from_db()
    assert review.outcome == ClockOutcome.BREACHED  # overdue since 04:30 when found
    rhi = _clock(episode, RETURN_INTERVIEW_CLOCK)
    assert rhi.partner_organisation == authority
    assert rhi.due_at == london(2027, 1, 12, 13, 30)
    assert found.screenings.count() == 1
    with use_clock(FixedClock(london(2027, 1, 9, 16, 0))):
        prevention_interview_record(
            actor=officer,
            episode_id=episode.pk,
            held_at=london(2027, 1, 9, 15, 30),
            summary="Spoke alone; stayed with a friend; no harm disclosed",
            debrief_intelligence="Two men in a silver car collect girls at Hanley station",
        )
    assert _clock(episode, PREVENTION_CLOCK).outcome == ClockOutcome.MET
    with use_clock(FixedClock(london(2027, 1, 11, 10, 0))):
        closed = return_interview_record(
            actor=social_worker,
            episode_id=episode.pk,
            outcome=ReturnInterviewOutcome.COMPLETED,
            note="Independent worker saw her at school",
        )
    assert closed.status == EpisodeStatus.CLOSED
    assert _clock(episode, RETURN_INTERVIEW_CLOCK).outcome == ClockOutcome.MET
    events = set(
        AuditEvent.objects.filter(subject_rows__subject_id=str(episode.pk)).values_list(
            "event_type", flat=True
        )
    )
    assert {
        "missing.reported",
        "missing.found",
        "missing.return_interview_requested",
        "missing.return_interview_recorded",
    } <= events


def test_found_time_in_the_future_is_refused(make_user: Any) -> None:
    officer = make_user(Role.RESPONSE_OFFICER)
    child = a_child()
    now = london(2027, 1, 9, 2, 15)
    with use_clock(FixedClock(now)):
        episode = missing_report_record(
            actor=officer,
            details=report(child, last_seen_at=now - dt.timedelta(hours=1), reported_at=now),
            risk_information=risk_information(now),
        )
        with pytest.raises(EpisodeInvalid) as invalid:
            episode_found(
                actor=officer,
                episode_id=episode.pk,
                details=FoundDetails(
                    found_at=now + dt.timedelta(minutes=5),
                    found_place="Home",
                    found_by="Returned",
                    condition=FoundCondition.SAFE_AND_WELL,
                    return_interview_organisation_id=social_care().pk,
                ),
            )
    assert invalid.value.errors["found_at"] == ["The time found cannot be in the future"]
