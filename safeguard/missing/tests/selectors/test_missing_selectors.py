"""Reads of missing episodes, return-interview requests and Philomena profiles, with their scope."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from django.contrib.auth.models import Group

from safeguard.access.rules.capabilities import Role
from safeguard.accounts.models import User
from safeguard.audit.models import AuditEvent
from safeguard.audit.purpose import PurposeRequired
from safeguard.core.clock import FixedClock, use_clock
from safeguard.core.exceptions import CapabilityMissing, NotFoundOrForbidden
from safeguard.core.rules.indicators import Share
from safeguard.inspection.indicators import INDICATORS, Period
from safeguard.missing.models import MissingEpisode, PhilomenaProfile, RepeatMissingPrompt
from safeguard.missing.rules.codes import CraDecision, EpisodeStatus, ReturnInterviewOutcome
from safeguard.missing.rules.indicators import (
    share_core_complete,
    share_prevention_interviews,
    share_repeat_with_strategy,
    share_return_interviews_in_time,
    share_reviews_on_time,
)
from safeguard.missing.rules.standards import GapCode
from safeguard.missing.selectors import (
    episode_get,
    episode_list,
    indicator_facts,
    profile_get,
    profile_list,
    return_interview_get,
    return_interview_inbox,
)
from safeguard.missing.services import (
    RETURN_INTERVIEW_CLOCK,
    LocationDetails,
    ProfileDetails,
    child_rescue_alert_record,
    episode_grade,
    philomena_profile_save,
    prevention_interview_record,
    return_interview_record,
    strategy_discussion_record,
)
from safeguard.missing.tests.factories import a_child, london, social_care
from safeguard.missing.tests.services.support import (
    HIGH_ANSWERS,
    NOW,
    find,
    hours,
    report_missing,
    safeguard_settings,
)

pytestmark = pytest.mark.django_db

PURPOSE = "Reviewing the grading at the 04:00 handover"


@pytest.fixture
def officer(make_user):
    return make_user(Role.RESPONSE_OFFICER)


@pytest.fixture
def child():
    return a_child()


@pytest.fixture
def episode(officer, child):
    return report_missing(officer, child)


def get(actor, episode, purpose=PURPOSE, at=None):
    with use_clock(FixedClock(at or NOW + hours(1))):
        return episode_get(actor=actor, episode_id=episode.pk, purpose=purpose)


def with_police_viewing(user: User) -> User:
    """The partner user also given a police role: a misconfiguration scope must still stop."""
    user.groups.add(Group.objects.get(name=Role.RESPONSE_OFFICER.value))
    return User.objects.get(pk=user.pk)


class TestEpisodeGet:
    @pytest.mark.parametrize("purpose", ["", "   ", "why"])
    def test_a_purpose_is_required(self, officer, episode, purpose) -> None:
        with pytest.raises(PurposeRequired):
            get(officer, episode, purpose=purpose)
        assert not AuditEvent.objects.filter(event_type="missing.consulted").exists()

    def test_reading_is_a_consultation_naming_the_child(self, officer, episode, child) -> None:
        record = get(officer, episode, purpose=f"  {PURPOSE}  ")
        assert record.episode == episode
        event = AuditEvent.objects.get(event_type="missing.consulted")
        assert event.operation == "consultation"
        assert event.justification == PURPOSE
        assert event.actor == officer
        assert {"type": "people.person", "id": str(child.pk)} in event.subjects
        assert {"type": "missing.missingepisode", "id": str(episode.pk)} in event.subjects

    def test_it_carries_everything_recorded(self, officer, episode) -> None:
        record = get(officer, episode)
        assert len(record.risk_information) == 1
        assert record.gradings == []
        assert record.grading is None
        assert [c.clock.kind for c in record.clocks] == ["missing.review"]
        assert record.repeat_prompt is None
        assert record.screenings == []
        assert record.nrm_referrals == []
        assert record.earlier_episodes == []

    def test_an_ungraded_episode_shows_the_grading_gap(self, officer, episode) -> None:
        codes = [g.code for g in get(officer, episode).gaps]
        assert codes == [GapCode.NOT_GRADED]

    def test_graded_high_without_a_child_rescue_alert_decision_is_a_gap(
        self, officer, episode
    ) -> None:
        with use_clock(FixedClock(NOW + hours(0.5))):
            episode_grade(actor=officer, episode_id=episode.pk, answers=HIGH_ANSWERS)
        record = get(officer, episode)
        assert record.grading is not None
        assert record.grading.final_level == "HIGH"
        assert [g.code for g in record.gaps] == [GapCode.CHILD_RESCUE_ALERT]
        with use_clock(FixedClock(NOW + hours(0.75))):
            child_rescue_alert_record(
                actor=officer,
                episode_id=episode.pk,
                decision=CraDecision.NOT_ISSUED,
                reason="Whereabouts believed known; no public appeal yet",
            )
        assert get(officer, episode).gaps == []

    def test_found_without_a_prevention_interview_is_a_gap(self, officer, episode) -> None:
        with use_clock(FixedClock(NOW + hours(0.5))):
            episode_grade(
                actor=officer,
                episode_id=episode.pk,
                answers={**HIGH_ANSWERS, "EXPLOITATION_RISK": "NO"},
            )
        find(officer, episode, found_at=NOW + hours(1), organisation=social_care())
        codes = [g.code for g in get(officer, episode, at=NOW + hours(2)).gaps]
        assert codes == [GapCode.PREVENTION_INTERVIEW]

    def test_a_loaded_record_missing_core_fields_shows_them(self, officer, episode) -> None:
        MissingEpisode.objects.filter(pk=episode.pk).update(clothing="", phones=" ")
        gaps = get(officer, episode).gaps
        assert [(g.code, g.field) for g in gaps[:2]] == [
            (GapCode.CORE_FIELD, "clothing"),
            (GapCode.CORE_FIELD, "phones"),
        ]

    def test_earlier_episodes_of_the_child_are_listed(self, officer, child, episode) -> None:
        find(officer, episode, found_at=NOW + hours(1), organisation=social_care())
        seen = london(2027, 2, 1, 20, 0)
        second = report_missing(
            officer, child, now=seen + hours(1), seen=seen, reported=seen + hours(1)
        )
        record = get(officer, second, at=seen + hours(2))
        assert record.earlier_episodes == [episode]

    def test_a_restricted_episode_of_another_team_is_not_found(
        self, officer, make_user, other_team
    ) -> None:
        elsewhere = make_user(Role.RESPONSE_OFFICER, user_team=other_team)
        hidden = report_missing(elsewhere, a_child(), is_restricted=True)
        with pytest.raises(NotFoundOrForbidden):
            get(officer, hidden)
        assert get(elsewhere, hidden).episode == hidden

    def test_a_partner_user_cannot_read_the_episode(self, officer, episode, make_user) -> None:
        authority = social_care()
        worker = make_user(Role.SOCIAL_CARE_USER, organisation=authority)
        find(officer, episode, found_at=NOW + hours(1), organisation=authority)
        with pytest.raises(CapabilityMissing):
            get(worker, episode, at=NOW + hours(2))

    def test_a_partner_user_with_a_police_role_still_cannot_read_it(
        self, officer, episode, make_user
    ) -> None:
        # Even though the return interview was requested from their organisation.
        authority = social_care()
        worker = with_police_viewing(make_user(Role.SOCIAL_CARE_USER, organisation=authority))
        find(officer, episode, found_at=NOW + hours(1), organisation=authority)
        with pytest.raises(NotFoundOrForbidden):
            get(worker, episode, at=NOW + hours(2))
        assert not AuditEvent.objects.filter(event_type="missing.consulted").exists()


class TestEpisodeList:
    def test_missing_now_comes_first(self, officer) -> None:
        # The open episode was last seen earlier than the found one, so only its status can
        # put it first.
        still_missing = report_missing(officer, a_child(given_name="Open"))
        seen = NOW + hours(1)
        found = report_missing(
            officer,
            a_child(given_name="Found"),
            now=seen + hours(1),
            seen=seen,
            reported=seen + hours(0.5),
        )
        find(
            officer,
            found,
            found_at=seen + hours(1.5),
            now=seen + hours(2),
            organisation=social_care(),
        )
        with use_clock(FixedClock(seen + hours(3))):
            rows = episode_list(actor=officer)
        assert [e.pk for e in rows] == [still_missing.pk, found.pk]

    def test_the_latest_first_within_a_status(self, officer) -> None:
        earlier = report_missing(officer, a_child())
        seen = NOW + hours(1)
        later = report_missing(officer, a_child(), now=seen + hours(1), seen=seen, reported=seen)
        with use_clock(FixedClock(seen + hours(2))):
            rows = episode_list(actor=officer)
        assert [e.pk for e in rows] == [later.pk, earlier.pk]

    def test_a_status_filter_and_the_listing_is_audited(self, officer, episode) -> None:
        with use_clock(FixedClock(NOW + hours(1))):
            assert episode_list(actor=officer, status=EpisodeStatus.FOUND) == []
            rows = episode_list(actor=officer, status=EpisodeStatus.OPEN)
        assert rows == [episode]
        (event,) = AuditEvent.objects.filter(event_type="missing.listed")
        assert event.operation == "consultation"
        assert event.subjects == [{"type": "people.person", "id": str(episode.child_id)}]

    def test_restricted_episodes_of_other_teams_are_left_out(
        self, officer, make_user, other_team, episode
    ) -> None:
        elsewhere = make_user(Role.RESPONSE_OFFICER, user_team=other_team)
        report_missing(elsewhere, a_child(), is_restricted=True)
        with use_clock(FixedClock(NOW + hours(1))):
            assert episode_list(actor=officer) == [episode]

    def test_partners_get_nothing(self, officer, episode, make_user) -> None:
        authority = social_care()
        find(officer, episode, found_at=NOW + hours(1), organisation=authority)
        worker = make_user(Role.SOCIAL_CARE_USER, organisation=authority)
        with pytest.raises(CapabilityMissing):
            episode_list(actor=worker)
        with use_clock(FixedClock(NOW + hours(2))):
            assert episode_list(actor=with_police_viewing(worker)) == []
        assert not AuditEvent.objects.filter(event_type="missing.listed").exists()


class TestReturnInterviewInbox:
    def test_each_organisation_sees_only_its_own_requests_open_first(
        self, officer, make_user
    ) -> None:
        county, borough = social_care("County"), social_care("Borough")
        county_worker = make_user(Role.SOCIAL_CARE_USER, organisation=county)
        borough_worker = make_user(Role.SOCIAL_CARE_USER, organisation=borough)
        done = report_missing(officer, a_child(), authority=county)
        find(officer, done, found_at=NOW + hours(0.5), now=NOW + hours(1))
        with use_clock(FixedClock(NOW + hours(2))):
            return_interview_record(
                actor=county_worker,
                episode_id=done.pk,
                outcome=ReturnInterviewOutcome.COMPLETED,
                note="Seen at school by the independent worker",
            )
        waiting = report_missing(officer, a_child(), authority=county)
        find(officer, waiting, found_at=NOW + hours(2.5), now=NOW + hours(3))
        theirs = report_missing(officer, a_child())
        find(officer, theirs, found_at=NOW + hours(3), organisation=borough)
        not_found_yet = report_missing(officer, a_child(), authority=county)
        with use_clock(FixedClock(NOW + hours(4))):
            county_rows = return_interview_inbox(actor=county_worker)
            borough_rows = return_interview_inbox(actor=borough_worker)
        assert [e.pk for e in county_rows] == [waiting.pk, done.pk]
        assert [e.pk for e in borough_rows] == [theirs.pk]
        assert not_found_yet.pk not in {e.pk for e in county_rows}
        event = AuditEvent.objects.filter(event_type="missing.return_interviews_listed").first()
        assert event is not None
        assert event.operation == "consultation"

    def test_police_have_no_inbox(self, officer) -> None:
        with pytest.raises(CapabilityMissing):
            return_interview_inbox(actor=officer)

    def test_one_request_for_the_team_it_was_sent_to(self, officer, make_user) -> None:
        county = social_care()
        worker = make_user(Role.SOCIAL_CARE_USER, organisation=county)
        stranger = make_user(Role.SOCIAL_CARE_USER)
        episode = report_missing(officer, a_child(), authority=county)
        find(officer, episode, found_at=NOW + hours(1))
        with use_clock(FixedClock(NOW + hours(2))):
            got, clocks = return_interview_get(actor=worker, episode_id=episode.pk)
            with pytest.raises(NotFoundOrForbidden):
                return_interview_get(actor=stranger, episode_id=episode.pk)
        assert got == episode
        assert [c.clock.kind for c in clocks] == [RETURN_INTERVIEW_CLOCK]
        event = AuditEvent.objects.get(event_type="missing.return_interview_read")
        assert event.actor == worker
        assert {"type": "people.person", "id": str(episode.child_id)} in event.subjects


PART_ONE = ProfileDetails(
    child_name="Zofia Kowalczyk-Fictional",
    child_date_of_birth=dt.date(2011, 6, 1),
    physical_description="5ft 4in, slim, long dark hair",
)


def save_profile(carer, name: str) -> PhilomenaProfile:
    with use_clock(FixedClock(NOW)):
        return philomena_profile_save(
            actor=carer,
            details=dataclasses.replace(PART_ONE, child_name=name),
            locations=[LocationDetails(name="Station", address="", risk="Older associates")],
        )


class TestProfiles:
    def test_a_carer_lists_and_reads_only_their_organisations_profiles(self, make_user) -> None:
        carer, other_carer = make_user(Role.CARER), make_user(Role.CARER)
        colleague = make_user(Role.CARER, organisation=carer.organisation)
        mine = save_profile(carer, "Amira Fictional")
        archived = save_profile(colleague, "Bea Fictional")
        PhilomenaProfile.objects.filter(pk=archived.pk).update(archived_at=NOW)
        theirs = save_profile(other_carer, "Cai Fictional")
        with use_clock(FixedClock(NOW + hours(1))):
            assert profile_list(actor=colleague) == [mine]
            assert profile_list(actor=other_carer) == [theirs]
            assert profile_get(actor=colleague, profile_id=mine.pk) == mine
            with pytest.raises(NotFoundOrForbidden):
                profile_get(actor=carer, profile_id=theirs.pk)
        event = AuditEvent.objects.get(event_type="philomena.profile_read")
        assert event.operation == "consultation"
        assert event.subjects == [{"type": "missing.philomenaprofile", "id": str(mine.pk)}]

    def test_police_cannot_browse_profiles(self, officer, make_user) -> None:
        profile = save_profile(make_user(Role.CARER), "Amira Fictional")
        with pytest.raises(CapabilityMissing):
            profile_list(actor=officer)
        with pytest.raises(CapabilityMissing):
            profile_get(actor=officer, profile_id=profile.pk)

    def test_social_care_sees_the_profiles_it_holds_not_a_care_homes(self, make_user) -> None:
        worker = make_user(Role.SOCIAL_CARE_USER)
        held = save_profile(worker, "Amira Fictional")
        save_profile(make_user(Role.CARER), "Bea Fictional")
        with use_clock(FixedClock(NOW + hours(1))):
            assert profile_list(actor=worker) == [held]


class TestIndicatorFacts:
    """Three episodes in February, one in January, with known outcomes."""

    def test_the_facts_give_the_known_shares(self, officer, make_user) -> None:
        county, borough = social_care("County"), social_care("Borough")
        county_worker = make_user(Role.SOCIAL_CARE_USER, organisation=county)
        borough_worker = make_user(Role.SOCIAL_CARE_USER, organisation=borough)
        researcher = make_user(Role.MASH_RESEARCHER)

        def reported(seen: dt.datetime, **kwargs) -> MissingEpisode:
            return report_missing(
                officer,
                a_child(),
                now=seen + hours(1),
                seen=seen,
                reported=seen + hours(0.5),
                **kwargs,
            )

        with safeguard_settings(MISSING_REPEAT_THRESHOLD=1):  # every episode raises a prompt
            # Complete; graded and found on time; both interviews on time; discussion held.
            on_time = reported(london(2027, 2, 1, 18, 0), authority=county)
            # Core set incomplete (loaded); review overdue when found; no prevention
            # interview; return interview completed late.
            late = reported(london(2027, 2, 5, 18, 0))
            # Still missing; its first review falls due 21:00 on 10 February.
            still_missing = reported(london(2027, 2, 10, 18, 0))
            # Before the period.
            reported(london(2027, 1, 20, 18, 0))

        with use_clock(FixedClock(london(2027, 2, 1, 19, 30))):
            episode_grade(actor=officer, episode_id=on_time.pk, answers=HIGH_ANSWERS)
        find(officer, on_time, found_at=london(2027, 2, 1, 20, 30), now=london(2027, 2, 1, 20, 45))
        with use_clock(FixedClock(london(2027, 2, 2, 10, 0))):
            prevention_interview_record(
                actor=officer,
                episode_id=on_time.pk,
                held_at=london(2027, 2, 2, 9, 0),
                summary="Spoke alone; stayed with a friend; no harm disclosed",
            )
            strategy_discussion_record(
                actor=researcher,
                prompt_id=RepeatMissingPrompt.objects.get(episode=on_time).pk,
                held_at=london(2027, 2, 2, 9, 30),
                note="Agreed a safety plan with the keyworker",
            )
        with use_clock(FixedClock(london(2027, 2, 3, 10, 0))):
            return_interview_record(
                actor=county_worker,
                episode_id=on_time.pk,
                outcome=ReturnInterviewOutcome.COMPLETED,
                note="Seen at school",
            )

        MissingEpisode.objects.filter(pk=late.pk).update(clothing="")
        find(
            officer,
            late,
            found_at=london(2027, 2, 5, 23, 0),
            now=london(2027, 2, 5, 23, 15),
            organisation=borough,
        )
        with use_clock(FixedClock(london(2027, 2, 10, 12, 0))):
            return_interview_record(
                actor=borough_worker,
                episode_id=late.pk,
                outcome=ReturnInterviewOutcome.COMPLETED,
                note="Seen at home",
                delay_reason="Worker off sick; no cover",
            )

        facts, prompts = indicator_facts(
            since=london(2027, 2, 1, 0, 0), until=london(2027, 3, 1, 0, 0)
        )
        assert len(facts) == 3
        assert [f.found_at for f in facts] == [
            london(2027, 2, 1, 20, 30),
            london(2027, 2, 5, 23, 0),
            None,
        ]
        as_of = london(2027, 2, 20, 0, 0)
        assert share_core_complete(facts) == Share(2, 3)
        # on time: two reviews met (graded, then found); late: one breached; still missing:
        # one running past its time.
        assert share_reviews_on_time(facts, as_of=as_of) == Share(2, 4)
        # Before the open episode's review fell due it is not counted either way.
        assert share_reviews_on_time(facts, as_of=london(2027, 2, 10, 20, 0)) == Share(2, 3)
        assert share_prevention_interviews(facts) == Share(1, 2)
        assert share_return_interviews_in_time(facts, as_of=as_of) == Share(1, 2)
        assert share_repeat_with_strategy(prompts) == Share(1, 3)
        assert still_missing.status == EpisodeStatus.OPEN
        # The inspection dashboard's indicators over the same rows (issue 9), judged at the
        # end of the period: the same known answers.
        by_code = {i.code: i for i in INDICATORS}
        period = Period(london(2027, 2, 1, 0, 0), london(2027, 3, 1, 0, 0))
        assert by_code["missing_core_complete"].compute(period).share == Share(2, 3)
        assert by_code["missing_reviews_on_time"].compute(period).share == Share(2, 4)
        assert by_code["return_interviews"].compute(period).share == Share(1, 2)
        assert by_code["repeat_missing_strategy"].compute(period).share == Share(1, 3)

    def test_the_period_includes_its_start_and_excludes_its_end(self, officer) -> None:
        seen = london(2027, 2, 1, 0, 0)
        report_missing(officer, a_child(), now=seen + hours(1), seen=seen, reported=seen)
        assert len(indicator_facts(since=seen, until=seen + hours(1))[0]) == 1
        assert indicator_facts(since=seen - hours(1), until=seen) == ([], [])
