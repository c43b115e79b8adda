"""The first hours of a Joint Agency Response: order, times, recording a step, what is overdue."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.child_deaths.rules.checklist import (
    DEFAULT_HOURS,
    STEPS,
    completion_errors,
    due_times,
    next_overdue,
)

BEGAN = dt.datetime(2027, 10, 30, 23, 40, tzinfo=dt.UTC)
NOW = BEGAN + dt.timedelta(hours=6)


def hours(n: float) -> dt.datetime:
    return BEGAN + dt.timedelta(hours=n)


# --- the steps -----------------------------------------------------------------------------------


def test_the_steps_are_in_the_order_of_the_protocol() -> None:
    assert [(s.code, s.default_hours) for s in STEPS] == [
        ("HOSPITAL_ATTENDED", 2),
        ("SCENE_PRESERVED", 2),
        ("SIBLINGS_IDENTIFIED", 2),
        ("CORONER_NOTIFIED", 4),
        ("PAEDIATRICIAN_CONTACTED", 4),
        ("JOINT_HISTORY", 4),
        ("SOCIAL_CARE_INFORMED", 4),
        ("SIBLING_DECISIONS", 4),
        ("INFORMATION_SHARING", 48),
        ("JOINT_HOME_VISIT", 24),
        ("STRATEGY_DISCUSSION", 48),
    ]


def test_only_the_strategy_discussion_depends_on_concerns() -> None:
    assert [s.code for s in STEPS if s.needs_concern] == ["STRATEGY_DISCUSSION"]


def test_default_hours_are_the_steps_hours() -> None:
    assert {s.code: s.default_hours for s in STEPS} == DEFAULT_HOURS
    assert len(DEFAULT_HOURS) == len(STEPS)  # no code twice


# --- due_times -----------------------------------------------------------------------------------


def test_due_times_use_the_defaults() -> None:
    due = due_times(BEGAN, {})
    assert list(due) == [s.code for s in STEPS]
    assert due["HOSPITAL_ATTENDED"] == hours(2)
    assert due["CORONER_NOTIFIED"] == hours(4)
    assert due["JOINT_HOME_VISIT"] == hours(24)
    assert due["INFORMATION_SHARING"] == hours(48)
    assert due["STRATEGY_DISCUSSION"] == hours(48)


def test_a_force_can_override_a_step_and_unknown_codes_are_ignored() -> None:
    due = due_times(BEGAN, {"JOINT_HOME_VISIT": 12, "HOSPITAL_ATTENDED": 1, "NOT_A_STEP": 99})
    assert due["JOINT_HOME_VISIT"] == hours(12)
    assert due["HOSPITAL_ATTENDED"] == hours(1)
    assert due["CORONER_NOTIFIED"] == hours(4)  # the rest keep their defaults
    assert "NOT_A_STEP" not in due


def test_due_times_are_real_hours_across_the_autumn_clock_change() -> None:
    # Began 00:40 BST on 31 October 2027; four real hours later is 03:40 GMT.
    assert due_times(BEGAN, {})["CORONER_NOTIFIED"] == dt.datetime(
        2027, 10, 31, 3, 40, tzinfo=dt.UTC
    )


# --- completion_errors --------------------------------------------------------------------------

NONE_GIVEN = "Give the time it was done, or why it does not apply."
BOTH = "Either it was done, or it does not apply: not both."
BEFORE = "This is before the response began: check the date and time."
FUTURE = "This time has not come yet."
SHORT = "Say why it does not apply (at least 10 characters)."
REASON = "No siblings live at the address."


@pytest.mark.parametrize(
    ("done_at", "reason", "errors"),
    [
        pytest.param(None, "", {"done_at": [NONE_GIVEN]}, id="nothing-given"),
        pytest.param(None, "   \n", {"done_at": [NONE_GIVEN]}, id="only-blanks-given"),
        pytest.param(hours(1), REASON, {"not_applicable_reason": [BOTH]}, id="both-given"),
        pytest.param(hours(-1), "", {"done_at": [BEFORE]}, id="done-before-the-response-began"),
        pytest.param(
            BEGAN - dt.timedelta(seconds=1), "", {"done_at": [BEFORE]}, id="a-second-before"
        ),
        pytest.param(
            NOW + dt.timedelta(minutes=1), "", {"done_at": [FUTURE]}, id="done-in-the-future"
        ),
        pytest.param(None, "n/a", {"not_applicable_reason": [SHORT]}, id="short-reason"),
        pytest.param(None, "  123456789  ", {"not_applicable_reason": [SHORT]}, id="9-after-strip"),
        pytest.param(None, "1234567890", {}, id="10-characters-is-enough"),
        pytest.param(None, REASON, {}, id="fine-not-applicable"),
        pytest.param(hours(1), "", {}, id="fine-done"),
        pytest.param(BEGAN, "", {}, id="done-as-the-response-began"),
        pytest.param(NOW, "", {}, id="done-just-now"),
        pytest.param(
            hours(-1),
            REASON,
            {"not_applicable_reason": [BOTH], "done_at": [BEFORE]},
            id="both-and-before",
        ),
    ],
)
def test_completion_errors(
    done_at: dt.datetime | None, reason: str, errors: dict[str, list[str]]
) -> None:
    assert (
        completion_errors(done_at=done_at, not_applicable_reason=reason, began_at=BEGAN, now=NOW)
        == errors
    )


def test_the_shortest_reason_is_force_policy() -> None:
    def errors(reason: str) -> dict[str, list[str]]:
        return completion_errors(
            done_at=None, not_applicable_reason=reason, began_at=BEGAN, now=NOW, min_reason=3
        )

    assert errors("No") == {
        "not_applicable_reason": ["Say why it does not apply (at least 3 characters)."]
    }
    assert errors("N/A") == {}


def test_a_time_with_a_short_reason_is_still_told_not_both() -> None:
    # Both a time and a (short) reason: the officer must still be told to give one or the other.
    errors = completion_errors(
        done_at=hours(1), not_applicable_reason="n/a", began_at=BEGAN, now=NOW
    )
    assert BOTH in errors.get("not_applicable_reason", [])


# --- next_overdue -------------------------------------------------------------------------------

DUE = due_times(BEGAN, {})
ALL = {s.code for s in STEPS}


@pytest.mark.parametrize(
    ("open_codes", "now", "expected"),
    [
        pytest.param(ALL, hours(1), None, id="nothing-due-yet"),
        pytest.param(ALL, hours(2), None, id="exactly-at-the-time-is-not-overdue"),
        pytest.param(ALL, hours(2) + dt.timedelta(minutes=1), "HOSPITAL_ATTENDED", id="first-step"),
        pytest.param(
            ALL - {"HOSPITAL_ATTENDED", "SCENE_PRESERVED"},
            hours(5),
            "SIBLINGS_IDENTIFIED",
            id="skips-done",
        ),
        pytest.param(
            {"CORONER_NOTIFIED", "JOINT_HOME_VISIT"}, hours(3), None, id="open-but-in-time"
        ),
        pytest.param(
            {"JOINT_HOME_VISIT", "CORONER_NOTIFIED"},
            hours(25),
            "CORONER_NOTIFIED",
            id="sequence-order",
        ),
        pytest.param(
            {"INFORMATION_SHARING", "JOINT_HOME_VISIT"},
            hours(25),
            "JOINT_HOME_VISIT",
            id="home-visit-first-due",
        ),
        pytest.param(
            {"INFORMATION_SHARING", "JOINT_HOME_VISIT"},
            hours(49),
            "INFORMATION_SHARING",
            id="sequence-not-due-time",
        ),
        pytest.param(set(), hours(100), None, id="nothing-open"),
    ],
)
def test_next_overdue(open_codes: set[str], now: dt.datetime, expected: str | None) -> None:
    assert next_overdue(DUE, open_codes, now) == expected
