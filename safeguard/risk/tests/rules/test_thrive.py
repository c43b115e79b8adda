from __future__ import annotations

import pytest

from safeguard.risk.rules.instruments import (
    InstrumentMisdefined,
    Question,
    QuestionKind,
    answers_errors,
    risk_level,
)
from safeguard.risk.rules.thrive import (
    DEFAULT_THRIVE_PLUS_VERSIONS,
    ELEMENTS,
    GRADE_CHOICES,
    THRIVE_PLUS_CODE,
    THRIVE_V1,
    ThriveExtension,
    graded_question,
    is_graded,
    thrive_extension_from_config,
    thrive_instrument,
    thrive_instruments,
)

ALL_LOW = {q.code: "LOW" for q in ELEMENTS}


class TestThriveV1:
    def test_grades_the_six_elements_in_order(self) -> None:
        assert [q.code for q in THRIVE_V1.questions] == [
            "THREAT",
            "HARM",
            "RISK",
            "INVESTIGATION",
            "VULNERABILITY",
            "ENGAGEMENT",
        ]
        assert all(is_graded(q) and q.required for q in THRIVE_V1.questions)
        assert (THRIVE_V1.code, THRIVE_V1.version, THRIVE_V1.levels) == (
            "THRIVE",
            1,
            ("LOW", "MEDIUM", "HIGH"),
        )
        assert "§4.1" in THRIVE_V1.source

    @pytest.mark.parametrize(
        ("grades", "expected"),
        [
            ({}, "LOW"),
            ({"ENGAGEMENT": "MEDIUM"}, "MEDIUM"),
            ({"THREAT": "MEDIUM", "HARM": "MEDIUM", "RISK": "MEDIUM"}, "MEDIUM"),
            ({"VULNERABILITY": "HIGH"}, "HIGH"),
            ({"THREAT": "HIGH", "HARM": "MEDIUM"}, "HIGH"),
        ],
    )
    def test_level_is_the_highest_element_grade(self, grades, expected) -> None:
        answers = {**ALL_LOW, **grades}
        assert answers_errors(THRIVE_V1, answers) == {}
        assert risk_level(THRIVE_V1, answers) == expected

    def test_every_element_must_be_graded(self) -> None:
        answers = dict(ALL_LOW)
        del answers["ENGAGEMENT"]
        assert answers_errors(THRIVE_V1, answers) == {"ENGAGEMENT": ["Answer this question"]}


class TestGradedQuestion:
    def test_is_graded_only_with_exactly_the_grade_choices(self) -> None:
        assert is_graded(graded_question("PREVENTION", "Prevention"))
        lookalike = Question("X", "X", QuestionKind.CHOICE, choices=GRADE_CHOICES[:2])
        assert not is_graded(lookalike)
        assert not is_graded(Question("Y", "Y", QuestionKind.TEXT))


class TestThrivePlus:
    def test_graded_extension_questions_count_and_others_are_only_recorded(self) -> None:
        extension = ThriveExtension(
            version=4,
            questions=(
                graded_question("SCENE_PRESERVATION", "Scene preservation"),
                Question("ADVICE", "Crime prevention advice given", QuestionKind.TEXT),
            ),
        )
        instrument = thrive_instrument(extension)
        assert (instrument.code, instrument.version, instrument.title) == (
            THRIVE_PLUS_CODE,
            4,
            "THRIVE+",
        )
        answers = {**ALL_LOW, "SCENE_PRESERVATION": "HIGH", "ADVICE": "Given"}
        assert answers_errors(instrument, answers) == {}
        assert risk_level(instrument, answers) == "HIGH"
        assert risk_level(instrument, {**answers, "SCENE_PRESERVATION": "LOW"}) == "LOW"

    def test_an_extension_cannot_reuse_a_core_code(self) -> None:
        clash = ThriveExtension(version=2, questions=(graded_question("THREAT", "Again"),))
        with pytest.raises(InstrumentMisdefined):
            thrive_instrument(clash)

    def test_builds_from_force_configuration(self) -> None:
        extension = thrive_extension_from_config(
            {
                "version": 2,
                "questions": [
                    {"code": "PREVENTION", "kind": "graded", "text": "Prevention"},
                    {"code": "ADVICE", "kind": "yes_no", "text": "Advice given?"},
                ],
            }
        )
        assert extension.version == 2
        assert is_graded(extension.questions[0])
        assert extension.questions[1].kind is QuestionKind.YES_NO

    def test_shipped_default_is_prevention_and_intervention_unscored(self) -> None:
        (thrive, plus) = thrive_instruments(DEFAULT_THRIVE_PLUS_VERSIONS)
        assert thrive == THRIVE_V1
        assert [q.code for q in plus.questions[6:]] == ["PREVENTION", "INTERVENTION"]
        answers = {**ALL_LOW, "PREVENTION": "Advice", "INTERVENTION": "Refer to MASH"}
        assert risk_level(plus, answers) == "LOW"

    def test_refuses_repeated_extension_versions(self) -> None:
        raw = DEFAULT_THRIVE_PLUS_VERSIONS[0]
        with pytest.raises(InstrumentMisdefined, match="unique"):
            thrive_instruments([raw, raw])

    def test_no_extensions_leaves_thrive_alone(self) -> None:
        assert thrive_instruments([]) == (THRIVE_V1,)
