from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safeguard.risk.rules.dara import (
    COERCIVE_V1,
    CONCERNS_V1,
    CRITICAL_V1,
    DARA_V1,
    DEFAULT_COERCIVE_HIGH_FROM,
    DEFAULT_COERCIVE_MEDIUM_FROM,
    dara_instrument,
    dara_instrument_from_config,
)
from safeguard.risk.rules.dash import NOT_KNOWN, answer_question
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

SCORED = (*CRITICAL_V1, *COERCIVE_V1, *CONCERNS_V1)
ALL_NO = dict.fromkeys(SCORED, NO)
PROPERTIES = settings(database=None, deadline=None)


def yes_to(*codes: str) -> dict[str, str]:
    return ALL_NO | dict.fromkeys(codes, YES)


class TestDaraV1:
    def test_is_dara_version_1_with_three_groups_of_questions(self) -> None:
        assert (DARA_V1.code, DARA_V1.version) == ("DARA", 1)
        assert DARA_V1.levels == ("STANDARD", "MEDIUM", "HIGH")
        assert DARA_V1.allows_lowering is False
        assert "[U]" in DARA_V1.source
        assert len(SCORED) == len(set(SCORED)) == 18
        assert {
            "STRANGULATION",
            "THREATS_TO_KILL",
            "WEAPON",
            "SEXUAL_VIOLENCE",
            "STALKING_ESCALATING",
        } == set(CRITICAL_V1)
        assert {"MONITORING", "RESTRICTING", "ISOLATING", "DEGRADING", "ECONOMIC_CONTROL"} <= set(
            COERCIVE_V1
        )
        scored_questions = [q for q in DARA_V1.questions if q.code in SCORED]
        assert all(q.option_values == (NO, NOT_KNOWN, YES) for q in scored_questions)

    def test_all_no_is_standard_and_answers_are_complete(self) -> None:
        assert answers_errors(DARA_V1, ALL_NO) == {}
        assert risk_level(DARA_V1, ALL_NO) == "STANDARD"

    @pytest.mark.parametrize("code", CRITICAL_V1)
    def test_any_critical_marker_alone_is_high(self, code) -> None:
        assert risk_level(DARA_V1, yes_to(code)) == "HIGH"

    @pytest.mark.parametrize("code", CONCERNS_V1)
    def test_any_other_concern_alone_is_medium(self, code) -> None:
        assert risk_level(DARA_V1, yes_to(code)) == "MEDIUM"

    @pytest.mark.parametrize(
        ("coercive_yes", "expected"),
        [(0, "STANDARD"), (1, "STANDARD"), (2, "MEDIUM"), (4, "MEDIUM"), (5, "HIGH"), (7, "HIGH")],
    )
    def test_coercive_control_counts_towards_medium_at_2_and_high_at_5(
        self, coercive_yes, expected
    ) -> None:
        assert (DEFAULT_COERCIVE_MEDIUM_FROM, DEFAULT_COERCIVE_HIGH_FROM) == (2, 5)
        assert risk_level(DARA_V1, yes_to(*COERCIVE_V1[:coercive_yes])) == expected

    def test_one_coercive_item_with_a_concern_is_medium(self) -> None:
        assert risk_level(DARA_V1, yes_to("MONITORING", "SEPARATION")) == "MEDIUM"

    def test_not_known_never_counts(self) -> None:
        answers = ALL_NO | dict.fromkeys((*CRITICAL_V1, *COERCIVE_V1, *CONCERNS_V1), NOT_KNOWN)
        assert risk_level(DARA_V1, answers) == "STANDARD"

    def test_a_half_answered_assessment_names_each_unanswered_question(self) -> None:
        errors = answers_errors(DARA_V1, dict.fromkeys(CRITICAL_V1, NO))
        assert set(errors) == {*COERCIVE_V1, *CONCERNS_V1}

    def test_professional_judgement_may_never_lower_the_level(self) -> None:
        errors = officer_level_errors(
            DARA_V1, computed="HIGH", officer_level="STANDARD", rationale="x" * 200
        )
        assert set(errors) == {"officer_level"}


class TestDaraInstrument:
    @pytest.mark.parametrize(
        ("high_from", "medium_from", "coercive_yes", "expected"),
        [
            (3, 1, 1, "MEDIUM"),
            (3, 1, 3, "HIGH"),
            (7, 7, 6, "STANDARD"),
            (7, 7, 7, "HIGH"),
        ],
    )
    def test_the_coercive_counts_are_arguments(
        self, high_from, medium_from, coercive_yes, expected
    ) -> None:
        instrument = dara_instrument(coercive_high_from=high_from, coercive_medium_from=medium_from)
        assert risk_level(instrument, yes_to(*COERCIVE_V1[:coercive_yes])) == expected

    @pytest.mark.parametrize(
        ("arguments", "message"),
        [
            ({"critical": ("NOPE",)}, "NOPE is not a question"),
            ({"concerns": ("NOTE",)}, "NOTE is not a question"),
            ({"coercive": ("FLAG",), "concerns": ("FLAG",)}, "more than one group"),
            ({"coercive_medium_from": 0}, "1 <= coercive medium"),
            ({"coercive_medium_from": 4, "coercive_high_from": 3}, "1 <= coercive medium"),
        ],
    )
    def test_refuses_groups_and_counts_it_cannot_score(self, arguments, message) -> None:
        questions = (
            answer_question("FLAG", "Flag?"),
            Question("NOTE", "Note", QuestionKind.TEXT),
        )
        values = {"version": 2, "questions": questions, "critical": (), "coercive": ()} | {
            "concerns": ()
        }
        with pytest.raises(InstrumentMisdefined, match=message):
            dara_instrument(**(values | arguments))


class TestDaraInstrumentFromConfig:
    def config(self, **extra: object) -> dict[str, object]:
        return {
            "version": 2,
            "questions": [
                {
                    "code": "CHOKE",
                    "kind": "yes_no_not_known",
                    "text": "Choke?",
                    "marker": "critical",
                },
                {
                    "code": "TRACK",
                    "kind": "yes_no_not_known",
                    "text": "Track?",
                    "marker": "coercive",
                },
                {"code": "MONEY", "kind": "yes_no", "text": "Money?", "marker": "coercive"},
                {"code": "HURT", "kind": "yes_no_not_known", "text": "Hurt?", "marker": "concern"},
                {"code": "SEEN", "kind": "yes_no", "text": "Victim seen alone?"},
            ],
            "coercive_high_from": 2,
            "coercive_medium_from": 1,
        } | extra

    def test_builds_a_force_version_from_markers(self) -> None:
        instrument = dara_instrument_from_config(self.config())
        base = dict.fromkeys(["CHOKE", "TRACK", "MONEY", "HURT", "SEEN"], NO)
        assert (instrument.code, instrument.version) == ("DARA", 2)
        assert risk_level(instrument, base | {"SEEN": YES}) == "STANDARD"
        assert risk_level(instrument, base | {"TRACK": YES}) == "MEDIUM"
        assert risk_level(instrument, base | {"HURT": YES}) == "MEDIUM"
        assert risk_level(instrument, base | {"TRACK": YES, "MONEY": YES}) == "HIGH"
        assert risk_level(instrument, base | {"CHOKE": YES}) == "HIGH"

    def test_counts_default_to_5_and_2(self) -> None:
        raw = self.config()
        del raw["coercive_high_from"], raw["coercive_medium_from"]
        instrument = dara_instrument_from_config(raw)
        base = dict.fromkeys(["CHOKE", "TRACK", "MONEY", "HURT", "SEEN"], NO)
        assert risk_level(instrument, base | {"TRACK": YES}) == "STANDARD"
        assert risk_level(instrument, base | {"TRACK": YES, "MONEY": YES}) == "MEDIUM"

    @pytest.mark.parametrize(
        ("extra", "message"),
        [
            ({"version": 1}, "force versions start at 2"),
            ({"coercive_high_from": "5"}, "coercive_high_from must be a whole number"),
            (
                {"questions": [{"code": "A", "kind": "yes_no", "text": "A?", "marker": "red"}]},
                "marker must be one of critical, coercive, concern",
            ),
            (
                {"questions": [{"code": "A", "kind": "yes_no", "text": "A?", "marker": ["x"]}]},
                "marker must be one of",
            ),
            (
                {"questions": [{"code": "A", "kind": "text", "text": "A?", "marker": "critical"}]},
                "A is not a question",
            ),
        ],
    )
    def test_refuses_a_malformed_version(self, extra, message) -> None:
        with pytest.raises(InstrumentMisdefined, match=message):
            dara_instrument_from_config(self.config(**extra))


class TestDaraMonotone:
    @PROPERTIES
    @given(
        answers=st.fixed_dictionaries(
            {code: st.sampled_from((NO, NOT_KNOWN, YES)) for code in SCORED}
        ),
        code=st.sampled_from(SCORED),
    )
    def test_another_yes_never_lowers_the_level(self, answers, code) -> None:
        before = risk_level(DARA_V1, answers)
        after = risk_level(DARA_V1, {**answers, code: YES})
        assert level_rank(DARA_V1, after) >= level_rank(DARA_V1, before)
