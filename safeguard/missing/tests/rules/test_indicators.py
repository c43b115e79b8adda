from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from safeguard.core.rules.indicators import Share
from safeguard.missing.rules.codes import ReturnInterviewOutcome
from safeguard.missing.rules.indicators import (
    EpisodeFact,
    RepeatFact,
    ReviewFact,
    share_core_complete,
    share_prevention_interviews,
    share_repeat_with_strategy,
    share_return_interviews_in_time,
    share_reviews_on_time,
)

LONDON = ZoneInfo("Europe/London")
AS_OF = dt.datetime(2026, 7, 10, 12, 0, tzinfo=dt.UTC)
FOUND = dt.datetime(2026, 7, 1, 18, 0, tzinfo=dt.UTC)
DUE_72 = FOUND + dt.timedelta(hours=72)
MINUTE = dt.timedelta(minutes=1)
HOUR = dt.timedelta(hours=1)

COMPLETED = ReturnInterviewOutcome.COMPLETED.value
REFUSED = ReturnInterviewOutcome.REFUSED.value
NOT_HELD = ReturnInterviewOutcome.NOT_HELD.value


def episode(**overrides: Any) -> EpisodeFact:
    values: dict[str, Any] = {
        "core_complete": True,
        "reviews": (),
        "found_at": None,
        "prevention_interview_at": None,
        "return_interview_outcome": None,
        "return_interview_outcome_at": None,
    }
    values.update(overrides)
    return EpisodeFact(**values)


def returned(
    outcome: str | None, outcome_at: dt.datetime | None, found_at: dt.datetime = FOUND
) -> EpisodeFact:
    return episode(
        found_at=found_at, return_interview_outcome=outcome, return_interview_outcome_at=outcome_at
    )


class TestNoData:
    def test_every_share_of_nothing_is_no_data_not_zero(self) -> None:
        shares = [
            share_core_complete([]),
            share_reviews_on_time([], as_of=AS_OF),
            share_prevention_interviews([]),
            share_return_interviews_in_time([], as_of=AS_OF),
            share_repeat_with_strategy([]),
        ]
        assert shares == [Share(0, 0)] * 5
        assert all(s.value is None for s in shares)

    def test_episodes_with_nothing_to_count_are_no_data(self) -> None:
        open_episodes = [episode(), episode(core_complete=False)]
        assert share_reviews_on_time(open_episodes, as_of=AS_OF).value is None
        assert share_prevention_interviews(open_episodes).value is None
        assert share_return_interviews_in_time(open_episodes, as_of=AS_OF).value is None


class TestCoreComplete:
    @pytest.mark.parametrize(
        ("flags", "expected"),
        [
            ((True,), Share(1, 1)),
            ((False,), Share(0, 1)),
            ((True, False, True, True), Share(3, 4)),
            ((False, False), Share(0, 2)),
        ],
    )
    def test_share(self, flags: tuple[bool, ...], expected: Share) -> None:
        share = share_core_complete([episode(core_complete=f) for f in flags])
        assert share == expected
        assert share.value == expected.numerator / expected.denominator


class TestReviewsOnTime:
    DUE = dt.datetime(2026, 7, 5, 9, 0, tzinfo=dt.UTC)

    @pytest.mark.parametrize(
        ("review", "expected"),
        [
            (ReviewFact(due_at=DUE, done_at=DUE - HOUR), Share(1, 1)),
            (ReviewFact(due_at=DUE, done_at=DUE), Share(1, 1)),
            (ReviewFact(due_at=DUE, done_at=DUE + MINUTE), Share(0, 1)),
            (ReviewFact(due_at=DUE, done_at=None), Share(0, 1)),
            # Not yet due and not done: not counted either way.
            (ReviewFact(due_at=AS_OF + MINUTE, done_at=None), Share(0, 0)),
            # Not yet due but already done: counted, and on time.
            (ReviewFact(due_at=AS_OF + HOUR, done_at=AS_OF - HOUR), Share(1, 1)),
            # Due exactly at as_of and not done: already due, so counted as not on time.
            (ReviewFact(due_at=AS_OF, done_at=None), Share(0, 1)),
        ],
    )
    def test_one_review(self, review: ReviewFact, expected: Share) -> None:
        assert share_reviews_on_time([episode(reviews=(review,))], as_of=AS_OF) == expected

    def test_counts_reviews_across_episodes(self) -> None:
        due = self.DUE
        episodes = [
            episode(
                reviews=(
                    ReviewFact(due_at=due, done_at=due - HOUR),  # on time
                    ReviewFact(due_at=due + 2 * HOUR, done_at=due + 3 * HOUR),  # late
                )
            ),
            episode(reviews=()),
            episode(
                reviews=(
                    ReviewFact(due_at=due, done_at=None),  # overdue
                    ReviewFact(due_at=AS_OF + HOUR, done_at=None),  # not yet due
                    ReviewFact(due_at=due, done_at=due),  # on time, at the due time
                )
            ),
        ]
        share = share_reviews_on_time(episodes, as_of=AS_OF)
        assert share == Share(2, 4)
        assert share.value == 0.5

    def test_a_review_becomes_counted_once_due(self) -> None:
        review = ReviewFact(due_at=self.DUE, done_at=None)
        episodes = [episode(reviews=(review,))]
        assert share_reviews_on_time(episodes, as_of=self.DUE - MINUTE) == Share(0, 0)
        assert share_reviews_on_time(episodes, as_of=self.DUE + MINUTE) == Share(0, 1)


class TestPreventionInterviews:
    def test_share_of_found_children(self) -> None:
        episodes = [
            episode(found_at=FOUND, prevention_interview_at=FOUND + HOUR),
            episode(found_at=FOUND, prevention_interview_at=None),
            episode(found_at=FOUND, prevention_interview_at=FOUND + 30 * HOUR),
            episode(found_at=None, prevention_interview_at=None),  # still missing
        ]
        share = share_prevention_interviews(episodes)
        assert share == Share(2, 3)
        assert share.value == 2 / 3

    def test_no_found_children_is_no_data(self) -> None:
        assert share_prevention_interviews([episode(), episode()]).value is None


class TestReturnInterviewsInTime:
    @pytest.mark.parametrize(
        ("outcome", "outcome_at", "expected"),
        [
            (COMPLETED, FOUND + 24 * HOUR, Share(1, 1)),
            (COMPLETED, DUE_72, Share(1, 1)),
            (COMPLETED, DUE_72 + MINUTE, Share(0, 1)),
            (REFUSED, FOUND + 24 * HOUR, Share(0, 1)),
            (NOT_HELD, FOUND + 24 * HOUR, Share(0, 1)),
            (None, None, Share(0, 1)),  # 72 hours passed with nothing recorded
        ],
    )
    def test_one_return_long_past(
        self, outcome: str | None, outcome_at: dt.datetime | None, expected: Share
    ) -> None:
        assert DUE_72 < AS_OF
        assert share_return_interviews_in_time([returned(outcome, outcome_at)], as_of=AS_OF) == (
            expected
        )

    def test_not_yet_due_without_outcome_is_not_counted(self) -> None:
        found = AS_OF - 71 * HOUR
        assert share_return_interviews_in_time([returned(None, None, found)], as_of=AS_OF) == (
            Share(0, 0)
        )

    def test_due_exactly_now_without_outcome_is_counted(self) -> None:
        found = AS_OF - 72 * HOUR
        assert share_return_interviews_in_time([returned(None, None, found)], as_of=AS_OF) == (
            Share(0, 1)
        )

    @pytest.mark.parametrize(
        ("outcome", "expected"),
        [(COMPLETED, Share(1, 1)), (REFUSED, Share(0, 1)), (NOT_HELD, Share(0, 1))],
    )
    def test_not_yet_due_with_outcome_is_counted(self, outcome: str, expected: Share) -> None:
        found = AS_OF - 10 * HOUR
        fact = returned(outcome, AS_OF - HOUR, found)
        assert share_return_interviews_in_time([fact], as_of=AS_OF) == expected

    def test_still_missing_is_not_counted(self) -> None:
        assert share_return_interviews_in_time([episode()], as_of=AS_OF) == Share(0, 0)

    def test_completed_without_a_time_is_not_in_time(self) -> None:
        assert share_return_interviews_in_time([returned(COMPLETED, None)], as_of=AS_OF) == (
            Share(0, 1)
        )

    def test_seventy_two_elapsed_hours_across_the_autumn_clock_change(self) -> None:
        # Found 12:00 BST on 24 October 2026; the clocks fall back on the 25th, so the 72
        # hours end at 11:00 GMT on the 27th, not at 12:00 on the wall clock.
        found = dt.datetime(2026, 10, 24, 12, 0, tzinfo=LONDON)
        as_of = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
        on_time = returned(COMPLETED, dt.datetime(2026, 10, 27, 11, 0, tzinfo=LONDON), found)
        late = returned(COMPLETED, dt.datetime(2026, 10, 27, 11, 1, tzinfo=LONDON), found)
        assert share_return_interviews_in_time([on_time], as_of=as_of) == Share(1, 1)
        assert share_return_interviews_in_time([late], as_of=as_of) == Share(0, 1)

    def test_force_hours(self) -> None:
        fact = returned(COMPLETED, FOUND + 49 * HOUR)
        assert share_return_interviews_in_time([fact], as_of=AS_OF, hours=48) == Share(0, 1)
        assert share_return_interviews_in_time([fact], as_of=AS_OF, hours=72) == Share(1, 1)

    def test_force_hours_decide_when_a_return_is_counted(self) -> None:
        fact = returned(None, None, AS_OF - 50 * HOUR)
        assert share_return_interviews_in_time([fact], as_of=AS_OF, hours=48) == Share(0, 1)
        assert share_return_interviews_in_time([fact], as_of=AS_OF) == Share(0, 0)

    def test_mixed_data_set(self) -> None:
        episodes = [
            returned(COMPLETED, FOUND + 20 * HOUR),  # met
            returned(COMPLETED, DUE_72),  # met, exactly at 72 hours
            returned(COMPLETED, DUE_72 + MINUTE),  # late
            returned(REFUSED, FOUND + 5 * HOUR),  # recorded, not completed
            returned(None, None),  # overdue, nothing recorded
            returned(None, None, AS_OF - 2 * HOUR),  # not yet due: excluded
            episode(),  # still missing: excluded
        ]
        share = share_return_interviews_in_time(episodes, as_of=AS_OF)
        assert share == Share(2, 5)
        assert share.value == 0.4


class TestRepeatWithStrategy:
    @pytest.mark.parametrize(
        ("held", "expected"),
        [
            ((True,), Share(1, 1)),
            ((False,), Share(0, 1)),
            ((True, False, False, True), Share(2, 4)),
        ],
    )
    def test_share(self, held: tuple[bool, ...], expected: Share) -> None:
        assert share_repeat_with_strategy([RepeatFact(discussion_held=h) for h in held]) == (
            expected
        )
