from __future__ import annotations

import dataclasses

import pytest

from safeguard.risk.rules.judgement import (
    RATIONALE_MAX_LENGTH,
    LevelChange,
    final_level,
    level_change,
    officer_level_errors,
    review_errors,
)
from safeguard.risk.rules.thrive import THRIVE_V1

NEVER_LOWERED = dataclasses.replace(THRIVE_V1, code="ACTUARIAL", allows_lowering=False)
LONG_ENOUGH = "Seen the child at school today; the carer is now sober and supported."
MIN = 40


def officer_errors(instrument=THRIVE_V1, *, computed="MEDIUM", officer=None, rationale=""):
    return officer_level_errors(
        instrument,
        computed=computed,
        officer_level=officer,
        rationale=rationale,
        lowering_rationale_min_length=MIN,
    )


class TestLevelChange:
    @pytest.mark.parametrize(
        ("officer", "expected"),
        [
            (None, LevelChange.NONE),
            ("", LevelChange.NONE),
            ("MEDIUM", LevelChange.NONE),
            ("HIGH", LevelChange.RAISED),
            ("LOW", LevelChange.LOWERED),
        ],
    )
    def test_compares_the_officers_level_with_the_computed_one(self, officer, expected) -> None:
        assert level_change(THRIVE_V1, "MEDIUM", officer) is expected

    def test_final_level_is_the_officers_if_given(self) -> None:
        assert final_level("MEDIUM", None) == "MEDIUM"
        assert final_level("MEDIUM", "") == "MEDIUM"
        assert final_level("MEDIUM", "HIGH") == "HIGH"


class TestOfficerLevelErrors:
    @pytest.mark.parametrize(
        ("arguments", "expected"),
        [
            pytest.param({}, {}, id="no officer level, no rationale"),
            pytest.param({"rationale": "Extra"}, {}, id="rationale without a level is kept"),
            pytest.param({"officer": "MEDIUM"}, {}, id="same level needs no rationale"),
            pytest.param({"officer": "HIGH", "rationale": "Weapon seen"}, {}, id="raise explained"),
            pytest.param(
                {"officer": "HIGH", "rationale": "  "},
                {"rationale": ["Explain why you are raising the level"]},
                id="raise unexplained",
            ),
            pytest.param({"officer": "LOW", "rationale": LONG_ENOUGH}, {}, id="lower explained"),
            pytest.param(
                {"officer": "LOW", "rationale": "Fine now"},
                {
                    "rationale": [
                        "Explain in at least 40 characters why the level should be lower "
                        "than the THRIVE level"
                    ]
                },
                id="lower too briefly",
            ),
            pytest.param(
                {"officer": "PURPLE"},
                {"officer_level": ["'PURPLE' is not a level of THRIVE: choose LOW, MEDIUM, HIGH"]},
                id="unknown level",
            ),
            pytest.param(
                {"computed": None, "officer": "LOW"},
                {},
                id="unscored answers: only the level is checked",
            ),
            pytest.param(
                {"computed": None, "officer": "PURPLE"},
                {"officer_level": ["'PURPLE' is not a level of THRIVE: choose LOW, MEDIUM, HIGH"]},
                id="unscored answers and unknown level",
            ),
        ],
    )
    def test_may_raise_never_silently_lower(self, arguments, expected) -> None:
        assert officer_errors(**arguments) == expected

    def test_an_instrument_may_refuse_lowering_at_all(self) -> None:
        errors = officer_errors(NEVER_LOWERED, officer="LOW", rationale=LONG_ENOUGH)
        assert errors == {
            "officer_level": [
                "THRIVE levels can be raised by professional judgement but never lowered"
            ]
        }
        assert officer_errors(NEVER_LOWERED, officer="HIGH", rationale="Knife") == {}

    def test_refuses_an_overlong_rationale(self) -> None:
        errors = officer_errors(officer="HIGH", rationale="x" * (RATIONALE_MAX_LENGTH + 1))
        assert errors == {"rationale": [f"Write {RATIONALE_MAX_LENGTH} characters or fewer"]}
        assert officer_errors(rationale="x" * (RATIONALE_MAX_LENGTH + 1)) == errors


def review(instrument=THRIVE_V1, *, computed="MEDIUM", final="MEDIUM", agreed, level=None, note=""):
    return review_errors(
        instrument,
        computed=computed,
        final=final,
        agreed=agreed,
        level=level,
        note=note,
        lowering_rationale_min_length=MIN,
    )


class TestReviewErrors:
    @pytest.mark.parametrize(
        ("arguments", "expected"),
        [
            pytest.param({"agreed": True}, {}, id="agree"),
            pytest.param({"agreed": True, "level": "MEDIUM", "note": "Fine"}, {}, id="agree same"),
            pytest.param(
                {"agreed": True, "level": "HIGH"},
                {"level": ["Leave the level empty when you agree, or change the level"]},
                id="agree but a different level",
            ),
            pytest.param(
                {"agreed": False, "level": "HIGH", "note": "Repeat victim"}, {}, id="raise"
            ),
            pytest.param(
                {"agreed": False, "level": "HIGH"},
                {"note": ["Explain why you are changing the level"]},
                id="raise without a note",
            ),
            pytest.param(
                {"agreed": False, "note": "Hmm"},
                {"level": ["Choose the level it should be"]},
                id="change to nothing",
            ),
            pytest.param(
                {"agreed": False},
                {
                    "level": ["Choose the level it should be"],
                    "note": ["Explain why you are changing the level"],
                },
                id="change to nothing without a note",
            ),
            pytest.param(
                {"agreed": False, "level": "PURPLE", "note": "Hmm"},
                {"level": ["'PURPLE' is not a level of THRIVE: choose LOW, MEDIUM, HIGH"]},
                id="unknown level",
            ),
            pytest.param(
                {"agreed": False, "level": "MEDIUM", "note": "Hmm"},
                {"level": ["That is the level already given: agree instead"]},
                id="change to the same level",
            ),
            pytest.param(
                {"agreed": False, "level": "LOW", "note": LONG_ENOUGH}, {}, id="lower explained"
            ),
            pytest.param(
                {"agreed": False, "level": "LOW", "note": "Fine"},
                {
                    "note": [
                        "Explain in at least 40 characters why the level should be lower "
                        "than the THRIVE level"
                    ]
                },
                id="lower too briefly",
            ),
            pytest.param(
                {"agreed": False, "final": "HIGH", "level": "MEDIUM", "note": "Overstated"},
                {},
                id="back down to the computed level is not lowering",
            ),
        ],
    )
    def test_agree_or_change_with_a_note(self, arguments, expected) -> None:
        assert review(**arguments) == expected

    def test_an_instrument_may_refuse_lowering_at_review_too(self) -> None:
        errors = review(NEVER_LOWERED, agreed=False, level="LOW", note=LONG_ENOUGH)
        assert errors == {
            "level": ["THRIVE levels can be raised by professional judgement but never lowered"]
        }

    def test_refuses_an_overlong_note(self) -> None:
        errors = review(agreed=True, note="x" * (RATIONALE_MAX_LENGTH + 1))
        assert errors == {"note": [f"Write {RATIONALE_MAX_LENGTH} characters or fewer"]}
