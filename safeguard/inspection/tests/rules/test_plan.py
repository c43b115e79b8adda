from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeguard.core.tests.rules.samples import PROPERTY_SETTINGS
from safeguard.inspection.rules.plan import (
    ACTION_STATUS_LABELS,
    DEFAULT_ACTION_PLAN_WEEKS,
    HMICFRS_USUAL_ACTION_PLAN_WEEKS,
    RAG_LABELS,
    ActionStatus,
    Rag,
    action_plan_due,
    action_rag,
    overdue,
    plan_summary,
)

DUE = date(2026, 11, 30)
DAY = timedelta(days=1)

NOT_STARTED = ActionStatus.NOT_STARTED
IN_PROGRESS = ActionStatus.IN_PROGRESS
COMPLETE = ActionStatus.COMPLETE
BLOCKED = ActionStatus.BLOCKED


class TestActionPlanDue:
    @pytest.mark.parametrize(
        ("published_on", "weeks", "expected"),
        [
            # Staffordshire's first NCPI was published on Thursday 7 April 2022 (DOMAIN.md §0).
            pytest.param(date(2022, 4, 7), 6, date(2022, 5, 19), id="six-weeks"),
            pytest.param(date(2022, 4, 7), 8, date(2022, 6, 2), id="eight-weeks"),
            pytest.param(date(2023, 8, 4), 6, date(2023, 9, 15), id="reinspection-2023"),
            # Bank holidays (25 and 26 December) do not extend a calendar-week period.
            pytest.param(date(2026, 12, 10), 6, date(2027, 1, 21), id="across-christmas"),
            pytest.param(date(2028, 1, 31), 4, date(2028, 2, 28), id="leap-february"),
            pytest.param(date(2026, 3, 2), 1, date(2026, 3, 9), id="one-week"),
        ],
    )
    def test_adds_calendar_weeks_to_publication(
        self, published_on: date, weeks: int, expected: date
    ) -> None:
        assert action_plan_due(published_on, weeks) == expected

    def test_defaults_to_eight_weeks_of_force_policy(self) -> None:
        assert DEFAULT_ACTION_PLAN_WEEKS == 8
        assert HMICFRS_USUAL_ACTION_PLAN_WEEKS == 6
        assert action_plan_due(date(2022, 4, 7)) == date(2022, 6, 2)

    @pytest.mark.parametrize("weeks", [0, -1])
    def test_refuses_a_period_shorter_than_a_week(self, weeks: int) -> None:
        with pytest.raises(ValueError, match="at least one week"):
            action_plan_due(date(2026, 1, 1), weeks)


class TestOverdue:
    @pytest.mark.parametrize(
        ("status", "today", "expected"),
        [
            pytest.param(NOT_STARTED, DUE - DAY, False, id="before"),
            pytest.param(NOT_STARTED, DUE, False, id="on-the-due-date"),
            pytest.param(NOT_STARTED, DUE + DAY, True, id="day-after"),
            pytest.param(IN_PROGRESS, DUE + DAY, True, id="in-progress-late"),
            pytest.param(BLOCKED, DUE + DAY, True, id="blocked-late"),
            pytest.param(BLOCKED, DUE, False, id="blocked-on-time"),
            pytest.param(COMPLETE, DUE + 100 * DAY, False, id="complete-never-overdue"),
        ],
    )
    def test_is_past_due_and_not_complete(
        self, status: ActionStatus, today: date, expected: bool
    ) -> None:
        assert overdue(status, DUE, today) is expected


class TestActionRag:
    @pytest.mark.parametrize(
        ("status", "today", "amber_days", "expected"),
        [
            pytest.param(COMPLETE, DUE - 60 * DAY, 14, Rag.COMPLETE, id="complete-early"),
            pytest.param(COMPLETE, DUE + 60 * DAY, 14, Rag.COMPLETE, id="complete-late"),
            pytest.param(BLOCKED, DUE - 60 * DAY, 14, Rag.RED, id="blocked-far-from-due"),
            pytest.param(BLOCKED, DUE + DAY, 14, Rag.RED, id="blocked-and-late"),
            pytest.param(NOT_STARTED, DUE + DAY, 14, Rag.RED, id="not-started-late"),
            pytest.param(IN_PROGRESS, DUE + DAY, 14, Rag.RED, id="in-progress-late"),
            pytest.param(NOT_STARTED, DUE, 14, Rag.AMBER, id="not-started-due-today"),
            pytest.param(NOT_STARTED, DUE - 14 * DAY, 14, Rag.AMBER, id="window-opens"),
            pytest.param(NOT_STARTED, DUE - 15 * DAY, 14, Rag.GREEN, id="before-window"),
            pytest.param(IN_PROGRESS, DUE, 14, Rag.GREEN, id="in-progress-due-today"),
            pytest.param(IN_PROGRESS, DUE - 60 * DAY, 14, Rag.GREEN, id="in-progress-early"),
            pytest.param(NOT_STARTED, DUE, 0, Rag.AMBER, id="zero-window-on-due-date"),
            pytest.param(NOT_STARTED, DUE - DAY, 0, Rag.GREEN, id="zero-window-day-before"),
            pytest.param(NOT_STARTED, DUE - 30 * DAY, 30, Rag.AMBER, id="wider-window"),
        ],
    )
    def test_rates_an_action(
        self, status: ActionStatus, today: date, amber_days: int, expected: Rag
    ) -> None:
        assert action_rag(status, DUE, today, amber_days) is expected

    def test_defaults_to_a_fourteen_day_window(self) -> None:
        assert action_rag(NOT_STARTED, DUE, DUE - 14 * DAY) is Rag.AMBER
        assert action_rag(NOT_STARTED, DUE, DUE - 15 * DAY) is Rag.GREEN

    def test_refuses_a_negative_window(self) -> None:
        with pytest.raises(ValueError, match="cannot be negative"):
            action_rag(NOT_STARTED, DUE, DUE, amber_days=-1)

    @PROPERTY_SETTINGS
    @given(
        status=st.sampled_from(ActionStatus),
        offset=st.integers(min_value=-400, max_value=400),
        amber_days=st.integers(min_value=0, max_value=90),
    )
    def test_overdue_and_incomplete_is_always_red(
        self, status: ActionStatus, offset: int, amber_days: int
    ) -> None:
        today = DUE + offset * DAY

        rag = action_rag(status, DUE, today, amber_days)

        if overdue(status, DUE, today):
            assert rag is Rag.RED
        assert (rag is Rag.COMPLETE) == (status is COMPLETE)


class TestPlanSummary:
    @pytest.mark.parametrize(
        ("rags", "expected"),
        [
            pytest.param([], {Rag.RED: 0, Rag.AMBER: 0, Rag.GREEN: 0, Rag.COMPLETE: 0}, id="empty"),
            pytest.param(
                [Rag.GREEN, Rag.RED, Rag.GREEN, Rag.COMPLETE],
                {Rag.RED: 1, Rag.AMBER: 0, Rag.GREEN: 2, Rag.COMPLETE: 1},
                id="mixed",
            ),
        ],
    )
    def test_counts_every_rating(self, rags: list[Rag], expected: dict[Rag, int]) -> None:
        summary = plan_summary(iter(rags))

        assert summary == expected
        assert list(summary) == [Rag.RED, Rag.AMBER, Rag.GREEN, Rag.COMPLETE]


class TestLabels:
    def test_every_status_and_rating_has_a_label(self) -> None:
        assert set(ACTION_STATUS_LABELS) == set(ActionStatus)
        assert set(RAG_LABELS) == set(Rag)
