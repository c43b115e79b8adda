from __future__ import annotations

import datetime as dt

import pytest

from safeguard.access.rules.capabilities import Role
from safeguard.accounts.models import Organisation, OrganisationKind, SchoolClosure
from safeguard.audit.models import AuditEvent
from safeguard.clocks.models import StatutoryClock
from safeguard.core.clock import FixedClock, use_clock
from safeguard.core.exceptions import NotFoundOrForbidden
from safeguard.domestic.models import EncompassNotification
from safeguard.domestic.rules.codes import NotificationStatus
from safeguard.domestic.selectors import encompass_inbox, notification_get
from safeguard.domestic.services import (
    NotificationInvalid,
    da_incident_record,
    encompass_acknowledge,
    encompass_dispatch,
    encompass_send,
    notification_due,
    notification_route,
)
from safeguard.domestic.tests.factories import (
    a_school,
    details,
    household,
    london,
    new_child_row,
)

pytestmark = pytest.mark.django_db
RECORDED = london(2027, 2, 12, 23, 55)
SATURDAY_0700 = london(2027, 2, 13, 7, 0)


@pytest.fixture
def setting(make_user):
    school = a_school()
    return {
        "school": school,
        "officer": make_user(Role.RESPONSE_OFFICER),
        "dsl": make_user(Role.SCHOOL_DSL, organisation=school),
        "other_dsl": make_user(Role.SCHOOL_DSL, organisation=a_school("Other Fictional School")),
    }


def notification(setting) -> EncompassNotification:
    with use_clock(FixedClock(RECORDED)):
        incident = da_incident_record(
            actor=setting["officer"],
            details=details(household()),
            children=[new_child_row(setting["school"])],
            choices={},
        )
    return EncompassNotification.objects.get(incident=incident)


class TestNextSchoolDayDeadline:
    """Due before the start of the setting's next school day (DOMAIN.md §3.2 [S])."""

    @pytest.mark.parametrize(
        ("incident", "starts", "expected"),
        [
            pytest.param(
                london(2027, 2, 12, 23, 40),
                dt.time(8, 30),
                london(2027, 2, 22, 8, 30),
                id="Friday night before February half-term",
            ),
            pytest.param(
                london(2027, 1, 15, 23, 40),
                dt.time(8, 30),
                london(2027, 1, 18, 8, 30),
                id="Friday night in term: Monday",
            ),
            pytest.param(
                london(2027, 1, 16, 12, 0),
                dt.time(8, 30),
                london(2027, 1, 18, 8, 30),
                id="Saturday: Monday",
            ),
            pytest.param(
                london(2027, 1, 18, 8, 29),
                dt.time(8, 30),
                london(2027, 1, 18, 8, 30),
                id="Monday 08:29: the same morning",
            ),
            pytest.param(
                london(2027, 1, 18, 8, 30),
                dt.time(8, 30),
                london(2027, 1, 19, 8, 30),
                id="Monday 08:30 exactly: Tuesday",
            ),
            pytest.param(
                london(2027, 1, 18, 0, 0),
                dt.time(8, 30),
                london(2027, 1, 18, 8, 30),
                id="midnight: that morning",
            ),
            pytest.param(
                london(2027, 1, 18, 7, 0),
                dt.time(7, 45),
                london(2027, 1, 18, 7, 45),
                id="setting starting at 07:45",
            ),
            pytest.param(
                london(2027, 1, 18, 8, 0),
                dt.time(7, 45),
                london(2027, 1, 19, 7, 45),
                id="after a 07:45 start: next day",
            ),
            pytest.param(
                london(2027, 1, 18, 8, 0),
                dt.time(9, 15),
                london(2027, 1, 18, 9, 15),
                id="setting starting at 09:15",
            ),
            pytest.param(
                london(2026, 10, 23, 22, 0),
                dt.time(8, 30),
                london(2026, 11, 2, 8, 30),
                id="October half-term across the clock change",
            ),
            pytest.param(
                london(2026, 10, 25, 1, 30),
                dt.time(8, 30),
                london(2026, 11, 2, 8, 30),
                id="01:30 on the night the clocks go back",
            ),
            pytest.param(
                london(2027, 3, 25, 18, 0),
                dt.time(8, 30),
                london(2027, 4, 12, 8, 30),
                id="Easter holidays and Easter Monday, spring clock change",
            ),
            pytest.param(
                london(2027, 4, 30, 18, 0),
                dt.time(8, 30),
                london(2027, 5, 4, 8, 30),
                id="May Day bank holiday in term",
            ),
            pytest.param(
                london(2026, 12, 18, 15, 0),
                dt.time(8, 30),
                london(2027, 1, 4, 8, 30),
                id="Christmas holidays and bank holidays",
            ),
        ],
    )
    def test_due_at_the_start_of_the_next_school_day(self, incident, starts, expected) -> None:
        school = a_school(starts=starts)
        due, rule = notification_due(after=incident, recipient=school)
        assert due == expected
        assert school.name in rule

    def test_an_inset_day_is_skipped(self) -> None:
        school = a_school()
        SchoolClosure.objects.create(organisation=school, closed_on=dt.date(2027, 2, 22))
        due, _ = notification_due(after=london(2027, 2, 12, 23, 40), recipient=school)
        assert due == london(2027, 2, 23, 8, 30)

    def test_a_school_without_term_dates_falls_back_to_the_next_working_day(self) -> None:
        school = Organisation.objects.create(name="No Terms School", kind=OrganisationKind.SCHOOL)
        due, rule = notification_due(after=london(2027, 2, 12, 23, 40), recipient=school)
        assert due == london(2027, 2, 15, 8, 30)
        assert "term dates are missing" in rule


class TestSending:
    def test_the_daily_run_sends_once_however_often_it_runs(self, setting) -> None:
        pending = notification(setting)
        with use_clock(FixedClock(SATURDAY_0700)):
            assert encompass_dispatch(now=SATURDAY_0700) == 1
            assert encompass_dispatch(now=SATURDAY_0700) == 0
        pending.refresh_from_db()
        assert pending.status == NotificationStatus.SENT
        assert pending.shared_with == setting["school"]
        assert pending.sent_channel == "DAILY_RUN"
        assert pending.content["Child"] == "Zoë Ní Fhictional"
        assert pending.content["What the child said"] == "Daddy was shouting and Mummy cried"
        assert pending.content["Police reference"] == pending.incident.occurrence.reference
        assert pending.content["Child present"] == "Yes: Upstairs bedroom"
        sent = AuditEvent.objects.filter(event_type="encompass.sent")
        assert sent.count() == 1
        assert sent.get().operation == "disclosure"
        assert setting["school"].name in sent.get().recipients
        notify = StatutoryClock.objects.get(subject_id=pending.pk, kind="encompass.notify")
        assert notify.outcome == "MET"
        ack = StatutoryClock.objects.get(subject_id=pending.pk, kind="encompass.acknowledge")
        # Acknowledge within 4 hours of the next school day's start (force policy).
        assert ack.due_at == london(2027, 2, 22, 12, 30)
        assert ack.partner_organisation == setting["school"]

    def test_on_demand_then_daily_run_sends_once(self, setting) -> None:
        pending = notification(setting)
        with use_clock(FixedClock(RECORDED)):
            encompass_send(actor=setting["officer"], notification_id=pending.pk)
            encompass_send(actor=setting["officer"], notification_id=pending.pk)
            assert encompass_dispatch(now=RECORDED) == 0
        assert AuditEvent.objects.filter(event_type="encompass.sent").count() == 1

    def test_a_late_send_needs_a_reason(self, setting) -> None:
        pending = notification(setting)
        late = london(2027, 2, 22, 9, 0)
        with use_clock(FixedClock(late)), pytest.raises(NotificationInvalid) as caught:
            encompass_send(actor=setting["officer"], notification_id=pending.pk)
        assert "delay_reason" in caught.value.errors
        with use_clock(FixedClock(late)):
            encompass_send(
                actor=setting["officer"],
                notification_id=pending.pk,
                delay_reason="Officer recalled to an emergency before sending",
            )
        clock = StatutoryClock.objects.get(subject_id=pending.pk, kind="encompass.notify")
        assert clock.outcome == "BREACHED"

    def test_an_unrouted_notification_is_routed_then_sent(self, setting, make_user) -> None:
        with use_clock(FixedClock(RECORDED)):
            incident = da_incident_record(
                actor=setting["officer"],
                details=details(household()),
                children=[new_child_row(unlisted_setting_name="Somewhere Academy")],
                choices={},
            )
        waiting = EncompassNotification.objects.get(incident=incident)
        researcher = make_user(Role.MASH_RESEARCHER)
        with use_clock(FixedClock(RECORDED)):
            with pytest.raises(NotificationInvalid):
                encompass_send(actor=researcher, notification_id=waiting.pk)
            notification_route(
                actor=researcher, notification_id=waiting.pk, recipient_id=setting["school"].pk
            )
            encompass_send(actor=researcher, notification_id=waiting.pk)
        waiting.refresh_from_db()
        assert (waiting.status, waiting.recipient) == ("SENT", setting["school"])


class TestSchoolPortal:
    def test_the_dsl_sees_only_their_own_sent_notifications_and_acknowledges(self, setting) -> None:
        pending = notification(setting)
        with pytest.raises(NotFoundOrForbidden):
            notification_get(actor=setting["dsl"], notification_id=pending.pk)
        assert encompass_inbox(actor=setting["dsl"]) == []
        with use_clock(FixedClock(SATURDAY_0700)):
            encompass_dispatch(now=SATURDAY_0700)
        assert [n.pk for n in encompass_inbox(actor=setting["dsl"])] == [pending.pk]
        assert encompass_inbox(actor=setting["other_dsl"]) == []
        with pytest.raises(NotFoundOrForbidden):
            notification_get(actor=setting["other_dsl"], notification_id=pending.pk)
        with pytest.raises(NotFoundOrForbidden):
            encompass_acknowledge(actor=setting["other_dsl"], notification_id=pending.pk)
        read = notification_get(actor=setting["dsl"], notification_id=pending.pk)
        assert read.content["Child"] == "Zoë Ní Fhictional"
        consulted = AuditEvent.objects.filter(event_type="encompass.consulted").get()
        assert consulted.operation == "consultation"
        monday = london(2027, 2, 22, 9, 0)
        with use_clock(FixedClock(monday)):
            encompass_acknowledge(actor=setting["dsl"], notification_id=pending.pk)
            encompass_acknowledge(actor=setting["dsl"], notification_id=pending.pk)
        pending.refresh_from_db()
        assert pending.status == NotificationStatus.ACKNOWLEDGED
        assert pending.acknowledged_by == setting["dsl"]
        assert AuditEvent.objects.filter(event_type="encompass.acknowledged").count() == 1
        ack = StatutoryClock.objects.get(subject_id=pending.pk, kind="encompass.acknowledge")
        assert ack.outcome == "MET"

    def test_an_unacknowledged_notification_escalates(self, setting) -> None:
        from safeguard.clocks.models import ClockNotification
        from safeguard.clocks.services import clock_escalate_due

        pending = notification(setting)
        with use_clock(FixedClock(SATURDAY_0700)):
            encompass_dispatch(now=SATURDAY_0700)
        late = london(2027, 2, 22, 13, 0)
        with use_clock(FixedClock(late)):
            assert clock_escalate_due(now=late, steps=[dt.timedelta(0)]) >= 1
        ack = StatutoryClock.objects.get(subject_id=pending.pk, kind="encompass.acknowledge")
        assert ClockNotification.objects.filter(clock=ack).exists()
