"""KIRAT v2 as a risk instrument: shape, answers, every scoring rule and its monotonicity."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safeguard.risk.catalogue import instrument_get, instrument_list
from safeguard.risk.rules.dash import NOT_KNOWN
from safeguard.risk.rules.instruments import (
    NO,
    YES,
    UnknownInstrument,
    UnknownLevel,
    answers_errors,
    is_lowering,
    is_raising,
    level_rank,
    risk_level,
)
from safeguard.risk.rules.kirat import (
    ACCESS_V2,
    CONTACT_OFFENCE_V2,
    DEFINITIONS,
    FACILITATORS_V2,
    KIRAT_CODE,
    KIRAT_V2,
    LEVELS,
    OTHER_FACTORS_V2,
    PREVIOUS_BEHAVIOURS_V2,
    QUESTIONS_V2,
    SERIOUS_HISTORY_V2,
    KiratLevel,
    kirat_score,
)

CODES = tuple(q.code for q in QUESTIONS_V2)
ALL_NO = dict.fromkeys(CODES, NO)
ALL_NOT_KNOWN = dict.fromkeys(CODES, NOT_KNOWN)
# Property tests must not write a .hypothesis example database into the checkout.
PROPERTIES = settings(database=None, deadline=None)


def yes_to(*codes: str) -> dict[str, str]:
    return ALL_NO | dict.fromkeys(codes, YES)


class TestInstrumentShape:
    def test_is_kirat_version_2_with_four_levels_lowest_first(self) -> None:
        assert (KIRAT_V2.code, KIRAT_V2.version) == ("KIRAT", 2)
        assert KIRAT_CODE == "KIRAT"
        assert KIRAT_V2.levels == ("LOW", "MEDIUM", "HIGH", "VERY_HIGH") == LEVELS
        assert KIRAT_V2.allows_lowering is True
        assert "§6.2" in KIRAT_V2.source
        assert "[U]" in KIRAT_V2.source

    @pytest.mark.parametrize(
        ("lower", "higher"),
        [("LOW", "MEDIUM"), ("MEDIUM", "HIGH"), ("HIGH", "VERY_HIGH"), ("LOW", "VERY_HIGH")],
    )
    def test_levels_are_ordered(self, lower: str, higher: str) -> None:
        assert level_rank(KIRAT_V2, lower) < level_rank(KIRAT_V2, higher)
        assert is_lowering(KIRAT_V2, computed=higher, officer=lower)
        assert is_raising(KIRAT_V2, computed=lower, officer=higher)

    def test_the_four_steps_partition_the_questions(self) -> None:
        assert len(CODES) == len(set(CODES)) == 15
        steps = (PREVIOUS_BEHAVIOURS_V2, ACCESS_V2, FACILITATORS_V2, OTHER_FACTORS_V2)
        assert sum(len(step) for step in steps) == len(CODES)
        assert frozenset().union(*steps) == set(CODES)
        assert SERIOUS_HISTORY_V2 < PREVIOUS_BEHAVIOURS_V2
        assert CONTACT_OFFENCE_V2 in PREVIOUS_BEHAVIOURS_V2
        assert CONTACT_OFFENCE_V2 not in SERIOUS_HISTORY_V2

    @pytest.mark.parametrize(
        ("step", "codes"),
        [
            ("Step 1", PREVIOUS_BEHAVIOURS_V2),
            ("Step 2", ACCESS_V2),
            ("Step 3", FACILITATORS_V2),
            ("Step 4", OTHER_FACTORS_V2),
        ],
    )
    def test_each_question_names_its_step(self, step: str, codes: frozenset[str]) -> None:
        for code in codes:
            question = KIRAT_V2.question(code)
            assert question is not None
            assert question.help_text.startswith(step)

    def test_every_question_is_required_and_answered_no_not_known_or_yes(self) -> None:
        for question in QUESTIONS_V2:
            assert question.required
            assert question.option_values == (NO, NOT_KNOWN, YES)

    def test_every_level_has_a_definition(self) -> None:
        assert set(DEFINITIONS) == set(KiratLevel)
        assert all(text.strip() for text in DEFINITIONS.values())


class TestLevelLabel:
    @pytest.mark.parametrize(
        ("level", "label"),
        [("LOW", "Low"), ("MEDIUM", "Medium"), ("HIGH", "High"), ("VERY_HIGH", "Very high")],
    )
    def test_officer_facing_names(self, level: str, label: str) -> None:
        assert KIRAT_V2.level_label(level) == label

    @pytest.mark.parametrize("level", ["VERY_LOW", "STANDARD", "very_high", ""])
    def test_unknown_level_has_no_label(self, level: str) -> None:
        with pytest.raises(UnknownLevel):
            KIRAT_V2.level_label(level)


class TestAnswers:
    @pytest.mark.parametrize("answers", [ALL_NO, ALL_NOT_KNOWN, dict.fromkeys(CODES, YES)])
    def test_complete_answers_are_accepted(self, answers: dict[str, str]) -> None:
        assert answers_errors(KIRAT_V2, answers) == {}

    def test_every_question_must_be_answered(self) -> None:
        answers = dict(ALL_NO)
        del answers["GROOMING"]
        assert answers_errors(KIRAT_V2, answers) == {"GROOMING": ["Answer this question"]}

    def test_an_answer_not_offered_is_refused(self) -> None:
        errors = answers_errors(KIRAT_V2, {**ALL_NO, "PRODUCING_IIOC": "MAYBE"})
        assert list(errors) == ["PRODUCING_IIOC"]
        assert "'MAYBE' is not one of: NO, NOT_KNOWN, YES" in errors["PRODUCING_IIOC"]

    def test_a_code_that_is_not_a_question_is_refused(self) -> None:
        errors = answers_errors(KIRAT_V2, {**ALL_NO, "CATEGORY_A_IMAGES": YES})
        assert list(errors) == ["CATEGORY_A_IMAGES"]


class TestScoring:
    @pytest.mark.parametrize("answers", [{}, ALL_NO, ALL_NOT_KNOWN])
    def test_no_yes_is_low(self, answers: dict[str, str]) -> None:
        assert risk_level(KIRAT_V2, answers) == "LOW"

    @pytest.mark.parametrize(
        ("code", "expected"),
        [
            # Step 1: a serious history or a contact offence is High; an allegation Medium.
            ("SEXUAL_OFFENCE_CONVICTION", "HIGH"),
            ("SEXUAL_OFFENCE_ALLEGATION", "MEDIUM"),
            ("CONTACT_SEXUAL_OFFENCE", "HIGH"),
            ("MULTIPLE_SEXUAL_OFFENCES", "HIGH"),
            ("SEXUAL_OFFENCE_PRISON", "HIGH"),
            # Step 2: access to children alone is High.
            ("CHILDREN_IN_HOUSEHOLD", "HIGH"),
            ("CHILDREN_OF_FAMILY_OR_FRIENDS", "HIGH"),
            ("CHILDREN_THROUGH_ROLE", "HIGH"),
            # Step 3: a facilitator alone is High.
            ("INCITEMENT", "HIGH"),
            ("GROOMING", "HIGH"),
            ("PRODUCING_IIOC", "HIGH"),
            ("SEXUAL_COMMUNICATION_WITH_CHILD", "HIGH"),
            # Step 4: other factors are Medium.
            ("OTHER_CONVICTIONS", "MEDIUM"),
            ("DOMESTIC_ABUSE", "MEDIUM"),
            ("SUBSTANCE_MISUSE", "MEDIUM"),
        ],
    )
    def test_a_single_yes(self, code: str, expected: str) -> None:
        answers = yes_to(code)
        assert answers_errors(KIRAT_V2, answers) == {}
        assert risk_level(KIRAT_V2, answers) == expected

    @pytest.mark.parametrize("access", sorted(ACCESS_V2))
    @pytest.mark.parametrize("aggravating", sorted(FACILITATORS_V2 | {CONTACT_OFFENCE_V2}))
    def test_access_with_a_facilitator_or_contact_offence_is_very_high(
        self, access: str, aggravating: str
    ) -> None:
        assert risk_level(KIRAT_V2, yes_to(access, aggravating)) == "VERY_HIGH"

    @pytest.mark.parametrize(
        ("yes", "expected"),
        [
            # Access with only a serious history, an allegation or other factors stays High.
            (("CHILDREN_IN_HOUSEHOLD", "SEXUAL_OFFENCE_CONVICTION"), "HIGH"),
            (
                ("CHILDREN_THROUGH_ROLE", "SEXUAL_OFFENCE_PRISON", "MULTIPLE_SEXUAL_OFFENCES"),
                "HIGH",
            ),
            (("CHILDREN_OF_FAMILY_OR_FRIENDS", "SEXUAL_OFFENCE_ALLEGATION"), "HIGH"),
            (("CHILDREN_IN_HOUSEHOLD", *sorted(OTHER_FACTORS_V2)), "HIGH"),
            (tuple(sorted(ACCESS_V2)), "HIGH"),
            # A facilitator and a contact offence without access to children is High.
            (("GROOMING", "CONTACT_SEXUAL_OFFENCE"), "HIGH"),
            (tuple(sorted(FACILITATORS_V2 | PREVIOUS_BEHAVIOURS_V2 | OTHER_FACTORS_V2)), "HIGH"),
            # Medium factors never add up to High.
            (("SEXUAL_OFFENCE_ALLEGATION", *sorted(OTHER_FACTORS_V2)), "MEDIUM"),
            # Every "Yes" is Very High.
            (CODES, "VERY_HIGH"),
        ],
    )
    def test_combinations(self, yes: tuple[str, ...], expected: str) -> None:
        assert risk_level(KIRAT_V2, yes_to(*yes)) == expected

    @pytest.mark.parametrize("code", CODES)
    def test_not_known_never_raises_the_level(self, code: str) -> None:
        assert risk_level(KIRAT_V2, {**ALL_NO, code: NOT_KNOWN}) == "LOW"

    def test_not_known_access_does_not_make_a_facilitator_very_high(self) -> None:
        answers = {**yes_to("GROOMING"), "CHILDREN_IN_HOUSEHOLD": NOT_KNOWN}
        assert risk_level(KIRAT_V2, answers) == "HIGH"

    def test_only_the_exact_yes_code_counts(self) -> None:
        # The scorer reads cleaned answers: a lower-case "yes" is not a "Yes".
        assert kirat_score({**ALL_NO, "GROOMING": "yes", "CHILDREN_IN_HOUSEHOLD": "Yes"}) == "LOW"


class TestScoringProperties:
    @PROPERTIES
    @given(
        answers=st.fixed_dictionaries(
            {code: st.sampled_from((NO, NOT_KNOWN, YES)) for code in CODES}
        ),
        more=st.sets(st.sampled_from(CODES)),
    )
    def test_answering_yes_to_more_questions_never_lowers_the_level(
        self, answers: dict[str, str], more: set[str]
    ) -> None:
        before = risk_level(KIRAT_V2, answers)
        after = risk_level(KIRAT_V2, answers | dict.fromkeys(more, YES))
        assert level_rank(KIRAT_V2, after) >= level_rank(KIRAT_V2, before)

    @PROPERTIES
    @given(yes=st.sets(st.sampled_from(CODES)))
    def test_the_level_follows_the_documented_rules(self, yes: set[str]) -> None:
        access = bool(yes & ACCESS_V2)
        facilitator = bool(yes & FACILITATORS_V2)
        contact = CONTACT_OFFENCE_V2 in yes
        expected = (
            "VERY_HIGH"
            if access and (facilitator or contact)
            else "HIGH"
            if access or facilitator or contact or yes & SERIOUS_HISTORY_V2
            else "MEDIUM"
            if yes
            else "LOW"
        )
        assert risk_level(KIRAT_V2, yes_to(*yes)) == expected


class TestRegistered:
    def test_the_catalogue_returns_this_instrument_by_code_and_version(self) -> None:
        instrument = instrument_get("KIRAT", 2)
        assert instrument == KIRAT_V2
        assert instrument.scorer is kirat_score
        assert instrument_get("KIRAT") == KIRAT_V2
        assert KIRAT_V2 in instrument_list()

    def test_there_is_no_version_1(self) -> None:
        with pytest.raises(UnknownInstrument, match="KIRAT"):
            instrument_get("KIRAT", 1)
