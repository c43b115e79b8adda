"""Risk assessments for tests (the answers are obviously invented)."""

from __future__ import annotations

from typing import Any

from safeguard.core import clock
from safeguard.risk.models import RiskAssessment
from safeguard.risk.rules.instruments import NO, YES
from safeguard.risk.rules.ppn_rag import INDICATORS_V1

PPN_GREEN_ANSWERS: dict[str, str] = dict.fromkeys(INDICATORS_V1, NO) | {
    "CONCERN_SUMMARY": "Invented: neighbour heard shouting at 1 Imaginary Row.",
    "CHILD_VOICE": "Invented: the child said she was fine and wanted to watch TV.",
}
PPN_AMBER_ANSWERS = PPN_GREEN_ANSWERS | {"DOMESTIC_ABUSE_EXPOSURE": YES}
PPN_RED_ANSWERS = PPN_GREEN_ANSWERS | {"NO_SAFE_CARER": YES}
THRIVE_ANSWERS: dict[str, str] = {
    "THREAT": "LOW",
    "HARM": "MEDIUM",
    "RISK": "LOW",
    "INVESTIGATION": "LOW",
    "VULNERABILITY": "MEDIUM",
    "ENGAGEMENT": "LOW",
}
LOWERING_RATIONALE = "Invented: the child is now staying with a grandparent who is safe."


def make_assessment(
    *, assessed_by: Any, subject_type: str, subject_id: str, **fields: Any
) -> RiskAssessment:
    """Create an assessment directly (no audit): for tests of reads and reviews."""
    now = clock.now()
    values: dict[str, Any] = {
        "instrument_code": "PPN_RAG",
        "instrument_version": 1,
        "answers": PPN_AMBER_ANSWERS,
        "computed_level": "AMBER",
        "final_level": "AMBER",
        "assessed_at": now,
    }
    values.update(fields)
    return RiskAssessment.objects.create(
        assessed_by=assessed_by, subject_type=subject_type, subject_id=subject_id, **values
    )
