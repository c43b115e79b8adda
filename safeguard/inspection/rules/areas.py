"""The vocabulary of an HMICFRS National Child Protection Inspection (NCPI), issue 9.

Pure: imports only the standard library. Sources, all in ``DOMAIN.md``:

- §1.2 the five graded topics of the 2024 assessment criteria [P]. Only the leadership
  headline criterion was readable word for word; the other four are short descriptions
  taken from the same table (the detailed criteria were not readable) [P, partial].
- §1.3 the five-point grading scale, as HMICFRS defines it for PEEL [P]. That the NCPI
  methodology uses these PEEL definitions word for word is **not confirmed** [U].
- §1.4 the findings vocabulary: cause of concern (verbatim) [P]; recommendation [P/S];
  area for improvement, whose exact wording is **not confirmed** [U]; promising practice
  [P].
- §1.5 individual case audits are graded good / requires improvement / inadequate [P].
- §0 shows how a published report names the graded areas (Staffordshire 2025) [S].

Data quality and workforce are not NCPI graded topics: they are shown beside the five
because HMICFRS findings keep returning to them (§0: recording ethnicity and missing
episodes; the 2023 extra public protection posts) [S].
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType


class Area(StrEnum):
    """An area of child protection that readiness is tracked against."""

    LEADERSHIP = "LEADERSHIP"
    PARTNERSHIP = "PARTNERSHIP"
    INITIAL_RESPONSE = "INITIAL_RESPONSE"
    RISK_AND_REFERRAL = "RISK_AND_REFERRAL"
    INVESTIGATION = "INVESTIGATION"
    DATA_QUALITY = "DATA_QUALITY"
    """Not graded by HMICFRS; shown beside the graded topics."""
    WORKFORCE = "WORKFORCE"
    """Not graded by HMICFRS; shown beside the graded topics."""


AREA_LABELS: Mapping[Area, str] = MappingProxyType(
    {
        # Labels follow the criteria wording of §1.2.
        Area.LEADERSHIP: "Leadership",
        Area.PARTNERSHIP: "Partnership working",
        Area.INITIAL_RESPONSE: "Initial response",
        Area.RISK_AND_REFERRAL: "Risk assessment and referral",
        Area.INVESTIGATION: "Investigation",
        Area.DATA_QUALITY: "Data quality",
        Area.WORKFORCE: "Workforce",
    }
)

GRADED_AREAS: tuple[Area, ...] = (
    # The order of the table in §1.2.
    Area.LEADERSHIP,
    Area.PARTNERSHIP,
    Area.INITIAL_RESPONSE,
    Area.RISK_AND_REFERRAL,
    Area.INVESTIGATION,
)

AREA_CRITERIA: Mapping[Area, str] = MappingProxyType(
    {
        # The one headline criterion §1.2 quotes word for word [P].
        Area.LEADERSHIP: (
            "The force has effective leadership and governance arrangements for child "
            "protection and safeguarding services."
        ),
        # Short descriptions from the §1.2 table; the detailed criteria were not readable.
        Area.PARTNERSHIP: "Partnership working in line with statutory requirements.",
        Area.INITIAL_RESPONSE: "The service at first contact.",
        Area.RISK_AND_REFERRAL: "Assessing risk and referring to other organisations.",
        Area.INVESTIGATION: "Investigating crimes against children.",
    }
)

QUOTED_CRITERIA: frozenset[Area] = frozenset({Area.LEADERSHIP})
"""The areas whose :data:`AREA_CRITERIA` text is a quotation of HMICFRS, not a description.

A page may show these in quotation marks and attribute them; the others are ours.
"""


class Grade(StrEnum):
    """An HMICFRS graded judgment (§1.3), best first."""

    OUTSTANDING = "OUTSTANDING"
    GOOD = "GOOD"
    ADEQUATE = "ADEQUATE"
    REQUIRES_IMPROVEMENT = "REQUIRES_IMPROVEMENT"
    INADEQUATE = "INADEQUATE"


GRADE_LABELS: Mapping[Grade, str] = MappingProxyType(
    {
        Grade.OUTSTANDING: "Outstanding",
        Grade.GOOD: "Good",
        Grade.ADEQUATE: "Adequate",
        Grade.REQUIRES_IMPROVEMENT: "Requires improvement",
        Grade.INADEQUATE: "Inadequate",
    }
)

GRADE_DEFINITIONS: Mapping[Grade, str] = MappingProxyType(
    {
        # Verbatim from the PEEL definitions in §1.3 [P]; their use for NCPI is [U].
        Grade.OUTSTANDING: (
            "The force has substantially exceeded the characteristics of good performance"
        ),
        Grade.GOOD: (
            "The force has demonstrated substantially all the characteristics of good performance"
        ),
        Grade.ADEQUATE: (
            "The force has demonstrated some of the characteristics of good performance, "
            "but we have identified areas where the force should make improvements"
        ),
        Grade.REQUIRES_IMPROVEMENT: (
            "The force has demonstrated few, if any, of the characteristics of good "
            "performance and we have identified a substantial number of areas where the "
            "force needs to make improvements"
        ),
        Grade.INADEQUATE: (
            "We have causes for concern and have made recommendations to the force to address them"
        ),
    }
)


class FindingKind(StrEnum):
    """A kind of finding in an HMICFRS report (§1.4)."""

    CAUSE_OF_CONCERN = "CAUSE_OF_CONCERN"
    RECOMMENDATION = "RECOMMENDATION"
    AREA_FOR_IMPROVEMENT = "AREA_FOR_IMPROVEMENT"
    PROMISING_PRACTICE = "PROMISING_PRACTICE"


FINDING_KIND_LABELS: Mapping[FindingKind, str] = MappingProxyType(
    {
        FindingKind.CAUSE_OF_CONCERN: "Cause of concern",
        FindingKind.RECOMMENDATION: "Recommendation",
        FindingKind.AREA_FOR_IMPROVEMENT: "Area for improvement",
        FindingKind.PROMISING_PRACTICE: "Promising practice",
    }
)

FINDING_KIND_DEFINITIONS: Mapping[FindingKind, str] = MappingProxyType(
    {
        # Verbatim from the HMICFRS glossary as quoted in §1.4, first letter capitalised [P].
        FindingKind.CAUSE_OF_CONCERN: (
            "If we identify a more serious, critical or systemic shortcoming in a force or "
            "service's practice, policy or performance, we will report it as a cause of "
            "concern. A cause of concern will always be accompanied by one or more "
            "recommendations."
        ),
        # A description, not a quotation [P/S].
        FindingKind.RECOMMENDATION: (
            "A specific action, usually with a deadline, usually worded "
            "\u201cBy [date], [body] should \u2026\u201d."
        ),
        # A description; the HMICFRS wording is not confirmed [U].
        FindingKind.AREA_FOR_IMPROVEMENT: (
            "A shortfall against the expected standard that is less serious than a cause "
            "of concern. It carries no formal recommendation."
        ),
        # A description from the NCPI methodology's aims [P].
        FindingKind.PROMISING_PRACTICE: (
            "Promising or innovative practice that the inspectorate highlights."
        ),
    }
)


def finding_errors(kind: FindingKind, text: str, linked_cause: bool) -> list[str]:
    """Return what is wrong with a finding as recorded, or an empty list.

    ``linked_cause`` says the finding is recorded as one of the recommendations that
    accompany a cause of concern (§1.4). Only a recommendation can be: a cause of concern
    is not linked to itself, an area for improvement "carries no formal recommendation"
    [U], and promising practice is not a shortcoming. A recommendation need not be linked,
    because reports also make recommendations that stand alone (§0: 15 in 2022).

    Deliberately unchecked: the "By [date], [body] should …" wording of a recommendation.
    §1.4 says recommendations are *usually* worded so, which makes it a convention, not a
    rule; the text is recorded as HMICFRS published it.
    """
    errors: list[str] = []
    if not text.strip():
        errors.append(f"Enter the text of the {FINDING_KIND_LABELS[kind].lower()}.")
    if linked_cause and kind is not FindingKind.RECOMMENDATION:
        errors.append(
            f"Only a recommendation can be linked to a cause of concern, "
            f"not this {FINDING_KIND_LABELS[kind].lower()}."
        )
    return errors


def cause_of_concern_complete(recommendation_count: int) -> bool:
    """Say whether a cause of concern has the recommendations that must accompany it.

    "A cause of concern will always be accompanied by one or more recommendations"
    (§1.4, HMICFRS glossary) [P]. A register showing a cause without one is incomplete.

    :raises ValueError: if ``recommendation_count`` is negative
    """
    if recommendation_count < 0:
        raise ValueError(f"A recommendation count cannot be negative (got {recommendation_count}).")
    return recommendation_count >= 1


class AuditGrade(StrEnum):
    """The grade of one audited case file (§1.5) [P], best first."""

    GOOD = "GOOD"
    REQUIRES_IMPROVEMENT = "REQUIRES_IMPROVEMENT"
    INADEQUATE = "INADEQUATE"


AUDIT_GRADE_LABELS: Mapping[AuditGrade, str] = MappingProxyType(
    {
        AuditGrade.GOOD: "Good",
        AuditGrade.REQUIRES_IMPROVEMENT: "Requires improvement",
        AuditGrade.INADEQUATE: "Inadequate",
    }
)
