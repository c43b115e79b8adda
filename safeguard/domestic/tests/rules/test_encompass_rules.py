from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from safeguard.core.rules.calendar import LONDON
from safeguard.domestic.rules.children import DetectedChild, ResolutionChoice, resolve_detected
from safeguard.domestic.rules.codes import DetectionSource
from safeguard.domestic.rules.encompass import (
    ChildVoice,
    NotificationFacts,
    SchoolAge,
    next_working_day_start,
    notification_content,
    school_age,
)

ON = dt.date(2027, 2, 12)


@pytest.mark.parametrize(
    ("born", "age", "expected"),
    [
        (dt.date(2022, 8, 31), None, SchoolAge.SCHOOL_AGE),
        (dt.date(2022, 9, 1), None, SchoolAge.BELOW_RECEPTION),
        (dt.date(2009, 2, 13), None, SchoolAge.SCHOOL_AGE),
        (dt.date(2009, 2, 12), None, SchoolAge.ADULT),
        (dt.date(2008, 2, 29), None, SchoolAge.ADULT),  # 18th birthday on 1 March 2026
        (dt.date(2020, 2, 29), None, SchoolAge.SCHOOL_AGE),  # 4th birthday 29 Feb 2024
        (None, None, SchoolAge.UNKNOWN),
        (None, 18, SchoolAge.ADULT),
        (None, 4, SchoolAge.SCHOOL_AGE),
        (None, 3, SchoolAge.BELOW_RECEPTION),
    ],
)
def test_school_age_from_reception_to_17(born, age, expected) -> None:
    assert school_age(on=ON, date_of_birth=born, age=age) is expected


def test_a_leap_day_birthday_is_taken_on_1_march_in_common_years() -> None:
    born = dt.date(2008, 2, 29)
    assert school_age(on=dt.date(2026, 2, 28), date_of_birth=born, age=None) is SchoolAge.SCHOOL_AGE
    assert school_age(on=dt.date(2026, 3, 1), date_of_birth=born, age=None) is SchoolAge.ADULT


def test_next_working_day_start_skips_weekends_and_bank_holidays() -> None:
    friday_night = dt.datetime(2027, 4, 30, 23, 0, tzinfo=LONDON)
    start = next_working_day_start(
        after=friday_night, starts_at=dt.time(9, 0), bank_holidays=frozenset({dt.date(2027, 5, 3)})
    )
    assert start == dt.datetime(2027, 5, 4, 9, 0, tzinfo=LONDON)
    with pytest.raises(ValueError, match="aware"):
        next_working_day_start(
            after=dt.datetime(2027, 4, 30, 23, 0),  # noqa: DTZ001
            starts_at=dt.time(9, 0),
            bank_holidays=frozenset(),
        )


def facts(**overrides: Any) -> NotificationFacts:
    values: dict[str, Any] = {
        "child_name": "Zoë Fictional",
        "child_date_of_birth": None,
        "child_estimated_age": None,
        "police_reference": "INC-2027-000001",
        "location": "Family home",
        "occurred_at": dt.datetime(2027, 2, 12, 23, 40, tzinfo=dt.UTC),
        "child_present": False,
        "where_present": "",
        "saw": False,
        "heard": False,
        "experienced_effects": False,
        "voice": ChildVoice(
            spoken_to=True, spoken_to_alone=None, childs_words="", reason_not_spoken_to=""
        ),
        "circumstances": "Police attended.",
        "other_information": "",
    }
    values.update(overrides)
    return NotificationFacts(**values)


def test_content_says_what_is_not_known_rather_than_leaving_gaps() -> None:
    content = notification_content(facts())
    assert content["Date of birth"] == "Not known"
    assert content["Child present"] == "No (normally lives in the household)"
    assert content["How the child was affected"] == "Not known"
    assert content["What the child said"] == "Not recorded"
    assert content["Anyone else present when spoken to"] == "Not recorded"
    assert content["Other safeguarding information"] == "None"
    assert content["When"] == "Friday 12 February 2027 at 23:40"
    present = notification_content(facts(child_present=True, saw=True))
    assert present["Child present"] == "Yes: where not recorded"
    assert present["How the child was affected"] == "saw it"


def detected(**overrides: Any) -> DetectedChild:
    values: dict[str, Any] = {
        "key": "narrative:her two kids#1",
        "source": DetectionSource.NARRATIVE,
        "description": "her two kids",
        "count": 2,
        "count_stated": True,
    }
    values.update(overrides)
    return DetectedChild(**values)


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        (None, "record this child or dismiss it"),
        (
            ResolutionChoice("k", child_indexes=(0, 1), dismissed_reason="not ours really"),
            "not both",
        ),
        (ResolutionChoice("k", child_indexes=(5,)), "choose a child from the children recorded"),
        (ResolutionChoice("k", child_indexes=(0, 0)), "2 children are mentioned and 1 chosen"),
        (ResolutionChoice("k", dismissed_reason="toys"), "at least 10 characters"),
    ],
)
def test_each_unfinished_answer_gets_its_own_message(choice, message) -> None:
    item = detected(key="k")
    outcomes, errors = resolve_detected(
        detected=[item], recorded_person_ids=[None, None], choices={"k": choice} if choice else {}
    )
    assert outcomes == []
    assert message in errors["k"]


def test_a_known_child_listed_among_the_children_needs_no_answer() -> None:
    known = detected(
        key="person:1",
        source=DetectionSource.KNOWN_AT_ADDRESS,
        person_id="1",
        count=1,
        count_stated=False,
    )
    outcomes, errors = resolve_detected(
        detected=[known], recorded_person_ids=[None, "1"], choices={}
    )
    assert errors == {}
    assert outcomes[0].child_indexes == (1,)


def test_due_time_rule_for_each_kind_of_recipient() -> None:
    from safeguard.core.rules.calendar import SchoolCalendar
    from safeguard.core.rules.periods import DatePeriod
    from safeguard.domestic.rules.encompass import Recipient, notification_due

    friday = dt.datetime(2027, 2, 12, 23, 40, tzinfo=LONDON)
    term = SchoolCalendar(terms=(DatePeriod(dt.date(2027, 2, 22), dt.date(2027, 3, 25)),))
    cases = {
        "school": Recipient("Oak", is_school=True, day_starts_at=dt.time(8, 30), calendar=term),
        "no calendar": Recipient("Ash", is_school=True, day_starts_at=dt.time(8, 45)),
        "empty calendar": Recipient(
            "Elm", is_school=True, day_starts_at=dt.time(8, 45), calendar=SchoolCalendar(terms=())
        ),
        "authority": Recipient("County", is_school=False, day_starts_at=dt.time(9, 0)),
    }
    due = {
        name: notification_due(
            after=friday, recipient=r, default_day_start=dt.time(8, 0), bank_holidays=frozenset()
        )
        for name, r in cases.items()
    }
    assert due["school"] == (
        dt.datetime(2027, 2, 22, 8, 30, tzinfo=LONDON),
        "Before Oak's next school day starts",
    )
    assert due["no calendar"][0] == dt.datetime(2027, 2, 15, 8, 45, tzinfo=LONDON)
    assert "term dates are missing" in due["no calendar"][1]
    assert due["empty calendar"] == due["no calendar"]
    assert due["authority"][0] == dt.datetime(2027, 2, 15, 9, 0, tzinfo=LONDON)
    assert "home-educated" in due["authority"][1]
    unknown = notification_due(
        after=friday, recipient=None, default_day_start=dt.time(8, 0), bank_holidays=frozenset()
    )
    assert unknown[0] == dt.datetime(2027, 2, 15, 8, 0, tzinfo=LONDON)


@pytest.mark.parametrize(("age", "refused"), [(15, True), (16, False), (None, False), (40, False)])
def test_both_parties_are_16_or_over(age, refused) -> None:
    from safeguard.domestic.rules.parties import party_age_error

    assert (party_age_error(role="victim", age=age) is not None) is refused


@pytest.mark.parametrize(("age", "refused"), [(17, True), (18, False), (None, False)])
def test_a_child_is_never_listed_as_another_adult(age, refused) -> None:
    from safeguard.domestic.rules.parties import household_adult_error

    assert (household_adult_error(age=age) is not None) is refused
