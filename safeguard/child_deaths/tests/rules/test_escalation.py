"""Finding a trained officer who accepts, at any hour; the worker may run twice (DOMAIN.md §5.2)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Hashable, Sequence

import pytest

from safeguard.child_deaths.rules.escalation import Asked, Next, next_step

NOW = dt.datetime(2027, 10, 31, 1, 30, tzinfo=dt.UTC)  # 01:30 GMT, the second 01:30 in London
WITHIN = dt.timedelta(minutes=15)
NO_ACCEPT = "No acceptance within the time allowed"
NO_OTHER = "No other trained officer is on call"


def ago(minutes: float) -> dt.datetime:
    return NOW - dt.timedelta(minutes=minutes)


def asked(
    officer: str, minutes_ago: float, *, accepted: bool = False, timed_out: bool = False
) -> Asked:
    return Asked(officer, ago(minutes_ago), accepted=accepted, timed_out=timed_out)


def step(
    asks: Sequence[Asked],
    candidates: Sequence[Hashable],
    *,
    senior_told: bool = False,
    now: dt.datetime = NOW,
) -> Next:
    return next_step(
        asked=asks, candidates=candidates, senior_told=senior_told, now=now, accept_within=WITHIN
    )


@pytest.mark.parametrize(
    ("asks", "candidates", "senior_told", "expected"),
    [
        pytest.param([], ["A", "B"], False, Next(ask="A"), id="nobody-asked-ask-the-first"),
        pytest.param(
            [],
            [],
            False,
            Next(tell_senior=True, reasons=(NO_OTHER,)),
            id="nobody-on-call-tell-senior",
        ),
        pytest.param(
            [], [], True, Next(reasons=(NO_OTHER,)), id="nobody-on-call-senior-already-told"
        ),
        pytest.param([asked("A", 10)], ["A", "B"], False, Next(), id="asked-and-still-in-time"),
        pytest.param(
            [Asked("A", NOW - WITHIN + dt.timedelta(seconds=1), accepted=False, timed_out=False)],
            ["A", "B"],
            False,
            Next(),
            id="a-second-before-the-time",
        ),
        pytest.param(
            [asked("A", 15)],
            ["A", "B"],
            False,
            Next(time_out=("A",), ask="B", tell_senior=True, reasons=(NO_ACCEPT,)),
            id="exactly-at-the-time-is-late",
        ),
        pytest.param(
            [asked("A", 20)],
            ["A", "B", "C"],
            False,
            Next(time_out=("A",), ask="B", tell_senior=True, reasons=(NO_ACCEPT,)),
            id="late-time-out-ask-next-tell-senior",
        ),
        pytest.param(
            [asked("A", 20)],
            ["A"],
            False,
            Next(time_out=("A",), tell_senior=True, reasons=(NO_ACCEPT, NO_OTHER)),
            id="late-and-no-other-candidate",
        ),
        pytest.param(
            [asked("A", 20)],
            [],
            False,
            Next(time_out=("A",), tell_senior=True, reasons=(NO_ACCEPT, NO_OTHER)),
            id="late-and-the-shift-has-ended",
        ),
        pytest.param(
            [asked("A", 40, timed_out=True), asked("B", 20)],
            ["A", "B", "C"],
            True,
            Next(time_out=("B",), ask="C", reasons=(NO_ACCEPT,)),
            id="senior-already-told-is-not-told-again",
        ),
        pytest.param(
            [asked("A", 40, timed_out=True), asked("B", 20)],
            ["A", "B"],
            True,
            Next(time_out=("B",), reasons=(NO_ACCEPT, NO_OTHER)),
            id="senior-already-told-and-nobody-left",
        ),
        pytest.param(
            [asked("A", 40, timed_out=True), asked("B", 20, accepted=True), asked("C", 30)],
            ["A", "B", "C", "D"],
            False,
            Next(),
            id="someone-accepted-nothing-to-do",
        ),
        pytest.param(
            [asked("A", 20), asked("B", 5)],
            ["A", "B", "C"],
            False,
            Next(time_out=("A",)),
            id="late-while-another-is-still-waiting",
        ),
        pytest.param(
            [asked("A", 60, timed_out=True)],
            ["A", "C"],
            True,
            Next(ask="C"),
            id="a-new-officer-comes-on-call-after-a-time-out",
        ),
        pytest.param(
            [asked("A", 60, timed_out=True)],
            ["A"],
            False,
            Next(tell_senior=True, reasons=(NO_OTHER,)),
            id="timed-out-earlier-senior-never-told",
        ),
    ],
)
def test_next_step(
    asks: list[Asked], candidates: list[str], senior_told: bool, expected: Next
) -> None:
    assert step(asks, candidates, senior_told=senior_told) == expected


# --- the worker runs twice ---------------------------------------------------------------------


def apply(
    asks: Sequence[Asked], senior_told: bool, todo: Next, now: dt.datetime
) -> tuple[list[Asked], bool]:
    """What the worker records for ``todo``: the time-outs, the new ask, the senior told."""
    recorded = [
        dataclasses.replace(a, timed_out=True) if a.officer in todo.time_out else a for a in asks
    ]
    if todo.ask is not None:
        recorded.append(Asked(todo.ask, now, accepted=False, timed_out=False))
    return recorded, senior_told or todo.tell_senior


def acts(todo: Next) -> bool:
    return bool(todo.time_out) or todo.ask is not None or todo.tell_senior


def test_running_again_at_the_same_moment_does_nothing() -> None:
    asks = [asked("A", 20)]
    first = step(asks, ["A", "B"])
    assert first == Next(time_out=("A",), ask="B", tell_senior=True, reasons=(NO_ACCEPT,))
    asks, told = apply(asks, False, first, NOW)
    assert asks == [
        asked("A", 20, timed_out=True),
        Asked("B", NOW, accepted=False, timed_out=False),
    ]
    assert told
    assert step(asks, ["A", "B"], senior_told=told) == Next()


def test_running_again_after_asking_the_first_does_nothing() -> None:
    first = step([], ["A", "B"])
    asks, told = apply([], False, first, NOW)
    assert step(asks, ["A", "B"], senior_told=told) == Next()


@pytest.mark.parametrize(
    ("asks", "candidates"),
    [
        pytest.param([asked("A", 20)], ["A"], id="late-and-no-other-candidate"),
        pytest.param([], [], id="nobody-on-call"),
    ],
)
def test_running_again_when_nobody_is_left_takes_no_action(
    asks: list[Asked], candidates: list[str]
) -> None:
    first = step(asks, candidates)
    assert first.tell_senior
    asks, told = apply(asks, False, first, NOW)
    again = step(asks, candidates, senior_told=told)
    assert not acts(again)
    # The reason stays, though there is nothing to do: see the report.
    assert again == Next(reasons=(NO_OTHER,))


def test_a_night_of_ticks_each_run_twice() -> None:
    """The worker runs every 5 minutes, twice each time; nobody accepts until C does."""
    start = NOW
    candidates = ["A", "B", "C"]
    asks: list[Asked] = []
    told = False
    actions: list[tuple[int, Next]] = []
    for tick in range(13):
        now = start + dt.timedelta(minutes=5 * tick)
        if tick == 8:  # C, asked at minute 30, accepts at minute 40
            asks = [dataclasses.replace(a, accepted=True) if a.officer == "C" else a for a in asks]
        for _run in range(2):
            todo = next_step(
                asked=asks, candidates=candidates, senior_told=told, now=now, accept_within=WITHIN
            )
            if acts(todo):
                actions.append((5 * tick, todo))
            asks, told = apply(asks, told, todo, now)
    assert actions == [
        (0, Next(ask="A")),
        (15, Next(time_out=("A",), ask="B", tell_senior=True, reasons=(NO_ACCEPT,))),
        (30, Next(time_out=("B",), ask="C", reasons=(NO_ACCEPT,))),
    ]
    assert [(a.officer, a.offered_at - start, a.accepted, a.timed_out) for a in asks] == [
        ("A", dt.timedelta(0), False, True),
        ("B", dt.timedelta(minutes=15), False, True),
        ("C", dt.timedelta(minutes=30), True, False),
    ]
