"""Each inspection indicator on a small hand-built data set with a known answer (issue 9).

The indicators that read another app's pure indicator functions (domestic, missing) are
tested against those functions' own hand-built sets in their apps; here each is run
through the registry on rows made for it, and the ones computed here are checked exactly.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from safeguard.clocks.models import StatutoryClock
from safeguard.core.clock import FixedClock, use_clock
from safeguard.inspection.indicators import INDICATORS, Period
from safeguard.inspection.rules.areas import Area
from safeguard.linkage.models import LinkageRun, LinkCandidate
from safeguard.people.models import PersonLink
from safeguard.people.tests.factories import make_person

pytestmark = pytest.mark.django_db

SINCE = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
UNTIL = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
PERIOD = Period(SINCE, UNTIL)
BY_CODE = {i.code: i for i in INDICATORS}


def _clock(
    team, *, due: dt.datetime, stopped: dt.datetime | None, outcome: str, owner=None
) -> None:
    StatutoryClock.objects.create(
        subject_type="referrals.referral",
        subject_id=uuid.uuid4(),
        kind="test.kind",
        label="Test",
        started_at=SINCE - dt.timedelta(days=1),
        due_at=due,
        rule="r",
        rule_source="s",
        rule_version="v",
        owner_team=team,
        owner_user=owner,
        stopped_at=stopped,
        outcome=outcome,
        breach_reason="Late: test" if outcome == "BREACHED" else "",
    )


def test_every_indicator_has_an_area_a_definition_and_a_source() -> None:
    assert {i.area for i in INDICATORS} >= {
        Area.LEADERSHIP,
        Area.PARTNERSHIP,
        Area.INITIAL_RESPONSE,
        Area.RISK_AND_REFERRAL,
        Area.INVESTIGATION,
        Area.DATA_QUALITY,
        Area.WORKFORCE,
    }
    assert len({i.code for i in INDICATORS}) == len(INDICATORS)
    for indicator in INDICATORS:
        assert indicator.definition
        assert indicator.source
        assert indicator.title


def test_nothing_to_measure_is_no_data_never_zero() -> None:
    for indicator in INDICATORS:
        assert indicator.compute(PERIOD).value is None, indicator.code


def test_clocks_met(team) -> None:
    inside = SINCE + dt.timedelta(days=3)
    _clock(team, due=inside, stopped=inside - dt.timedelta(hours=1), outcome="MET")
    _clock(team, due=inside, stopped=inside + dt.timedelta(hours=1), outcome="BREACHED")
    _clock(team, due=inside, stopped=inside, outcome="MET")
    _clock(
        team, due=UNTIL + dt.timedelta(days=1), stopped=UNTIL + dt.timedelta(hours=1), outcome="MET"
    )  # after
    _clock(team, due=inside, stopped=None, outcome="RUNNING")  # not stopped
    share = BY_CODE["clocks_met"].compute(PERIOD).share
    assert share is not None
    assert (share.numerator, share.denominator) == (2, 3)


def test_ethnicity_recorded() -> None:
    with use_clock(FixedClock(SINCE + dt.timedelta(days=1))):
        make_person(self_defined_ethnicity="W1")
        make_person(self_defined_ethnicity="NOT_STATED")  # declined: asked and recorded
        make_person(self_defined_ethnicity="NOT_ASKED")
    with use_clock(FixedClock(UNTIL + dt.timedelta(days=1))):
        make_person(self_defined_ethnicity="NOT_ASKED")  # outside the period
    share = BY_CODE["ethnicity_recorded"].compute(PERIOD).share
    assert share is not None
    assert (share.numerator, share.denominator) == (2, 3)


def test_duplicates_awaiting_review(make_user) -> None:
    from safeguard.access.rules.capabilities import Role

    a, b, c, d = (make_person() for _ in range(4))
    run = LinkageRun.objects.create(
        source="PEOPLE",
        model_version="people-v1",
        link_threshold=0.95,
        review_threshold=0.5,
        records=4,
        pairs_scored=2,
        clusters_with_more_than_one=0,
        seconds=0.1,
    )
    LinkCandidate.objects.create(run=run, left=a, right=b, match_probability=0.7)
    LinkCandidate.objects.create(run=run, left=c, right=d, match_probability=0.6)
    left, right = sorted((c, d), key=lambda p: str(p.pk))
    PersonLink.objects.create(
        left=left,
        right=right,
        decision="DIFFERENT",
        source="REVIEW",
        reason="Twins, checked",
        decided_by=make_user(Role.MASH_RESEARCHER),
        decided_at=SINCE,
    )
    assert BY_CODE["duplicates_awaiting"].compute(PERIOD).count == 1


def test_caseload_per_officer(team, make_user) -> None:
    from safeguard.access.rules.capabilities import Role

    one, two = make_user(Role.INVESTIGATOR), make_user(Role.INVESTIGATOR)
    later = UNTIL + dt.timedelta(days=3)
    for owner in (one, one, one, two):
        _clock(team, due=later, stopped=None, outcome="RUNNING", owner=owner)
    assert BY_CODE["caseload"].compute(PERIOD).count == 2.0


def test_online_referrals_acted_in_time_and_children_referred(make_user) -> None:
    from safeguard.access.rules.capabilities import Role
    from safeguard.online_abuse.rules.codes import ChildDecision, Stage
    from safeguard.online_abuse.services import (
        child_decide,
        referral_advance,
        referral_grade,
        referral_receive,
    )
    from safeguard.online_abuse.tests.support import household, package
    from safeguard.risk.rules.kirat import KIRAT_V2

    investigator = make_user(Role.INVESTIGATOR)
    household()
    received = SINCE + dt.timedelta(days=2)
    answers = {q.code: "NO" for q in KIRAT_V2.questions} | {"CHILDREN_IN_HOUSEHOLD": "YES"}
    with use_clock(FixedClock(received + dt.timedelta(hours=1))):
        acted = referral_receive(actor=investigator, data=package(received_at=received.isoformat()))
        late = referral_receive(
            actor=investigator, data=package(reference="NCA-2", received_at=received.isoformat())
        )
        for referral in (acted, late):
            referral_grade(actor=investigator, referral_id=referral.pk, answers=answers)
        row = acted.children.first()
        assert row is not None
        child_decide(
            actor=investigator,
            child_row_id=row.pk,
            decision=ChildDecision.REFER,
            reason="Lives with the suspect; refer now",
        )
        other = acted.children.exclude(pk=row.pk).first()
        assert other is not None
        child_decide(
            actor=investigator,
            child_row_id=other.pk,
            decision=ChildDecision.NO_FURTHER_ACTION,
            reason="Visited, no access to the suspect",
        )
    with use_clock(FixedClock(received + dt.timedelta(days=2))):
        referral_advance(actor=investigator, referral_id=acted.pk, stage=Stage.ENFORCEMENT)
    acted_share = BY_CODE["online_acted_in_time"].compute(PERIOD).share
    referred = BY_CODE["online_children_referred"].compute(PERIOD).share
    assert acted_share is not None
    assert referred is not None
    # one met; the other's 7 days ran out before the period ended: late
    assert (acted_share.numerator, acted_share.denominator) == (1, 2)
    # four children listed (two per referral); one referred
    assert (referred.numerator, referred.denominator) == (1, 4)


def test_child_deaths_assigned_home_visits_and_siblings(make_user) -> None:
    from safeguard.access.rules.capabilities import Role
    from safeguard.child_deaths.models import ChecklistItem, ResponseAssignment
    from safeguard.child_deaths.services import ResponseDetails, response_start
    from safeguard.people.models import Address, PersonAddress

    officer = make_user(Role.RESPONSE_OFFICER)
    reported = SINCE + dt.timedelta(days=5)
    home = Address.objects.create(line_1="2 Test Row", town="Stafford", postcode="ST16 1ZZ")
    baby = make_person(date_of_birth=dt.date(2026, 6, 1))
    sister = make_person(date_of_birth=dt.date(2020, 6, 1))
    for person in (baby, sister):
        PersonAddress.objects.create(person=person, address=home, starts_on=dt.date(2026, 6, 1))
    details = ResponseDetails(
        child_id=baby.pk,
        died_at=reported - dt.timedelta(hours=1),
        reported_at=reported,
        place="Home",
        circumstances="Fictional",
        criteria=["SUDDEN_NO_CAUSE"],
    )
    with use_clock(FixedClock(reported)):
        first = response_start(actor=officer, details=details)
    with use_clock(FixedClock(reported + dt.timedelta(days=1))):
        second = response_start(actor=officer, details=details)
    ResponseAssignment.objects.create(
        response=first,
        officer=make_user(Role.INVESTIGATOR),
        duty="DETECTIVE",
        state="ACCEPTED",
        offered_at=reported,
        accepted_at=reported + dt.timedelta(minutes=5),
    )
    ChecklistItem.objects.filter(response=first, code="JOINT_HOME_VISIT").update(
        state="DONE", done_at=reported + dt.timedelta(hours=20)
    )
    assigned = BY_CODE["child_death_assigned"].compute(PERIOD).share
    visits = BY_CODE["child_death_home_visits"].compute(PERIOD).share
    decided = BY_CODE["household_children_decided"].compute(PERIOD).share
    assert assigned is not None
    assert visits is not None
    assert decided is not None
    assert (assigned.numerator, assigned.denominator) == (1, 2)
    assert (visits.numerator, visits.denominator) == (1, 2)  # the second's visit is overdue
    assert (decided.numerator, decided.denominator) == (0, 2)
    assert second.children.count() == 1


def test_business_concerns_actioned(make_user) -> None:
    """Three concerns sent in October: one actioned in October, one in November (after the
    period), one never; one sent in November is outside. So 1 of 3."""
    from safeguard.access.rules.capabilities import Role
    from safeguard.places.services import concern_submit, concern_triage
    from safeguard.places.tests.support import concern_input, hotel, mash, place_of

    team = mash()
    researcher = make_user(Role.MASH_RESEARCHER, user_team=team)
    organisation = hotel()
    reporter = make_user(Role.HOTEL_REPORTER, organisation=organisation)
    place = place_of(organisation, researcher)
    answers = dict.fromkeys(
        ("THREAT", "HARM", "RISK", "INVESTIGATION", "VULNERABILITY", "ENGAGEMENT"), "MEDIUM"
    )

    def send(when: dt.datetime):
        with use_clock(FixedClock(when)):
            return concern_submit(
                actor=reporter,
                place_id=place.pk,
                details=concern_input(still_on_site=False, seen_at=when - dt.timedelta(minutes=30)),
            )

    def action(concern, when: dt.datetime) -> None:
        with use_clock(FixedClock(when)):
            concern_triage(
                actor=researcher,
                concern_id=concern.pk,
                answers=answers,
                action_taken="Visited the hotel and spoke to the manager",
                breach_reason="Waited for the CCTV from the hotel",
            )

    first = send(SINCE + dt.timedelta(days=2))
    action(first, SINCE + dt.timedelta(days=2, hours=3))
    second = send(SINCE + dt.timedelta(days=20))
    action(second, UNTIL + dt.timedelta(days=1))
    send(SINCE + dt.timedelta(days=25))
    send(UNTIL + dt.timedelta(days=2))
    indicator = BY_CODE["business_concerns_actioned"]
    assert indicator.area is Area.PARTNERSHIP
    share = indicator.compute(PERIOD).share
    assert share is not None
    assert (share.numerator, share.denominator) == (1, 3)
    assert indicator.parts is not None
    missed = [p.subject_id for p in indicator.parts(PERIOD) if p.missed]
    assert first.pk not in missed
    assert second.pk in missed


def test_the_dashboard_reads_an_app_s_facts_once_for_all_its_indicators() -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from safeguard.inspection.indicators import facts_read_once

    domestic = [BY_CODE["encompass_on_time"], BY_CODE["da_children_recorded"]]
    with CaptureQueriesContext(connection) as each_alone:
        alone = [i.compute(PERIOD) for i in domestic]
    with CaptureQueriesContext(connection) as together, facts_read_once():
        shared = [i.compute(PERIOD) for i in domestic]
    assert shared == alone
    assert len(each_alone.captured_queries) == 2 * len(together.captured_queries) > 0
    # Outside the block nothing is kept: the next reading sees new rows.
    with CaptureQueriesContext(connection) as after:
        BY_CODE["encompass_on_time"].compute(PERIOD)
    assert len(after.captured_queries) == len(together.captured_queries)
