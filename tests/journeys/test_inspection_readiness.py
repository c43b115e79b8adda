"""Journey: the lead gets ready for an inspection (issue 9).

The performance lead opens the dashboard, drills from "DA incidents with children notified
to school on time" to the late ones (stating why), draws a sample of 30 cases for audit and
grades two, records a report with a finding and an action, and downloads the PDF pack.
axe-core checks every page.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from safeguard.core.clock import today_in_london
from tests.journeys.test_child_concern_to_decision import sign_in
from tests.journeys.test_find_a_person import axe_violations

pytestmark = pytest.mark.browser


class TestInspectionReadiness:
    def test_dashboard_drill_down_audit_plan_and_pack(
        self, inspection_app: Any, browser: Any, tmp_path: Path
    ) -> None:
        violations: dict[str, list[dict[str, Any]]] = {}

        def check(name: str) -> None:
            violations[name] = axe_violations(page)

        page = sign_in(browser, inspection_app, "performance")
        page.get_by_role("link", name="Inspection readiness").first.click()
        check("dashboard")
        assert page.locator("#area-partnership svg").count() == 1
        page.get_by_role(
            "link", name="DA incidents with children notified to school on time"
        ).click()
        check("drill-down purpose")
        page.select_option("#id_purpose", "Supervision or review")
        page.get_by_role("button", name="Show the records").click()
        late = page.inner_text("#drill-down")
        assert "INC-" in late
        check("the late incidents")

        page.goto(f"{inspection_app.url}/inspection/audits/")
        today = today_in_london()
        page.fill("#id_title", "Pre-inspection audit (journey)")
        page.fill("#id_since", (today - dt.timedelta(days=365)).isoformat())
        page.fill("#id_until", (today + dt.timedelta(days=1)).isoformat())
        page.fill("#id_size", "30")
        for box in page.locator("input[name=pathways]").all():
            box.check()
        check("draw a sample")
        page.get_by_role("button", name="Draw the sample").click()
        assert "0 of 30 cases graded." in page.inner_text("main")
        for grade, reasons in (
            ("GOOD", "Voice of the child recorded, referral on time"),
            ("INADEQUATE", "No strategy discussion despite repeat missing"),
        ):
            page.locator("select[id^=grade-]").first.select_option(grade)
            page.locator("input[id^=reasons-]").first.fill(reasons)
            page.locator("#audit-cases form button").first.click()
        assert "2 of 30 cases graded." in page.inner_text("main")
        check("audit with two graded")

        page.goto(f"{inspection_app.url}/inspection/plan/")
        page.fill("#id_title", "National child protection inspection (fictional)")
        page.fill("#id_published_on", (today - dt.timedelta(days=20)).isoformat())
        page.get_by_role("button", name="Record report").click()
        page.locator("summary", has_text="Add a finding").click()
        page.locator("select[id^=kind-]").select_option("AREA_FOR_IMPROVEMENT")
        page.locator("select[id^=area-]").select_option("PARTNERSHIP")
        page.locator("textarea[id^=text-]").fill(
            "Schools are not always told of domestic abuse in time"
        )
        page.get_by_role("button", name="Add finding").click()
        page.locator("summary", has_text="Add an action").click()
        page.locator("input[id^=description-]").fill(
            "Daily check of unsent Encompass notifications"
        )
        page.locator("input[id^=owner-]").fill("performance")
        page.locator("input[id^=due-]").fill((today + dt.timedelta(days=30)).isoformat())
        page.get_by_role("button", name="Add action").click()
        assert "Daily check of unsent Encompass notifications" in page.inner_text("main")
        check("action plan")

        page.goto(f"{inspection_app.url}/inspection/")
        with page.expect_download() as download:
            page.click("#download-pack")
        pdf = tmp_path / "pack.pdf"
        download.value.save_as(pdf)
        assert pdf.read_bytes().startswith(b"%PDF")

        assert {name: v for name, v in violations.items() if v} == {}
