"""Every inspection table as CSV; a file naming records is a disclosure (issue 9 item 5)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.urls import reverse

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent
from safeguard.core.clock import FixedClock, use_clock
from safeguard.domestic.tests.factories import london
from safeguard.inspection.indicators import INDICATORS
from safeguard.inspection.models import AuditedCase, SelfAssessment
from safeguard.inspection.rules.areas import Area, AuditGrade, FindingKind, Grade
from safeguard.inspection.services import (
    action_record,
    audited_case_grade,
    case_audit_create,
    finding_record,
    report_record,
)
from safeguard.online_abuse.services import referral_receive
from safeguard.online_abuse.tests.support import package

pytestmark = pytest.mark.django_db

NOW = london(2027, 3, 2, 9, 0)


def rows(response: Any) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_drill_down_page_breaks_the_indicator_down_before_any_purpose(
    incidents, client_for
) -> None:
    client, _ = client_for(Role.PERFORMANCE_LEAD)
    url = reverse("inspection:drill-down", kwargs={"code": "encompass_on_time"})
    with use_clock(FixedClock(NOW)):
        body = client.get(url, {"months": "3"}).content.decode()
    assert 'id="breakdown-team"' in body
    assert 'id="breakdown-age_band"' in body
    for dimension in ("team", "ethnicity", "sex", "age_band"):
        assert f'id="chart-{dimension}-' in body  # a chart above each table
    assert "1 of 2 met it (50%)" in body
    assert "Why are you opening these records?" in body
    # Counts only so far: nothing named, nothing logged.
    assert not AuditEvent.objects.filter(event_type__startswith="inspection.").exists()


def test_breakdown_csv_is_counts_only(incidents, client_for) -> None:
    client, _ = client_for(Role.PERFORMANCE_LEAD)
    url = reverse("inspection:breakdown-csv", kwargs={"code": "encompass_on_time"})
    with use_clock(FixedClock(NOW)):
        table = rows(client.get(url, {"months": "3", "dimension": "team"}))
        everything = rows(client.get(url, {"months": "3"}))
    assert table[0] == ["breakdown", "group", "met", "counted", "share"]
    assert [r[2:] for r in table[1:]] == [["1", "2", "0.5"]]
    assert {r[0] for r in everything[1:]} == {
        "Team",
        "Child's self-defined ethnicity (broad group)",
        "Child's sex",
        "Child's age at the time",
    }
    assert not AuditEvent.objects.filter(event_type__startswith="inspection.").exists()


def test_the_records_file_needs_a_purpose_and_is_a_disclosure_of_each(
    incidents, client_for
) -> None:
    _, late = incidents
    client, _ = client_for(Role.PERFORMANCE_LEAD)
    url = reverse("inspection:records-csv", kwargs={"code": "encompass_on_time"})
    with use_clock(FixedClock(NOW)):
        refused = client.get(url, {"months": "3"})
        assert refused.status_code == 400
        assert "logged as a disclosure" in refused.content.decode()
        table = rows(
            client.get(url, {"months": "3", "purpose": "Supervision or review", "detail": "NCPI"})
        )
    assert [r[0] for r in table[1:]] == [late.occurrence.reference]
    event = AuditEvent.objects.get(event_type="inspection.records_exported")
    assert event.operation == "disclosure"
    assert event.justification == "Supervision or review: NCPI"
    assert [s["id"] for s in event.subjects] == [str(late.pk)]


def test_plan_self_assessment_and_trends_files(client_for, make_user) -> None:
    client, lead = client_for(Role.PERFORMANCE_LEAD)
    owner = make_user(Role.SUPERVISOR)
    with use_clock(FixedClock(NOW)):
        report = report_record(
            actor=lead, title="NCPI (fictional)", published_on=dt.date(2027, 1, 4)
        )
        finding = finding_record(
            actor=lead,
            report_id=report.pk,
            kind=FindingKind.CAUSE_OF_CONCERN,
            area=Area.DATA_QUALITY,
            text="Ethnicity is not recorded for many children",
        )
        action_record(
            actor=lead,
            finding_id=finding.pk,
            description="Make self-defined ethnicity a required question",
            owner_username=owner.username,
            due_on=dt.date(2027, 3, 10),
        )
        SelfAssessment.objects.create(
            area=Area.DATA_QUALITY,
            grade=Grade.REQUIRES_IMPROVEMENT,
            evidence="Ethnicity recorded for 61% of children",
            assessed_by=lead,
            assessed_on=dt.date(2027, 2, 20),
        )
    with use_clock(FixedClock(london(2027, 3, 15, 9, 0))):
        plan = rows(client.get(reverse("inspection:plan-csv")))
        grades = rows(client.get(reverse("inspection:self-assessment-csv")))
        trends = rows(client.get(reverse("inspection:trends-csv"), {"months": "3"}))
    assert plan[1][6] == "Make self-defined ethnicity a required question"
    assert plan[1][7] == owner.username
    assert plan[1][10:12] == ["Red", "yes"]  # due 10 March, not started on 15 March
    assert ["Data quality" in r[0] for r in grades[1:]].count(True) == 1
    assert any(r[1] == "Requires improvement" for r in grades[1:])
    assert len(trends) == 1 + 3 * len(INDICATORS)  # every indicator, each of the three months
    assert {r[3] for r in trends[1:]} == {""}  # no snapshots kept: no data, never zero


def test_audit_files(client_for, make_user) -> None:
    investigator = make_user(Role.INVESTIGATOR)
    client, lead = client_for(Role.PERFORMANCE_LEAD)
    with use_clock(FixedClock(london(2026, 10, 5, 10, 0))):
        for n in range(3):
            referral_receive(
                actor=investigator,
                data=package(reference=f"NCA-E-{n}", received_at="2026-10-05T09:00:00+00:00"),
            )
    with use_clock(FixedClock(london(2026, 11, 27, 9, 0))):
        audit = case_audit_create(
            actor=lead,
            title="Online referrals, autumn",
            since=dt.date(2026, 10, 1),
            until=dt.date(2026, 12, 1),
            size=3,
            pathways=["ONLINE"],
            strata=("pathway",),
            seed=1,
        )
        case = AuditedCase.objects.filter(audit=audit).first()
        assert case is not None
        audited_case_grade(
            actor=lead,
            case_id=case.pk,
            grade=AuditGrade.GOOD,
            reasons="Acted on within the KIRAT time",
        )
        listing = rows(client.get(reverse("inspection:audits-csv")))
        results = rows(
            client.get(reverse("inspection:audit-results-csv", kwargs={"audit_id": audit.pk}))
        )
        cases_url = reverse("inspection:audit-cases-csv", kwargs={"audit_id": audit.pk})
        assert client.get(cases_url).status_code == 400
        cases = rows(client.get(cases_url, {"purpose": "Supervision or review"}))
    assert listing[1][0] == "Online referrals, autumn"
    assert ["1", "0", "0"] in [r[1:] for r in results[1:]]
    assert len(cases) == 4
    assert {r[0] for r in cases[1:]} == set(audit.cases.values_list("reference", flat=True))
    event = AuditEvent.objects.get(event_type="inspection.audit_exported")
    assert event.operation == "disclosure"
    assert len(event.subjects) == 3


@pytest.mark.parametrize(
    "name", ["plan-csv", "self-assessment-csv", "trends-csv", "audits-csv", "indicators-csv"]
)
def test_partners_get_not_found(client_for, name: str) -> None:
    client, _ = client_for(Role.HOTEL_REPORTER)
    assert client.get(reverse(f"inspection:{name}")).status_code == 404
