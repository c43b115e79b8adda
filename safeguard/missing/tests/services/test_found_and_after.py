"""Found and after: the found record, the prevention interview and the return interview loop."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from safeguard.access.rules.capabilities import Role
from safeguard.accounts.models import Organisation, OrganisationKind
from safeguard.audit.models import AuditEvent
from safeguard.clocks.models import ClockOutcome
from safeguard.core.clock import FixedClock, use_clock
from safeguard.core.exceptions import CapabilityMissing, NotFoundOrForbidden
from safeguard.missing.models import ExploitationScreening, MissingEpisode
from safeguard.missing.rules.codes import (
    EpisodeStatus,
    FoundCondition,
    ReturnInterviewOutcome,
    ScreeningOutcome,
)
from safeguard.missing.services import (
    PREVENTION_CLOCK,
    RETURN_INTERVIEW_CLOCK,
    REVIEW_CLOCK,
    EpisodeInvalid,
    FoundDetails,
    episode_found,
    prevention_interview_record,
    return_interview_record,
    screening_complete,
)
from safeguard.missing.tests.factories import a_child, london, social_care
from safeguard.missing.tests.services.support import (
    NOW,
    SEEN,
    clocks,
    find,
    hours,
    report_missing,
    running,
    safeguard_settings,
)

pytestmark = pytest.mark.django_db

FOUND = NOW + hours(1)  # 03:15, before the first review falls due at 04:15
SUMMARY = "Spoke to her alone; stayed at a friend's; no harm disclosed"


@pytest.fixture
def officer(make_user):
    return make_user(Role.RESPONSE_OFFICER)


@pytest.fixture
def authority():
    return social_care()


@pytest.fixture
def social_worker(make_user, authority):
    return make_user(Role.SOCIAL_CARE_USER, organisation=authority)


@pytest.fixture
def episode(officer, authority):
    """A child missing from care, placed by ``authority``."""
    return report_missing(officer, a_child(), authority=authority)


def found_details(**changes) -> FoundDetails:
    values: dict[str, Any] = {
        "found_at": FOUND,
        "found_place": "Hanley bus station",
        "found_by": "PC Fictional",
        "condition": FoundCondition.SAFE_AND_WELL,
    }
    values.update(changes)
    return FoundDetails(**values)


def found_refused(officer, episode, now=FOUND, **changes) -> dict[str, list[str]]:
    with use_clock(FixedClock(now)), pytest.raises(EpisodeInvalid) as caught:
        episode_found(actor=officer, episode_id=episode.pk, details=found_details(**changes))
    return caught.value.errors


def interview(officer, episode, held_at, now=None, **kwargs) -> MissingEpisode:
    kwargs.setdefault("summary", SUMMARY)
    with use_clock(FixedClock(now or held_at)):
        return prevention_interview_record(
            actor=officer, episode_id=episode.pk, held_at=held_at, **kwargs
        )


def outcome(worker, episode, at, outcome=ReturnInterviewOutcome.COMPLETED, **kwargs):
    kwargs.setdefault("note", "Independent worker saw her at school")
    with use_clock(FixedClock(at)):
        return return_interview_record(
            actor=worker, episode_id=episode.pk, outcome=outcome, **kwargs
        )


class TestFoundRecord:
    def test_found_before_last_seen_is_refused(self, officer, episode) -> None:
        errors = found_refused(officer, episode, found_at=SEEN - dt.timedelta(minutes=1))
        assert list(errors) == ["found_at"]
        assert "before the child went missing (last seen 09/01/2027 01:40)" in errors["found_at"][0]

    def test_found_in_the_future_is_refused(self, officer, episode) -> None:
        errors = found_refused(officer, episode, found_at=FOUND + dt.timedelta(seconds=1))
        assert errors == {"found_at": ["The time found cannot be in the future"]}

    def test_found_exactly_when_last_seen_is_allowed(self, officer, episode) -> None:
        found = find(officer, episode, found_at=SEEN, now=FOUND)
        assert found.found_at == SEEN
        assert found.status == EpisodeStatus.FOUND
        (review,) = clocks(episode, REVIEW_CLOCK)
        assert review.outcome == ClockOutcome.MET
        assert review.stopped_at == review.started_at  # never before the clock started

    def test_place_finder_condition_and_time_are_all_needed(self, officer, episode) -> None:
        errors = found_refused(
            officer, episode, found_at=None, found_place=" ", found_by="", condition="LOST"
        )
        assert set(errors) == {"found_at", "found_place", "found_by", "condition"}
        episode.refresh_from_db()
        assert episode.status == EpisodeStatus.OPEN
        assert running(episode) is not None

    def test_an_unknown_indicator_is_refused(self, officer, episode) -> None:
        errors = found_refused(officer, episode, exploitation_indicators=("GUT_FEELING",))
        assert list(errors) == ["exploitation_indicators"]

    def test_a_child_already_found_cannot_be_found_again(self, officer, episode) -> None:
        find(officer, episode, found_at=FOUND)
        errors = found_refused(officer, episode, now=FOUND + hours(1))
        assert errors == {"status": ["The child has already been found"]}
        assert len(clocks(episode, RETURN_INTERVIEW_CLOCK)) == 1

    def test_found_is_recorded_and_audited(self, officer, episode, authority) -> None:
        found = find(officer, episode, found_at=FOUND, now=FOUND + hours(0.5))
        assert (found.found_place, found.found_by) == ("Hanley bus station", "PC Fictional")
        assert found.found_condition == FoundCondition.SAFE_AND_WELL
        assert found.return_interview_requested_at == FOUND + hours(0.5)
        request = AuditEvent.objects.get(event_type="missing.return_interview_requested")
        assert request.operation == "disclosure"
        assert request.recipients == [authority.name]
        assert {"type": "people.person", "id": str(episode.child_id)} in request.subjects


class TestWhoHoldsTheReturnInterview:
    def test_from_care_it_defaults_to_the_placing_authority(
        self, officer, episode, authority
    ) -> None:
        assert find(officer, episode, found_at=FOUND).return_interview_organisation == authority

    def test_from_care_another_social_care_team_may_be_chosen(self, officer, episode) -> None:
        host = social_care("Host Borough Children's Services")
        found = find(officer, episode, found_at=FOUND, organisation=host)
        assert found.return_interview_organisation == host

    def test_from_home_a_social_care_team_must_be_chosen(self, officer) -> None:
        episode = report_missing(officer, a_child())
        errors = found_refused(officer, episode)
        assert list(errors) == ["return_interview_organisation"]
        county = social_care()
        assert (
            find(
                officer, episode, found_at=FOUND, organisation=county
            ).return_interview_organisation
            == county
        )

    def test_the_team_chosen_must_be_childrens_social_care(self, officer) -> None:
        episode = report_missing(officer, a_child())
        school = Organisation.objects.create(name="Fictional Academy", kind=OrganisationKind.SCHOOL)
        errors = found_refused(officer, episode, return_interview_organisation_id=school.pk)
        assert list(errors) == ["return_interview_organisation"]


class TestClocksWhenFound:
    def test_found_before_the_review_is_due_stops_it_met(self, officer, episode) -> None:
        find(officer, episode, found_at=FOUND, now=NOW + hours(5))
        (review,) = clocks(episode, REVIEW_CLOCK)
        assert review.outcome == ClockOutcome.MET
        assert review.stopped_at == FOUND

    def test_found_after_the_review_was_due_breaches_it(self, officer, episode) -> None:
        find(officer, episode, found_at=NOW + hours(3))
        (review,) = clocks(episode, REVIEW_CLOCK)
        assert review.outcome == ClockOutcome.BREACHED
        assert review.breach_reason == "The review was overdue when the child was found"

    def test_the_return_interview_is_due_72_elapsed_hours_across_the_clock_change(
        self, officer, authority
    ) -> None:
        seen = london(2027, 3, 27, 9, 0)
        episode = report_missing(
            officer,
            a_child(),
            authority=authority,
            now=london(2027, 3, 27, 10, 0),
            seen=seen,
            reported=london(2027, 3, 27, 9, 30),
        )
        found_at = london(2027, 3, 27, 12, 0)  # GMT; British Summer Time begins 28 March
        find(officer, episode, found_at=found_at, now=london(2027, 3, 27, 12, 30))
        (rhi,) = clocks(episode, RETURN_INTERVIEW_CLOCK)
        assert rhi.due_at - found_at == dt.timedelta(hours=72)
        assert rhi.due_at == london(2027, 3, 30, 13, 0)
        assert rhi.started_at == found_at
        assert rhi.partner_organisation == authority

    def test_the_prevention_interview_is_due_24_elapsed_hours_across_the_clock_change(
        self, officer, authority
    ) -> None:
        episode = report_missing(
            officer,
            a_child(),
            authority=authority,
            now=london(2027, 3, 27, 10, 0),
            seen=london(2027, 3, 27, 9, 0),
            reported=london(2027, 3, 27, 9, 30),
        )
        found_at = london(2027, 3, 27, 12, 0)  # GMT; British Summer Time begins 28 March
        find(officer, episode, found_at=found_at, now=london(2027, 3, 27, 12, 30))
        (prevention,) = clocks(episode, PREVENTION_CLOCK)
        assert prevention.due_at - found_at == dt.timedelta(hours=24)
        assert prevention.due_at == london(2027, 3, 28, 13, 0)
        assert prevention.partner_organisation is None

    def test_the_force_sets_the_after_care_hours(self, officer, episode) -> None:
        with safeguard_settings(
            MISSING_PREVENTION_INTERVIEW_HOURS=12, MISSING_RETURN_INTERVIEW_HOURS=48
        ):
            find(officer, episode, found_at=FOUND)
        assert clocks(episode, PREVENTION_CLOCK)[0].due_at == FOUND + hours(12)
        assert clocks(episode, RETURN_INTERVIEW_CLOCK)[0].due_at == FOUND + hours(48)


class TestReturnInterview:
    def test_a_social_care_user_of_another_organisation_cannot_record_it(
        self, officer, episode, make_user
    ) -> None:
        find(officer, episode, found_at=FOUND)
        stranger = make_user(Role.SOCIAL_CARE_USER)
        with pytest.raises(NotFoundOrForbidden):
            outcome(stranger, episode, FOUND + hours(5))
        episode.refresh_from_db()
        assert episode.return_interview_outcome == ""

    def test_nothing_is_recorded_before_it_was_requested(self, episode, social_worker) -> None:
        with pytest.raises(NotFoundOrForbidden):
            outcome(social_worker, episode, FOUND)

    def test_police_cannot_record_it(self, officer, episode) -> None:
        find(officer, episode, found_at=FOUND)
        with pytest.raises(CapabilityMissing):
            outcome(officer, episode, FOUND + hours(5))

    def test_within_72_hours_it_is_met(self, officer, episode, social_worker) -> None:
        find(officer, episode, found_at=FOUND)
        recorded = outcome(social_worker, episode, FOUND + hours(72))
        assert recorded.return_interview_outcome == ReturnInterviewOutcome.COMPLETED
        assert recorded.return_interview_recorded_by == social_worker
        (rhi,) = clocks(episode, RETURN_INTERVIEW_CLOCK)
        assert rhi.outcome == ClockOutcome.MET
        assert rhi.stopped_by == social_worker

    def test_late_without_a_reason_is_refused(self, officer, episode, social_worker) -> None:
        find(officer, episode, found_at=FOUND)
        late = FOUND + hours(73)
        with pytest.raises(EpisodeInvalid) as caught:
            outcome(social_worker, episode, late)
        assert list(caught.value.errors) == ["delay_reason"]
        episode.refresh_from_db()
        assert episode.return_interview_outcome == ""
        outcome(social_worker, episode, late, delay_reason="Child in hospital until day four")
        (rhi,) = clocks(episode, RETURN_INTERVIEW_CLOCK)
        assert rhi.outcome == ClockOutcome.BREACHED
        assert rhi.breach_reason == "Child in hospital until day four"

    @pytest.mark.parametrize(
        "result", [ReturnInterviewOutcome.REFUSED, ReturnInterviewOutcome.NOT_HELD]
    )
    def test_refused_or_not_held_needs_the_reason(
        self, officer, episode, social_worker, result
    ) -> None:
        find(officer, episode, found_at=FOUND)
        with pytest.raises(EpisodeInvalid) as caught:
            outcome(social_worker, episode, FOUND + hours(5), outcome=result, note="  no ")
        assert list(caught.value.errors) == ["note"]
        recorded = outcome(
            social_worker,
            episode,
            FOUND + hours(5),
            outcome=result,
            note="Child declined twice, offered again by phone",
        )
        assert recorded.return_interview_outcome == result

    def test_an_unknown_outcome_is_refused(self, officer, episode, social_worker) -> None:
        find(officer, episode, found_at=FOUND)
        with pytest.raises(EpisodeInvalid) as caught:
            outcome(social_worker, episode, FOUND + hours(5), outcome="MAYBE")
        assert list(caught.value.errors) == ["outcome"]

    def test_the_outcome_is_recorded_once(self, officer, episode, social_worker) -> None:
        find(officer, episode, found_at=FOUND)
        outcome(social_worker, episode, FOUND + hours(5))
        with pytest.raises(EpisodeInvalid) as caught:
            outcome(social_worker, episode, FOUND + hours(6))
        assert list(caught.value.errors) == ["status"]


class TestClosing:
    def test_the_return_interview_alone_does_not_close(
        self, officer, episode, social_worker
    ) -> None:
        find(officer, episode, found_at=FOUND)
        assert outcome(social_worker, episode, FOUND + hours(5)).status == EpisodeStatus.FOUND

    def test_the_prevention_interview_alone_does_not_close(self, officer, episode) -> None:
        find(officer, episode, found_at=FOUND)
        assert interview(officer, episode, FOUND + hours(2)).status == EpisodeStatus.FOUND

    def test_prevention_then_return_interview_closes(self, officer, episode, social_worker) -> None:
        find(officer, episode, found_at=FOUND)
        interview(officer, episode, FOUND + hours(2))
        closed = outcome(social_worker, episode, FOUND + hours(5))
        assert closed.status == EpisodeStatus.CLOSED
        episode.refresh_from_db()
        assert episode.status == EpisodeStatus.CLOSED

    def test_return_then_prevention_interview_closes(self, officer, episode, social_worker) -> None:
        find(officer, episode, found_at=FOUND)
        outcome(social_worker, episode, FOUND + hours(5))
        closed = interview(officer, episode, FOUND + hours(6))
        assert closed.status == EpisodeStatus.CLOSED

    def test_a_refused_return_interview_also_closes(self, officer, episode, social_worker) -> None:
        find(officer, episode, found_at=FOUND)
        interview(officer, episode, FOUND + hours(2))
        closed = outcome(
            social_worker,
            episode,
            FOUND + hours(5),
            outcome=ReturnInterviewOutcome.REFUSED,
            note="Child refused; offered again in a week",
        )
        assert closed.status == EpisodeStatus.CLOSED


class TestPreventionInterview:
    def test_not_before_the_child_is_found(self, officer, episode) -> None:
        with pytest.raises(EpisodeInvalid) as caught:
            interview(officer, episode, NOW)
        assert caught.value.errors == {"status": ["Record the child found first"]}

    def test_not_before_the_time_found(self, officer, episode) -> None:
        find(officer, episode, found_at=FOUND)
        with pytest.raises(EpisodeInvalid) as caught:
            interview(officer, episode, FOUND - dt.timedelta(minutes=1), now=FOUND + hours(1))
        assert caught.value.errors == {
            "held_at": ["The interview cannot be before the child was found"]
        }

    def test_not_in_the_future(self, officer, episode) -> None:
        find(officer, episode, found_at=FOUND)
        with pytest.raises(EpisodeInvalid) as caught:
            interview(officer, episode, FOUND + hours(2), now=FOUND + hours(1))
        assert list(caught.value.errors) == ["held_at"]

    def test_the_summary_is_needed(self, officer, episode) -> None:
        find(officer, episode, found_at=FOUND)
        with pytest.raises(EpisodeInvalid) as caught:
            interview(officer, episode, FOUND + hours(1), summary="fine")
        assert list(caught.value.errors) == ["summary"]

    def test_recorded_once(self, officer, episode) -> None:
        find(officer, episode, found_at=FOUND)
        interview(officer, episode, FOUND + hours(1))
        with pytest.raises(EpisodeInvalid) as caught:
            interview(officer, episode, FOUND + hours(2))
        assert caught.value.errors == {"status": ["The prevention interview is already recorded"]}

    def test_on_time_meets_the_clock_and_keeps_the_debrief(self, officer, episode) -> None:
        find(officer, episode, found_at=FOUND)
        done = interview(
            officer,
            episode,
            FOUND + hours(24),
            debrief_intelligence="  Two men in a silver car at Hanley station  ",
        )
        assert done.prevention_interview_by == officer
        assert done.prevention_interview_summary == SUMMARY
        assert done.debrief_intelligence == "Two men in a silver car at Hanley station"
        (clock,) = clocks(episode, PREVENTION_CLOCK)
        assert clock.outcome == ClockOutcome.MET
        assert clock.stopped_at == FOUND + hours(24)

    def test_late_needs_the_reason(self, officer, episode) -> None:
        find(officer, episode, found_at=FOUND)
        late = FOUND + hours(25)
        with pytest.raises(EpisodeInvalid) as caught:
            interview(officer, episode, late)
        assert list(caught.value.errors) == ["delay_reason"]
        episode.refresh_from_db()
        assert episode.prevention_interview_at is None
        interview(officer, episode, late, delay_reason="Child asleep after a night out")
        (clock,) = clocks(episode, PREVENTION_CLOCK)
        assert clock.outcome == ClockOutcome.BREACHED


class TestExploitationScreening:
    def test_indicators_when_found_raise_a_screening(self, officer, episode) -> None:
        found = find(officer, episode, found_at=FOUND, indicators=("FOUND_AT_HOTEL",))
        (screening,) = found.screenings.all()
        assert screening.indicators == ["FOUND_AT_HOTEL"]
        assert screening.episode.child_id == episode.child_id
        assert found.exploitation_indicators == ["FOUND_AT_HOTEL"]

    def test_later_indicators_extend_the_open_screening(self, officer, episode) -> None:
        find(officer, episode, found_at=FOUND, indicators=("FOUND_AT_HOTEL",))
        done = interview(
            officer,
            episode,
            FOUND + hours(1),
            exploitation_indicators=("FOUND_AT_HOTEL", "NEW_PHONE_OR_MONEY"),
        )
        (screening,) = ExploitationScreening.objects.filter(episode=episode)
        assert screening.indicators == ["FOUND_AT_HOTEL", "NEW_PHONE_OR_MONEY"]
        assert done.exploitation_indicators == ["FOUND_AT_HOTEL", "NEW_PHONE_OR_MONEY"]
        assert AuditEvent.objects.filter(event_type="missing.screening_raised").count() == 1

    def test_indicators_at_report_and_found_share_one_screening(self, officer) -> None:
        episode = report_missing(officer, a_child(), exploitation_indicators=("OLDER_ASSOCIATES",))
        find(
            officer,
            episode,
            found_at=FOUND,
            organisation=social_care(),
            indicators=("DRUGS_OR_WEAPONS",),
        )
        (screening,) = ExploitationScreening.objects.filter(episode=episode)
        assert screening.indicators == ["OLDER_ASSOCIATES", "DRUGS_OR_WEAPONS"]

    def test_indicators_at_interview_alone_raise_one(self, officer, episode) -> None:
        find(officer, episode, found_at=FOUND)
        assert not ExploitationScreening.objects.exists()
        interview(officer, episode, FOUND + hours(1), exploitation_indicators=("OLDER_ASSOCIATES",))
        assert ExploitationScreening.objects.filter(episode=episode).count() == 1

    def test_after_a_screening_is_complete_new_indicators_raise_another(
        self, officer, episode, make_user
    ) -> None:
        found = find(officer, episode, found_at=FOUND, indicators=("FOUND_AT_HOTEL",))
        (screening,) = found.screenings.all()
        with use_clock(FixedClock(FOUND + hours(0.5))):
            screening_complete(
                actor=make_user(Role.MASH_RESEARCHER),
                screening_id=screening.pk,
                outcome=ScreeningOutcome.CSE_RISK,
                note="Referred to the CSE team; strategy meeting called",
            )
        interview(officer, episode, FOUND + hours(1), exploitation_indicators=("OLDER_ASSOCIATES",))
        assert ExploitationScreening.objects.filter(episode=episode).count() == 2
        newest = ExploitationScreening.objects.get(episode=episode, completed_at__isnull=True)
        assert newest.indicators == ["OLDER_ASSOCIATES"]

    def test_an_unknown_indicator_at_interview_is_refused(self, officer, episode) -> None:
        find(officer, episode, found_at=FOUND)
        with pytest.raises(EpisodeInvalid) as caught:
            interview(officer, episode, FOUND + hours(1), exploitation_indicators=("ODD",))
        assert list(caught.value.errors) == ["exploitation_indicators"]
