from __future__ import annotations

import pytest

from safeguard.inspection.rules.areas import (
    AREA_CRITERIA,
    AREA_LABELS,
    AUDIT_GRADE_LABELS,
    FINDING_KIND_DEFINITIONS,
    FINDING_KIND_LABELS,
    GRADE_DEFINITIONS,
    GRADE_LABELS,
    GRADED_AREAS,
    QUOTED_CRITERIA,
    Area,
    AuditGrade,
    FindingKind,
    Grade,
    cause_of_concern_complete,
    finding_errors,
)


class TestAreas:
    def test_graded_areas_are_the_five_topics_in_the_order_of_the_criteria(self) -> None:
        assert GRADED_AREAS == (
            Area.LEADERSHIP,
            Area.PARTNERSHIP,
            Area.INITIAL_RESPONSE,
            Area.RISK_AND_REFERRAL,
            Area.INVESTIGATION,
        )

    @pytest.mark.parametrize("area", [Area.DATA_QUALITY, Area.WORKFORCE])
    def test_data_quality_and_workforce_are_shown_but_not_graded(self, area: Area) -> None:
        assert area not in GRADED_AREAS
        assert area in AREA_LABELS

    def test_every_area_has_a_label(self) -> None:
        assert set(AREA_LABELS) == set(Area)
        assert all(label.strip() for label in AREA_LABELS.values())

    def test_every_graded_area_and_only_those_has_a_criterion(self) -> None:
        assert set(AREA_CRITERIA) == set(GRADED_AREAS)
        assert all(text.endswith(".") for text in AREA_CRITERIA.values())

    def test_only_leadership_is_quoted_word_for_word(self) -> None:
        assert {Area.LEADERSHIP} == QUOTED_CRITERIA
        assert AREA_CRITERIA[Area.LEADERSHIP] == (
            "The force has effective leadership and governance arrangements for child "
            "protection and safeguarding services."
        )

    def test_tables_cannot_be_changed_at_run_time(self) -> None:
        with pytest.raises(TypeError):
            AREA_LABELS[Area.LEADERSHIP] = "Changed"  # type: ignore[index]  # the point of the test


class TestGrade:
    @pytest.mark.parametrize(
        ("grade", "label", "definition"),
        [
            (
                Grade.OUTSTANDING,
                "Outstanding",
                "The force has substantially exceeded the characteristics of good performance",
            ),
            (
                Grade.GOOD,
                "Good",
                "The force has demonstrated substantially all the characteristics of good "
                "performance",
            ),
            (
                Grade.ADEQUATE,
                "Adequate",
                "The force has demonstrated some of the characteristics of good performance, "
                "but we have identified areas where the force should make improvements",
            ),
            (
                Grade.REQUIRES_IMPROVEMENT,
                "Requires improvement",
                "The force has demonstrated few, if any, of the characteristics of good "
                "performance and we have identified a substantial number of areas where the "
                "force needs to make improvements",
            ),
            (
                Grade.INADEQUATE,
                "Inadequate",
                "We have causes for concern and have made recommendations to the force to "
                "address them",
            ),
        ],
    )
    def test_labels_and_definitions_match_the_peel_scale(
        self, grade: Grade, label: str, definition: str
    ) -> None:
        assert GRADE_LABELS[grade] == label
        assert GRADE_DEFINITIONS[grade] == definition

    def test_grades_run_best_first(self) -> None:
        assert list(Grade) == [
            Grade.OUTSTANDING,
            Grade.GOOD,
            Grade.ADEQUATE,
            Grade.REQUIRES_IMPROVEMENT,
            Grade.INADEQUATE,
        ]


class TestFindingKind:
    def test_every_kind_has_a_label_and_a_definition(self) -> None:
        assert set(FINDING_KIND_LABELS) == set(FindingKind)
        assert set(FINDING_KIND_DEFINITIONS) == set(FindingKind)

    def test_cause_of_concern_definition_quotes_the_glossary(self) -> None:
        assert FINDING_KIND_DEFINITIONS[FindingKind.CAUSE_OF_CONCERN].endswith(
            "A cause of concern will always be accompanied by one or more recommendations."
        )


class TestFindingErrors:
    @pytest.mark.parametrize(
        ("kind", "text", "linked_cause", "expected"),
        [
            pytest.param(
                FindingKind.RECOMMENDATION,
                "By 31 October 2026, the force should improve its recording of ethnicity.",
                True,
                [],
                id="recommendation-linked-to-a-cause",
            ),
            pytest.param(
                FindingKind.RECOMMENDATION,
                "The force should share information about online abuse promptly.",
                False,
                [],
                id="standalone-recommendation-without-the-usual-wording",
            ),
            pytest.param(
                FindingKind.CAUSE_OF_CONCERN, "Out-of-hours JAR cover.", False, [], id="cause"
            ),
            pytest.param(
                FindingKind.AREA_FOR_IMPROVEMENT, "Missing episodes.", False, [], id="afi"
            ),
            pytest.param(FindingKind.PROMISING_PRACTICE, "Hotel work.", False, [], id="promising"),
            pytest.param(
                FindingKind.AREA_FOR_IMPROVEMENT,
                "   \n",
                False,
                ["Enter the text of the area for improvement."],
                id="blank-text",
            ),
            pytest.param(
                FindingKind.CAUSE_OF_CONCERN,
                "Out-of-hours JAR cover.",
                True,
                [
                    "Only a recommendation can be linked to a cause of concern, not this cause of concern."
                ],
                id="cause-linked-to-a-cause",
            ),
            pytest.param(
                FindingKind.AREA_FOR_IMPROVEMENT,
                "Missing episodes.",
                True,
                [
                    "Only a recommendation can be linked to a cause of concern, "
                    "not this area for improvement."
                ],
                id="afi-linked-to-a-cause",
            ),
            pytest.param(
                FindingKind.PROMISING_PRACTICE,
                "",
                True,
                [
                    "Enter the text of the promising practice.",
                    "Only a recommendation can be linked to a cause of concern, "
                    "not this promising practice.",
                ],
                id="both-errors",
            ),
        ],
    )
    def test_reports_what_is_wrong(
        self, kind: FindingKind, text: str, linked_cause: bool, expected: list[str]
    ) -> None:
        assert finding_errors(kind, text, linked_cause) == expected


class TestCauseOfConcernComplete:
    @pytest.mark.parametrize(("count", "expected"), [(0, False), (1, True), (2, True), (17, True)])
    def test_needs_at_least_one_recommendation(self, count: int, expected: bool) -> None:
        assert cause_of_concern_complete(count) is expected

    def test_refuses_a_negative_count(self) -> None:
        with pytest.raises(ValueError, match="cannot be negative"):
            cause_of_concern_complete(-1)


class TestAuditGrade:
    def test_three_grades_best_first_with_labels(self) -> None:
        assert list(AuditGrade) == [
            AuditGrade.GOOD,
            AuditGrade.REQUIRES_IMPROVEMENT,
            AuditGrade.INADEQUATE,
        ]
        assert [AUDIT_GRADE_LABELS[g] for g in AuditGrade] == [
            "Good",
            "Requires improvement",
            "Inadequate",
        ]
