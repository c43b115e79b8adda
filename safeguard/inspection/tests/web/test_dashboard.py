"""The inspection dashboard: every area with its chart and data table; no data, not zero."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from safeguard.access.rules.capabilities import Role

pytestmark = pytest.mark.django_db

URL = reverse("inspection:dashboard")


def test_the_lead_sees_every_area_with_charts_and_tables(client_for) -> None:
    client, _ = client_for(Role.PERFORMANCE_LEAD)
    response = client.get(URL, {"months": "6"})
    body = response.content.decode()
    assert response.status_code == 200
    for area in (
        "leadership",
        "partnership",
        "initial_response",
        "risk_and_referral",
        "investigation",
        "data_quality",
        "workforce",
    ):
        assert f'id="area-{area}"' in body
    assert "DA incidents with children notified to school on time" in body
    assert "No data" in body
    start = body.index("<svg")
    svg = body[start : body.index("</svg>", start) + len("</svg>")]
    ET.fromstring(svg)  # noqa: S314 - our own page, parsed to prove it is well-formed


@pytest.mark.parametrize("role", [Role.SCHOOL_DSL, Role.RESPONSE_OFFICER, Role.HOTEL_REPORTER])
def test_others_get_not_found(client_for, role: Role) -> None:
    client, _ = client_for(role)
    assert client.get(URL).status_code == 404


def test_the_indicators_as_csv(client_for) -> None:
    import csv
    import io

    client, _ = client_for(Role.PERFORMANCE_LEAD)
    response = client.get(reverse("inspection:indicators-csv"), {"months": "3"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["area", "code", "indicator"]
    codes = {row[1] for row in rows[1:]}
    assert {"encompass_on_time", "clocks_met", "caseload"} <= codes
    assert all(row[5] == "" for row in rows[1:])  # nothing to measure: empty, never 0
