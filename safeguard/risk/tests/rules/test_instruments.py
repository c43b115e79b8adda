from __future__ import annotations

from collections.abc import Mapping

import pytest

from safeguard.risk.rules.instruments import (
    NO,
    TEXT_MAX_LENGTH,
    YES,
    YES_NO_CHOICES,
    Instrument,
    InstrumentMisdefined,
    InstrumentRegistry,
    Question,
    QuestionKind,
    UnknownInstrument,
    UnknownLevel,
    answers_cleaned,
    answers_errors,
    config_questions,
    config_version,
    highest_answer_scorer,
    indicator_scorer,
    is_lowering,
    is_raising,
    level_rank,
    question_from_config,
    risk_level,
    yes_count_scorer,
)

LEVELS = ("LOW", "MEDIUM", "HIGH")


def lowest(_answers: Mapping[str, str]) -> str:
    return "LOW"


def make_instrument(**overrides: object) -> Instrument:
    values: dict[str, object] = {
        "code": "TEST",
        "version": 1,
        "title": "Test tool",
        "questions": (
            Question("WEAPON", "Was a weapon used?", QuestionKind.YES_NO),
            Question(
                "SEVERITY",
                "How severe?",
                QuestionKind.CHOICE,
                choices=(("MILD", "Mild"), ("BAD", "Bad"), ("GRAVE", "Grave")),
            ),
            Question("NOTES", "Notes", QuestionKind.TEXT, required=False),
        ),
        "levels": LEVELS,
        "scorer": lowest,
        "level_labels": (("HIGH", "High risk"),),
    }
    values.update(overrides)
    return Instrument(**values)  # type: ignore[arg-type]


VALID = {"WEAPON": YES, "SEVERITY": "BAD"}


class TestQuestion:
    def test_accepts_the_kind_as_plain_text(self) -> None:
        question = Question("A", "Text", "yes_no")  # type: ignore[arg-type]
        assert question.kind is QuestionKind.YES_NO
        assert question.options == YES_NO_CHOICES
        assert question.option_values == (NO, YES)

    def test_choice_questions_offer_their_choices_and_text_questions_none(self) -> None:
        choice = Question("A", "Text", QuestionKind.CHOICE, choices=(("X", "x"), ("Y", "y")))
        assert choice.option_values == ("X", "Y")
        assert Question("B", "Text", QuestionKind.TEXT).options == ()

    @pytest.mark.parametrize(
        ("arguments", "message"),
        [
            ({"code": "A", "text": "T", "kind": "essay"}, "unknown kind"),
            ({"code": "lower", "text": "T", "kind": "text"}, "upper-case"),
            ({"code": "A" * 41, "text": "T", "kind": "text"}, "upper-case"),
            ({"code": "A", "text": " ", "kind": "text"}, "needs its text"),
            (
                {"code": "A", "text": "T", "kind": "choice", "choices": (("X", "x"),)},
                "two or more",
            ),
            (
                {"code": "A", "text": "T", "kind": "yes_no", "choices": (("X", "x"), ("Y", "y"))},
                "only choice questions",
            ),
            (
                {"code": "A", "text": "T", "kind": "choice", "choices": (("X", "x"), ("X", "y"))},
                "unique",
            ),
        ],
    )
    def test_refuses_a_malformed_question(self, arguments, message) -> None:
        with pytest.raises(InstrumentMisdefined, match=message):
            Question(**arguments)


class TestInstrument:
    def test_finds_questions_by_code(self) -> None:
        instrument = make_instrument()
        assert instrument.question("WEAPON") is instrument.questions[0]
        assert instrument.question("MISSING") is None

    def test_labels_levels_from_its_table_or_from_the_code(self) -> None:
        instrument = make_instrument()
        assert instrument.level_label("HIGH") == "High risk"
        assert instrument.level_label("MEDIUM") == "Medium"
        with pytest.raises(UnknownLevel):
            instrument.level_label("PURPLE")

    @pytest.mark.parametrize(
        ("overrides", "message"),
        [
            ({"code": "test"}, "upper-case instrument code"),
            ({"version": 0}, "versions start at 1"),
            ({"questions": ()}, "needs questions"),
            (
                {"questions": (Question("A", "T", "text"), Question("A", "U", "text"))},  # type: ignore[arg-type]
                "unique",
            ),
            ({"levels": ("ONLY",)}, "two or more distinct levels"),
            ({"levels": ("LOW", "LOW")}, "two or more distinct levels"),
            ({"levels": ("low", "high")}, "upper-case codes"),
            ({"level_labels": (("EXTREME", "Extreme"),)}, "unknown level"),
        ],
    )
    def test_refuses_a_malformed_instrument(self, overrides, message) -> None:
        with pytest.raises(InstrumentMisdefined, match=message):
            make_instrument(**overrides)


class TestInstrumentRegistry:
    def test_returns_the_latest_version_unless_one_is_asked_for(self) -> None:
        v1, v3 = make_instrument(version=1), make_instrument(version=3)
        other = make_instrument(code="OTHER")
        registry = InstrumentRegistry((v3, other, v1))
        assert registry.get("TEST") is v3
        assert registry.get("TEST", 1) is v1
        assert registry.latest() == (other, v3)

    @pytest.mark.parametrize(("code", "version"), [("NOPE", None), ("TEST", 2), ("X" * 500, 1)])
    def test_refuses_an_unknown_instrument_or_version(self, code, version) -> None:
        registry = InstrumentRegistry((make_instrument(),))
        with pytest.raises(UnknownInstrument) as raised:
            registry.get(code, version)
        assert len(str(raised.value)) < 100

    def test_refuses_two_instruments_with_the_same_code_and_version(self) -> None:
        with pytest.raises(InstrumentMisdefined):
            InstrumentRegistry((make_instrument(), make_instrument()))


class TestLevelRank:
    @pytest.mark.parametrize(
        ("computed", "officer", "lowering", "raising"),
        [
            ("LOW", "LOW", False, False),
            ("LOW", "HIGH", False, True),
            ("HIGH", "MEDIUM", True, False),
            ("MEDIUM", "LOW", True, False),
        ],
    )
    def test_compares_levels_by_their_order(self, computed, officer, lowering, raising) -> None:
        instrument = make_instrument()
        assert is_lowering(instrument, computed, officer) is lowering
        assert is_raising(instrument, computed, officer) is raising

    def test_ranks_from_zero_and_refuses_unknown_levels(self) -> None:
        instrument = make_instrument()
        assert [level_rank(instrument, level) for level in LEVELS] == [0, 1, 2]
        with pytest.raises(UnknownLevel):
            level_rank(instrument, "PURPLE")
        with pytest.raises(UnknownLevel):
            is_lowering(instrument, "LOW", "low")


class TestAnswersErrors:
    @pytest.mark.parametrize(
        ("answers", "expected"),
        [
            (VALID, {}),
            ({**VALID, "NOTES": "Seen at home"}, {}),
            ({"WEAPON": " YES ", "SEVERITY": "GRAVE", "NOTES": ""}, {}),
            ({"SEVERITY": "BAD"}, {"WEAPON": ["Answer this question"]}),
            ({"WEAPON": "  ", "SEVERITY": "BAD"}, {"WEAPON": ["Answer this question"]}),
            ({"WEAPON": "yes", "SEVERITY": "BAD"}, {"WEAPON": ["'yes' is not one of: NO, YES"]}),
            (
                {"WEAPON": YES, "SEVERITY": "PURPLE"},
                {"SEVERITY": ["'PURPLE' is not one of: MILD, BAD, GRAVE"]},
            ),
            (
                {**VALID, "EXTRA": YES},
                {"EXTRA": ["This is not a question of Test tool version 1"]},
            ),
            (
                {**VALID, "NOTES": "x" * (TEXT_MAX_LENGTH + 1)},
                {"NOTES": [f"Answer in {TEXT_MAX_LENGTH} characters or fewer"]},
            ),
            ({"WEAPON": True, "SEVERITY": "BAD"}, {"WEAPON": ["Give the answer as text"]}),
            ({"WEAPON": None, "SEVERITY": "BAD"}, {"WEAPON": ["Answer this question"]}),
        ],
    )
    def test_reports_each_problem_against_its_question(self, answers, expected) -> None:
        assert answers_errors(make_instrument(), answers) == expected

    def test_shortens_hostile_codes_and_values_in_messages(self) -> None:
        errors = answers_errors(
            make_instrument(), {**VALID, "Z" * 1000: "x", "SEVERITY": "Q" * 1000}
        )
        assert "Z" * 40 in errors
        assert all(len(message) < 200 for messages in errors.values() for message in messages)


class TestAnswersCleaned:
    def test_keeps_known_answers_trimmed_and_drops_blanks(self) -> None:
        cleaned = answers_cleaned(
            make_instrument(), {"WEAPON": " YES", "SEVERITY": "BAD", "NOTES": "  ", "EXTRA": "x"}
        )
        assert cleaned == {"WEAPON": YES, "SEVERITY": "BAD"}

    def test_ignores_answers_that_are_not_text(self) -> None:
        assert answers_cleaned(make_instrument(), {"WEAPON": 1}) == {}


class TestRiskLevel:
    def test_returns_the_scorers_level(self) -> None:
        assert risk_level(make_instrument(), VALID) == "LOW"

    def test_refuses_a_scorer_that_returns_something_else(self) -> None:
        broken = make_instrument(scorer=lambda _answers: "PURPLE")
        with pytest.raises(InstrumentMisdefined, match="PURPLE"):
            risk_level(broken, VALID)


class TestScorers:
    @pytest.mark.parametrize(
        ("answers", "expected"),
        [
            ({}, "LOW"),
            ({"A": "LOW", "B": "LOW"}, "LOW"),
            ({"A": "LOW", "B": "HIGH"}, "HIGH"),
            ({"A": "MEDIUM", "C": "HIGH"}, "MEDIUM"),
            ({"A": "nonsense"}, "LOW"),
        ],
    )
    def test_highest_answer_takes_the_highest_graded_answer(self, answers, expected) -> None:
        score = highest_answer_scorer(graded=["A", "B"], levels=LEVELS)
        assert score(answers) == expected

    @pytest.mark.parametrize(
        ("answers", "expected"),
        [
            ({}, "LOW"),
            ({"AMBERISH": NO, "REDDISH": NO}, "LOW"),
            ({"AMBERISH": YES}, "MEDIUM"),
            ({"AMBERISH": YES, "REDDISH": YES}, "HIGH"),
            ({"REDDISH": YES}, "HIGH"),
        ],
    )
    def test_indicator_takes_the_highest_level_a_yes_indicates(self, answers, expected) -> None:
        score = indicator_scorer(
            indicators={"AMBERISH": "MEDIUM", "REDDISH": "HIGH"}, levels=LEVELS
        )
        assert score(answers) == expected

    @pytest.mark.parametrize(
        ("yes_count", "expected"),
        [
            (0, "STANDARD"),
            (9, "STANDARD"),
            (10, "MEDIUM"),
            (13, "MEDIUM"),
            (14, "HIGH"),
            (24, "HIGH"),
        ],
    )
    def test_yes_count_bands_like_dash(self, yes_count, expected) -> None:
        # DASH bands (DOMAIN.md §3.3 [S]): 0-9 standard, 10-13 medium, 14+ high.
        codes = [f"Q{n}" for n in range(24)]
        score = yes_count_scorer(
            bands=[(14, "HIGH"), (0, "STANDARD"), (10, "MEDIUM")], questions=codes
        )
        answers = {code: (YES if n < yes_count else NO) for n, code in enumerate(codes)}
        assert score(answers) == expected

    @pytest.mark.parametrize("bands", [[], [(1, "LOW")]])
    def test_yes_count_needs_a_band_from_zero(self, bands) -> None:
        with pytest.raises(InstrumentMisdefined):
            yes_count_scorer(bands=bands, questions=["A"])


class TestQuestionFromConfig:
    def test_builds_each_kind(self) -> None:
        question = question_from_config(
            {
                "code": "SCENE",
                "text": "Scene preserved?",
                "kind": "choice",
                "choices": [["NO", "No"], ("YES", "Yes")],
                "required": False,
                "help_text": "THRIVE-SP",
            }
        )
        assert question == Question(
            "SCENE",
            "Scene preserved?",
            QuestionKind.CHOICE,
            choices=(("NO", "No"), ("YES", "Yes")),
            required=False,
            help_text="THRIVE-SP",
        )
        assert question_from_config({"code": "A", "text": "T", "kind": "text"}).required is True

    @pytest.mark.parametrize(
        ("raw", "message"),
        [
            ({"text": "T", "kind": "text"}, "code must be text"),
            ({"code": "A", "kind": "text"}, "text must be text"),
            ({"code": "A", "text": "T"}, "kind must be text"),
            ({"code": "A", "text": "T", "kind": "essay"}, "unknown kind"),
            ({"code": "A", "text": "T", "kind": "choice", "choices": "YES,NO"}, "list of"),
            ({"code": "A", "text": "T", "kind": "choice", "choices": ["YES", "NO"]}, "pair"),
            ({"code": "A", "text": "T", "kind": "choice", "choices": [["Y", "y", "z"]]}, "pair"),
            ({"code": "A", "text": "T", "kind": "choice", "choices": [["Y", 1]]}, "pair"),
            ({"code": "A", "text": "T", "kind": "text", "required": "yes"}, "required"),
            ({"code": "A", "text": "T", "kind": "text", "help_text": 3}, "help_text"),
        ],
    )
    def test_refuses_malformed_settings(self, raw, message) -> None:
        with pytest.raises(InstrumentMisdefined, match=message):
            question_from_config(raw)


class TestConfigVersionAndQuestions:
    @pytest.mark.parametrize("version", [None, 0, -1, True, "2", 1.5])
    def test_refuses_a_version_that_is_not_a_whole_number_from_one(self, version) -> None:
        with pytest.raises(InstrumentMisdefined):
            config_version({"version": version})

    def test_reads_a_good_version_and_question_list(self) -> None:
        raw = {"version": 2, "questions": ({"code": "A"},)}
        assert config_version(raw) == 2
        assert config_questions(raw) == [{"code": "A"}]

    @pytest.mark.parametrize("questions", [None, "A", [["A"]]])
    def test_refuses_questions_that_are_not_a_list_of_settings(self, questions) -> None:
        with pytest.raises(InstrumentMisdefined):
            config_questions({"questions": questions})


def test_an_unknown_question_code_that_cannot_be_encoded_is_shown_safely() -> None:
    from safeguard.risk.rules.missing_person import MISSING_RISK_V1

    errors = answers_errors(MISSING_RISK_V1, {"\ud800X": "YES"})
    assert "?X" in errors
    assert all(key.encode("utf-8") for key in errors)
