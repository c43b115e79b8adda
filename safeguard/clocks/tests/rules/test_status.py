from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeguard.clocks.rules.status import (
    ClockStatus,
    InvalidEscalationSteps,
    check_escalation_steps,
    clock_status,
    escalation_step,
)
from safeguard.core.rules.calendar import LONDON
from safeguard.core.rules.deadlines import NaiveDatetimeError
from safeguard.core.tests.rules.samples import PROPERTY_SETTINGS, london, utc

NEW_YORK = ZoneInfo("America/New_York")
US = timedelta(microseconds=1)
H = timedelta(hours=1)
WINDOW = timedelta(hours=2)
LADDER = (timedelta(0), timedelta(hours=2), timedelta(hours=8))

DUE = utc(2026, 3, 2, 12)
# The end of Monday 2 March 2026 in London, as working_days_deadline returns it.
MIDNIGHT = london(2026, 3, 3, 0, 0)
# Sunday 25 October 2026: at 02:00 BST the clocks go back to 01:00 GMT, so 01:30
# happens twice (fold=0 is BST, 00:30 UTC; fold=1 is GMT, 01:30 UTC).
AUTUMN_FIRST_0130 = london(2026, 10, 25, 1, 30, fold=0)
AUTUMN_SECOND_0130 = london(2026, 10, 25, 1, 30, fold=1)
# Sunday 29 March 2026: at 01:00 GMT the clocks go forward to 02:00 BST.
SPRING_0230_BST = london(2026, 3, 29, 2, 30)  # 01:30 UTC


class TestClockStatus:
    @pytest.mark.parametrize(
        ("due_at", "stopped_at", "now", "window", "expected"),
        [
            pytest.param(
                DUE, None, DUE - WINDOW - US, WINDOW, ClockStatus.RUNNING, id="before-window"
            ),
            pytest.param(DUE, None, DUE - WINDOW, WINDOW, ClockStatus.DUE_SOON, id="window-opens"),
            pytest.param(DUE, None, DUE - H, WINDOW, ClockStatus.DUE_SOON, id="inside-window"),
            pytest.param(DUE, None, DUE, WINDOW, ClockStatus.DUE_SOON, id="exactly-at-deadline"),
            pytest.param(
                DUE, None, DUE + US, WINDOW, ClockStatus.OVERDUE, id="just-after-deadline"
            ),
            pytest.param(
                DUE, None, DUE + 30 * 24 * H, WINDOW, ClockStatus.OVERDUE, id="long-overdue"
            ),
            pytest.param(
                DUE, None, DUE - US, timedelta(0), ClockStatus.RUNNING, id="zero-window-before"
            ),
            pytest.param(DUE, None, DUE, timedelta(0), ClockStatus.DUE_SOON, id="zero-window-at"),
            pytest.param(DUE, DUE - H, DUE + 9 * H, WINDOW, ClockStatus.MET, id="stopped-early"),
            pytest.param(
                DUE, DUE, DUE + 9 * H, WINDOW, ClockStatus.MET, id="stopped-exactly-at-deadline"
            ),
            pytest.param(
                DUE, DUE + US, DUE + US, WINDOW, ClockStatus.BREACHED, id="stopped-just-late"
            ),
            pytest.param(
                DUE, DUE + H, DUE - 5 * H, WINDOW, ClockStatus.BREACHED, id="stop-ignores-now"
            ),
            pytest.param(
                MIDNIGHT,
                None,
                MIDNIGHT - US,
                WINDOW,
                ClockStatus.DUE_SOON,
                id="last-instant-of-the-day",
            ),
            pytest.param(MIDNIGHT, None, MIDNIGHT, WINDOW, ClockStatus.DUE_SOON, id="at-midnight"),
            pytest.param(
                MIDNIGHT, None, MIDNIGHT + US, WINDOW, ClockStatus.OVERDUE, id="just-past-midnight"
            ),
            pytest.param(
                MIDNIGHT,
                london(2026, 3, 2, 23, 59),
                MIDNIGHT,
                WINDOW,
                ClockStatus.MET,
                id="stopped-at-23-59",
            ),
            pytest.param(
                MIDNIGHT,
                london(2026, 3, 3, 0, 1),
                MIDNIGHT,
                WINDOW,
                ClockStatus.BREACHED,
                id="stopped-at-00-01",
            ),
            # Same wall time, an hour apart: compared naively they would be equal.
            pytest.param(
                AUTUMN_FIRST_0130,
                None,
                AUTUMN_SECOND_0130,
                WINDOW,
                ClockStatus.OVERDUE,
                id="autumn-repeated-hour-now",
            ),
            pytest.param(
                AUTUMN_FIRST_0130,
                AUTUMN_SECOND_0130,
                AUTUMN_SECOND_0130,
                WINDOW,
                ClockStatus.BREACHED,
                id="autumn-repeated-hour-stop",
            ),
            pytest.param(
                AUTUMN_SECOND_0130,
                AUTUMN_FIRST_0130,
                AUTUMN_SECOND_0130,
                WINDOW,
                ClockStatus.MET,
                id="autumn-stop-in-first-0130",
            ),
            # Two elapsed hours before 01:30 UTC is 23:30 GMT on the Saturday; the wall
            # clock would say 00:30.
            pytest.param(
                SPRING_0230_BST,
                None,
                london(2026, 3, 29, 0, 15),
                WINDOW,
                ClockStatus.DUE_SOON,
                id="spring-window-counts-elapsed-hours",
            ),
            pytest.param(
                SPRING_0230_BST,
                None,
                london(2026, 3, 28, 23, 29),
                WINDOW,
                ClockStatus.RUNNING,
                id="spring-before-window",
            ),
            pytest.param(
                DUE,
                None,
                DUE.astimezone(NEW_YORK) + US,
                WINDOW,
                ClockStatus.OVERDUE,
                id="now-in-another-zone",
            ),
        ],
    )
    def test_gives_the_status(self, due_at, stopped_at, now, window, expected) -> None:
        assert (
            clock_status(due_at=due_at, stopped_at=stopped_at, now=now, due_soon_window=window)
            is expected
        )

    @pytest.mark.parametrize(
        ("due_at", "stopped_at", "now"),
        [
            pytest.param(DUE.replace(tzinfo=None), None, DUE, id="naive-due"),
            pytest.param(DUE, None, DUE.replace(tzinfo=None), id="naive-now"),
            pytest.param(DUE, DUE.replace(tzinfo=None), DUE, id="naive-stop"),
        ],
    )
    def test_refuses_naive_instants(self, due_at, stopped_at, now) -> None:
        with pytest.raises(NaiveDatetimeError):
            clock_status(due_at=due_at, stopped_at=stopped_at, now=now, due_soon_window=WINDOW)

    def test_refuses_a_negative_window(self) -> None:
        with pytest.raises(ValueError, match="must not be negative"):
            clock_status(due_at=DUE, stopped_at=None, now=DUE, due_soon_window=-US)

    @pytest.mark.parametrize(
        ("status", "expected"),
        [
            (ClockStatus.RUNNING, False),
            (ClockStatus.DUE_SOON, False),
            (ClockStatus.OVERDUE, True),
            (ClockStatus.MET, False),
            (ClockStatus.BREACHED, True),
        ],
    )
    def test_says_which_statuses_are_breaches(self, status, expected) -> None:
        assert status.is_breach is expected


class TestEscalationStep:
    @pytest.mark.parametrize(
        ("due_at", "now", "stopped_at", "steps", "expected"),
        [
            pytest.param(DUE, DUE - US, None, LADDER, 0, id="just-before-deadline"),
            pytest.param(DUE, DUE, None, LADDER, 1, id="exactly-at-deadline"),
            pytest.param(DUE, DUE + 2 * H - US, None, LADDER, 1, id="just-before-second-step"),
            pytest.param(DUE, DUE + 2 * H, None, LADDER, 2, id="at-second-step"),
            pytest.param(DUE, DUE + 8 * H, None, LADDER, 3, id="at-third-step"),
            pytest.param(DUE, DUE + 30 * 24 * H, None, LADDER, 3, id="never-past-the-last-step"),
            pytest.param(DUE, DUE + 10 * H, DUE + H, LADDER, 1, id="stops-at-the-stop"),
            pytest.param(DUE, DUE + 10 * H, DUE - H, LADDER, 0, id="met-clock-never-escalates"),
            pytest.param(DUE, DUE + 10 * H, DUE, LADDER, 1, id="stopped-at-deadline"),
            pytest.param(DUE, DUE + H, DUE + 9 * H, LADDER, 1, id="stop-after-now-counts-now"),
            pytest.param(DUE, DUE, None, (H,), 0, id="ladder-starting-later"),
            pytest.param(
                DUE, DUE, None, (timedelta(0), timedelta(0)), 2, id="equal-offsets-fall-together"
            ),
            pytest.param(MIDNIGHT, MIDNIGHT - US, None, LADDER, 0, id="before-midnight"),
            pytest.param(MIDNIGHT, MIDNIGHT, None, LADDER, 1, id="at-midnight"),
            # Due 00:30 BST (23:30 UTC Saturday); the second 01:30 (GMT) is two elapsed hours
            # later, the first 01:30 (BST) only one.
            pytest.param(
                london(2026, 10, 25, 0, 30),
                AUTUMN_SECOND_0130,
                None,
                LADDER,
                2,
                id="autumn-two-elapsed-hours",
            ),
            pytest.param(
                london(2026, 10, 25, 0, 30),
                AUTUMN_FIRST_0130,
                None,
                LADDER,
                1,
                id="autumn-one-elapsed-hour",
            ),
            # Due 00:30 GMT; 02:30 BST is one elapsed hour later, not two.
            pytest.param(
                london(2026, 3, 29, 0, 30),
                SPRING_0230_BST,
                None,
                LADDER,
                1,
                id="spring-one-elapsed-hour",
            ),
            pytest.param(
                DUE, (DUE + 2 * H).astimezone(NEW_YORK), None, LADDER, 2, id="now-in-another-zone"
            ),
        ],
    )
    def test_counts_the_steps_due(self, due_at, now, stopped_at, steps, expected) -> None:
        assert (
            escalation_step(due_at=due_at, now=now, stopped_at=stopped_at, steps=steps) == expected
        )

    @pytest.mark.parametrize(
        ("due_at", "now", "stopped_at"),
        [
            pytest.param(DUE.replace(tzinfo=None), DUE, None, id="naive-due"),
            pytest.param(DUE, DUE.replace(tzinfo=None), None, id="naive-now"),
            pytest.param(DUE, DUE, DUE.replace(tzinfo=None), id="naive-stop"),
        ],
    )
    def test_refuses_naive_instants(self, due_at, now, stopped_at) -> None:
        with pytest.raises(NaiveDatetimeError):
            escalation_step(due_at=due_at, now=now, stopped_at=stopped_at, steps=LADDER)

    def test_refuses_invalid_steps(self) -> None:
        with pytest.raises(InvalidEscalationSteps):
            escalation_step(due_at=DUE, now=DUE, stopped_at=None, steps=())


class TestCheckEscalationSteps:
    @pytest.mark.parametrize(
        ("steps", "message"),
        [
            pytest.param((), "at least one", id="empty"),
            pytest.param((-US,), "none may be negative", id="negative"),
            pytest.param((timedelta(0), -H), "none may be negative", id="negative-later"),
            pytest.param((2 * H, H), "in order", id="out-of-order"),
        ],
    )
    def test_refuses(self, steps, message) -> None:
        with pytest.raises(InvalidEscalationSteps, match=message):
            check_escalation_steps(steps)

    @pytest.mark.parametrize(
        "steps",
        [
            pytest.param((timedelta(0),), id="one"),
            pytest.param(LADDER, id="default-ladder"),
            pytest.param((H, H), id="equal"),
        ],
    )
    def test_accepts(self, steps) -> None:
        check_escalation_steps(steps)


# Hypothesis wants naive bounds; it attaches a time zone to each datetime it draws.
_FROM = datetime(2025, 1, 1)  # noqa: DTZ001 - a bound for Hypothesis, made aware below
_TO = datetime(2027, 12, 31)  # noqa: DTZ001 - a bound for Hypothesis, made aware below
ZONES = st.sampled_from([UTC, LONDON, NEW_YORK])
instants = st.datetimes(min_value=_FROM, max_value=_TO, timezones=ZONES, allow_imaginary=False)
ladders = st.lists(
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=3)), min_size=1, max_size=5
).map(lambda steps: tuple(sorted(steps)))
windows = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=2))
SEVERITY = {ClockStatus.RUNNING: 0, ClockStatus.DUE_SOON: 1, ClockStatus.OVERDUE: 2}


class TestProperties:
    @PROPERTY_SETTINGS
    @given(
        due_at=instants,
        first=instants,
        second=instants,
        stopped_at=st.none() | instants,
        steps=ladders,
    )
    def test_escalation_never_goes_back_as_time_passes(
        self, due_at, first, second, stopped_at, steps
    ) -> None:
        earlier, later = sorted((first, second))

        before = escalation_step(due_at=due_at, now=earlier, stopped_at=stopped_at, steps=steps)
        after = escalation_step(due_at=due_at, now=later, stopped_at=stopped_at, steps=steps)

        assert 0 <= before <= after <= len(steps)

    @PROPERTY_SETTINGS
    @given(due_at=instants, stopped_at=instants, delay=windows, steps=ladders)
    def test_escalation_stops_when_the_clock_stops(self, due_at, stopped_at, delay, steps) -> None:
        at_stop = escalation_step(due_at=due_at, now=stopped_at, stopped_at=stopped_at, steps=steps)
        later = escalation_step(
            due_at=due_at, now=stopped_at + delay, stopped_at=stopped_at, steps=steps
        )

        assert later == at_stop

    @PROPERTY_SETTINGS
    @given(due_at=instants, first=instants, second=instants, window=windows)
    def test_a_running_clock_never_looks_better_later(self, due_at, first, second, window) -> None:
        earlier, later = sorted((first, second))

        before = clock_status(due_at=due_at, stopped_at=None, now=earlier, due_soon_window=window)
        after = clock_status(due_at=due_at, stopped_at=None, now=later, due_soon_window=window)

        assert SEVERITY[before] <= SEVERITY[after]

    @PROPERTY_SETTINGS
    @given(due_at=instants, first=instants, second=instants, now=instants)
    def test_a_later_stop_never_turns_a_breach_into_met(self, due_at, first, second, now) -> None:
        earlier, later = sorted((first, second))

        before = clock_status(due_at=due_at, stopped_at=earlier, now=now, due_soon_window=WINDOW)
        after = clock_status(due_at=due_at, stopped_at=later, now=now, due_soon_window=WINDOW)

        assert before in {ClockStatus.MET, ClockStatus.BREACHED}
        assert not (before is ClockStatus.BREACHED and after is ClockStatus.MET)

    @PROPERTY_SETTINGS
    @given(due_at=instants, now=instants, stopped_at=st.none() | instants, steps=ladders)
    def test_the_time_zone_of_the_inputs_changes_nothing(
        self, due_at, now, stopped_at, steps
    ) -> None:
        def in_zone(value, zone):
            return None if value is None else value.astimezone(zone)

        answers = {
            (
                clock_status(
                    due_at=in_zone(due_at, zone),
                    stopped_at=in_zone(stopped_at, zone),
                    now=in_zone(now, zone),
                    due_soon_window=WINDOW,
                ),
                escalation_step(
                    due_at=in_zone(due_at, zone),
                    now=in_zone(now, zone),
                    stopped_at=in_zone(stopped_at, zone),
                    steps=steps,
                ),
            )
            for zone in (UTC, LONDON, NEW_YORK)
        }

        assert len(answers) == 1

    @PROPERTY_SETTINGS
    @given(due_at=instants, now=instants, steps=ladders)
    def test_an_overdue_clock_has_had_its_first_step_when_the_ladder_starts_at_the_deadline(
        self, due_at, now, steps
    ) -> None:
        ladder = (timedelta(0), *steps)

        status = clock_status(due_at=due_at, stopped_at=None, now=now, due_soon_window=WINDOW)
        step = escalation_step(due_at=due_at, now=now, stopped_at=None, steps=ladder)

        assert (status is ClockStatus.OVERDUE) <= (step >= 1)
