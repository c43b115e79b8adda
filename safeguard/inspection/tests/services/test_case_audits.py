"""Case audits: a stratified sample reproducible by seed, graded with reasons, by area."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from safeguard.access.rules.capabilities import Role
from safeguard.core.clock import FixedClock, use_clock
from safeguard.inspection.models import AuditedCase
from safeguard.inspection.rules.areas import Area, AuditGrade
from safeguard.inspection.selectors import case_audit_get
from safeguard.inspection.services import InspectionInvalid, audited_case_grade, case_audit_create
from safeguard.online_abuse.services import referral_receive
from safeguard.online_abuse.tests.support import package

pytestmark = pytest.mark.django_db

OCT = dt.datetime(2026, 10, 5, 10, 0, tzinfo=dt.UTC)
NOV = dt.datetime(2026, 11, 5, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def cases(make_user) -> None:
    investigator = make_user(Role.INVESTIGATOR)
    for n in range(40):
        when = (OCT if n < 30 else NOV) + dt.timedelta(hours=n)
        with use_clock(FixedClock(when + dt.timedelta(minutes=5))):
            referral_receive(
                actor=investigator,
                data=package(reference=f"NCA-A-{n}", received_at=when.isoformat()),
            )


def _draw(lead, seed: int, size: int = 10):
    with use_clock(FixedClock(dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC))):
        return case_audit_create(
            actor=lead,
            title="Online referrals, autumn",
            since=dt.date(2026, 10, 1),
            until=dt.date(2026, 12, 1),
            size=size,
            pathways=["ONLINE"],
            strata=("pathway", "period"),
            seed=seed,
        )


def test_the_sample_is_stratified_and_reproducible(cases, make_user) -> None:
    lead = make_user(Role.PERFORMANCE_LEAD)
    first, again, other = _draw(lead, 7), _draw(lead, 7), _draw(lead, 8)
    refs = lambda audit: sorted(audit.cases.values_list("reference", flat=True))  # noqa: E731
    assert refs(first) == refs(again)
    assert refs(first) != refs(other)
    months = [c.reference for c in first.cases.all()]
    assert len(months) == 10
    nov = AuditedCase.objects.filter(
        audit=first, reference__in=[f"ONL-2026-{n:06d}" for n in range(31, 41)]
    )
    assert nov.count() in {2, 3}  # November holds a quarter of the cases


def test_grading_and_results_by_area(cases, make_user) -> None:
    lead = make_user(Role.PERFORMANCE_LEAD)
    audit = _draw(lead, 1, size=3)
    one, two, _ = audit.cases.all()
    with pytest.raises(InspectionInvalid):
        audited_case_grade(actor=lead, case_id=one.pk, grade=AuditGrade.GOOD, reasons="ok")
    audited_case_grade(
        actor=lead, case_id=one.pk, grade=AuditGrade.GOOD, reasons="Acted on within the KIRAT time"
    )
    audited_case_grade(
        actor=lead,
        case_id=two.pk,
        grade=AuditGrade.INADEQUATE,
        reasons="Children around the suspect not listed",
    )
    view = case_audit_get(actor=lead, audit_id=audit.pk)
    assert view.graded == 2
    assert view.results[Area.INVESTIGATION][AuditGrade.GOOD] == 1
    assert view.results[Area.INVESTIGATION][AuditGrade.INADEQUATE] == 1
    assert view.results[Area.LEADERSHIP] == dict.fromkeys(AuditGrade, 0)


def test_bad_requests_are_refused(make_user) -> None:
    lead = make_user(Role.PERFORMANCE_LEAD)
    with pytest.raises(InspectionInvalid, match="No case"):
        _draw(lead, 1)
    with pytest.raises(InspectionInvalid):
        case_audit_create(
            actor=lead,
            title="",
            since=dt.date(2026, 10, 1),
            until=dt.date(2026, 9, 1),
            size=1,
            pathways=["NOPE"],
            strata=("pathway",),
            seed=1,
        )


def test_the_pages(cases, client_for) -> None:
    client, _ = client_for(Role.PERFORMANCE_LEAD)
    url = reverse("inspection:audits")
    form = {
        "title": "Online referrals, autumn",
        "since": "2026-10-01",
        "until": "2026-12-01",
        "size": "30",
        "pathways": ["ONLINE"],
        "by_period": "on",
        "seed": "3",
    }
    with use_clock(FixedClock(dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC))):
        response = client.post(url, form)
        assert response.status_code == 302
        page = client.get(response["Location"]).content.decode()
        assert "0 of 30 cases graded." in page
        case = AuditedCase.objects.first()
        assert case is not None
        graded = client.post(
            response["Location"],
            {"case": str(case.pk), "grade": "GOOD", "reasons": "Acted on in time"},
        )
        assert graded.status_code == 302
        assert client.post(url, {**form, "pathways": []}).status_code == 400
    partner, _ = client_for(Role.SCHOOL_DSL)
    assert partner.get(url).status_code == 404
