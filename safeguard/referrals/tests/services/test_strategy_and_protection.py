from __future__ import annotations

import datetime as dt

import pytest

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent
from safeguard.clocks.models import StatutoryClock
from safeguard.core.clock import FixedClock, use_clock
from safeguard.core.exceptions import CapabilityMissing
from safeguard.people.tests.factories import make_person
from safeguard.referrals.services import (
    CONFERENCE_CLOCK,
    PROTECTION_CLOCK,
    Attendee,
    ReferralInvalid,
    conference_held_record,
    police_protection_end,
    police_protection_notice_record,
    police_protection_start,
    strategy_discussion_record,
)
from safeguard.referrals.tests.factories import a_referral, social_care

pytestmark = pytest.mark.django_db
FRIDAY = dt.datetime(2026, 11, 27, 16, 0, tzinfo=dt.UTC)
ATTENDEES = [
    Attendee("DS Fictional", "Police"),
    Attendee("Social worker A", "Children's social care"),
    Attendee("Named nurse B", "Health"),
]


class TestStrategyDiscussion:
    def test_section_47_outcome_starts_the_conference_clock_at_15_working_days(
        self, make_user
    ) -> None:
        researcher = make_user(Role.MASH_RESEARCHER)
        with use_clock(FixedClock(FRIDAY)):
            referral = a_referral(
                make_user(Role.RESPONSE_OFFICER), researcher, social_care(), at=FRIDAY
            )
        held = dt.datetime(2026, 11, 30, 10, 0, tzinfo=dt.UTC)  # Monday
        with use_clock(FixedClock(held + dt.timedelta(hours=1))):
            strategy_discussion_record(
                actor=researcher,
                referral_id=referral.pk,
                held_at=held,
                attendees=ATTENDEES,
                police_actions="Joint visit; ABE interview",
                outcome="SECTION_47_JOINT",
            )
        conference = StatutoryClock.objects.get(subject_id=referral.pk, kind=CONFERENCE_CLOCK)
        # 15 working days after Monday 30 November: Monday 21 December, end of day (GMT)
        assert conference.due_at == dt.datetime(2026, 12, 22, 0, 0, tzinfo=dt.UTC)
        assert AuditEvent.objects.filter(event_type="strategy_discussion.recorded").count() == 1

    def test_a_later_discussion_restarts_the_conference_clock(self, make_user) -> None:
        researcher = make_user(Role.MASH_RESEARCHER)
        with use_clock(FixedClock(FRIDAY)):
            referral = a_referral(
                make_user(Role.RESPONSE_OFFICER), researcher, social_care(), at=FRIDAY
            )
        first, second = (
            dt.datetime(2026, 11, 30, 10, tzinfo=dt.UTC),
            dt.datetime(2026, 12, 3, 10, tzinfo=dt.UTC),
        )
        with use_clock(FixedClock(second + dt.timedelta(hours=1))):
            for held in (first, second):
                strategy_discussion_record(
                    actor=researcher,
                    referral_id=referral.pk,
                    held_at=held,
                    attendees=ATTENDEES,
                    police_actions="Continue enquiries",
                    outcome="SECTION_47_SINGLE_AGENCY",
                )
        running = StatutoryClock.objects.get(
            subject_id=referral.pk, kind=CONFERENCE_CLOCK, stopped_at__isnull=True
        )
        assert running.started_at == second
        with use_clock(FixedClock(dt.datetime(2026, 12, 10, 12, tzinfo=dt.UTC))):
            conference_held_record(
                actor=researcher,
                referral_id=referral.pk,
                held_at=dt.datetime(2026, 12, 10, 10, tzinfo=dt.UTC),
            )
        running.refresh_from_db()
        assert running.outcome == "MET"

    @pytest.mark.parametrize(
        ("field", "kwargs"),
        [
            ("held_at", {"held_at": FRIDAY - dt.timedelta(days=3)}),
            ("held_at", {"held_at": FRIDAY + dt.timedelta(days=30)}),
            ("attendees", {"attendees": []}),
            ("attendees", {"attendees": [Attendee("", "Police")]}),
            ("police_actions", {"police_actions": ""}),
            ("outcome", {"outcome": "MAYBE"}),
        ],
    )
    def test_bad_input_is_a_field_error(self, make_user, field, kwargs) -> None:
        researcher = make_user(Role.MASH_RESEARCHER)
        with use_clock(FixedClock(FRIDAY)):
            referral = a_referral(
                make_user(Role.RESPONSE_OFFICER), researcher, social_care(), at=FRIDAY
            )
        values = {
            "held_at": FRIDAY + dt.timedelta(hours=1),
            "attendees": ATTENDEES,
            "police_actions": "None agreed",
            "outcome": "NO_FURTHER_ACTION",
            **kwargs,
        }
        with (
            use_clock(FixedClock(FRIDAY + dt.timedelta(hours=2))),
            pytest.raises(ReferralInvalid) as raised,
        ):
            strategy_discussion_record(actor=researcher, referral_id=referral.pk, **values)
        assert field in raised.value.errors


class TestPoliceProtection:
    def test_the_72_hour_clock_is_urgent_and_elapsed_time_across_the_clock_change(
        self, make_user
    ) -> None:
        officer = make_user(Role.RESPONSE_OFFICER)
        child = make_person(date_of_birth=dt.date(2018, 1, 1))
        # Friday 23 October 2026, 22:00 BST: the clocks go back on Sunday 25 October.
        starts = dt.datetime(2026, 10, 23, 21, 0, tzinfo=dt.UTC)
        with use_clock(FixedClock(starts + dt.timedelta(minutes=30))):
            protection = police_protection_start(
                actor=officer,
                child_id=child.pk,
                starts_at=starts,
                reason="Found alone in a flat with drug paraphernalia",
                accommodation="Emergency foster placement (fictional)",
            )
            police_protection_notice_record(
                actor=officer,
                protection_id=protection.pk,
                notice="LOCAL_AUTHORITY",
                given_at=starts + dt.timedelta(minutes=20),
                detail="EDT duty worker",
            )
            with pytest.raises(ReferralInvalid):
                police_protection_notice_record(
                    actor=officer,
                    protection_id=protection.pk,
                    notice="LOCAL_AUTHORITY",
                    given_at=starts,
                )
        limit = StatutoryClock.objects.get(subject_id=protection.pk, kind=PROTECTION_CLOCK)
        assert limit.urgent is True
        assert limit.due_at == starts + dt.timedelta(hours=72)
        notice = AuditEvent.objects.get(event_type="police_protection.notice_given")
        assert (notice.operation, notice.recipients) == ("disclosure", ["LOCAL_AUTHORITY"])
        late = starts + dt.timedelta(hours=73)
        with use_clock(FixedClock(late)):
            with pytest.raises(ReferralInvalid) as raised:
                police_protection_end(
                    actor=officer,
                    protection_id=protection.pk,
                    ends_at=late,
                    end_reason="Emergency protection order granted",
                )
            assert "delay_reason" in raised.value.errors
            police_protection_end(
                actor=officer,
                protection_id=protection.pk,
                ends_at=late,
                end_reason="Emergency protection order granted",
                delay_reason="Court listing delayed",
            )
        limit.refresh_from_db()
        assert limit.outcome == "BREACHED"

    def test_partners_cannot_start_police_protection(self, make_user) -> None:
        child = make_person()
        with pytest.raises(CapabilityMissing):
            police_protection_start(
                actor=make_user(Role.SOCIAL_CARE_USER),
                child_id=child.pk,
                starts_at=FRIDAY,
                reason="x" * 20,
                accommodation="y",
            )

    def test_bad_start_details_are_field_errors(self, make_user) -> None:
        child = make_person()
        with use_clock(FixedClock(FRIDAY)), pytest.raises(ReferralInvalid) as raised:
            police_protection_start(
                actor=make_user(Role.RESPONSE_OFFICER),
                child_id=child.pk,
                starts_at=FRIDAY + dt.timedelta(hours=1),
                reason="short",
                accommodation=" ",
            )
        assert set(raised.value.errors) == {"starts_at", "reason", "accommodation"}
