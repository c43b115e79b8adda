"""Missing-person risk grading, the College of Policing APP continuum (DOMAIN.md §2.1).

"All reports of missing people sit within a continuum of risk from very low risk through to
high-risk cases that require immediate, intensive action" [P]. The four levels and their
definitions are from copies of the APP [S]; the "absent" category has gone and legacy data
carrying "Absent" or "No apparent risk" maps to very low (:func:`legacy_level`).

The questions are the APP's risk factors where the APP names them (adverse weather,
medication, illness or disability affecting safety: §2.1 [P]) and this project's design
otherwise [U]. Each is answered "No", "Not known" or "Yes"; the level is the highest a "Yes"
indicates (:data:`INDICATORS_V1`), and with no "Yes" it is low, not very low: a missing
child is graded very low only by an officer's written judgement. The officer may raise or
lower the level; lowering needs the rationale, and a supervisor reviews every grading
(§2.1 supervisor duties [P]).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from safeguard.risk.rules.dash import answer_question
from safeguard.risk.rules.instruments import YES, Instrument, Question

MISSING_RISK_CODE = "MISSING_APP"
SOURCE = (
    "DOMAIN.md §2.1 (APP continuum and definitions [S]; risk factors [P]; which factor "
    "indicates which level is this project's design [U])"
)


class MissingRiskLevel(StrEnum):
    VERY_LOW = "VERY_LOW"
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"


LEVELS: tuple[str, ...] = tuple(level.value for level in MissingRiskLevel)

LEVEL_LABELS: tuple[tuple[str, str], ...] = (
    (MissingRiskLevel.VERY_LOW.value, "Very low"),
    (MissingRiskLevel.LOW.value, "Low"),
    (MissingRiskLevel.MEDIUM.value, "Medium"),
    (MissingRiskLevel.HIGH.value, "High"),
)

DEFINITIONS: dict[MissingRiskLevel, str] = {
    MissingRiskLevel.VERY_LOW: "There is a very low risk of harm to either the subject or the public",
    MissingRiskLevel.LOW: (
        "The risk of harm to the subject or the public is assessed as possible but minimal"
    ),
    MissingRiskLevel.MEDIUM: (
        "The risk of harm to the subject or the public is assessed as likely but not serious"
    ),
    MissingRiskLevel.HIGH: (
        "The risk of serious harm to the subject or the public is assessed as very likely"
    ),
}
"""The APP definitions (DOMAIN.md §2.1 [S])."""

_LEGACY: dict[str, MissingRiskLevel] = {
    "absent": MissingRiskLevel.VERY_LOW,
    "no apparent risk": MissingRiskLevel.VERY_LOW,
    "very low": MissingRiskLevel.VERY_LOW,
    "very low risk": MissingRiskLevel.VERY_LOW,
    "low": MissingRiskLevel.LOW,
    "low risk": MissingRiskLevel.LOW,
    "medium": MissingRiskLevel.MEDIUM,
    "medium risk": MissingRiskLevel.MEDIUM,
    "high": MissingRiskLevel.HIGH,
    "high risk": MissingRiskLevel.HIGH,
}


def legacy_level(value: str) -> MissingRiskLevel:
    """Map a grading from an older system to the current APP level.

    "Absent" and "No apparent risk" became "very low" (DOMAIN.md §2.1 [P]). Case, spaces,
    hyphens and underscores are ignored.

    :raises ValueError: the value is not a known grading
    """
    key = " ".join(value.replace("_", " ").replace("-", " ").lower().split())
    if key not in _LEGACY:
        raise ValueError(f"{value[:40]!r} is not a missing-person risk grading")
    return _LEGACY[key]


QUESTIONS_V1: tuple[Question, ...] = (
    answer_question(
        "SERIOUS_HARM_INFORMATION",
        "Is there information that the child is in danger of serious harm now (a threat, a "
        "crime in progress, thoughts of suicide or self-harm)?",
    ),
    answer_question(
        "EXPLOITATION_RISK",
        "Is the child known or believed to be at risk of sexual or criminal exploitation?",
        "For example missing with older associates, a new phone or money, or a county-lines "
        "link (DOMAIN.md §2.2).",
    ),
    answer_question(
        "MEDICATION_OR_ILLNESS",
        "Does the child depend on medication they do not have with them, or have an illness "
        "or disability affecting their safety, mobility, communication or decisions?",
    ),
    answer_question(
        "ADVERSE_WEATHER",
        "Is the child exposed to adverse weather or a dangerous place?",
    ),
    answer_question(
        "OUT_OF_CHARACTER",
        "Is going missing out of character for this child?",
    ),
    answer_question(
        "HARMED_WHEN_MISSING_BEFORE",
        "Has the child been harmed, or put in danger, during an earlier missing episode?",
    ),
    answer_question(
        "REPORTER_CONCERNED",
        "Is the person reporting worried for the child's safety?",
    ),
)

INDICATORS_V1: dict[str, str] = {
    "SERIOUS_HARM_INFORMATION": MissingRiskLevel.HIGH.value,
    "EXPLOITATION_RISK": MissingRiskLevel.HIGH.value,
    "MEDICATION_OR_ILLNESS": MissingRiskLevel.HIGH.value,
    "ADVERSE_WEATHER": MissingRiskLevel.MEDIUM.value,
    "OUT_OF_CHARACTER": MissingRiskLevel.MEDIUM.value,
    "HARMED_WHEN_MISSING_BEFORE": MissingRiskLevel.MEDIUM.value,
    "REPORTER_CONCERNED": MissingRiskLevel.LOW.value,
}

_RANK = {level: rank for rank, level in enumerate(LEVELS)}


def _score(answers: Mapping[str, str]) -> str:
    ranks = [_RANK[level] for code, level in INDICATORS_V1.items() if answers.get(code) == YES]
    # A missing child is at least low risk unless an officer judges otherwise in writing.
    return LEVELS[max(ranks, default=_RANK[MissingRiskLevel.LOW.value])]


MISSING_RISK_V1 = Instrument(
    code=MISSING_RISK_CODE,
    version=1,
    title="Missing child risk grading (APP)",
    questions=QUESTIONS_V1,
    levels=LEVELS,
    scorer=_score,
    level_labels=LEVEL_LABELS,
    allows_lowering=True,
    source=SOURCE,
)
