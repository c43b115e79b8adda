"""Codes for the Joint Agency Response to an unexpected child death (DOMAIN.md §5). Pure."""

from __future__ import annotations

from enum import StrEnum


class JarCriterion(StrEnum):
    """Why a death triggers a Joint Agency Response (DOMAIN.md §5.2 (a) to (e) [U], force-configurable)."""

    EXTERNAL_CAUSES = "EXTERNAL_CAUSES"
    SUDDEN_NO_CAUSE = "SUDDEN_NO_CAUSE"
    CUSTODY_OR_DETENTION = "CUSTODY_OR_DETENTION"
    SUSPICION_NOT_NATURAL = "SUSPICION_NOT_NATURAL"
    UNATTENDED_STILLBIRTH = "UNATTENDED_STILLBIRTH"


CRITERION_LABELS: dict[JarCriterion, str] = {
    JarCriterion.EXTERNAL_CAUSES: "(a) Is or could be due to external causes",
    JarCriterion.SUDDEN_NO_CAUSE: "(b) Sudden, with no immediately apparent cause (SUDI or SUDC)",
    JarCriterion.CUSTODY_OR_DETENTION: (
        "(c) In custody, or while detained under the Mental Health Act"
    ),
    JarCriterion.SUSPICION_NOT_NATURAL: (
        "(d) The initial circumstances raise any suspicion the death may not be natural"
    ),
    JarCriterion.UNATTENDED_STILLBIRTH: (
        "(e) A stillbirth with no healthcare professional in attendance"
    ),
}


class Duty(StrEnum):
    """Who is on call for a child death."""

    DETECTIVE = "DETECTIVE"
    SENIOR_OFFICER = "SENIOR_OFFICER"


class AssignmentState(StrEnum):
    OFFERED = "OFFERED"
    ACCEPTED = "ACCEPTED"
    TIMED_OUT = "TIMED_OUT"
    INFORMED = "INFORMED"  # the on-call senior officer, told of an escalation


class ItemState(StrEnum):
    OPEN = "OPEN"
    DONE = "DONE"
    NOT_APPLICABLE = "NOT_APPLICABLE"


class SiblingDecision(StrEnum):
    """The safeguarding decision for a sibling or another child in the household."""

    STRATEGY_DISCUSSION = "STRATEGY_DISCUSSION"
    REFER = "REFER"
    SAFE_WITH_FAMILY_SUPPORT = "SAFE_WITH_FAMILY_SUPPORT"
    NO_FURTHER_ACTION = "NO_FURTHER_ACTION"
