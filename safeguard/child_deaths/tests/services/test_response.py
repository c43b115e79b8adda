"""A child's unexpected death at 03:10 on a Sunday: the trained officer on call is asked,
escalation when nobody accepts, the checklist, the children of the household."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from safeguard.access.rules.capabilities import Role
from safeguard.accounts.models import User
from safeguard.audit.models import AuditEvent
from safeguard.child_deaths.models import ChecklistItem, HouseholdChild, ResponseAssignment
from safeguard.child_deaths.rules.codes import Duty, SiblingDecision
from safeguard.child_deaths.services import (
    ChildDeathInvalid,
    ResponseDetails,
    assignment_accept,
    checklist_item_record,
    household_child_decide,
    response_start,
    responses_escalate_due,
    shift_record,
    training_record,
)
from safeguard.core.clock import FixedClock, use_clock
from safeguard.core.exceptions import NotFoundOrForbidden
from safeguard.people.models import Address, PersonAddress
from safeguard.people.tests.factories import make_person

pytestmark = pytest.mark.django_db

SUNDAY_0310 = dt.datetime(2027, 1, 10, 3, 10, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)


@pytest.fixture
def people(make_user: Callable[..., User]) -> dict[str, User]:
    return {
        "supervisor": make_user(Role.SUPERVISOR),
        "officer": make_user(Role.RESPONSE_OFFICER),
        "first": make_user(Role.INVESTIGATOR, username="det_first"),
        "second": make_user(Role.INVESTIGATOR, username="det_second"),
        "senior": make_user(Role.ON_CALL_SENIOR_OFFICER, username="senior_oncall"),
    }


def _rota(people: dict[str, User]) -> None:
    boss = people["supervisor"]
    with use_clock(FixedClock(SUNDAY_0310 - dt.timedelta(days=3))):
        for name in ("first", "second", "senior"):
            training_record(
                actor=boss,
                officer_username=people[name].username,
                course="Child death investigation (fictional course)",
                completed_on=dt.date(2026, 6, 1),
                expires_on=dt.date(2028, 6, 1),
            )
        start, end = SUNDAY_0310 - dt.timedelta(hours=5), SUNDAY_0310 + dt.timedelta(hours=5)
        shift_record(
            actor=boss,
            officer_username="det_first",
            duty=Duty.DETECTIVE,
            starts_at=start,
            ends_at=end,
            rank=1,
        )
        shift_record(
            actor=boss,
            officer_username="det_second",
            duty=Duty.DETECTIVE,
            starts_at=start,
            ends_at=end,
            rank=2,
        )
        shift_record(
            actor=boss,
            officer_username="senior_oncall",
            duty=Duty.SENIOR_OFFICER,
            starts_at=start,
            ends_at=end,
        )


def _family():
    home = Address.objects.create(line_1="1 Fictional Close", town="Stafford", postcode="ST16 3AA")
    child = make_person(
        given_name="Baby", family_name="Fictionaldeath", date_of_birth=dt.date(2026, 8, 1)
    )
    sibling = make_person(
        given_name="Sister", family_name="Fictionaldeath", date_of_birth=dt.date(2022, 2, 2)
    )
    for person in (child, sibling):
        PersonAddress.objects.create(person=person, address=home, starts_on=dt.date(2026, 8, 1))
    return child, sibling


def _details(child_id, **changes) -> ResponseDetails:
    values = {
        "child_id": child_id,
        "died_at": SUNDAY_0310 - dt.timedelta(minutes=40),
        "reported_at": SUNDAY_0310,
        "place": "Home address",
        "circumstances": "Infant found unresponsive in a cot (fictional)",
        "criteria": ["SUDDEN_NO_CAUSE"],
    }
    values.update(changes)
    return ResponseDetails(**values)


def test_the_trained_officer_on_call_is_asked_and_escalation_reaches_the_next_and_the_senior(
    people: dict[str, User],
) -> None:
    _rota(people)
    child, sibling = _family()
    with use_clock(FixedClock(SUNDAY_0310 + MINUTE)):
        response = response_start(actor=people["officer"], details=_details(child.pk))
    asked = ResponseAssignment.objects.get(response=response)
    assert (asked.officer, asked.state) == (people["first"], "OFFERED")
    assert asked.accept_by == SUNDAY_0310 + MINUTE + dt.timedelta(minutes=15)
    assert [h.child for h in HouseholdChild.objects.filter(response=response)] == [sibling]
    assert ChecklistItem.objects.filter(response=response).count() == 11
    # 10 minutes on: still within the time, nothing changes
    with use_clock(FixedClock(SUNDAY_0310 + 11 * MINUTE)):
        assert responses_escalate_due() == 0
    # 20 minutes on: timed out, the next is asked and the senior officer told; twice is once
    with use_clock(FixedClock(SUNDAY_0310 + 20 * MINUTE)):
        assert responses_escalate_due() == 3
        assert responses_escalate_due() == 0
    states = {(a.officer.username, a.duty, a.state) for a in response.assignments.all()}
    assert states == {
        ("det_first", "DETECTIVE", "TIMED_OUT"),
        ("det_second", "DETECTIVE", "OFFERED"),
        ("senior_oncall", "SENIOR_OFFICER", "INFORMED"),
    }
    with use_clock(FixedClock(SUNDAY_0310 + 25 * MINUTE)):
        accepted = assignment_accept(actor=people["second"], response_id=response.pk)
        with pytest.raises(ChildDeathInvalid, match="already accepted"):
            assignment_accept(actor=people["first"], response_id=response.pk)
        assert responses_escalate_due() == 0
    assert accepted.accepted_at == SUNDAY_0310 + 25 * MINUTE
    assert AuditEvent.objects.filter(event_type="child_death.escalated").count() == 2


def test_nobody_trained_on_call_tells_the_senior_at_once(people: dict[str, User]) -> None:
    boss = people["supervisor"]
    with use_clock(FixedClock(SUNDAY_0310 - dt.timedelta(days=1))):
        training_record(
            actor=boss,
            officer_username="senior_oncall",
            course="Fictional course",
            completed_on=dt.date(2026, 1, 1),
            expires_on=dt.date(2028, 1, 1),
        )
        shift_record(
            actor=boss,
            officer_username="senior_oncall",
            duty=Duty.SENIOR_OFFICER,
            starts_at=SUNDAY_0310 - dt.timedelta(hours=4),
            ends_at=SUNDAY_0310 + dt.timedelta(hours=4),
        )
        # a detective on call whose training has expired does not count
        training_record(
            actor=boss,
            officer_username="det_first",
            course="Fictional course",
            completed_on=dt.date(2023, 1, 1),
            expires_on=dt.date(2026, 1, 1),
        )
        shift_record(
            actor=boss,
            officer_username="det_first",
            duty=Duty.DETECTIVE,
            starts_at=SUNDAY_0310 - dt.timedelta(hours=4),
            ends_at=SUNDAY_0310 + dt.timedelta(hours=4),
        )
    child, _ = _family()
    with use_clock(FixedClock(SUNDAY_0310 + MINUTE)):
        response = response_start(actor=people["officer"], details=_details(child.pk))
    told = ResponseAssignment.objects.get(response=response)
    assert (told.officer.username, told.state) == ("senior_oncall", "INFORMED")
    assert "No other trained officer is on call" in told.reason


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"died_at": None}, "died_at"),
        ({"reported_at": SUNDAY_0310 - dt.timedelta(hours=2)}, "reported_at"),
        (
            {
                "died_at": SUNDAY_0310 + dt.timedelta(hours=1),
                "reported_at": SUNDAY_0310 + dt.timedelta(hours=1),
            },
            "died_at",
        ),
        ({"criteria": []}, "criteria"),
        ({"criteria": ["MADE_UP"]}, "criteria"),
        ({"place": " "}, "place"),
    ],
)
def test_bad_responses_are_refused_with_the_field(
    people: dict[str, User], changes, field: str
) -> None:
    child, _ = _family()
    with use_clock(FixedClock(SUNDAY_0310 + MINUTE)), pytest.raises(ChildDeathInvalid) as caught:
        response_start(actor=people["officer"], details=_details(child.pk, **changes))
    assert field in caught.value.errors


def test_overlapping_shifts_are_refused(people: dict[str, User]) -> None:
    boss = people["supervisor"]
    start = SUNDAY_0310
    with use_clock(FixedClock(SUNDAY_0310 - dt.timedelta(days=1))):
        shift_record(
            actor=boss,
            officer_username="det_first",
            duty=Duty.DETECTIVE,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=8),
        )
        with pytest.raises(ChildDeathInvalid, match="already on call"):
            shift_record(
                actor=boss,
                officer_username="det_first",
                duty=Duty.SENIOR_OFFICER,
                starts_at=start + dt.timedelta(hours=7),
                ends_at=start + dt.timedelta(hours=9),
            )
        with pytest.raises(ChildDeathInvalid, match="No police officer"):
            shift_record(
                actor=boss,
                officer_username="nobody",
                duty=Duty.DETECTIVE,
                starts_at=start,
                ends_at=start + dt.timedelta(hours=1),
            )
        # touching is not overlapping
        shift_record(
            actor=boss,
            officer_username="det_first",
            duty=Duty.DETECTIVE,
            starts_at=start + dt.timedelta(hours=8),
            ends_at=start + dt.timedelta(hours=16),
        )


def test_the_checklist_refuses_a_step_done_before_the_response_began(
    people: dict[str, User],
) -> None:
    _rota(people)
    child, sibling = _family()
    with use_clock(FixedClock(SUNDAY_0310 + MINUTE)):
        response = response_start(actor=people["officer"], details=_details(child.pk))
    visit = ChecklistItem.objects.get(response=response, code="JOINT_HOME_VISIT")
    assert visit.due_at == SUNDAY_0310 + dt.timedelta(hours=24)
    with use_clock(FixedClock(SUNDAY_0310 + dt.timedelta(hours=20))):
        with pytest.raises(ChildDeathInvalid, match="before the response began"):
            checklist_item_record(
                actor=people["first"], item_id=visit.pk, done_at=SUNDAY_0310 - dt.timedelta(hours=1)
            )
        done = checklist_item_record(
            actor=people["first"], item_id=visit.pk, done_at=SUNDAY_0310 + dt.timedelta(hours=19)
        )
        assert done.state == "DONE"
        assert done.done_at == SUNDAY_0310 + dt.timedelta(hours=19)  # before 24 hours: met
        strategy = ChecklistItem.objects.get(response=response, code="STRATEGY_DISCUSSION")
        na = checklist_item_record(
            actor=people["first"],
            item_id=strategy.pk,
            done_at=None,
            not_applicable_reason="No concerns after the joint home visit",
        )
        assert na.state == "NOT_APPLICABLE"
        row = HouseholdChild.objects.get(response=response)
        decided = household_child_decide(
            actor=people["first"],
            row_id=row.pk,
            decision=SiblingDecision.STRATEGY_DISCUSSION,
            reason="Sister in the home; strategy discussion with social care",
        )
    assert decided.concern is not None
    assert decided.child == sibling


def test_only_an_asked_officer_can_accept(
    people: dict[str, User], make_user: Callable[..., User]
) -> None:
    _rota(people)
    child, _ = _family()
    with use_clock(FixedClock(SUNDAY_0310 + MINUTE)):
        response = response_start(actor=people["officer"], details=_details(child.pk))
        with pytest.raises(NotFoundOrForbidden):
            assignment_accept(actor=people["officer"], response_id=response.pk)  # not asked


def test_the_indicators_and_the_rota_from_live_rows(people: dict[str, User]) -> None:
    from safeguard.child_deaths.selectors import child_death_indicators_for, rota_view

    _rota(people)
    child, _ = _family()
    with use_clock(FixedClock(SUNDAY_0310 + MINUTE)):
        response = response_start(actor=people["officer"], details=_details(child.pk))
    with use_clock(FixedClock(SUNDAY_0310 + 10 * MINUTE)):
        assignment_accept(actor=people["first"], response_id=response.pk)
    with use_clock(FixedClock(SUNDAY_0310 + dt.timedelta(hours=30))):
        result = child_death_indicators_for(actor=people["supervisor"], since=SUNDAY_0310 - MINUTE)
        rota = rota_view(actor=people["supervisor"])
    assert (result.assigned_in_time.numerator, result.assigned_in_time.denominator) == (1, 1)
    # the home visit was due 24 hours after the report and is not recorded: late
    assert (result.home_visits_in_time.numerator, result.home_visits_in_time.denominator) == (0, 1)
    assert (result.children_decided.numerator, result.children_decided.denominator) == (0, 1)
    # 30 hours on, the night's shifts are over: the whole fortnight is uncovered, both duties
    assert result.uncovered_hours == 2 * 14 * 24
    assert {g.duty for g in rota.gaps} == {"DETECTIVE", "SENIOR_OFFICER"}
