from __future__ import annotations

import datetime as dt

import pytest

from safeguard.chronology.rules.gaps import (
    EpisodeFact,
    GapCode,
    GapPolicy,
    InvolvementFact,
    PersonIssueFact,
    ScreeningFact,
    chronology_gaps,
    episode_gaps,
    involvement_gaps,
    person_gaps,
    screening_gaps,
)
from safeguard.incidents.rules.voice_of_child import VoiceOfChild

UTC = dt.UTC
NOW = dt.datetime(2026, 5, 12, 12, 0, tzinfo=UTC)
POLICY = GapPolicy(prevention_interview_hours=24, return_interview_hours=72)


def episode(
    *,
    found_hours_ago: float | None,
    prevention: bool = False,
    requested: bool = False,
    outcome: str = "",
) -> EpisodeFact:
    found = None if found_hours_ago is None else NOW - dt.timedelta(hours=found_hours_ago)
    return EpisodeFact(
        person_reference="PER-1",
        reference="MIS-1",
        found_at=found,
        prevention_interview_at=found if prevention else None,
        return_interview_requested_at=found if requested else None,
        return_interview_outcome=outcome,
    )


HEARD = VoiceOfChild(
    seen=True,
    spoken_to=True,
    spoken_to_alone=True,
    childs_words="I was scared when they shouted",
    behaviour_and_demeanour="Quiet, holding her brother's hand",
)


class TestPersonGaps:
    def test_one_gap_per_issue_naming_the_record(self) -> None:
        gaps = person_gaps(
            [
                PersonIssueFact("PER-1", "NO_CURRENT_ADDRESS", "Record a current address"),
                PersonIssueFact("PER-2", "DATE_OF_BIRTH_MISSING", "Record a date of birth"),
            ]
        )
        assert [(g.code, g.person_reference, g.record_reference, g.detail) for g in gaps] == [
            (GapCode.PERSON_RECORD, "PER-1", "PER-1", "NO_CURRENT_ADDRESS"),
            (GapCode.PERSON_RECORD, "PER-2", "PER-2", "DATE_OF_BIRTH_MISSING"),
        ]


class TestEpisodeGaps:
    @pytest.mark.parametrize(
        ("fact", "codes"),
        [
            # Still missing: nothing is due yet.
            (episode(found_hours_ago=None), []),
            # Just found: the return interview must be requested at once; the prevention
            # interview still has its hours.
            (episode(found_hours_ago=1), [GapCode.RETURN_INTERVIEW_NOT_REQUESTED]),
            (episode(found_hours_ago=24), [GapCode.RETURN_INTERVIEW_NOT_REQUESTED]),
            (
                episode(found_hours_ago=25),
                [GapCode.PREVENTION_INTERVIEW, GapCode.RETURN_INTERVIEW_NOT_REQUESTED],
            ),
            (episode(found_hours_ago=25, prevention=True, requested=True), []),
            # Requested: the outcome is due within 72 hours of return.
            (episode(found_hours_ago=72, prevention=True, requested=True), []),
            (
                episode(found_hours_ago=73, prevention=True, requested=True),
                [GapCode.RETURN_INTERVIEW_OUTCOME],
            ),
            (
                episode(found_hours_ago=200, prevention=True, requested=True, outcome="REFUSED"),
                [],
            ),
        ],
    )
    def test_lists_what_a_returned_child_still_lacks(self, fact, codes) -> None:
        assert [g.code for g in episode_gaps(fact, now=NOW, policy=POLICY)] == codes

    def test_the_outcome_message_names_the_policy_hours(self) -> None:
        fact = episode(found_hours_ago=50, prevention=True, requested=True)
        (gap,) = episode_gaps(fact, now=NOW, policy=GapPolicy(return_interview_hours=48))
        assert "48 hours" in gap.message
        assert (gap.person_reference, gap.record_reference) == ("PER-1", "MIS-1")


class TestInvolvementGaps:
    @pytest.mark.parametrize(
        ("role", "age", "voice", "codes"),
        [
            # Adults in adult roles: no voice of the child needed.
            ("SUSPECT", 35, None, []),
            ("VICTIM", None, None, []),
            # A child's role, whatever the age, or anyone under 18.
            ("CHILD_PRESENT", None, None, [GapCode.VOICE_OF_CHILD_MISSING]),
            ("VICTIM", 15, None, [GapCode.VOICE_OF_CHILD_MISSING]),
            ("CHILD_IN_HOUSEHOLD", 9, HEARD, []),
            (
                "CHILD_PRESENT",
                9,
                VoiceOfChild(seen=True, spoken_to=False),
                [GapCode.VOICE_OF_CHILD_INCOMPLETE],
            ),
        ],
    )
    def test_a_childs_involvement_needs_their_voice(self, role, age, voice, codes) -> None:
        fact = InvolvementFact("PER-1", "OCC-1", role, age, voice)
        assert [g.code for g in involvement_gaps(fact)] == codes

    def test_an_incomplete_voice_says_what_is_missing(self) -> None:
        fact = InvolvementFact("PER-1", "OCC-1", "CHILD_PRESENT", 9, VoiceOfChild(True, False))
        (gap,) = involvement_gaps(fact)
        assert "behaviour and demeanour" in gap.detail
        assert "reason" in gap.detail
        assert gap.record_reference == "OCC-1"


class TestScreeningGaps:
    @pytest.mark.parametrize(
        ("completed", "codes"), [(True, []), (False, [GapCode.SCREENING_OPEN])]
    )
    def test_an_open_screening_is_outstanding(self, completed, codes) -> None:
        fact = ScreeningFact("PER-1", "MIS-1", completed)
        assert [g.code for g in screening_gaps(fact)] == codes


class TestChronologyGaps:
    def test_nothing_given_nothing_lacking(self) -> None:
        assert chronology_gaps(now=NOW, policy=POLICY) == []

    def test_person_records_first_then_episodes_involvements_screenings(self) -> None:
        gaps = chronology_gaps(
            person_issues=[PersonIssueFact("PER-2", "NO_CURRENT_ADDRESS", "Record an address")],
            episodes=[episode(found_hours_ago=2, prevention=True)],
            involvements=[InvolvementFact("PER-1", "OCC-1", "CHILD_PRESENT", 9, None)],
            screenings=[ScreeningFact("PER-1", "MIS-1", completed=False)],
            now=NOW,
            policy=POLICY,
        )
        assert [g.code for g in gaps] == [
            GapCode.PERSON_RECORD,
            GapCode.RETURN_INTERVIEW_NOT_REQUESTED,
            GapCode.VOICE_OF_CHILD_MISSING,
            GapCode.SCREENING_OPEN,
        ]
