from __future__ import annotations

import datetime as dt

import pytest

from safeguard.risk.rules.instruments import (
    NO,
    YES,
    InstrumentMisdefined,
    Question,
    QuestionKind,
    answers_errors,
    risk_level,
)
from safeguard.risk.rules.ppn_rag import (
    DEFAULT_ESCALATION_GREENS,
    DEFAULT_ESCALATION_WINDOW_DAYS,
    INDICATORS_V1,
    PPN_RAG_V1,
    RagLevel,
    ppn_escalation_required,
    ppn_rag_instrument,
    ppn_rag_instrument_from_config,
)

NONE_OF_THEM = dict.fromkeys(INDICATORS_V1, NO) | {
    "CONCERN_SUMMARY": "Neighbour heard shouting; child aged 6 at home.",
    "CHILD_VOICE": "Said 'Mummy was crying'; quiet and withdrawn.",
}
ON = dt.date(2026, 5, 31)
G, A, R = RagLevel.GREEN, RagLevel.AMBER, RagLevel.RED


def days_before(n: int) -> dt.date:
    return ON - dt.timedelta(days=n)


class TestPpnRagV1:
    def test_grades_green_amber_red_labelled_low_medium_high(self) -> None:
        assert PPN_RAG_V1.levels == ("GREEN", "AMBER", "RED")
        assert [PPN_RAG_V1.level_label(lv) for lv in PPN_RAG_V1.levels] == [
            "Low",
            "Medium",
            "High",
        ]
        assert (PPN_RAG_V1.code, PPN_RAG_V1.version) == ("PPN_RAG", 1)

    @pytest.mark.parametrize(
        ("yes_to", "expected"),
        [
            ((), "GREEN"),
            (("DOMESTIC_ABUSE_EXPOSURE",), "AMBER"),
            (("CARER_CAPACITY_REDUCED",), "AMBER"),
            (("NEGLECT_SIGNS",), "AMBER"),
            (("EXPLOITATION_OR_MISSING",), "AMBER"),
            (("NEGLECT_SIGNS", "CARER_CAPACITY_REDUCED", "EXPLOITATION_OR_MISSING"), "AMBER"),
            (("SIGNIFICANT_HARM",), "RED"),
            (("NO_SAFE_CARER",), "RED"),
            (("ABUSE_DISCLOSED",), "RED"),
            (("ABUSE_DISCLOSED", "DOMESTIC_ABUSE_EXPOSURE"), "RED"),
        ],
    )
    def test_any_red_indicator_is_red_else_any_amber_is_amber(self, yes_to, expected) -> None:
        answers = NONE_OF_THEM | dict.fromkeys(yes_to, YES)
        assert answers_errors(PPN_RAG_V1, answers) == {}
        assert risk_level(PPN_RAG_V1, answers) == expected

    def test_the_summary_and_the_voice_of_the_child_are_required(self) -> None:
        answers = dict.fromkeys(INDICATORS_V1, NO)
        assert set(answers_errors(PPN_RAG_V1, answers)) == {"CONCERN_SUMMARY", "CHILD_VOICE"}


class TestPpnRagInstrument:
    @pytest.mark.parametrize(
        ("indicators", "message"),
        [
            ({"MISSING": "RED"}, "not a yes/no question"),
            ({"NOTE": "RED"}, "not a yes/no question"),
            ({"FLAG": "PURPLE"}, "unknown"),
        ],
    )
    def test_refuses_indicators_it_cannot_score(self, indicators, message) -> None:
        questions = (
            Question("FLAG", "Flag?", QuestionKind.YES_NO),
            Question("NOTE", "Note", QuestionKind.TEXT),
        )
        with pytest.raises(InstrumentMisdefined, match=message):
            ppn_rag_instrument(version=2, questions=questions, indicators=indicators)

    def test_a_force_version_comes_from_configuration(self) -> None:
        instrument = ppn_rag_instrument_from_config(
            {
                "version": 2,
                "questions": [
                    {"code": "WEAPON", "kind": "yes_no", "text": "Weapon?", "indicates": "RED"},
                    {
                        "code": "SCHOOL",
                        "kind": "yes_no",
                        "text": "Off school?",
                        "indicates": "AMBER",
                    },
                    {"code": "SEEN", "kind": "yes_no", "text": "Child seen?"},
                    {"code": "SUMMARY", "kind": "text", "text": "Summary"},
                ],
            }
        )
        base = {"WEAPON": NO, "SCHOOL": NO, "SEEN": YES, "SUMMARY": "x"}
        assert instrument.version == 2
        assert risk_level(instrument, base) == "GREEN"
        assert risk_level(instrument, base | {"SCHOOL": YES}) == "AMBER"
        assert risk_level(instrument, base | {"WEAPON": YES}) == "RED"


class TestPpnEscalationRequired:
    @pytest.mark.parametrize(
        ("level", "previous", "expected"),
        [
            pytest.param(R, [], True, id="red always"),
            pytest.param(A, [], True, id="amber always"),
            pytest.param("RED", [], True, id="levels may be plain text"),
            pytest.param(G, [], False, id="a first green"),
            pytest.param(G, [(days_before(10), G)], False, id="a second green"),
            pytest.param(
                G, [(days_before(10), G), (days_before(40), G)], True, id="third green escalates"
            ),
            pytest.param(
                G, [(days_before(1), "GREEN"), (days_before(2), "GREEN")], True, id="plain text"
            ),
            pytest.param(
                G,
                [(ON, G), (ON, G)],
                True,
                id="three greens on one day",
            ),
            pytest.param(
                G,
                [(days_before(10), G), (days_before(DEFAULT_ESCALATION_WINDOW_DAYS), G)],
                True,
                id="window start is included",
            ),
            pytest.param(
                G,
                [(days_before(10), G), (days_before(DEFAULT_ESCALATION_WINDOW_DAYS + 1), G)],
                False,
                id="a day before the window is out",
            ),
            pytest.param(
                G,
                [(days_before(10), A), (days_before(20), R)],
                False,
                id="only greens count towards three",
            ),
            pytest.param(
                G,
                [(days_before(10), G), (ON + dt.timedelta(days=1), G)],
                False,
                id="later-dated notifications are ignored",
            ),
        ],
    )
    def test_red_amber_or_three_greens_within_three_months(self, level, previous, expected) -> None:
        assert ppn_escalation_required(level=level, previous=previous, on=ON) is expected

    def test_defaults_are_three_greens_within_ninety_two_days(self) -> None:
        assert (DEFAULT_ESCALATION_GREENS, DEFAULT_ESCALATION_WINDOW_DAYS) == (3, 92)

    @pytest.mark.parametrize(
        ("window_days", "greens_threshold", "previous", "expected"),
        [
            (28, 3, [(days_before(10), G), (days_before(40), G)], False),
            (28, 2, [(days_before(10), G)], True),
            (0, 2, [(ON, G)], True),
            (0, 2, [(days_before(1), G)], False),
            (92, 1, [], True),
            (365, 4, [(days_before(n), G) for n in (50, 150, 250)], True),
        ],
    )
    def test_window_and_count_are_force_policy(
        self, window_days, greens_threshold, previous, expected
    ) -> None:
        result = ppn_escalation_required(
            level=G,
            previous=previous,
            on=ON,
            window_days=window_days,
            greens_threshold=greens_threshold,
        )
        assert result is expected

    @pytest.mark.parametrize(
        ("arguments", "message"),
        [
            ({"window_days": -1}, "negative"),
            ({"greens_threshold": 0}, "1 or more"),
            ({"level": "PURPLE"}, "PURPLE"),
            ({"previous": [(ON, "purple")]}, "purple"),
        ],
    )
    def test_refuses_nonsense(self, arguments, message) -> None:
        values = {"level": G, "previous": [], "on": ON} | arguments
        with pytest.raises(ValueError, match=message):
            ppn_escalation_required(**values)
