"""The inspection pack renders as a PDF with its tables and charts (issue 9 item 5)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent
from safeguard.core.clock import FixedClock, use_clock
from safeguard.inspection.rules.areas import Area, FindingKind, Grade
from safeguard.inspection.services import (
    action_record,
    finding_record,
    report_record,
    self_assessment_record,
)

pytestmark = pytest.mark.django_db


def test_the_pack_has_pages_tables_and_charts(client_for) -> None:
    client, lead = client_for(Role.PERFORMANCE_LEAD)
    with use_clock(FixedClock(dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC))):
        self_assessment_record(
            actor=lead, area=Area.PARTNERSHIP, grade=Grade.GOOD, evidence="Encompass on time 97%"
        )
        report = report_record(
            actor=lead, title="NCPI fictional report", published_on=dt.date(2026, 10, 1)
        )
        finding = finding_record(
            actor=lead,
            report_id=report.pk,
            kind=FindingKind.AREA_FOR_IMPROVEMENT,
            area=Area.DATA_QUALITY,
            text="Ethnicity is not recorded for many children",
        )
        action_record(
            actor=lead,
            finding_id=finding.pk,
            description="Retrain the contact centre",
            owner_username=lead.username,
            due_on=dt.date(2026, 12, 20),
        )
        response = client.get(reverse("inspection:pack"), {"months": "6"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) >= 8  # the summary, then a page per area
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Self-assessment" in text
    assert "Retrain the contact centre" in text  # the action plan table
    assert "How it is measured" in text  # each area's data table
    assert "DA incidents with children notified to school" in text  # a chart's bar label
    assert AuditEvent.objects.filter(event_type="inspection.pack_made").count() == 1


def test_a_partner_gets_no_pack(client_for) -> None:
    client, _ = client_for(Role.SCHOOL_DSL)
    assert client.get(reverse("inspection:pack")).status_code == 404
