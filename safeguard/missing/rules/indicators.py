"""Indicators for missing children, for the inspection dashboard (issue 5; DOMAIN.md §2).

Pure functions of plain facts, so the inspection-readiness dashboard (issue 9) reuses them.
A share with nothing behind it is ``None`` ("no data"), never zero.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from safeguard.core.rules.indicators import Share
from safeguard.missing.rules.codes import ReturnInterviewOutcome
from safeguard.missing.rules.times import RETURN_INTERVIEW_HOURS, return_interview_due, within


@dataclass(frozen=True)
class ReviewFact:
    """One review the grading called for: when it was due, when it was done (or not)."""

    due_at: dt.datetime
    done_at: dt.datetime | None


@dataclass(frozen=True)
class EpisodeFact:
    """One missing episode, as the indicators see it."""

    core_complete: bool
    reviews: tuple[ReviewFact, ...]
    found_at: dt.datetime | None
    prevention_interview_at: dt.datetime | None
    return_interview_outcome: str | None
    return_interview_outcome_at: dt.datetime | None
    # The record counted, so the inspection dashboard can break the figure down and list the
    # records behind it (issue 9); None in hand-built facts.
    subject_id: UUID | None = None


@dataclass(frozen=True)
class RepeatFact:
    """One strategy-discussion prompt raised for a repeat-missing child."""

    discussion_held: bool
    # The episode that raised the prompt (issue 9 drill-down); None in hand-built facts.
    subject_id: UUID | None = None


def share_core_complete(episodes: Sequence[EpisodeFact]) -> Share:
    """Share of episodes holding the whole core information set (DOMAIN.md §2.1 [S])."""
    return Share(sum(1 for e in episodes if e.core_complete), len(episodes))


def share_reviews_on_time(episodes: Sequence[EpisodeFact], *, as_of: dt.datetime) -> Share:
    """Share of reviews done by their time, among those done or already due at ``as_of``.

    A review not yet due is not counted either way (DOMAIN.md §2.1: a time is set to review
    the decisions [P]).
    """
    counted = [r for e in episodes for r in e.reviews if r.done_at is not None or r.due_at <= as_of]
    return Share(
        sum(1 for r in counted if within(done_at=r.done_at, due_at=r.due_at)), len(counted)
    )


def share_prevention_interviews(episodes: Sequence[EpisodeFact]) -> Share:
    """Share of found children who had the police prevention interview (DOMAIN.md §2.2 [S])."""
    found = [e for e in episodes if e.found_at is not None]
    return Share(sum(1 for e in found if e.prevention_interview_at is not None), len(found))


def share_return_interviews_in_time(
    episodes: Sequence[EpisodeFact], *, as_of: dt.datetime, hours: int = RETURN_INTERVIEW_HOURS
) -> Share:
    """Share of return interviews completed within ``hours`` of the child's return (§2.2 [S]).

    Counted once the 72 hours have passed or an outcome is recorded. A refusal or a decision
    not to hold one is recorded but is not a completed interview.
    """
    counted = 0
    met = 0
    for e in episodes:
        if e.found_at is None:
            continue
        due = return_interview_due(found_at=e.found_at, hours=hours)
        if e.return_interview_outcome_at is None and due > as_of:
            continue
        counted += 1
        completed = e.return_interview_outcome == ReturnInterviewOutcome.COMPLETED
        if completed and within(done_at=e.return_interview_outcome_at, due_at=due):
            met += 1
    return Share(met, counted)


def share_repeat_with_strategy(prompts: Sequence[RepeatFact]) -> Share:
    """Share of repeat-missing prompts followed by a strategy discussion (DOMAIN.md §2.2 [S])."""
    return Share(sum(1 for p in prompts if p.discussion_held), len(prompts))
