from __future__ import annotations

import pytest

from safeguard.risk.rules.da_child import DA_CHILD_V1, INDICATORS_V1, QUESTIONS_V1
from safeguard.risk.rules.dash import NOT_KNOWN
from safeguard.risk.rules.instruments import NO, YES, answers_errors, risk_level
from safeguard.risk.rules.judgement import officer_level_errors

ALL_NO = dict.fromkeys(INDICATORS_V1, NO)


class TestDaChildV1:
    def test_is_a_short_instrument_of_its_own(self) -> None:
        assert (DA_CHILD_V1.code, DA_CHILD_V1.version) == ("DA_CHILD", 1)
        assert DA_CHILD_V1.levels == ("STANDARD", "MEDIUM", "HIGH")
        assert DA_CHILD_V1.allows_lowering is False
        assert len(QUESTIONS_V1) == 8
        assert set(INDICATORS_V1) == {q.code for q in QUESTIONS_V1}
        assert "[U]" in DA_CHILD_V1.source

    @pytest.mark.parametrize(
        ("yes", "expected"),
        [
            ((), "STANDARD"),
            (("UNDER_ONE_OR_UNBORN",), "MEDIUM"),
            (("CHILD_AFRAID",), "MEDIUM"),
            (("PREVIOUS_DA_INCIDENT",), "MEDIUM"),
            (("OPEN_TO_SOCIAL_CARE",), "MEDIUM"),
            (("UNDER_ONE_OR_UNBORN", "CHILD_AFRAID", "OPEN_TO_SOCIAL_CARE"), "MEDIUM"),
            (("CHILD_INJURED",), "HIGH"),
            (("CHILD_INVOLVED",), "HIGH"),
            (("CHILD_DISCLOSED_HARM",), "HIGH"),
            (("CARER_CANNOT_PROTECT",), "HIGH"),
            (("CHILD_INJURED", "CHILD_AFRAID"), "HIGH"),
        ],
    )
    def test_the_level_is_the_highest_a_yes_indicates(self, yes, expected) -> None:
        answers = ALL_NO | dict.fromkeys(yes, YES)
        assert answers_errors(DA_CHILD_V1, answers) == {}
        assert risk_level(DA_CHILD_V1, answers) == expected

    def test_not_known_never_counts(self) -> None:
        answers = dict.fromkeys(INDICATORS_V1, NOT_KNOWN)
        assert answers_errors(DA_CHILD_V1, answers) == {}
        assert risk_level(DA_CHILD_V1, answers) == "STANDARD"

    def test_every_question_must_be_answered(self) -> None:
        assert set(answers_errors(DA_CHILD_V1, {})) == set(INDICATORS_V1)

    def test_professional_judgement_may_never_lower_the_level(self) -> None:
        errors = officer_level_errors(
            DA_CHILD_V1, computed="MEDIUM", officer_level="STANDARD", rationale="x" * 200
        )
        assert set(errors) == {"officer_level"}
