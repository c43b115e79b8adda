"""Patterns across episodes: repeat missing, strategy discussions, screenings and the NRM."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent
from safeguard.core.clock import FixedClock, use_clock
from safeguard.core.exceptions import CapabilityMissing, NotFoundOrForbidden
from safeguard.missing.models import ExploitationScreening, NrmReferral, RepeatMissingPrompt
from safeguard.missing.rules.codes import (
    Category,
    ExploitationType,
    NrmDecision,
    ScreeningOutcome,
)
from safeguard.missing.services import (
    EpisodeInvalid,
    NrmDetails,
    nrm_decision_record,
    nrm_referral_record,
    screening_complete,
    strategy_discussion_record,
)
from safeguard.missing.tests.factories import a_child, london, social_care
from safeguard.missing.tests.services.support import (
    NOW,
    find,
    hours,
    report_missing,
    safeguard_settings,
)

pytestmark = pytest.mark.django_db

FIRST_SEEN = london(2027, 1, 1, 20, 0)
NOTE = "Attended: DS Fictional, social worker, keyworker. Agreed a safety plan"


@pytest.fixture
def officer(make_user):
    return make_user(Role.RESPONSE_OFFICER)


@pytest.fixture
def researcher(make_user):
    return make_user(Role.MASH_RESEARCHER)


@pytest.fixture
def authority():
    return social_care()


def episode_on(officer, child, seen: dt.datetime, authority, **changes):
    """A whole episode last seen at ``seen``: reported an hour later, found two hours later."""
    episode = report_missing(
        officer,
        child,
        now=seen + hours(1),
        seen=seen,
        reported=seen + hours(1),
        authority=authority,
        **changes,
    )
    find(officer, episode, found_at=seen + hours(2))
    return episode


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


class TestRepeatMissing:
    def test_the_third_episode_within_89_days_prompts_a_strategy_discussion(
        self, officer, authority
    ) -> None:
        child = a_child()
        episode_on(officer, child, FIRST_SEEN, authority)
        second = episode_on(officer, child, FIRST_SEEN + days(40), authority)
        assert not RepeatMissingPrompt.objects.filter(episode=second).exists()
        third = report_missing(
            officer,
            child,
            now=FIRST_SEEN + days(89) + hours(1),
            seen=FIRST_SEEN + days(89),
            reported=FIRST_SEEN + days(89) + hours(1),
            authority=authority,
        )
        prompt = RepeatMissingPrompt.objects.get()
        assert prompt.episode == third
        assert prompt.episode.child == child
        assert (prompt.episodes_in_window, prompt.threshold, prompt.window_days) == (3, 3, 90)
        assert prompt.discussion_held_at is None
        event = AuditEvent.objects.get(event_type="missing.repeat_prompt_raised")
        assert {"type": "people.person", "id": str(child.pk)} in event.subjects

    def test_an_episode_90_days_before_is_outside_the_window(self, officer, authority) -> None:
        child = a_child()
        episode_on(officer, child, FIRST_SEEN, authority)
        episode_on(officer, child, FIRST_SEEN + days(40), authority)
        episode_on(officer, child, FIRST_SEEN + days(90), authority)
        assert not RepeatMissingPrompt.objects.exists()

    def test_the_window_counts_london_dates_across_the_clock_change(
        self, officer, authority
    ) -> None:
        # 00:30 BST on 1 April is 23:30 UTC on 31 March: 89 days by the UTC date, but 90 by
        # the London date, so the first episode has left the window.
        child = a_child()
        episode_on(officer, child, FIRST_SEEN, authority)
        episode_on(officer, child, FIRST_SEEN + days(40), authority)
        seen = london(2027, 4, 1, 0, 30)
        assert (seen.date() - FIRST_SEEN.date()).days == 90
        assert (seen.astimezone(dt.UTC).date() - FIRST_SEEN.date()).days == 89
        report_missing(
            officer, child, now=seen + hours(1), seen=seen, reported=seen, authority=authority
        )
        assert not RepeatMissingPrompt.objects.exists()

    def test_other_childrens_episodes_do_not_count(self, officer, authority) -> None:
        child = a_child()
        episode_on(officer, child, FIRST_SEEN, authority)
        episode_on(officer, a_child(given_name="Other"), FIRST_SEEN + days(1), authority)
        episode_on(officer, child, FIRST_SEEN + days(2), authority)
        assert not RepeatMissingPrompt.objects.exists()

    def test_away_from_placement_episodes_do_not_count(self, officer, authority) -> None:
        child = a_child()
        episode_on(
            officer, child, FIRST_SEEN, authority, category=Category.AWAY_WITHOUT_AUTHORISATION
        )
        episode_on(officer, child, FIRST_SEEN + days(10), authority)
        episode_on(officer, child, FIRST_SEEN + days(20), authority)
        assert not RepeatMissingPrompt.objects.exists()

    def test_an_away_episode_does_not_itself_prompt(self, officer, authority) -> None:
        child = a_child()
        episode_on(officer, child, FIRST_SEEN, authority)
        episode_on(officer, child, FIRST_SEEN + days(10), authority)
        episode_on(
            officer,
            child,
            FIRST_SEEN + days(20),
            authority,
            category=Category.AWAY_WITHOUT_AUTHORISATION,
        )
        assert not RepeatMissingPrompt.objects.exists()

    def test_the_force_sets_threshold_and_window(self, officer, authority) -> None:
        child = a_child()
        with safeguard_settings(MISSING_REPEAT_THRESHOLD=2, MISSING_REPEAT_WINDOW_DAYS=30):
            episode_on(officer, child, FIRST_SEEN, authority)
            episode_on(officer, child, FIRST_SEEN + days(30), authority)  # day 31: outside
            assert not RepeatMissingPrompt.objects.exists()
            third = episode_on(officer, child, FIRST_SEEN + days(59), authority)
        prompt = RepeatMissingPrompt.objects.get()
        assert prompt.episode == third
        assert (prompt.episodes_in_window, prompt.threshold, prompt.window_days) == (2, 2, 30)

    def test_a_malformed_repeat_policy_fails_loudly(self, officer, authority) -> None:
        from django.core.exceptions import ImproperlyConfigured

        with safeguard_settings(MISSING_REPEAT_THRESHOLD=0), pytest.raises(ImproperlyConfigured):
            report_missing(officer, a_child(), authority=authority)


@pytest.fixture
def prompt(officer, authority):
    """A prompt raised on the first episode (threshold 1), for the discussion tests."""
    with safeguard_settings(MISSING_REPEAT_THRESHOLD=1):
        episode = report_missing(officer, a_child(), authority=authority)
    return RepeatMissingPrompt.objects.get(episode=episode)


def discuss(actor, prompt, held_at, note=NOTE, now=None):
    with use_clock(FixedClock(now or NOW + hours(2))):
        return strategy_discussion_record(
            actor=actor, prompt_id=prompt.pk, held_at=held_at, note=note
        )


class TestStrategyDiscussion:
    def test_a_mash_researcher_records_it(self, researcher, prompt) -> None:
        held = discuss(researcher, prompt, NOW + hours(1), note=f"  {NOTE}  ")
        assert held.discussion_held_at == NOW + hours(1)
        assert held.discussion_note == NOTE
        assert held.discussion_recorded_by == researcher
        event = AuditEvent.objects.get(event_type="missing.strategy_discussion_recorded")
        assert event.operation == "alteration"

    def test_a_response_officer_cannot(self, officer, prompt) -> None:
        with pytest.raises(CapabilityMissing):
            discuss(officer, prompt, NOW + hours(1))

    def test_a_future_time_is_refused(self, researcher, prompt) -> None:
        with pytest.raises(EpisodeInvalid) as caught:
            discuss(researcher, prompt, NOW + hours(3), now=NOW + hours(2))
        assert caught.value.errors == {"held_at": ["The discussion time cannot be in the future"]}

    def test_the_time_and_note_are_needed(self, researcher, prompt) -> None:
        with pytest.raises(EpisodeInvalid) as caught:
            discuss(researcher, prompt, None, note="ok")
        assert set(caught.value.errors) == {"held_at", "note"}
        prompt.refresh_from_db()
        assert prompt.discussion_held_at is None

    def test_it_is_recorded_once(self, researcher, prompt) -> None:
        discuss(researcher, prompt, NOW + hours(1))
        with pytest.raises(EpisodeInvalid) as caught:
            discuss(researcher, prompt, NOW + hours(1.5), note="A second discussion note")
        assert list(caught.value.errors) == ["status"]
        prompt.refresh_from_db()
        assert prompt.discussion_note == NOTE

    def test_a_prompt_on_a_restricted_episode_elsewhere_is_not_found(
        self, make_user, other_team, researcher, authority
    ) -> None:
        elsewhere = make_user(Role.RESPONSE_OFFICER, user_team=other_team)
        with safeguard_settings(MISSING_REPEAT_THRESHOLD=1):
            episode = report_missing(elsewhere, a_child(), authority=authority, is_restricted=True)
        hidden = RepeatMissingPrompt.objects.get(episode=episode)
        with pytest.raises(NotFoundOrForbidden):
            discuss(researcher, hidden, NOW + hours(1))


@pytest.fixture
def screening(officer):
    episode = report_missing(officer, a_child(), exploitation_indicators=("FOUND_AT_HOTEL",))
    return ExploitationScreening.objects.get(episode=episode)


def complete(actor, screening, outcome=ScreeningOutcome.CSE_RISK, note=NOTE):
    with use_clock(FixedClock(NOW + hours(1))):
        return screening_complete(
            actor=actor, screening_id=screening.pk, outcome=outcome, note=note
        )


class TestScreening:
    def test_a_mash_researcher_completes_it(self, researcher, screening) -> None:
        done = complete(researcher, screening)
        assert done.outcome == ScreeningOutcome.CSE_RISK
        assert done.completed_by == researcher
        assert done.completed_at == NOW + hours(1)
        event = AuditEvent.objects.get(event_type="missing.screening_completed")
        assert event.changes == {"outcome": "CSE_RISK"}

    def test_a_response_officer_cannot(self, officer, screening) -> None:
        with pytest.raises(CapabilityMissing):
            complete(officer, screening)

    def test_outcome_and_note_are_checked_together(self, researcher, screening) -> None:
        with pytest.raises(EpisodeInvalid) as caught:
            complete(researcher, screening, outcome="PROBABLY", note=" short ")
        assert set(caught.value.errors) == {"outcome", "note"}
        screening.refresh_from_db()
        assert screening.completed_at is None

    def test_it_is_completed_once(self, researcher, screening) -> None:
        complete(researcher, screening)
        with pytest.raises(EpisodeInvalid) as caught:
            complete(researcher, screening, outcome=ScreeningOutcome.NO_EXPLOITATION_FOUND)
        assert list(caught.value.errors) == ["status"]
        screening.refresh_from_db()
        assert screening.outcome == ScreeningOutcome.CSE_RISK


def nrm(**changes) -> NrmDetails:
    values: dict[str, Any] = {
        "exploitation_type": ExploitationType.COUNTY_LINES,
        "referred_on": dt.date(2027, 1, 9),
        "first_responder": "Fictional Constabulary",
    }
    values.update(changes)
    return NrmDetails(**values)


@pytest.fixture
def missing(officer):
    return report_missing(officer, a_child())


def refer(actor, episode, details, today=NOW):
    with use_clock(FixedClock(today)):
        return nrm_referral_record(actor=actor, episode_id=episode.pk, details=details)


class TestNrmReferral:
    def test_a_referral_is_a_disclosure_to_the_home_office(self, researcher, missing) -> None:
        referral = refer(
            researcher,
            missing,
            nrm(
                reasonable_grounds=NrmDecision.POSITIVE,
                reasonable_grounds_on=dt.date(2027, 1, 9),
                nrm_reference="  NRM-123  ",
            ),
        )
        assert referral.child_id == missing.child_id
        assert referral.episode == missing
        assert referral.nrm_reference == "NRM-123"
        assert referral.victim_not_offender
        event = AuditEvent.objects.get(event_type="missing.nrm_referral_recorded")
        assert event.operation == "disclosure"
        assert event.recipients == ["Home Office Single Competent Authority"]
        assert event.justification
        assert {"type": "missing.nrmreferral", "id": str(referral.pk)} in event.subjects
        assert {"type": "people.person", "id": str(missing.child_id)} in event.subjects

    def test_conclusive_grounds_after_positive_reasonable_grounds(
        self, researcher, missing
    ) -> None:
        referral = refer(
            researcher,
            missing,
            nrm(
                referred_on=dt.date(2026, 6, 1),
                reasonable_grounds=NrmDecision.POSITIVE,
                reasonable_grounds_on=dt.date(2026, 6, 5),
                conclusive_grounds=NrmDecision.NEGATIVE,
                conclusive_grounds_on=dt.date(2026, 12, 1),
            ),
        )
        assert referral.conclusive_grounds == NrmDecision.NEGATIVE

    @pytest.mark.parametrize("rg", [NrmDecision.PENDING, NrmDecision.NEGATIVE])
    def test_conclusive_grounds_without_positive_reasonable_grounds_is_refused(
        self, researcher, missing, rg
    ) -> None:
        rg_on = None if rg == NrmDecision.PENDING else dt.date(2027, 1, 9)
        with pytest.raises(EpisodeInvalid) as caught:
            refer(
                researcher,
                missing,
                nrm(
                    reasonable_grounds=rg,
                    reasonable_grounds_on=rg_on,
                    conclusive_grounds=NrmDecision.POSITIVE,
                    conclusive_grounds_on=dt.date(2027, 1, 9),
                ),
            )
        assert list(caught.value.errors) == ["conclusive_grounds"]
        assert not NrmReferral.objects.exists()

    def test_a_decision_needs_its_date(self, researcher, missing) -> None:
        with pytest.raises(EpisodeInvalid) as caught:
            refer(researcher, missing, nrm(reasonable_grounds=NrmDecision.NEGATIVE))
        assert caught.value.errors == {"reasonable_grounds_on": ["A decision needs its date"]}

    def test_a_decision_cannot_predate_the_referral(self, researcher, missing) -> None:
        with pytest.raises(EpisodeInvalid) as caught:
            refer(
                researcher,
                missing,
                nrm(
                    reasonable_grounds=NrmDecision.POSITIVE,
                    reasonable_grounds_on=dt.date(2027, 1, 8),
                ),
            )
        assert caught.value.errors == {
            "reasonable_grounds_on": ["A decision cannot be dated before the referral"]
        }

    def test_the_referral_cannot_be_dated_in_the_future(self, researcher, missing) -> None:
        with pytest.raises(EpisodeInvalid) as caught:
            refer(researcher, missing, nrm(referred_on=dt.date(2027, 1, 10)))
        assert caught.value.errors == {"referred_on": ["The referral date cannot be in the future"]}

    def test_today_in_london_is_not_the_future(self, researcher) -> None:
        # 00:30 BST on 1 July is still 30 June in UTC; the London date is the referral date.
        officer_episode = report_missing(
            researcher,
            a_child(),
            now=london(2027, 7, 1, 0, 30),
            seen=london(2027, 6, 30, 22, 0),
            reported=london(2027, 6, 30, 23, 0),
        )
        referral = refer(
            researcher,
            officer_episode,
            nrm(referred_on=dt.date(2027, 7, 1)),
            today=london(2027, 7, 1, 0, 30),
        )
        assert referral.referred_on == dt.date(2027, 7, 1)

    def test_type_date_and_first_responder_are_needed(self, researcher, missing) -> None:
        with pytest.raises(EpisodeInvalid) as caught:
            refer(
                researcher,
                missing,
                nrm(exploitation_type="OTHER", referred_on=None, first_responder=" "),
            )
        assert set(caught.value.errors) == {"exploitation_type", "referred_on", "first_responder"}

    def test_a_response_officer_cannot_refer(self, officer, missing) -> None:
        with pytest.raises(CapabilityMissing):
            refer(officer, missing, nrm())


class TestNrmDecisions:
    def _referral(self, researcher, missing):
        return refer(researcher, missing, nrm())

    def _decide(self, actor, referral, today=dt.date(2027, 2, 20), **changes):
        values: dict[str, Any] = {
            "reasonable_grounds": NrmDecision.POSITIVE,
            "reasonable_grounds_on": dt.date(2027, 1, 14),
            "conclusive_grounds": NrmDecision.PENDING,
            "conclusive_grounds_on": None,
        }
        values.update(changes)
        with use_clock(FixedClock(london(today.year, today.month, today.day, 12, 0))):
            return nrm_decision_record(actor=actor, referral_id=referral.pk, **values)

    def test_decisions_arrive_later_and_are_audited(self, researcher, missing) -> None:
        referral = self._referral(researcher, missing)
        self._decide(researcher, referral)
        decided = self._decide(
            researcher,
            referral,
            conclusive_grounds=NrmDecision.POSITIVE,
            conclusive_grounds_on=dt.date(2027, 2, 19),
            today=dt.date(2027, 2, 20),
        )
        assert decided.reasonable_grounds == NrmDecision.POSITIVE
        assert decided.conclusive_grounds_on == dt.date(2027, 2, 19)
        assert AuditEvent.objects.filter(event_type="missing.nrm_decision_recorded").count() == 2

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"reasonable_grounds_on": None}, "reasonable_grounds_on"),
            ({"reasonable_grounds_on": dt.date(2027, 3, 1)}, "reasonable_grounds_on"),
            ({"reasonable_grounds_on": dt.date(2027, 1, 1)}, "reasonable_grounds_on"),
            (
                {
                    "reasonable_grounds": NrmDecision.NEGATIVE,
                    "conclusive_grounds": NrmDecision.POSITIVE,
                    "conclusive_grounds_on": dt.date(2027, 2, 1),
                },
                "conclusive_grounds",
            ),
            (
                {
                    "conclusive_grounds": NrmDecision.POSITIVE,
                    "conclusive_grounds_on": dt.date(2027, 1, 10),
                },
                "conclusive_grounds_on",
            ),
            ({"reasonable_grounds": "MAYBE"}, "reasonable_grounds"),
        ],
    )
    def test_bad_decisions_are_refused_and_nothing_changes(
        self, researcher, missing, changes, field
    ) -> None:
        referral = self._referral(researcher, missing)
        with pytest.raises(EpisodeInvalid) as caught:
            self._decide(researcher, referral, **changes)
        assert field in caught.value.errors
        referral.refresh_from_db()
        assert referral.reasonable_grounds == NrmDecision.PENDING

    def test_out_of_scope_and_unknown_referrals_are_not_found(
        self, researcher, missing, make_user
    ) -> None:
        referral = self._referral(researcher, missing)
        with pytest.raises(CapabilityMissing):
            self._decide(make_user(Role.RESPONSE_OFFICER), referral)
        with pytest.raises(NotFoundOrForbidden):
            nrm_decision_record(
                actor=researcher,
                referral_id=uuid.uuid4(),
                reasonable_grounds=NrmDecision.PENDING,
                reasonable_grounds_on=None,
                conclusive_grounds=NrmDecision.PENDING,
                conclusive_grounds_on=None,
            )
