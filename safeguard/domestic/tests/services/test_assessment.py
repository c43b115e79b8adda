from __future__ import annotations

import pytest

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent
from safeguard.core.clock import FixedClock, use_clock
from safeguard.core.exceptions import CapabilityMissing
from safeguard.domestic.models import MaracReferral
from safeguard.domestic.services import (
    NotificationInvalid,
    da_incident_record,
    incident_risk_assess,
    marac_referral_made,
    referral_waive,
)
from safeguard.domestic.tests.factories import details, household, london
from safeguard.risk.rules.dash import SCORED_V1
from safeguard.risk.services import RiskAssessmentInvalid

pytestmark = pytest.mark.django_db
NOW = london(2027, 2, 13, 1, 0)


def dash(yes: int) -> dict[str, str]:
    codes = list(SCORED_V1)
    return {code: ("YES" if i < yes else "NO") for i, code in enumerate(codes)}


@pytest.fixture
def officer(make_user):
    return make_user(Role.RESPONSE_OFFICER)


def incident_at(officer, parties, when):
    with use_clock(FixedClock(NOW)):
        return da_incident_record(
            actor=officer, details=details(parties, occurred_at=when), children=[], choices={}
        )


class TestDashAndMarac:
    def test_fourteen_yes_answers_is_high_risk_and_a_marac_referral(self, officer) -> None:
        incident = incident_at(officer, household(), london(2027, 2, 12, 23, 40))
        with use_clock(FixedClock(NOW)):
            assessment, marac = incident_risk_assess(
                actor=officer, incident_id=incident.pk, instrument_code="DASH", answers=dash(14)
            )
        assert assessment.final_level == "HIGH"
        assert marac is not None
        assert marac.reasons == ["VISIBLE_HIGH_RISK"]
        with use_clock(FixedClock(NOW)):
            marac_referral_made(actor=officer, marac_id=marac.pk)
            marac_referral_made(actor=officer, marac_id=marac.pk)
        assert AuditEvent.objects.filter(event_type="marac.referred").count() == 1

    def test_medium_risk_alone_needs_no_marac(self, officer) -> None:
        incident = incident_at(officer, household(), london(2027, 2, 12, 23, 40))
        with use_clock(FixedClock(NOW)):
            assessment, marac = incident_risk_assess(
                actor=officer, incident_id=incident.pk, instrument_code="DASH", answers=dash(10)
            )
        assert (assessment.final_level, marac) == ("MEDIUM", None)

    def test_third_incident_in_twelve_months_is_potential_escalation(self, officer) -> None:
        parties = household()
        incident_at(officer, parties, london(2026, 3, 1, 20, 0))
        incident_at(officer, parties, london(2026, 9, 1, 20, 0))
        third = incident_at(officer, parties, london(2027, 2, 12, 23, 40))
        with use_clock(FixedClock(NOW)):
            _, marac = incident_risk_assess(
                actor=officer, incident_id=third.pk, instrument_code="DASH", answers=dash(2)
            )
        assert marac is not None
        assert marac.reasons == ["POTENTIAL_ESCALATION"]

    def test_a_half_answered_dash_lists_every_unanswered_question(self, officer) -> None:
        incident = incident_at(officer, household(), london(2027, 2, 12, 23, 40))
        half = dict(list(dash(5).items())[:13])
        with use_clock(FixedClock(NOW)), pytest.raises(RiskAssessmentInvalid) as caught:
            incident_risk_assess(
                actor=officer, incident_id=incident.pk, instrument_code="DASH", answers=half
            )
        assert len(caught.value.errors) == 14
        assert not MaracReferral.objects.exists()

    def test_only_dash_or_dara_is_accepted(self, officer) -> None:
        incident = incident_at(officer, household(), london(2027, 2, 12, 23, 40))
        with pytest.raises(RiskAssessmentInvalid):
            incident_risk_assess(
                actor=officer, incident_id=incident.pk, instrument_code="THRIVE", answers={}
            )


class TestReferralWaiver:
    def test_only_a_supervisor_with_a_reason_may_waive(self, officer, make_user) -> None:
        incident = incident_at(officer, household(), london(2027, 2, 12, 23, 40))
        with pytest.raises(CapabilityMissing):
            referral_waive(actor=officer, incident_id=incident.pk, reason="x" * 30)
        supervisor = make_user(Role.SUPERVISOR)
        with pytest.raises(NotificationInvalid):
            referral_waive(actor=supervisor, incident_id=incident.pk, reason="too short")
        with use_clock(FixedClock(NOW)):
            waived = referral_waive(
                actor=supervisor,
                incident_id=incident.pk,
                reason="Children already open to social care; allocated worker told by phone",
            )
        assert waived.referral_waived_by == supervisor
        with pytest.raises(NotificationInvalid):
            referral_waive(actor=supervisor, incident_id=incident.pk, reason="y" * 30)


class TestChildsOwnRisk:
    def test_a_child_injured_in_the_incident_is_high_risk(self, officer, make_user) -> None:
        from safeguard.core.exceptions import NotFoundOrForbidden
        from safeguard.domestic.models import ChildVictim
        from safeguard.domestic.services import child_risk_assess
        from safeguard.domestic.tests.factories import a_school, new_child_row
        from safeguard.risk.rules.da_child import INDICATORS_V1

        with use_clock(FixedClock(NOW)):
            incident = da_incident_record(
                actor=officer,
                details=details(household()),
                children=[new_child_row(a_school())],
                choices={},
            )
        victim = ChildVictim.objects.get(incident=incident)
        answers = dict.fromkeys(INDICATORS_V1, "NO") | {"CHILD_INJURED": "YES"}
        with use_clock(FixedClock(NOW)):
            assessment = child_risk_assess(
                actor=officer, child_victim_id=victim.pk, answers=answers
            )
        assert (assessment.subject_type, assessment.final_level) == ("domestic.childvictim", "HIGH")
        with pytest.raises(NotFoundOrForbidden):
            child_risk_assess(
                actor=make_user(Role.SCHOOL_DSL), child_victim_id=victim.pk, answers=answers
            )
