"""Who is on call, trained, at a moment; overlapping shifts; gaps in trained cover (DOMAIN.md §5.2).

Every instant is built as a London wall-clock time and converted to UTC, as the database holds
it, so a shift across midnight or a clock change is simply a period between two instants.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from safeguard.child_deaths.rules.codes import Duty
from safeguard.child_deaths.rules.rota import (
    Gap,
    Shift,
    Training,
    cover_gaps,
    is_trained,
    on_call,
    overlap_errors,
)

LONDON = ZoneInfo("Europe/London")
DET = Duty.DETECTIVE
SEN = Duty.SENIOR_OFFICER


def london(
    year: int, month: int, day: int, hour: int, minute: int = 0, *, fold: int = 0
) -> dt.datetime:
    """A London wall-clock time, as the UTC instant the database would hold."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=LONDON, fold=fold).astimezone(dt.UTC)


def utc(year: int, month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=dt.UTC)


def trained(*officers: str) -> list[Training]:
    """A course long before and long after every date in these tests."""
    return [Training(o, dt.date(2026, 1, 1), dt.date(2029, 1, 1)) for o in officers]


# --- is_trained ----------------------------------------------------------------------------

COURSE = Training("A", completed_on=dt.date(2027, 6, 1), expires_on=dt.date(2027, 6, 13))


@pytest.mark.parametrize(
    ("officer", "on", "courses", "expected"),
    [
        pytest.param("A", dt.date(2027, 5, 31), [COURSE], False, id="before-completion"),
        pytest.param("A", dt.date(2027, 6, 1), [COURSE], True, id="on-the-completion-day"),
        pytest.param("A", dt.date(2027, 6, 12), [COURSE], True, id="the-day-before-expiry"),
        pytest.param("A", dt.date(2027, 6, 13), [COURSE], False, id="on-the-expiry-day"),
        pytest.param("B", dt.date(2027, 6, 5), [COURSE], False, id="someone-elses-course"),
        pytest.param("A", dt.date(2027, 6, 5), [], False, id="no-courses"),
        pytest.param(
            "A",
            dt.date(2027, 6, 20),
            [COURSE, Training("A", dt.date(2027, 6, 13), dt.date(2030, 6, 13))],
            True,
            id="renewed",
        ),
    ],
)
def test_is_trained(officer: str, on: dt.date, courses: list[Training], expected: bool) -> None:
    assert is_trained(officer, on, courses) is expected


# --- on_call: across midnight and the clock changes ----------------------------------------

ORDINARY = Shift("A", DET, london(2027, 6, 12, 22), london(2027, 6, 13, 8))
SPRING = Shift("A", DET, london(2027, 3, 27, 22), london(2027, 3, 28, 8))
AUTUMN = Shift("A", DET, london(2027, 10, 30, 22), london(2027, 10, 31, 8))


@pytest.mark.parametrize(
    ("shift", "hours"),
    [(ORDINARY, 10), (SPRING, 9), (AUTUMN, 11)],
    ids=["ordinary", "spring", "autumn"],
)
def test_the_same_wall_clock_shift_lasts_10_9_or_11_hours(shift: Shift, hours: int) -> None:
    assert shift.ends_at - shift.starts_at == dt.timedelta(hours=hours)


@pytest.mark.parametrize(
    ("shift", "at", "found"),
    [
        # An ordinary Saturday night (BST), 22:00 to 08:00 London.
        pytest.param(ORDINARY, london(2027, 6, 12, 21, 59), False, id="ordinary-21:59"),
        pytest.param(ORDINARY, london(2027, 6, 12, 22), True, id="ordinary-22:00-start-inclusive"),
        pytest.param(ORDINARY, london(2027, 6, 12, 23, 30), True, id="ordinary-23:30"),
        pytest.param(ORDINARY, london(2027, 6, 13, 0, 0), True, id="ordinary-midnight"),
        pytest.param(ORDINARY, london(2027, 6, 13, 3, 10), True, id="ordinary-03:10"),
        pytest.param(ORDINARY, london(2027, 6, 13, 7, 59), True, id="ordinary-07:59"),
        pytest.param(ORDINARY, london(2027, 6, 13, 8), False, id="ordinary-08:00-end-exclusive"),
        # Spring forward: 01:00 GMT becomes 02:00 BST; 9 hours.
        pytest.param(SPRING, london(2027, 3, 27, 21, 59), False, id="spring-21:59"),
        pytest.param(SPRING, london(2027, 3, 27, 23, 30), True, id="spring-23:30-GMT"),
        pytest.param(SPRING, utc(2027, 3, 28, 0, 59), True, id="spring-00:59-GMT"),
        pytest.param(SPRING, utc(2027, 3, 28, 1, 0), True, id="spring-02:00-BST"),
        pytest.param(SPRING, london(2027, 3, 28, 3, 10), True, id="spring-03:10-BST"),
        pytest.param(SPRING, london(2027, 3, 28, 7, 59), True, id="spring-07:59-BST"),
        pytest.param(SPRING, london(2027, 3, 28, 8), False, id="spring-08:00-end-exclusive"),
        # Fall back: 02:00 BST becomes 01:00 GMT; 01:30 happens twice; 11 hours.
        pytest.param(AUTUMN, london(2027, 10, 30, 21, 59), False, id="autumn-21:59"),
        pytest.param(AUTUMN, london(2027, 10, 30, 23, 30), True, id="autumn-23:30-BST"),
        pytest.param(AUTUMN, london(2027, 10, 31, 1, 30, fold=0), True, id="autumn-01:30-BST"),
        pytest.param(AUTUMN, london(2027, 10, 31, 1, 30, fold=1), True, id="autumn-01:30-GMT"),
        pytest.param(AUTUMN, london(2027, 10, 31, 3, 10), True, id="autumn-03:10-GMT"),
        pytest.param(AUTUMN, london(2027, 10, 31, 7, 59), True, id="autumn-07:59-GMT"),
        pytest.param(AUTUMN, london(2027, 10, 31, 8), False, id="autumn-08:00-end-exclusive"),
    ],
)
def test_lookup_across_midnight_and_the_clock_changes(
    shift: Shift, at: dt.datetime, found: bool
) -> None:
    assert on_call([shift], trained("A"), at=at, duty=DET) == ([shift] if found else [])


def test_the_two_0130s_of_the_autumn_night_are_an_hour_apart() -> None:
    first = london(2027, 10, 31, 1, 30, fold=0)
    second = london(2027, 10, 31, 1, 30, fold=1)
    assert (first, second) == (utc(2027, 10, 31, 0, 30), utc(2027, 10, 31, 1, 30))


# --- on_call: training expiry by the London date ---------------------------------------------

DAY_SHIFT = Shift("A", DET, london(2027, 6, 12, 12), london(2027, 6, 13, 12))


@pytest.mark.parametrize(
    ("course", "at", "found"),
    [
        pytest.param(
            Training("A", dt.date(2026, 6, 1), dt.date(2027, 6, 13)),
            utc(2027, 6, 12, 22, 30),  # 23:30 BST on the 12th: the day before expiry
            True,
            id="trained-the-day-before-expiry",
        ),
        pytest.param(
            Training("A", dt.date(2026, 6, 1), dt.date(2027, 6, 13)),
            utc(2027, 6, 12, 23, 30),  # the 12th in UTC, but 00:30 BST on the 13th: expired
            False,
            id="the-london-date-decides-expiry",
        ),
        pytest.param(
            Training("A", dt.date(2027, 6, 13), dt.date(2030, 6, 13)),
            utc(2027, 6, 12, 22, 59),  # 23:59 BST on the 12th: not yet completed
            False,
            id="not-trained-before-the-completion-day",
        ),
        pytest.param(
            Training("A", dt.date(2027, 6, 13), dt.date(2030, 6, 13)),
            utc(2027, 6, 12, 23, 30),  # the 12th in UTC, but the 13th in London: completed
            True,
            id="the-london-date-decides-completion",
        ),
    ],
)
def test_training_is_checked_on_the_london_date(
    course: Training, at: dt.datetime, found: bool
) -> None:
    assert on_call([DAY_SHIFT], [course], at=at, duty=DET) == ([DAY_SHIFT] if found else [])


def test_an_untrained_officer_on_the_rota_is_not_on_call() -> None:
    assert on_call([DAY_SHIFT], trained("B"), at=london(2027, 6, 12, 18), duty=DET) == []


# --- on_call: order and duty -----------------------------------------------------------------


def test_the_order_is_rank_then_earlier_start_then_officer() -> None:
    at = london(2027, 6, 12, 23)
    start, later_start, end = (
        london(2027, 6, 12, 20),
        london(2027, 6, 12, 22),
        london(2027, 6, 13, 8),
    )
    rank2 = Shift("A", DET, start, end, rank=2)
    rank1_later = Shift("B", DET, later_start, end, rank=1)
    rank1_c = Shift("C", DET, start, end, rank=1)
    rank1_b = Shift("B2", DET, start, end, rank=1)
    rank3 = Shift("D", DET, start, end, rank=3)
    shifts = [rank3, rank2, rank1_later, rank1_c, rank1_b]
    found = on_call(shifts, trained("A", "B", "B2", "C", "D"), at=at, duty=DET)
    assert [s.officer for s in found] == ["B2", "C", "B", "A", "D"]


def test_officer_ties_are_broken_by_their_text_whatever_their_type() -> None:
    at = london(2027, 6, 12, 23)
    shifts = [Shift(officer, DET, ORDINARY.starts_at, ORDINARY.ends_at) for officer in (12, 3)]
    courses = [Training(o, dt.date(2026, 1, 1), dt.date(2029, 1, 1)) for o in (12, 3)]
    assert [s.officer for s in on_call(shifts, courses, at=at, duty=DET)] == [12, 3]  # "12" < "3"


def test_only_the_duty_asked_for_is_found() -> None:
    detective = Shift("A", DET, ORDINARY.starts_at, ORDINARY.ends_at)
    senior = Shift("S", SEN, ORDINARY.starts_at, ORDINARY.ends_at)
    courses = trained("A", "S")
    at = london(2027, 6, 12, 23, 30)
    assert on_call([detective, senior], courses, at=at, duty=DET) == [detective]
    assert on_call([detective, senior], courses, at=at, duty=SEN) == [senior]


def test_nobody_on_the_rota() -> None:
    assert on_call([], trained("A"), at=london(2027, 6, 12, 23, 30), duty=DET) == []


# --- overlap_errors ----------------------------------------------------------------------------

NIGHT = Shift("A", DET, london(2027, 6, 12, 22), london(2027, 6, 13, 8))
ENDS_FIRST = "A shift must end after it starts."
ALREADY = "The officer is already on call from 2027-06-12 21:00 to 2027-06-13 07:00 UTC."


@pytest.mark.parametrize(
    ("new", "existing", "errors"),
    [
        pytest.param(NIGHT, [], [], id="fine-alone"),
        pytest.param(
            Shift("A", DET, NIGHT.ends_at, NIGHT.starts_at),
            [],
            [ENDS_FIRST],
            id="ends-before-start",
        ),
        pytest.param(
            Shift("A", DET, NIGHT.starts_at, NIGHT.starts_at), [], [ENDS_FIRST], id="ends-at-start"
        ),
        pytest.param(
            Shift("A", DET, london(2027, 6, 13, 6), london(2027, 6, 13, 14)),
            [NIGHT],
            [ALREADY],
            id="same-officer-overlapping-the-end",
        ),
        pytest.param(
            Shift("A", DET, london(2027, 6, 12, 18), london(2027, 6, 12, 23)),
            [NIGHT],
            [ALREADY],
            id="same-officer-overlapping-the-start",
        ),
        pytest.param(
            Shift("A", DET, london(2027, 6, 12, 23), london(2027, 6, 13, 1)),
            [NIGHT],
            [ALREADY],
            id="same-officer-inside",
        ),
        pytest.param(
            Shift("A", SEN, london(2027, 6, 12, 23), london(2027, 6, 13, 1)),
            [NIGHT],
            [ALREADY],
            id="same-officer-on-another-duty",
        ),
        pytest.param(
            Shift("A", DET, NIGHT.ends_at, london(2027, 6, 13, 18)),
            [NIGHT],
            [],
            id="touching-after-allowed",
        ),
        pytest.param(
            Shift("A", DET, london(2027, 6, 12, 12), NIGHT.starts_at),
            [NIGHT],
            [],
            id="touching-before-allowed",
        ),
        pytest.param(
            Shift("B", DET, NIGHT.starts_at, NIGHT.ends_at),
            [NIGHT],
            [],
            id="different-officer-overlapping-allowed",
        ),
        pytest.param(
            Shift("A", DET, NIGHT.ends_at, NIGHT.starts_at),
            [Shift("A", DET, london(2027, 6, 12, 23), london(2027, 6, 13, 1))],
            [ENDS_FIRST],
            id="backwards-shift-overlaps-nothing",
        ),
    ],
)
def test_overlap_errors(new: Shift, existing: list[Shift], errors: list[str]) -> None:
    assert overlap_errors(new, existing) == errors


def test_every_overlapping_shift_is_named() -> None:
    morning = Shift("A", DET, london(2027, 6, 13, 8), london(2027, 6, 13, 12))
    long_day = Shift("A", DET, london(2027, 6, 12, 20), london(2027, 6, 13, 11))
    assert overlap_errors(long_day, [NIGHT, morning]) == [
        ALREADY,
        "The officer is already on call from 2027-06-13 07:00 to 2027-06-13 11:00 UTC.",
    ]


# --- cover_gaps ----------------------------------------------------------------------------------

W_START = utc(2027, 6, 12, 8)
W_END = utc(2027, 6, 12, 20)


def test_no_shifts_is_one_gap_per_duty_for_the_whole_window() -> None:
    assert cover_gaps([], trained("A"), start=W_START, end=W_END) == [
        Gap(DET, W_START, W_END),
        Gap(SEN, W_START, W_END),
    ]


def test_an_empty_window_has_no_gaps() -> None:
    assert cover_gaps([], [], start=W_START, end=W_START) == []


def test_full_cover_has_no_gaps() -> None:
    shifts = [Shift("A", DET, W_START, W_END), Shift("S", SEN, W_START, W_END)]
    assert cover_gaps(shifts, trained("A", "S"), start=W_START, end=W_END) == []


def test_a_hole_in_the_middle_is_one_gap_of_consecutive_steps() -> None:
    shifts = [
        Shift("A", DET, W_START, utc(2027, 6, 12, 12)),
        Shift("B", DET, utc(2027, 6, 12, 14), W_END),
        Shift("S", SEN, W_START, W_END),
    ]
    assert cover_gaps(shifts, trained("A", "B", "S"), start=W_START, end=W_END) == [
        Gap(DET, utc(2027, 6, 12, 12), utc(2027, 6, 12, 14))  # 4 half-hours, one gap
    ]


def test_two_holes_are_two_gaps_and_an_open_gap_runs_to_the_window_end() -> None:
    shifts = [
        Shift("A", DET, utc(2027, 6, 12, 9), utc(2027, 6, 12, 12)),
        Shift("B", DET, utc(2027, 6, 12, 13), utc(2027, 6, 12, 18)),
        Shift("S", SEN, W_START, W_END),
    ]
    end = utc(2027, 6, 12, 19, 45)  # not on a half hour: the gap ends at the window, not past it
    assert cover_gaps(shifts, trained("A", "B", "S"), start=W_START, end=end) == [
        Gap(DET, W_START, utc(2027, 6, 12, 9)),
        Gap(DET, utc(2027, 6, 12, 12), utc(2027, 6, 12, 13)),
        Gap(DET, utc(2027, 6, 12, 18), end),
    ]


def test_training_expiring_mid_window_leaves_a_gap_from_london_midnight() -> None:
    start, end = utc(2027, 6, 12, 12), utc(2027, 6, 13, 12)
    shifts = [Shift("A", DET, start, end), Shift("S", SEN, start, end)]
    courses = [
        Training("A", dt.date(2026, 6, 1), expires_on=dt.date(2027, 6, 13)),
        *trained("S"),
    ]
    assert cover_gaps(shifts, courses, start=start, end=end) == [
        Gap(DET, london(2027, 6, 13, 0), end)  # 23:00 UTC on the 12th
    ]


def test_an_untrained_senior_officer_leaves_the_senior_duty_uncovered() -> None:
    # Training is checked for every duty, the senior officer's too.
    shifts = [Shift("A", DET, W_START, W_END), Shift("S", SEN, W_START, W_END)]
    assert cover_gaps(shifts, trained("A"), start=W_START, end=W_END) == [Gap(SEN, W_START, W_END)]


def test_the_step_can_be_chosen() -> None:
    shifts = [
        Shift("A", DET, W_START, utc(2027, 6, 12, 12, 10)),
        Shift("B", DET, utc(2027, 6, 12, 12, 20), W_END),
        Shift("S", SEN, W_START, W_END),
    ]
    courses = trained("A", "B", "S")
    # Half-hourly checks miss a 10-minute hole between 12:10 and 12:20 ...
    assert cover_gaps(shifts, courses, start=W_START, end=W_END) == []
    # ... checks every 5 minutes find it.
    assert cover_gaps(shifts, courses, start=W_START, end=W_END, step=dt.timedelta(minutes=5)) == [
        Gap(DET, utc(2027, 6, 12, 12, 10), utc(2027, 6, 12, 12, 20))
    ]


def test_gaps_across_the_autumn_night_are_measured_in_real_hours() -> None:
    # Nobody on the detective rota on the night the clocks go back: 11 real hours uncovered.
    start, end = AUTUMN.starts_at, AUTUMN.ends_at
    gaps = cover_gaps([Shift("S", SEN, start, end)], trained("S"), start=start, end=end)
    assert gaps == [Gap(DET, start, end)]
    assert gaps[0].ends_at - gaps[0].starts_at == dt.timedelta(hours=11)
