"""API for what follows a report: supervisor review, strategy discussion, screening, NRM."""

from __future__ import annotations

from typing import Any

import pytest

from safeguard.access.rules.capabilities import Role
from safeguard.core.clock import FixedClock, use_clock
from safeguard.missing.models import ExploitationScreening, MissingEpisode, RepeatMissingPrompt
from safeguard.missing.tests.api.test_missing_api import (
    AT_GRADE,
    AT_REPORT,
    EPISODES,
    HIGH_ANSWERS,
    post_json,
    report_body,
    url,
)
from safeguard.missing.tests.factories import a_child, london

pytestmark = pytest.mark.django_db


def _reported(client: Any, **changes: Any) -> MissingEpisode:
    with use_clock(FixedClock(AT_REPORT)):
        response = post_json(client, EPISODES, report_body(a_child(), **changes))
    assert response.status_code == 201, response.json()
    return MissingEpisode.objects.get(pk=response.json()["id"])


def test_a_supervisor_reviews_the_grading_and_the_next_review_is_set(client_for: Any) -> None:
    officer, _ = client_for(Role.RESPONSE_OFFICER)
    supervisor, _ = client_for(Role.SUPERVISOR)
    episode = _reported(officer)
    with use_clock(FixedClock(AT_GRADE)):
        graded = post_json(officer, url("episode-grade", episode.pk), {"answers": HIGH_ANSWERS})
        assessment_id = graded.json()["assessment"]["id"]
        own = post_json(
            officer,
            url("episode-review", episode.pk),
            {"assessment_id": assessment_id, "agreed": True},
        )
        assert own.status_code == 404  # a response officer cannot review at all
    with use_clock(FixedClock(london(2027, 1, 9, 3, 0))):
        changed = post_json(
            supervisor,
            url("episode-review", episode.pk),
            {
                "assessment_id": assessment_id,
                "agreed": False,
                "level": "MEDIUM",
                "note": "Located friend's address; with a known adult",
            },
        )
        again = post_json(
            supervisor,
            url("episode-review", episode.pk),
            {"assessment_id": assessment_id, "agreed": True},
        )
    assert changed.status_code == 200, changed.json()
    assert changed.json()["level"] == "MEDIUM"
    assert changed.json()["next_review_due_at"].startswith("2027-01-09T09:00")  # six hours
    assert again.status_code == 400
    assert "assessment_id" in again.json()["errors"]


def test_strategy_discussion_screening_and_nrm_through_the_api(client_for: Any) -> None:
    researcher, _ = client_for(Role.MASH_RESEARCHER)
    officer, _ = client_for(Role.RESPONSE_OFFICER)
    episode = _reported(researcher, exploitation_indicators=["OLDER_ASSOCIATES"])
    screening = ExploitationScreening.objects.get(episode=episode)
    prompt = RepeatMissingPrompt.objects.create(
        episode=episode, episodes_in_window=3, threshold=3, window_days=90
    )
    with use_clock(FixedClock(london(2027, 1, 12, 12, 0))):
        refused = post_json(
            officer,
            url("strategy-discussion", prompt.pk),
            {"held_at": "2027-01-12T10:00:00+00:00", "note": "Police, social care, school"},
        )
        held = post_json(
            researcher,
            url("strategy-discussion", prompt.pk),
            {
                "held_at": "2027-01-12T10:00:00+00:00",
                "note": "Police, social care, school agreed a plan",
            },
        )
        future = post_json(
            researcher,
            url("screening-complete", screening.pk),
            {"outcome": "MAYBE", "note": "Not a real outcome"},
        )
        screened = post_json(
            researcher,
            url("screening-complete", screening.pk),
            {"outcome": "CSE_RISK", "note": "Older associates; gifts; referred to the CSE team"},
        )
        nrm_bad = post_json(
            researcher,
            url("nrm-referral", episode.pk),
            {
                "exploitation_type": "CSE",
                "referred_on": "2027-01-12",
                "first_responder": "Fictional Constabulary",
                "conclusive_grounds": "POSITIVE",
                "conclusive_grounds_on": "2027-01-12",
            },
        )
        nrm = post_json(
            researcher,
            url("nrm-referral", episode.pk),
            {
                "exploitation_type": "CSE",
                "referred_on": "2027-01-12",
                "first_responder": "Fictional Constabulary",
            },
        )
        decided = post_json(
            researcher,
            url("nrm-decision", nrm.json()["id"]),
            {"reasonable_grounds": "POSITIVE", "reasonable_grounds_on": "2027-01-12"},
        )
    assert refused.status_code == 404
    assert held.status_code == 200, held.json()
    assert held.json()["discussion_held_at"].startswith("2027-01-12T10:00")
    assert future.status_code == 400
    assert "outcome" in future.json()["errors"]
    assert screened.status_code == 200
    assert screened.json()["outcome"] == "CSE_RISK"
    assert nrm_bad.status_code == 400
    assert "conclusive_grounds" in nrm_bad.json()["errors"]
    assert nrm.status_code == 201
    assert nrm.json()["reasonable_grounds"] == "PENDING"
    assert decided.status_code == 200
    assert decided.json()["reasonable_grounds"] == "POSITIVE"


@pytest.mark.parametrize("role", [Role.HOTEL_REPORTER, Role.SOCIAL_CARE_USER, Role.CARER])
def test_partners_reach_none_of_them(client_for: Any, role: Role) -> None:
    researcher, _ = client_for(Role.MASH_RESEARCHER)
    partner, _ = client_for(role)
    episode = _reported(researcher, exploitation_indicators=["OLDER_ASSOCIATES"])
    screening = ExploitationScreening.objects.get(episode=episode)
    prompt = RepeatMissingPrompt.objects.create(
        episode=episode, episodes_in_window=3, threshold=3, window_days=90
    )
    with use_clock(FixedClock(london(2027, 1, 12, 12, 0))):
        referral = post_json(
            researcher,
            url("nrm-referral", episode.pk),
            {"exploitation_type": "CSE", "referred_on": "2027-01-12", "first_responder": "Force"},
        )
    assert referral.status_code == 201
    # Real ids, so a 404 can only come from the partner being refused.
    for target in (
        url("episode-review", episode.pk),
        url("nrm-referral", episode.pk),
        url("screening-complete", screening.pk),
        url("strategy-discussion", prompt.pk),
        url("nrm-decision", referral.json()["id"]),
    ):
        assert post_json(partner, target, {}).status_code == 404
