from __future__ import annotations

import pytest

from safeguard.risk.catalogue import instrument_get
from safeguard.risk.rules.dash import NOT_KNOWN
from safeguard.risk.rules.instruments import (
    NO,
    YES,
    UnknownLevel,
    answers_errors,
    is_lowering,
    is_raising,
    level_rank,
    risk_level,
)
from safeguard.risk.rules.missing_person import (
    DEFINITIONS,
    INDICATORS_V1,
    LEVELS,
    MISSING_RISK_CODE,
    MISSING_RISK_V1,
    QUESTIONS_V1,
    MissingRiskLevel,
    legacy_level,
)

ALL_NO = dict.fromkeys(INDICATORS_V1, NO)
ALL_NOT_KNOWN = dict.fromkeys(INDICATORS_V1, NOT_KNOWN)


class TestInstrumentShape:
    def test_is_the_app_continuum_lowest_first(self) -> None:
        assert (MISSING_RISK_V1.code, MISSING_RISK_V1.version) == ("MISSING_APP", 1)
        assert MISSING_RISK_CODE == "MISSING_APP"
        assert MISSING_RISK_V1.levels == ("VERY_LOW", "LOW", "MEDIUM", "HIGH")
        assert MISSING_RISK_V1.levels == LEVELS
        assert MISSING_RISK_V1.allows_lowering is True
        assert "§2.1" in MISSING_RISK_V1.source

    @pytest.mark.parametrize(
        ("lower", "higher"),
        [("VERY_LOW", "LOW"), ("LOW", "MEDIUM"), ("MEDIUM", "HIGH"), ("VERY_LOW", "HIGH")],
    )
    def test_levels_are_ordered(self, lower: str, higher: str) -> None:
        assert level_rank(MISSING_RISK_V1, lower) < level_rank(MISSING_RISK_V1, higher)
        assert is_lowering(MISSING_RISK_V1, computed=higher, officer=lower)
        assert is_raising(MISSING_RISK_V1, computed=lower, officer=higher)

    def test_every_question_indicates_a_level_and_every_indicator_is_a_question(self) -> None:
        codes = [q.code for q in QUESTIONS_V1]
        assert len(codes) == len(set(codes)) == 7
        assert set(INDICATORS_V1) == set(codes)
        assert set(INDICATORS_V1.values()) <= set(LEVELS)
        assert all(q.required for q in QUESTIONS_V1)

    def test_every_question_is_answered_no_not_known_or_yes(self) -> None:
        for question in QUESTIONS_V1:
            assert question.option_values == (NO, NOT_KNOWN, YES)

    def test_every_level_has_an_app_definition(self) -> None:
        assert set(DEFINITIONS) == set(MissingRiskLevel)
        assert DEFINITIONS[MissingRiskLevel.HIGH].endswith("very likely")
        assert "minimal" in DEFINITIONS[MissingRiskLevel.LOW]


class TestLevelLabel:
    @pytest.mark.parametrize(
        ("level", "label"),
        [("VERY_LOW", "Very low"), ("LOW", "Low"), ("MEDIUM", "Medium"), ("HIGH", "High")],
    )
    def test_officer_facing_names(self, level: str, label: str) -> None:
        assert MISSING_RISK_V1.level_label(level) == label

    @pytest.mark.parametrize("level", ["ABSENT", "STANDARD", "very_low", ""])
    def test_unknown_level_has_no_label(self, level: str) -> None:
        with pytest.raises(UnknownLevel):
            MISSING_RISK_V1.level_label(level)


class TestAnswers:
    def test_all_no_is_accepted(self) -> None:
        assert answers_errors(MISSING_RISK_V1, ALL_NO) == {}

    def test_all_not_known_is_accepted(self) -> None:
        assert answers_errors(MISSING_RISK_V1, ALL_NOT_KNOWN) == {}

    def test_every_question_must_be_answered(self) -> None:
        answers = dict(ALL_NO)
        del answers["REPORTER_CONCERNED"]
        assert answers_errors(MISSING_RISK_V1, answers) == {
            "REPORTER_CONCERNED": ["Answer this question"]
        }

    def test_an_answer_not_offered_is_refused(self) -> None:
        errors = answers_errors(MISSING_RISK_V1, {**ALL_NO, "ADVERSE_WEATHER": "MAYBE"})
        assert list(errors) == ["ADVERSE_WEATHER"]
        assert "'MAYBE' is not one of: NO, NOT_KNOWN, YES" in errors["ADVERSE_WEATHER"]

    def test_a_code_that_is_not_a_question_is_refused(self) -> None:
        errors = answers_errors(MISSING_RISK_V1, {**ALL_NO, "ABSENT": YES})
        assert list(errors) == ["ABSENT"]


class TestScoring:
    @pytest.mark.parametrize("answers", [{}, ALL_NO, ALL_NOT_KNOWN])
    def test_no_yes_is_low_not_very_low(self, answers: dict[str, str]) -> None:
        assert risk_level(MISSING_RISK_V1, answers) == "LOW"

    @pytest.mark.parametrize(
        ("code", "expected"),
        [
            ("SERIOUS_HARM_INFORMATION", "HIGH"),
            ("EXPLOITATION_RISK", "HIGH"),
            ("MEDICATION_OR_ILLNESS", "HIGH"),
            ("ADVERSE_WEATHER", "MEDIUM"),
            ("OUT_OF_CHARACTER", "MEDIUM"),
            ("HARMED_WHEN_MISSING_BEFORE", "MEDIUM"),
            ("REPORTER_CONCERNED", "LOW"),
        ],
    )
    def test_each_yes_indicates_its_level(self, code: str, expected: str) -> None:
        assert INDICATORS_V1[code] == expected
        answers = {**ALL_NO, code: YES}
        assert answers_errors(MISSING_RISK_V1, answers) == {}
        assert risk_level(MISSING_RISK_V1, answers) == expected

    @pytest.mark.parametrize(
        ("yes", "expected"),
        [
            (("REPORTER_CONCERNED", "ADVERSE_WEATHER"), "MEDIUM"),
            (("REPORTER_CONCERNED", "OUT_OF_CHARACTER", "EXPLOITATION_RISK"), "HIGH"),
            (("ADVERSE_WEATHER", "OUT_OF_CHARACTER", "HARMED_WHEN_MISSING_BEFORE"), "MEDIUM"),
            (("MEDICATION_OR_ILLNESS", "REPORTER_CONCERNED"), "HIGH"),
            (tuple(INDICATORS_V1), "HIGH"),
        ],
    )
    def test_the_highest_yes_wins(self, yes: tuple[str, ...], expected: str) -> None:
        answers = ALL_NO | dict.fromkeys(yes, YES)
        assert risk_level(MISSING_RISK_V1, answers) == expected

    @pytest.mark.parametrize("code", sorted(INDICATORS_V1))
    def test_not_known_never_raises_the_level(self, code: str) -> None:
        assert risk_level(MISSING_RISK_V1, {**ALL_NO, code: NOT_KNOWN}) == "LOW"

    def test_only_the_exact_yes_code_counts(self) -> None:
        # The scorer reads cleaned answers: a lower-case "yes" is not a "Yes".
        assert risk_level(MISSING_RISK_V1, {**ALL_NO, "SERIOUS_HARM_INFORMATION": "yes"}) == "LOW"


class TestLegacyLevel:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("Absent", MissingRiskLevel.VERY_LOW),
            ("ABSENT", MissingRiskLevel.VERY_LOW),
            ("No apparent risk", MissingRiskLevel.VERY_LOW),
            ("NO_APPARENT_RISK", MissingRiskLevel.VERY_LOW),
            ("no-apparent-risk", MissingRiskLevel.VERY_LOW),
            ("  No   apparent\trisk  ", MissingRiskLevel.VERY_LOW),
            ("Very low", MissingRiskLevel.VERY_LOW),
            ("VERY_LOW", MissingRiskLevel.VERY_LOW),
            ("very low risk", MissingRiskLevel.VERY_LOW),
            ("Low", MissingRiskLevel.LOW),
            ("low risk", MissingRiskLevel.LOW),
            ("Medium", MissingRiskLevel.MEDIUM),
            ("MEDIUM_RISK", MissingRiskLevel.MEDIUM),
            ("High", MissingRiskLevel.HIGH),
            ("high-risk", MissingRiskLevel.HIGH),
            ("High Risk", MissingRiskLevel.HIGH),
        ],
    )
    def test_maps_older_gradings(self, value: str, expected: MissingRiskLevel) -> None:
        assert legacy_level(value) is expected

    def test_every_current_level_maps_to_itself(self) -> None:
        for level in MissingRiskLevel:
            assert legacy_level(level.value) is level

    @pytest.mark.parametrize("value", ["", "   ", "Unknown", "Critical", "absentee", "lowrisk"])
    def test_unknown_value_raises(self, value: str) -> None:
        with pytest.raises(ValueError, match="is not a missing-person risk grading"):
            legacy_level(value)

    def test_error_shows_only_the_start_of_a_long_value(self) -> None:
        with pytest.raises(ValueError, match="is not a missing-person") as info:
            legacy_level("X" * 100)
        assert "X" * 40 in str(info.value)
        assert "X" * 41 not in str(info.value)


class TestRegistered:
    def test_the_catalogue_returns_this_instrument(self) -> None:
        instrument = instrument_get("MISSING_APP")
        assert instrument == MISSING_RISK_V1
        assert instrument.scorer is MISSING_RISK_V1.scorer
        assert instrument_get("MISSING_APP", 1) == MISSING_RISK_V1
