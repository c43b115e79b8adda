"""The demo force's domestic abuse: incidents, child victims and Operation Encompass notifications."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections import Counter
from typing import Any

import pytest
from django.core.management import call_command

from safeguard.access.rules.capabilities import Role
from safeguard.accounts.models import OrganisationKind, User
from safeguard.accounts.selectors import school_calendar
from safeguard.clocks.models import ClockOutcome, StatutoryClock
from safeguard.core.clock import FixedClock, use_clock
from safeguard.core.rules.bank_holidays import england_and_wales_bank_holidays
from safeguard.core.rules.deadlines import next_school_day_start
from safeguard.core.rules.references import is_reference
from safeguard.demo.generator import SIZES, ForceGenerator
from safeguard.demo.loader import clock_rules
from safeguard.demo.pathways import PathwayBatch
from safeguard.domestic.models import ChildVictim, DomesticAbuseIncident, EncompassNotification
from safeguard.domestic.rules.codes import NotificationStatus, RecipientKind, RelatedTo
from safeguard.domestic.rules.encompass import SchoolAge, notification_content, school_age
from safeguard.domestic.services import encompass_acknowledge, encompass_dispatch
from safeguard.domestic.services.encompass import (
    ACKNOWLEDGE_CLOCK,
    NOTIFY_CLOCK,
    _facts,
    notification_due,
)
from safeguard.incidents.models import Occurrence
from safeguard.incidents.rules.codes import InvolvementRole, OccurrenceType
from safeguard.people.rules.age import age_on
from safeguard.referrals.models import ChildConcern

NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
TODAY = NOW.date()
YEAR_AGO = NOW - dt.timedelta(days=365)
NOTIFICATION = "domestic.encompassnotification"
SENT_STATUSES = {NotificationStatus.SENT, NotificationStatus.ACKNOWLEDGED}


def _plan(size: str, seed: int) -> list[PathwayBatch]:
    generator = ForceGenerator(seed=seed, size=SIZES[size], today=TODAY)
    generator.setting()
    for _ in generator.population():
        pass
    return list(generator.pathways(now=NOW, rules=clock_rules()))


def _domestic_rows(batches: list[PathwayBatch]) -> tuple[list[Any], list[Any], list[Any]]:
    return (
        [row for b in batches for row in b.da_incidents],
        [row for b in batches for row in b.child_victims],
        [row for b in batches for row in b.notifications],
    )


@pytest.fixture
def seeded(db: Any) -> None:
    with use_clock(FixedClock(NOW)):
        call_command("seed_demo", size="tiny", seed=1, stdout=io.StringIO(), stderr=io.StringIO())


def _age(person: Any, on: dt.date) -> int | None:
    return age_on(
        on=on,
        date_of_birth=person.date_of_birth,
        estimated_age=person.estimated_age,
        estimated_on=person.estimated_on,
    )


class TestDomesticPlan:
    def test_the_same_seed_gives_the_same_rows(self) -> None:
        first = _domestic_rows(_plan("tiny", 1))
        assert first == _domestic_rows(_plan("tiny", 1))
        assert all(first)

    def test_another_seed_gives_other_rows(self) -> None:
        first = [n.child_victim_id for n in _domestic_rows(_plan("tiny", 1))[2]]
        second = [n.child_victim_id for n in _domestic_rows(_plan("tiny", 2))[2]]
        assert first != second

    def test_every_instant_is_before_now_and_in_order(self) -> None:
        incidents, victims, notifications = _domestic_rows(_plan("tiny", 1))
        for row in [*incidents, *victims, *notifications]:
            for name, value in dataclasses.asdict(row).items():
                if isinstance(value, dt.datetime) and name != "due_at":
                    assert YEAR_AGO <= value <= NOW, (name, row)
        for n in notifications:
            if n.sent_at is not None:
                assert n.created_at <= n.sent_at
            if n.acknowledged_at is not None:
                assert n.sent_at is not None
                assert n.sent_at <= n.acknowledged_at

    def test_the_demo_size_has_every_status_and_some_late(self) -> None:
        # given
        notifications = _domestic_rows(_plan("demo", 1))[2]
        statuses = Counter(n.status for n in notifications)
        sent = [n for n in notifications if n.sent_at is not None]
        late = [n for n in sent if n.sent_at > n.due_at]
        # then
        assert set(statuses) == {s.value for s in NotificationStatus}
        assert statuses[NotificationStatus.ACKNOWLEDGED] > 0.75 * len(notifications)
        assert 0.02 * len(sent) <= len(late) <= 0.2 * len(sent)
        assert {n.sent_channel for n in sent} == {"DAILY_RUN", "ON_DEMAND"}


@pytest.mark.django_db
class TestSeededDomesticAbuse:
    def test_every_domestic_abuse_occurrence_has_one_incident_with_adult_parties(
        self, seeded: None
    ) -> None:
        occurrences = Occurrence.objects.filter(occurrence_type=OccurrenceType.DOMESTIC_ABUSE)
        assert occurrences.exists()
        assert DomesticAbuseIncident.objects.count() == occurrences.count()
        for occurrence in occurrences.prefetch_related("involvements"):
            incident = DomesticAbuseIncident.objects.select_related("victim", "suspect").get(
                occurrence=occurrence
            )
            roles = {(i.person_id, i.role) for i in occurrence.involvements.all()}
            assert (incident.victim_id, InvolvementRole.VICTIM) in roles
            assert (incident.suspect_id, InvolvementRole.SUSPECT) in roles
            assert incident.victim_id != incident.suspect_id
            on = occurrence.occurred_at.date()
            for party in (incident.victim, incident.suspect):
                age = _age(party, on)
                assert age is None or age >= 18
            assert incident.recorded_by_id == occurrence.recorded_by_id
            assert incident.owning_team_id == occurrence.owning_team_id
            assert incident.created_at == occurrence.created_at

    def test_every_child_involved_has_a_child_victim_record(self, seeded: None) -> None:
        victims = 0
        for incident in DomesticAbuseIncident.objects.select_related("occurrence"):
            children = incident.occurrence.involvements.filter(
                role__in=[InvolvementRole.CHILD_PRESENT, InvolvementRole.CHILD_IN_HOUSEHOLD]
            )
            records = {v.child_id: v for v in incident.child_victims.all()}
            assert set(records) == {i.person_id for i in children}
            for involvement in children:
                victim = records[involvement.person_id]
                present = involvement.role == InvolvementRole.CHILD_PRESENT
                assert victim.present == present
                assert bool(victim.where_present) == present
                assert victim.saw or victim.heard or victim.experienced_effects
                concern = ChildConcern.objects.get(
                    occurrence=incident.occurrence, child_id=victim.child_id
                )
                assert victim.concern_id == concern.pk
                victims += 1
        assert victims > 0
        assert ChildVictim.objects.count() == victims

    def test_related_children_of_school_age_are_notified(self, seeded: None) -> None:
        for victim in ChildVictim.objects.select_related("child", "incident__occurrence"):
            on = victim.incident.occurrence.occurred_at.date()
            child = victim.child
            age = school_age(on=on, date_of_birth=child.date_of_birth, age=_age(child, on))
            expected = victim.related_to != RelatedTo.NEITHER and age not in (
                SchoolAge.BELOW_RECEPTION,
                SchoolAge.ADULT,
            )
            assert EncompassNotification.objects.filter(child_victim=victim).exists() == expected

    def test_due_times_follow_each_schools_calendar(self, seeded: None) -> None:
        notifications = EncompassNotification.objects.select_related(
            "recipient", "incident__occurrence"
        )
        schools = 0
        for notification in notifications:
            occurred = notification.incident.occurrence.occurred_at
            assert (notification.due_at, notification.due_rule) == notification_due(
                after=occurred, recipient=notification.recipient
            )
            recipient = notification.recipient
            if recipient is not None and recipient.kind == OrganisationKind.SCHOOL:
                schools += 1
                assert notification.due_at == next_school_day_start(
                    after=occurred,
                    calendar=school_calendar(organisation_id=recipient.pk),
                    bank_holidays=england_and_wales_bank_holidays(
                        years=[occurred.year, occurred.year + 1]
                    ),
                )
        assert schools > 0

    def test_statuses_keep_the_constraints_and_the_order_of_events(self, seeded: None) -> None:
        notifications = EncompassNotification.objects.select_related(
            "incident__occurrence", "child_victim__child", "acknowledged_by__organisation"
        )
        statuses = Counter(n.status for n in notifications)
        assert statuses[NotificationStatus.PENDING] >= 1
        assert statuses[NotificationStatus.UNROUTED] >= 1
        assert statuses[NotificationStatus.ACKNOWLEDGED] >= 1
        for notification in notifications:
            occurrence = notification.incident.occurrence
            assert is_reference(notification.reference)
            assert notification.reference.startswith("OE-")
            assert notification.created_at == occurrence.created_at
            assert notification.owning_team_id == occurrence.owning_team_id
            if notification.status == NotificationStatus.UNROUTED:
                child = notification.child_victim.child
                assert notification.recipient_id is None
                assert notification.unlisted_setting_name == ""
                assert child.education_setting_id is None
                assert not child.home_educated
            else:
                assert notification.recipient_id is not None
            if notification.status in SENT_STATUSES:
                self._assert_sent(notification, occurrence)
            else:
                assert notification.sent_at is None
                assert notification.shared_with_id is None
                assert notification.content == {}
            if notification.status == NotificationStatus.ACKNOWLEDGED:
                dsl = notification.acknowledged_by
                assert dsl is not None
                assert dsl.organisation_id == notification.recipient_id
                assert list(dsl.groups.values_list("name", flat=True)) == [Role.SCHOOL_DSL.value]
                assert notification.sent_at is not None
                assert notification.acknowledged_at is not None
                assert notification.sent_at <= notification.acknowledged_at <= NOW
            else:
                assert notification.acknowledged_at is None

    @staticmethod
    def _assert_sent(notification: EncompassNotification, occurrence: Occurrence) -> None:
        assert notification.sent_at is not None
        assert occurrence.occurred_at <= occurrence.created_at <= notification.sent_at <= NOW
        assert notification.shared_with_id == notification.recipient_id
        assert notification.sent_channel in {"DAILY_RUN", "ON_DEMAND"}
        assert (notification.sent_by_id is None) == (notification.sent_channel == "DAILY_RUN")
        assert notification.content == notification_content(_facts(notification))
        assert notification.content["Police reference"] == occurrence.reference
        kind = (
            RecipientKind.LOCAL_AUTHORITY
            if notification.child_victim.child.home_educated
            else RecipientKind.SCHOOL
        )
        assert notification.recipient_kind == kind

    def test_clocks_agree_with_their_notifications(self, seeded: None) -> None:
        for notification in EncompassNotification.objects.select_related(
            "recipient", "incident__occurrence"
        ):
            clocks = {
                c.kind: c
                for c in StatutoryClock.objects.filter(
                    subject_type=NOTIFICATION, subject_id=notification.pk
                )
            }
            notify = clocks[NOTIFY_CLOCK]
            assert notify.started_at == notification.incident.occurrence.occurred_at
            assert notify.due_at == notification.due_at
            assert notify.rule == notification.due_rule
            assert notify.stopped_at == notification.sent_at
            assert notify.owner_team is not None
            assert notify.owner_team.code == "MASH"
            self._assert_outcome(notify)
            if notification.sent_at is None:
                assert set(clocks) == {NOTIFY_CLOCK}
                continue
            acknowledge = clocks[ACKNOWLEDGE_CLOCK]
            day_start, _rule = notification_due(
                after=notification.sent_at, recipient=notification.recipient
            )
            assert acknowledge.started_at == notification.sent_at
            assert acknowledge.due_at == day_start + dt.timedelta(hours=4)
            assert acknowledge.partner_organisation_id == notification.recipient_id
            assert acknowledge.stopped_at == notification.acknowledged_at
            assert acknowledge.stopped_by_id == notification.acknowledged_by_id
            self._assert_outcome(acknowledge)

    @staticmethod
    def _assert_outcome(clock: StatutoryClock) -> None:
        if clock.stopped_at is None:
            assert clock.outcome == ClockOutcome.RUNNING
        elif clock.stopped_at <= clock.due_at:
            assert clock.outcome == ClockOutcome.MET
            assert clock.breach_reason == ""
        else:
            assert clock.outcome == ClockOutcome.BREACHED
            assert clock.breach_reason

    def test_the_demo_school_accounts_inbox_starts_empty(self, seeded: None) -> None:
        # The walkthrough (tests/journeys) sends the first notification this school sees.
        school = User.objects.get(username="school").organisation
        assert school is not None
        assert not EncompassNotification.objects.filter(recipient=school).exists()
        assert EncompassNotification.objects.exclude(recipient=None).exists()

    def test_the_daily_run_and_the_schools_can_work_the_demo_notifications(
        self, seeded: None
    ) -> None:
        # given
        pending = set(
            EncompassNotification.objects.filter(status=NotificationStatus.PENDING).values_list(
                "pk", flat=True
            )
        )
        next_run = NOW + dt.timedelta(days=1)
        # when
        with use_clock(FixedClock(next_run)):
            sent = encompass_dispatch(now=next_run)
        # then
        assert sent == len(pending) >= 1
        notification = EncompassNotification.objects.select_related("recipient").get(
            pk=min(pending)
        )
        assert notification.status == NotificationStatus.SENT
        dsl = notification.recipient.users.get() if notification.recipient else None
        assert dsl is not None
        with use_clock(FixedClock(next_run + dt.timedelta(minutes=5))):
            encompass_acknowledge(actor=dsl, notification_id=notification.pk)
        notification.refresh_from_db()
        assert notification.status == NotificationStatus.ACKNOWLEDGED
