"""The findings register and action plan, and the self-assessment (issue 9 items 2 and 4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from safeguard.access.rules.capabilities import Role
from safeguard.accounts.models import User
from safeguard.audit.models import AuditEvent
from safeguard.core.clock import FixedClock, use_clock
from safeguard.core.exceptions import CapabilityMissing, NotFoundOrForbidden
from safeguard.inspection.rules.areas import Area, FindingKind, Grade
from safeguard.inspection.rules.plan import ActionStatus, Rag, action_rag
from safeguard.inspection.services import (
    InspectionInvalid,
    action_record,
    action_update,
    finding_record,
    report_record,
    self_assessment_record,
)

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _clock():
    with use_clock(FixedClock(TODAY)):
        yield


@pytest.fixture
def lead(make_user: Callable[..., User]) -> User:
    return make_user(Role.PERFORMANCE_LEAD, username="lead")


def test_a_report_its_findings_and_an_action_through_to_complete(lead: User) -> None:
    report = report_record(actor=lead, title="NCPI (fictional)", published_on=dt.date(2026, 10, 1))
    assert report.action_plan_due_on == dt.date(2026, 11, 26)  # eight weeks
    cause = finding_record(
        actor=lead,
        report_id=report.pk,
        kind=FindingKind.CAUSE_OF_CONCERN,
        area=Area.INVESTIGATION,
        text="Online referrals are not acted on in time",
    )
    recommendation = finding_record(
        actor=lead,
        report_id=report.pk,
        kind=FindingKind.RECOMMENDATION,
        area=Area.INVESTIGATION,
        text="By 1 March, act on every referral within its KIRAT time",
        cause_id=cause.pk,
    )
    assert list(cause.recommendations.all()) == [recommendation]
    action = action_record(
        actor=lead,
        finding_id=recommendation.pk,
        description="Daily review of the online queue",
        owner_username="lead",
        due_on=dt.date(2026, 12, 5),
    )
    assert action_rag(ActionStatus(action.status), action.due_on, TODAY.date()) is Rag.AMBER
    with pytest.raises(InspectionInvalid, match="complete"):
        action_update(actor=lead, action_id=action.pk, status=ActionStatus.COMPLETE, evidence="")
    done = action_update(
        actor=lead,
        action_id=action.pk,
        status=ActionStatus.COMPLETE,
        evidence="Queue review minutes, weeks 48 to 50",
    )
    assert done.completed_on == TODAY.date()
    assert AuditEvent.objects.filter(event_type__startswith="inspection.").count() == 5


@pytest.mark.parametrize(
    ("kind", "cause", "field"),
    [
        (FindingKind.AREA_FOR_IMPROVEMENT, True, "cause"),
        (FindingKind.RECOMMENDATION, False, "text"),
    ],
)
def test_finding_refusals(lead: User, kind: FindingKind, cause: bool, field: str) -> None:
    report = report_record(actor=lead, title="NCPI (fictional)", published_on=dt.date(2026, 10, 1))
    concern = finding_record(
        actor=lead,
        report_id=report.pk,
        kind=FindingKind.CAUSE_OF_CONCERN,
        area=Area.LEADERSHIP,
        text="Leaders do not know the position",
    )
    with pytest.raises(InspectionInvalid) as caught:
        finding_record(
            actor=lead,
            report_id=report.pk,
            kind=kind,
            area=Area.LEADERSHIP,
            text="short" if field == "text" else "A long enough finding text",
            cause_id=concern.pk if cause else None,
        )
    assert field in caught.value.errors


def test_other_refusals(lead: User, make_user: Callable[..., User]) -> None:
    with pytest.raises(InspectionInvalid, match="not been published"):
        report_record(actor=lead, title="Future", published_on=dt.date(2027, 1, 1))
    report = report_record(actor=lead, title="NCPI", published_on=dt.date(2026, 10, 1))
    finding = finding_record(
        actor=lead,
        report_id=report.pk,
        kind=FindingKind.AREA_FOR_IMPROVEMENT,
        area=Area.DATA_QUALITY,
        text="Ethnicity is not recorded for many children",
    )
    with pytest.raises(InspectionInvalid, match="No police user"):
        action_record(
            actor=lead,
            finding_id=finding.pk,
            description="Retrain the contact centre",
            owner_username="nobody",
            due_on=dt.date(2027, 1, 1),
        )
    import uuid

    with pytest.raises(NotFoundOrForbidden):
        action_update(
            actor=lead, action_id=uuid.uuid4(), status=ActionStatus.IN_PROGRESS, evidence=""
        )
    with pytest.raises(CapabilityMissing):
        report_record(
            actor=make_user(Role.RESPONSE_OFFICER), title="NCPI", published_on=dt.date(2026, 10, 1)
        )


def test_self_assessment_needs_evidence(lead: User) -> None:
    with pytest.raises(InspectionInvalid):
        self_assessment_record(actor=lead, area=Area.PARTNERSHIP, grade=Grade.GOOD, evidence=" ")
    assessed = self_assessment_record(
        actor=lead,
        area=Area.PARTNERSHIP,
        grade=Grade.GOOD,
        evidence="Encompass notifications on time 97% over six months",
    )
    assert (assessed.area, assessed.grade, assessed.assessed_on) == (
        "PARTNERSHIP",
        "GOOD",
        TODAY.date(),
    )
