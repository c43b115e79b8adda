"""Recording a KIRAT v2 assessment of an IIOC suspect through the risk service."""

from __future__ import annotations

import pytest

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent
from safeguard.audit.services import Subject
from safeguard.people.tests.factories import make_person
from safeguard.risk.models import RiskAssessment
from safeguard.risk.rules.dash import NOT_KNOWN
from safeguard.risk.rules.instruments import NO, YES
from safeguard.risk.rules.kirat import QUESTIONS_V2
from safeguard.risk.services import RiskAssessmentInvalid, risk_assessment_record
from safeguard.risk.tests.factories import LOWERING_RATIONALE

pytestmark = pytest.mark.django_db

ALL_NO = {q.code: NO for q in QUESTIONS_V2}
VERY_HIGH_ANSWERS = ALL_NO | {
    "CHILDREN_OF_FAMILY_OR_FRIENDS": YES,
    "SEXUAL_COMMUNICATION_WITH_CHILD": YES,
    "SUBSTANCE_MISUSE": NOT_KNOWN,
}


@pytest.fixture
def suspect_subject() -> Subject:
    # Obviously fictional: an adult suspect in an invented online abuse referral.
    suspect = make_person(given_name="Testsuspect", family_name="Fictional")
    return Subject.of(suspect)


class TestKiratRecord:
    def test_records_the_level_with_the_instrument_version(
        self, make_user, suspect_subject
    ) -> None:
        officer = make_user(Role.INVESTIGATOR)
        # when
        assessment = risk_assessment_record(
            actor=officer,
            subject=suspect_subject,
            instrument_code="KIRAT",
            instrument_version=2,
            answers=VERY_HIGH_ANSWERS,
        )
        # then the computed level stands, stored against KIRAT version 2
        stored = RiskAssessment.objects.get(pk=assessment.pk)
        assert (stored.instrument_code, stored.instrument_version) == ("KIRAT", 2)
        assert (stored.computed_level, stored.final_level) == ("VERY_HIGH", "VERY_HIGH")
        assert stored.answers == VERY_HIGH_ANSWERS
        assert (stored.subject_type, stored.subject_id) == (
            suspect_subject.type,
            suspect_subject.id,
        )
        # and the collection is audited
        event = AuditEvent.objects.get(event_type="risk_assessment.recorded")
        assert event.changes["new"]["computed_level"] == "VERY_HIGH"

    def test_the_latest_version_is_used_when_none_is_given(
        self, make_user, suspect_subject
    ) -> None:
        assessment = risk_assessment_record(
            actor=make_user(Role.INVESTIGATOR),
            subject=suspect_subject,
            instrument_code="KIRAT",
            answers=ALL_NO,
        )
        assert (assessment.instrument_version, assessment.final_level) == (2, "LOW")

    def test_an_officer_may_regrade_with_reasons(self, make_user, suspect_subject) -> None:
        officer = make_user(Role.INVESTIGATOR)
        raised = risk_assessment_record(
            actor=officer,
            subject=suspect_subject,
            instrument_code="KIRAT",
            answers=ALL_NO | {"DOMESTIC_ABUSE": YES},
            officer_level="HIGH",
            rationale="Invented: the suspect's partner is pregnant.",
        )
        assert (raised.computed_level, raised.final_level, raised.level_change) == (
            "MEDIUM",
            "HIGH",
            "RAISED",
        )
        lowered = risk_assessment_record(
            actor=officer,
            subject=suspect_subject,
            instrument_code="KIRAT",
            answers=VERY_HIGH_ANSWERS,
            officer_level="HIGH",
            rationale=LOWERING_RATIONALE,
        )
        assert (lowered.final_level, lowered.level_change) == ("HIGH", "LOWERED")

    def test_version_1_is_refused(self, make_user, suspect_subject) -> None:
        with pytest.raises(RiskAssessmentInvalid) as raised:
            risk_assessment_record(
                actor=make_user(Role.INVESTIGATOR),
                subject=suspect_subject,
                instrument_code="KIRAT",
                instrument_version=1,
                answers=ALL_NO,
            )
        assert list(raised.value.errors) == ["instrument_code"]
        assert not RiskAssessment.objects.exists()
