from __future__ import annotations

import datetime as dt

import pytest

from safeguard.access.rules.capabilities import Role
from safeguard.core.clock import FixedClock, use_clock
from safeguard.domestic.models import DomesticAbuseIncident, EncompassNotification
from safeguard.domestic.rules.children import ResolutionChoice
from safeguard.domestic.rules.codes import Resolution
from safeguard.domestic.rules.indicators import (
    IncidentFact,
    NotificationFact,
    share_notified_on_time,
    share_referred,
)
from safeguard.domestic.selectors import _rows, indicator_facts
from safeguard.domestic.services import IncidentInvalid, da_incident_record, encompass_dispatch
from safeguard.domestic.tests.factories import a_school, details, household, london, new_child_row
from safeguard.referrals.models import Referral
from safeguard.referrals.tests.factories import a_referral, social_care

pytestmark = pytest.mark.django_db


def test_facts_from_live_records_feed_the_indicators(make_user) -> None:
    officer = make_user(Role.RESPONSE_OFFICER)
    school = a_school()
    with use_clock(FixedClock(london(2027, 2, 12, 23, 55))):
        da_incident_record(
            actor=officer,
            details=details(household()),
            children=[new_child_row(school)],
            choices={},
        )
        da_incident_record(actor=officer, details=details(household()), children=[], choices={})
    with use_clock(FixedClock(london(2027, 2, 13, 7, 0))):
        encompass_dispatch(now=london(2027, 2, 13, 7, 0))
    facts = indicator_facts(since=london(2027, 2, 1, 0, 0), until=london(2027, 3, 1, 0, 0))
    assert len(facts) == 1  # the incident without a child is not counted
    assert facts[0].children_recorded == 1
    assert share_notified_on_time(facts).value == 1.0
    assert share_referred(facts).value == 0.0  # concern raised, not yet referred


def _expected_facts(since, until) -> list[IncidentFact]:
    """The facts read the plain way: model by model, counted in Python (issue 9's definition)."""
    in_period = [
        i
        for i in DomesticAbuseIncident.objects.select_related("occurrence")
        if since <= i.occurrence.occurred_at < until and i.child_victims.exists()
    ]
    concerns = {v.concern_id for i in in_period for v in i.child_victims.all() if v.concern_id}
    accounted = {Resolution.RECORDED, Resolution.DISMISSED}
    facts = [
        IncidentFact(
            occurred_at=i.occurrence.occurred_at,
            children_detected=len(detected := list(i.detected_children.all())),
            children_accounted_for=sum(1 for d in detected if d.resolution in accounted),
            children_recorded=i.child_victims.count(),
            notifications=tuple(
                NotificationFact(due_at=n.due_at, sent_at=n.sent_at)
                for n in sorted(i.notifications.all(), key=lambda n: (n.due_at, n.pk))
            ),
            children_referred=sum(
                1
                for r in Referral.objects.select_related("concern")
                if r.concern_id in concerns and r.concern.occurrence_id == i.occurrence_id
            ),
            referral_waived=i.referral_waived_at is not None,
            subject_id=i.pk,
        )
        for i in in_period
    ]
    return sorted(facts, key=lambda f: (f.occurred_at, f.subject_id))


def test_facts_count_children_notifications_detected_referrals_and_waivers(
    make_user,
) -> None:
    officer = make_user(Role.RESPONSE_OFFICER)
    researcher = make_user(Role.MASH_RESEARCHER)
    school = a_school()
    narrative = "The baby was asleep upstairs during the argument."
    with use_clock(FixedClock(london(2027, 2, 12, 23, 55))):
        with pytest.raises(IncidentInvalid) as caught:
            da_incident_record(
                actor=officer,
                details=details(household(), narrative=narrative),
                children=[],
                choices={},
            )
        key = caught.value.unresolved[0].key
        two_children = da_incident_record(
            actor=officer,
            details=details(household(), narrative=narrative),
            children=[new_child_row(school), new_child_row(school)],
            choices={key: ResolutionChoice(key=key, dismissed_reason="A doll: no baby lives here")},
        )
        waived = da_incident_record(
            actor=officer,
            details=details(household(), occurred_at=london(2027, 2, 12, 22, 0)),
            children=[new_child_row()],  # no school: the notification waits, unsent
            choices={},
        )
        da_incident_record(actor=officer, details=details(household()), children=[], choices={})
        da_incident_record(
            actor=officer,
            details=details(household(), occurred_at=london(2027, 1, 20, 9, 0)),
            children=[new_child_row(school)],
            choices={},
        )
    with use_clock(FixedClock(london(2027, 2, 13, 7, 0))):
        encompass_dispatch(now=london(2027, 2, 13, 7, 0))
    DomesticAbuseIncident.objects.filter(pk=waived.pk).update(
        referral_waived_at=london(2027, 2, 13, 9, 0),
        referral_waived_by=officer,
        referral_waiver_reason="Already open to children's social care",
    )
    # Two referrals for the first child's concern, none for the second.
    concern_id = two_children.child_victims.order_by("pk")[0].concern_id
    with use_clock(FixedClock(london(2027, 2, 13, 11, 0))):
        for _ in range(2):
            referral = a_referral(officer, researcher, social_care(), at=london(2027, 2, 13, 10))
            Referral.objects.filter(pk=referral.pk).update(concern_id=concern_id)
    since, until = london(2027, 2, 1, 0, 0), london(2027, 3, 1, 0, 0)

    facts = indicator_facts(since=since, until=until)

    assert facts == _expected_facts(since, until)
    assert [f.subject_id for f in facts] == [waived.pk, two_children.pk]  # by time
    waived_fact, two = facts
    assert waived_fact.referral_waived
    assert [n.sent_at for n in waived_fact.notifications] == [None]
    assert (two.children_recorded, two.children_referred, len(two.notifications)) == (2, 2, 2)
    assert (two.children_detected, two.children_accounted_for) == (1, 1)
    times = [f.occurred_at for f in facts] + [
        t for f in facts for n in f.notifications for t in (n.due_at, n.sent_at) if t
    ]
    assert all(t.tzinfo is dt.UTC for t in times)
    # The rows as read for the facts are the rows Django reads (PostgreSQL: another loader).
    rows = EncompassNotification.objects.order_by("pk").values_list(
        "pk",
        "incident__occurrence__occurred_at",
        "due_at",
        "sent_at",
        "incident__referral_waived_at",
    )
    assert _rows(rows) == list(rows)
    assert [type(v.tzinfo) for row in _rows(rows) for v in row[1:] if v] == [
        type(v.tzinfo) for row in rows for v in row[1:] if v
    ]
