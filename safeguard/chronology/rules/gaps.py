"""Recording gaps across a child's records, from plain facts (issue 6 item 5).

Pure: the standard library and lower ``rules`` packages only; ``now`` is passed in.

The gaps are the ones inspectors look for in a child's history (DOMAIN.md §1, §8): the
person record's own recording standards (ethnicity, date of birth, a current address and
the rest, §8.1-8.3, judged by ``people.rules.recording_standards`` so the person page and
the chronology agree), a missing episode without its prevention interview or return
interview (§2.2), a child's involvement without the voice of the child (§8.4), and an
exploitation screening left open (§2.2, §10.1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from safeguard.incidents.rules.codes import InvolvementRole
from safeguard.incidents.rules.voice_of_child import (
    VoiceOfChild,
    is_child_involvement,
    voice_of_child_errors,
)


class GapCode(StrEnum):
    PERSON_RECORD = "PERSON_RECORD"
    PREVENTION_INTERVIEW = "PREVENTION_INTERVIEW"
    RETURN_INTERVIEW_NOT_REQUESTED = "RETURN_INTERVIEW_NOT_REQUESTED"
    RETURN_INTERVIEW_OUTCOME = "RETURN_INTERVIEW_OUTCOME"
    VOICE_OF_CHILD_MISSING = "VOICE_OF_CHILD_MISSING"
    VOICE_OF_CHILD_INCOMPLETE = "VOICE_OF_CHILD_INCOMPLETE"
    SCREENING_OPEN = "SCREENING_OPEN"


@dataclass(frozen=True)
class Gap:
    """Something missing from a record: which person record, which record, what to do."""

    code: GapCode
    person_reference: str
    record_reference: str
    message: str
    detail: str = ""


@dataclass(frozen=True)
class PersonIssueFact:
    """One recording-standard issue of a person record (``people.rules.recording_standards``)."""

    person_reference: str
    issue_code: str
    message: str


@dataclass(frozen=True)
class EpisodeFact:
    person_reference: str
    reference: str
    found_at: dt.datetime | None
    prevention_interview_at: dt.datetime | None
    return_interview_requested_at: dt.datetime | None
    return_interview_outcome: str


@dataclass(frozen=True)
class InvolvementFact:
    """A person's part in an occurrence; ``voice`` None means none was recorded."""

    person_reference: str
    occurrence_reference: str
    role: str
    age_at_occurrence: int | None
    voice: VoiceOfChild | None


@dataclass(frozen=True)
class ScreeningFact:
    person_reference: str
    episode_reference: str
    completed: bool


@dataclass(frozen=True)
class GapPolicy:
    """Force policy the time-based gaps use (missing.policy; DOMAIN.md §2.2 [S]/[U])."""

    prevention_interview_hours: int = 24
    return_interview_hours: int = 72


def person_gaps(issues: Sequence[PersonIssueFact]) -> list[Gap]:
    """Return one gap per recording-standard issue of a person record (DOMAIN.md §8)."""
    return [
        Gap(GapCode.PERSON_RECORD, i.person_reference, i.person_reference, i.message, i.issue_code)
        for i in issues
    ]


def episode_gaps(episode: EpisodeFact, *, now: dt.datetime, policy: GapPolicy) -> list[Gap]:
    """Return what a returned child's episode still lacks (DOMAIN.md §2.2 [S]).

    Once found, the police prevention interview is due within the force's hours [U]; the
    return interview must be requested from the local authority at once and its outcome
    (held, refused, or not held with the reason) recorded within its hours, 72 by the
    statutory guidance [S]. An episode still open has none of these gaps yet.
    """
    if episode.found_at is None:
        return []
    since_found = now - episode.found_at
    gaps: list[Gap] = []
    if episode.prevention_interview_at is None and since_found > dt.timedelta(
        hours=policy.prevention_interview_hours
    ):
        gaps.append(
            Gap(
                GapCode.PREVENTION_INTERVIEW,
                episode.person_reference,
                episode.reference,
                "Found, but no prevention (safe and well) interview is recorded",
            )
        )
    if episode.return_interview_requested_at is None:
        gaps.append(
            Gap(
                GapCode.RETURN_INTERVIEW_NOT_REQUESTED,
                episode.person_reference,
                episode.reference,
                "Returned, but no return interview was requested from the local authority",
            )
        )
    elif not episode.return_interview_outcome and since_found > dt.timedelta(
        hours=policy.return_interview_hours
    ):
        gaps.append(
            Gap(
                GapCode.RETURN_INTERVIEW_OUTCOME,
                episode.person_reference,
                episode.reference,
                f"No return interview outcome recorded {policy.return_interview_hours} hours "
                "after return",
            )
        )
    return gaps


def involvement_gaps(involvement: InvolvementFact) -> list[Gap]:
    """Return a gap when a child's involvement lacks the voice of the child (DOMAIN.md §8.4).

    A child's involvement is one in a child's role or of anyone under 18 at the time
    (``incidents.rules.voice_of_child``); none recorded, or one the recording rules would
    refuse now, is a gap.
    """
    if not is_child_involvement(
        role=InvolvementRole(involvement.role), age=involvement.age_at_occurrence
    ):
        return []
    if involvement.voice is None:
        return [
            Gap(
                GapCode.VOICE_OF_CHILD_MISSING,
                involvement.person_reference,
                involvement.occurrence_reference,
                "The voice of the child is not recorded",
            )
        ]
    errors = voice_of_child_errors(involvement.voice)
    if not errors:
        return []
    return [
        Gap(
            GapCode.VOICE_OF_CHILD_INCOMPLETE,
            involvement.person_reference,
            involvement.occurrence_reference,
            "The voice of the child is incomplete",
            "; ".join(message for messages in errors.values() for message in messages),
        )
    ]


def screening_gaps(screening: ScreeningFact) -> list[Gap]:
    """Return a gap for an exploitation screening not yet completed.

    Indicators seen in a missing episode call for a CSE/CCE screening (DOMAIN.md §2.2,
    §10.1 [S]). No time limit for completing it is confirmed, so any open screening is
    listed as outstanding rather than late.
    """
    if screening.completed:
        return []
    return [
        Gap(
            GapCode.SCREENING_OPEN,
            screening.person_reference,
            screening.episode_reference,
            "An exploitation screening is not yet completed",
        )
    ]


def chronology_gaps(
    *,
    person_issues: Sequence[PersonIssueFact] = (),
    episodes: Sequence[EpisodeFact] = (),
    involvements: Sequence[InvolvementFact] = (),
    screenings: Sequence[ScreeningFact] = (),
    now: dt.datetime,
    policy: GapPolicy,
) -> list[Gap]:
    """Return every recording gap across the child's records: person records first, then
    missing episodes, involvements and screenings, each in the order given."""
    gaps = person_gaps(person_issues)
    for episode in episodes:
        gaps.extend(episode_gaps(episode, now=now, policy=policy))
    for involvement in involvements:
        gaps.extend(involvement_gaps(involvement))
    for screening in screenings:
        gaps.extend(screening_gaps(screening))
    return gaps
