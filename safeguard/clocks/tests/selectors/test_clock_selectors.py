from __future__ import annotations

import datetime as dt
from uuid import UUID

import pytest
from django.test import override_settings

from safeguard.access.rules.capabilities import Role
from safeguard.accounts.models import Organisation, OrganisationKind
from safeguard.clocks.models import ClockNotification
from safeguard.clocks.policies import addressed_notifications_filter, owned_clocks_filter
from safeguard.clocks.rules.escalation import ClockPolicy
from safeguard.clocks.rules.status import ClockStatus, InvalidEscalationSteps
from safeguard.clocks.selectors import (
    ClockWithStatus,
    clock_list_breached,
    clock_list_for_subject,
    clock_list_for_user,
    clock_list_urgent,
    clock_policy,
    notification_list_for_user,
)
from safeguard.clocks.services import clock_escalate_due, clock_stop, notification_mark_read
from safeguard.clocks.tests.factories import DUE_AT, RECEIVED_AT, a_subject, start_clock, subject_of
from safeguard.core.clock import FixedClock, use_clock
from safeguard.core.exceptions import CapabilityMissing, NotFoundOrForbidden

pytestmark = pytest.mark.django_db
H = dt.timedelta(hours=1)
NOW = DUE_AT + H  # the decision clock is an hour overdue


def at(moment: dt.datetime):
    return use_clock(FixedClock(moment))


def stop(running, *, when: dt.datetime, reason: str = "") -> None:
    with at(when):
        clock_stop(
            actor=None,
            subject=subject_of(running),
            kind=running.kind,
            stopped_at=when,
            breach_reason=reason,
        )


def ids(listed: list[ClockWithStatus]) -> list[UUID]:
    return [item.clock.pk for item in listed]


@pytest.fixture
def social_care(db) -> Organisation:
    return Organisation.objects.create(
        name="Northshire Children's Services", kind=OrganisationKind.CHILDRENS_SOCIAL_CARE
    )


class TestClockListForUser:
    def test_lists_my_teams_clocks_running_first_by_deadline_with_status(
        self, make_user, team, other_team
    ) -> None:
        # given
        me = make_user(Role.MASH_RESEARCHER)
        overdue = start_clock(owner_team=team)
        due_soon = start_clock(owner_team=team, due_at=NOW + H)
        later = start_clock(owner_team=team, due_at=NOW + 48 * H)
        met = start_clock(owner_team=team)
        stop(met, when=DUE_AT - H)
        breached = start_clock(owner_team=team, due_at=DUE_AT + H / 2)
        stop(breached, when=NOW, reason="Duty desk closed.")
        mine_elsewhere = start_clock(owner_team=other_team, owner_user=me, due_at=NOW + 2 * H)
        start_clock(owner_team=other_team)

        # when
        with at(NOW):
            listed = clock_list_for_user(actor=me)

        # then
        assert ids(listed) == [
            overdue.pk,
            due_soon.pk,
            mine_elsewhere.pk,
            later.pk,
            met.pk,
            breached.pk,
        ]
        assert [item.status for item in listed] == [
            ClockStatus.OVERDUE,
            ClockStatus.DUE_SOON,
            ClockStatus.DUE_SOON,
            ClockStatus.RUNNING,
            ClockStatus.MET,
            ClockStatus.BREACHED,
        ]

    def test_drops_clocks_stopped_before_the_window(self, make_user, team) -> None:
        me = make_user(Role.MASH_RESEARCHER)
        running = start_clock(owner_team=team)
        stopped = start_clock(owner_team=team)
        stop(stopped, when=DUE_AT - H)

        with at(DUE_AT - H + dt.timedelta(days=7, seconds=1)):
            listed = clock_list_for_user(actor=me)

        assert stopped.pk not in ids(listed)
        assert running.pk in ids(listed)

    def test_a_user_of_another_team_does_not_see_my_teams_clocks(
        self, make_user, team, other_team
    ) -> None:
        start_clock(owner_team=team)
        outsider = make_user(Role.MASH_RESEARCHER, user_team=other_team)

        with at(NOW):
            assert clock_list_for_user(actor=outsider) == []

    @pytest.mark.parametrize("role", [Role.SOCIAL_CARE_USER, Role.SCHOOL_DSL, Role.AUDITOR])
    def test_refuses_roles_without_a_work_queue(self, make_user, team, role) -> None:
        start_clock(owner_team=team)

        with pytest.raises(CapabilityMissing):
            clock_list_for_user(actor=make_user(role))


class TestOwnedClocksFilter:
    def test_gives_partner_and_inactive_users_nothing(self, make_user, team, social_care) -> None:
        from safeguard.clocks.models import StatutoryClock

        start_clock(owner_team=team, partner_organisation=social_care)
        partner = make_user(Role.SOCIAL_CARE_USER, organisation=social_care)
        leaver = make_user(Role.MASH_RESEARCHER)
        leaver.is_active = False

        assert not StatutoryClock.objects.filter(owned_clocks_filter(partner)).exists()
        assert not StatutoryClock.objects.filter(owned_clocks_filter(leaver)).exists()

    def test_gives_a_user_without_a_team_only_their_own_clocks(self, make_user, team) -> None:
        from safeguard.clocks.models import StatutoryClock

        me = make_user(Role.MASH_RESEARCHER)
        mine = start_clock(owner_team=team, owner_user=me)
        start_clock(owner_team=team)
        me.team = None

        assert list(StatutoryClock.objects.filter(owned_clocks_filter(me))) == [mine]


class TestClockListBreached:
    def test_lists_my_teams_overdue_then_breached_clocks(self, make_user, team, other_team) -> None:
        # given
        supervisor = make_user(Role.SUPERVISOR)
        overdue = start_clock(owner_team=team)
        breached = start_clock(owner_team=team)
        stop(breached, when=DUE_AT + H, reason="Duty desk closed.")
        met = start_clock(owner_team=team)
        stop(met, when=DUE_AT)
        start_clock(owner_team=team, due_at=NOW + H)
        theirs = start_clock(owner_team=other_team)

        # when
        with at(NOW + H):
            listed = clock_list_breached(actor=supervisor)
            elsewhere = clock_list_breached(actor=supervisor, team=other_team)

        # then
        assert ids(listed) == [overdue.pk, breached.pk]
        assert [item.status for item in listed] == [ClockStatus.OVERDUE, ClockStatus.BREACHED]
        assert ids(elsewhere) == [theirs.pk]

    def test_limits_finished_breaches_to_those_stopped_since(self, make_user, team) -> None:
        supervisor = make_user(Role.SUPERVISOR)
        breached = start_clock(owner_team=team)
        stop(breached, when=DUE_AT + H, reason="Duty desk closed.")
        overdue = start_clock(owner_team=team)

        with at(NOW + 24 * H):
            listed = clock_list_breached(actor=supervisor, stopped_since=DUE_AT + 2 * H)

        assert ids(listed) == [overdue.pk]

    def test_gives_nothing_to_a_supervisor_without_a_team(self, make_user, team) -> None:
        start_clock(owner_team=team)
        supervisor = make_user(Role.SUPERVISOR)
        supervisor.team = None

        with at(NOW):
            assert clock_list_breached(actor=supervisor) == []

    def test_refuses_officers_who_do_not_supervise(self, make_user) -> None:
        with pytest.raises(CapabilityMissing):
            clock_list_breached(actor=make_user(Role.MASH_RESEARCHER))


class TestClockListUrgent:
    def test_lists_urgent_and_overdue_running_clocks_across_the_force(
        self, make_user, team, other_team
    ) -> None:
        # given
        on_call = make_user(Role.ON_CALL_SENIOR_OFFICER, user_team=other_team)
        overdue = start_clock(owner_team=team)
        urgent = start_clock(owner_team=other_team, due_at=NOW + 5 * H, urgent=True)
        start_clock(owner_team=team, due_at=NOW + 5 * H)
        stopped_urgent = start_clock(owner_team=team, urgent=True)
        stop(stopped_urgent, when=DUE_AT)

        # when
        with at(NOW):
            listed = clock_list_urgent(actor=on_call)

        # then
        assert ids(listed) == [overdue.pk, urgent.pk]
        assert [item.status for item in listed] == [ClockStatus.OVERDUE, ClockStatus.RUNNING]

    @pytest.mark.parametrize("role", [Role.MASH_RESEARCHER, Role.SOCIAL_CARE_USER])
    def test_refuses_roles_without_the_board(self, make_user, role) -> None:
        with pytest.raises(CapabilityMissing):
            clock_list_urgent(actor=make_user(role))


class TestClockListForSubject:
    def test_lists_every_clock_of_the_record_in_start_order(self, team) -> None:
        subject = a_subject()
        decision = start_clock(owner_team=team, subject=subject)
        stop(decision, when=DUE_AT - H)
        acknowledgement = start_clock(
            owner_team=team,
            subject=subject,
            kind="referral.acknowledgement",
            started_at=RECEIVED_AT + H,
        )
        start_clock(owner_team=team)

        with at(NOW):
            listed = clock_list_for_subject(subject=subject)

        assert ids(listed) == [decision.pk, acknowledgement.pk]
        assert [item.status for item in listed] == [ClockStatus.MET, ClockStatus.OVERDUE]


class TestClockPolicy:
    def test_takes_the_defaults_when_the_force_has_not_set_them(self) -> None:
        assert clock_policy() == ClockPolicy()

    def test_reads_the_force_settings(self, settings) -> None:
        settings.SAFEGUARD = {
            **settings.SAFEGUARD,
            "CLOCK_ESCALATION_STEPS_HOURS": [0, 1, 4],
            "CLOCK_DUE_SOON_HOURS": 6,
        }

        assert clock_policy() == ClockPolicy(
            escalation_steps=(dt.timedelta(0), H, 4 * H), due_soon_window=6 * H
        )

    def test_refuses_a_broken_ladder(self, settings) -> None:
        settings.SAFEGUARD = {**settings.SAFEGUARD, "CLOCK_ESCALATION_STEPS_HOURS": [2, 1]}

        with pytest.raises(InvalidEscalationSteps):
            clock_policy()

    def test_the_due_soon_window_drives_the_status(self, make_user, team) -> None:
        me = make_user(Role.MASH_RESEARCHER)
        start_clock(owner_team=team, due_at=NOW + 5 * H)

        with override_settings(SAFEGUARD={"CLOCK_DUE_SOON_HOURS": 6}), at(NOW):
            assert [i.status for i in clock_list_for_user(actor=me)] == [ClockStatus.DUE_SOON]
        with at(NOW):
            assert [i.status for i in clock_list_for_user(actor=me)] == [ClockStatus.RUNNING]


class TestNotificationListForUser:
    @pytest.fixture
    def escalated(self, make_user, team, other_team, social_care):
        owner = make_user(Role.MASH_RESEARCHER)
        supervisor = make_user(Role.SUPERVISOR)
        unowned = start_clock(owner_team=team, partner_organisation=social_care)
        owned = start_clock(owner_team=team, owner_user=owner)
        with at(DUE_AT + 2 * H):
            clock_escalate_due(now=DUE_AT + 2 * H, steps=ClockPolicy().escalation_steps)
        return {"owner": owner, "supervisor": supervisor, "unowned": unowned, "owned": owned}

    def test_shows_staff_what_is_addressed_to_them_and_their_team(
        self, make_user, escalated
    ) -> None:
        teammate = make_user(Role.INVESTIGATOR)

        owner_sees = notification_list_for_user(actor=escalated["owner"])
        supervisor_sees = notification_list_for_user(actor=escalated["supervisor"])
        teammate_sees = notification_list_for_user(actor=teammate)

        # The team queue holds the unowned clock's reminder; the owner also has their own.
        assert {(n.clock_id, n.kind) for n in owner_sees} == {
            (escalated["unowned"].pk, "REMINDER"),
            (escalated["owned"].pk, "REMINDER"),
        }
        assert {(n.clock_id, n.kind) for n in teammate_sees} == {
            (escalated["unowned"].pk, "REMINDER")
        }
        assert {(n.clock_id, n.kind) for n in supervisor_sees} == {
            (escalated["unowned"].pk, "REMINDER"),
            (escalated["unowned"].pk, "ESCALATION_SUPERVISOR"),
            (escalated["owned"].pk, "ESCALATION_SUPERVISOR"),
        }

    def test_shows_a_partner_only_what_is_addressed_to_its_organisation(
        self, make_user, escalated, social_care
    ) -> None:
        partner = make_user(Role.SOCIAL_CARE_USER, organisation=social_care)
        other_partner = make_user(Role.SOCIAL_CARE_USER)

        seen = notification_list_for_user(actor=partner)

        assert [(n.clock_id, n.kind) for n in seen] == [
            (escalated["unowned"].pk, "ESCALATION_PARTNER_MANAGER")
        ]
        assert notification_list_for_user(actor=other_partner) == []

    def test_a_user_of_another_team_sees_nothing(self, make_user, escalated, other_team) -> None:
        outsider = make_user(Role.SUPERVISOR, user_team=other_team)

        assert notification_list_for_user(actor=outsider) == []

    def test_an_inactive_user_sees_nothing(self, escalated) -> None:
        owner = escalated["owner"]
        owner.is_active = False

        assert not ClockNotification.objects.filter(addressed_notifications_filter(owner)).exists()

    def test_marks_read_once_and_hides_read_ones_on_request(self, escalated) -> None:
        owner = escalated["owner"]
        first = notification_list_for_user(actor=owner)[0]

        with at(DUE_AT + 3 * H):
            marked = notification_mark_read(actor=owner, notification_id=first.pk)
        with at(DUE_AT + 4 * H):
            again = notification_mark_read(actor=owner, notification_id=first.pk)

        assert marked.read_at == again.read_at == DUE_AT + 3 * H
        unread = notification_list_for_user(actor=owner, unread_only=True)
        assert first.pk not in {n.pk for n in unread}
        assert len(unread) == 1

    def test_refuses_to_mark_someone_elses_notification(
        self, make_user, escalated, other_team
    ) -> None:
        notification = notification_list_for_user(actor=escalated["owner"])[0]
        outsider = make_user(Role.MASH_RESEARCHER, user_team=other_team)

        with pytest.raises(NotFoundOrForbidden):
            notification_mark_read(actor=outsider, notification_id=notification.pk)
