from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safeguard.risk.rules.dash import (
    ANSWER_CHOICES,
    DASH_V1,
    NOT_KNOWN,
    QUESTIONS_V1,
    SCORED_V1,
    answer_question,
    dash_instrument,
    dash_instrument_from_config,
    dash_yes_count,
    question_from_da_config,
)
from safeguard.risk.rules.instruments import (
    NO,
    YES,
    InstrumentMisdefined,
    Question,
    QuestionKind,
    answers_errors,
    level_rank,
    risk_level,
)
from safeguard.risk.rules.judgement import officer_level_errors

PROPERTIES = settings(database=None, deadline=None)


def answers_with(yes: int, *, rest: str = NO) -> dict[str, str]:
    """Return complete DASH v1 answers with the first ``yes`` scored questions "Yes"."""
    return {code: YES if n < yes else rest for n, code in enumerate(SCORED_V1)}


class TestDashV1:
    def test_has_exactly_27_scored_questions_and_one_optional_note(self) -> None:
        assert len(SCORED_V1) == 27
        assert len(QUESTIONS_V1) == 28
        note = DASH_V1.question("ADDITIONAL_INFORMATION")
        assert note is not None
        assert (note.kind, note.required) == (QuestionKind.TEXT, False)
        assert SCORED_V1[0] == "Q01_INJURY"
        assert SCORED_V1[-1] == "Q27_CRIMINAL_HISTORY"
        assert [code[:3] for code in SCORED_V1] == [f"Q{n:02d}" for n in range(1, 28)]

    def test_every_scored_question_offers_no_not_known_and_yes_least_serious_first(
        self,
    ) -> None:
        for code in SCORED_V1:
            question = DASH_V1.question(code)
            assert question is not None
            assert question.option_values == (NO, NOT_KNOWN, YES)
        assert dict(ANSWER_CHOICES)[NOT_KNOWN] == "Not known / declined"

    def test_levels_are_standard_medium_high_and_never_lowered(self) -> None:
        assert (DASH_V1.code, DASH_V1.version) == ("DASH", 1)
        assert DASH_V1.levels == ("STANDARD", "MEDIUM", "HIGH")
        assert [DASH_V1.level_label(lv) for lv in DASH_V1.levels] == ["Standard", "Medium", "High"]
        assert DASH_V1.allows_lowering is False
        assert "§3.3" in DASH_V1.source

    @pytest.mark.parametrize(
        ("yes", "expected"),
        [
            (0, "STANDARD"),
            (1, "STANDARD"),
            (9, "STANDARD"),
            (10, "MEDIUM"),
            (13, "MEDIUM"),
            (14, "HIGH"),
            (27, "HIGH"),
        ],
    )
    def test_bands_the_yes_count_at_10_and_14(self, yes, expected) -> None:
        answers = answers_with(yes)
        assert answers_errors(DASH_V1, answers) == {}
        assert dash_yes_count(answers) == yes
        assert risk_level(DASH_V1, answers) == expected

    def test_not_known_never_counts(self) -> None:
        answers = answers_with(9, rest=NOT_KNOWN)
        assert answers_errors(DASH_V1, answers) == {}
        assert dash_yes_count(answers) == 9
        assert risk_level(DASH_V1, answers) == "STANDARD"
        assert risk_level(DASH_V1, dict.fromkeys(SCORED_V1, NOT_KNOWN)) == "STANDARD"

    def test_the_officers_note_is_recorded_but_never_counted(self) -> None:
        answers = answers_with(13) | {"ADDITIONAL_INFORMATION": "Victim fears the weekend."}
        assert answers_errors(DASH_V1, answers) == {}
        assert risk_level(DASH_V1, answers) == "MEDIUM"

    def test_a_half_answered_checklist_names_each_unanswered_question(self) -> None:
        answered = SCORED_V1[:14]
        answers = dict.fromkeys(answered, YES)
        errors = answers_errors(DASH_V1, answers)
        assert set(errors) == set(SCORED_V1[14:])
        assert all(messages == ["Answer this question"] for messages in errors.values())

    def test_refuses_an_answer_that_is_not_offered(self) -> None:
        errors = answers_errors(DASH_V1, answers_with(3) | {"Q02_VERY_FRIGHTENED": "MAYBE"})
        assert set(errors) == {"Q02_VERY_FRIGHTENED"}

    @pytest.mark.parametrize(("computed", "officer"), [("HIGH", "MEDIUM"), ("MEDIUM", "STANDARD")])
    def test_professional_judgement_may_never_lower_the_level(self, computed, officer) -> None:
        errors = officer_level_errors(
            DASH_V1, computed=computed, officer_level=officer, rationale="x" * 200
        )
        assert errors == {
            "officer_level": [
                "DASH risk checklist levels can be raised by "
                "professional judgement but never lowered"
            ]
        }

    def test_professional_judgement_may_raise_the_level_with_a_reason(self) -> None:
        errors = officer_level_errors(
            DASH_V1,
            computed="STANDARD",
            officer_level="HIGH",
            rationale="Recent strangulation disclosed after the checklist.",
        )
        assert errors == {}


class TestDashInstrument:
    @pytest.mark.parametrize(
        ("medium_from", "high_from", "yes", "expected"),
        [
            (8, 12, 7, "STANDARD"),
            (8, 12, 8, "MEDIUM"),
            (8, 12, 11, "MEDIUM"),
            (8, 12, 12, "HIGH"),
            (1, 27, 1, "MEDIUM"),
            (1, 27, 26, "MEDIUM"),
            (1, 27, 27, "HIGH"),
        ],
    )
    def test_force_thresholds_change_the_levels(
        self, medium_from, high_from, yes, expected
    ) -> None:
        instrument = dash_instrument(medium_from=medium_from, high_from=high_from)
        assert risk_level(instrument, answers_with(yes)) == expected

    @pytest.mark.parametrize(
        ("medium_from", "high_from", "message"),
        [
            (0, 14, "1 <= medium"),
            (14, 14, "1 <= medium"),
            (15, 14, "1 <= medium"),
            (10, 28, "never be reached with 27"),
        ],
    )
    def test_refuses_thresholds_that_cannot_band(self, medium_from, high_from, message) -> None:
        with pytest.raises(InstrumentMisdefined, match=message):
            dash_instrument(medium_from=medium_from, high_from=high_from)


class TestDashInstrumentFromConfig:
    def config(self, **extra: object) -> dict[str, object]:
        questions: list[dict[str, object]] = [
            {"code": f"Q{n}", "kind": "yes_no_not_known", "text": f"Question {n}?"}
            for n in range(1, 6)
        ]
        questions.append({"code": "FLAG", "kind": "yes_no", "text": "Flagged?"})
        questions.append({"code": "NOTE", "kind": "text", "text": "Note", "required": False})
        return {"version": 2, "questions": questions, "medium_from": 2, "high_from": 4} | extra

    def test_builds_a_force_version_with_its_own_thresholds(self) -> None:
        instrument = dash_instrument_from_config(self.config())
        assert (instrument.code, instrument.version) == ("DASH", 2)
        first = instrument.question("Q1")
        assert first is not None
        assert first.option_values == (NO, NOT_KNOWN, YES)
        base = dict.fromkeys(["Q1", "Q2", "Q3", "Q4", "Q5", "FLAG"], NO)
        assert risk_level(instrument, base | {"Q1": YES}) == "STANDARD"
        assert risk_level(instrument, base | {"Q1": YES, "FLAG": YES}) == "MEDIUM"
        assert risk_level(instrument, base | dict.fromkeys(["Q1", "Q2", "Q3", "FLAG"], YES)) == (
            "HIGH"
        )
        assert instrument.allows_lowering is False

    def test_without_thresholds_a_version_takes_the_ones_it_is_given(self) -> None:
        raw = self.config()
        del raw["medium_from"], raw["high_from"]
        instrument = dash_instrument_from_config(raw, medium_from=1, high_from=6)
        base = dict.fromkeys(["Q1", "Q2", "Q3", "Q4", "Q5", "FLAG"], NO)
        assert risk_level(instrument, base | {"Q1": YES}) == "MEDIUM"
        with pytest.raises(InstrumentMisdefined, match="never be reached"):
            dash_instrument_from_config(raw)

    @pytest.mark.parametrize(
        ("extra", "message"),
        [
            ({"version": 1}, "force versions start at 2"),
            ({"version": 0}, "whole number from 1"),
            ({"medium_from": "2"}, "medium_from must be a whole number"),
            ({"high_from": True}, "high_from must be a whole number"),
            ({"questions": "Q1"}, "questions must be a list"),
        ],
    )
    def test_refuses_a_malformed_version(self, extra, message) -> None:
        with pytest.raises(InstrumentMisdefined, match=message):
            dash_instrument_from_config(self.config(**extra))

    def test_plain_question_kinds_pass_through(self) -> None:
        question = question_from_da_config({"code": "NOTE", "kind": "text", "text": "Note"})
        assert question == Question("NOTE", "Note", QuestionKind.TEXT)
        assert answer_question("A", "A?").choices == ANSWER_CHOICES


class TestDashMonotone:
    @PROPERTIES
    @given(
        answers=st.fixed_dictionaries(
            {code: st.sampled_from((NO, NOT_KNOWN, YES)) for code in SCORED_V1}
        ),
        code=st.sampled_from(SCORED_V1),
    )
    def test_another_yes_never_lowers_the_level(self, answers, code) -> None:
        before = risk_level(DASH_V1, answers)
        after = risk_level(DASH_V1, {**answers, code: YES})
        assert level_rank(DASH_V1, after) >= level_rank(DASH_V1, before)
        assert dash_yes_count({**answers, code: YES}) >= dash_yes_count(answers)
