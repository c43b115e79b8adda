"""Journey: a looked-after child goes missing from care at night (issue 5, DOMAIN.md §2).

A carer's Philomena profile exists. At 02:10 on Saturday 9 January 2027 the child is reported
missing from care, quoting the profile's reference: the report takes in part 1 at once. The
officer grades the risk high. By the afternoon no review has been done: the overdue review is
on the on-call senior officer's out-of-hours board. The child is found; the prevention
interview is recorded; the return interview is requested from the placing authority's
children's social care, which sees it with its 72-hour clock and records it done: met.
axe-core checks every page.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.journeys.test_child_concern_to_decision import sign_in
from tests.journeys.test_find_a_person import axe_violations

pytestmark = pytest.mark.browser

NIGHT = "2027-01-09T02:12:00+00:00"
AFTERNOON = "2027-01-09T15:40:00+00:00"


class TestMissingChild:
    def test_missing_from_care_to_return_interview(self, missing_night: Any, browser: Any) -> None:
        violations: dict[str, list[dict[str, Any]]] = {}

        def check(page: Any, name: str) -> None:
            violations[name] = axe_violations(page)

        # 02:12: the carer has the profile; the officer reports the child missing
        night = missing_night.at(NIGHT)
        carer = sign_in(browser, night, "journeycarer", second_factor=False)
        carer.click("text=Philomena profiles")
        assert missing_night.profile_reference in carer.inner_text("#profiles")
        check(carer, "carer's profiles")
        carer.click(f"text={missing_night.profile_reference}")
        check(carer, "carer's profile form")

        officer = sign_in(browser, night, "response")
        officer.goto(f"{night.url}/people/?name=maja+wisniewska-fictional")
        officer.locator("table tbody tr a").first.click()
        if "/purpose/" in officer.url:
            officer.select_option("#id_purpose", "Safeguarding enquiry")
            officer.click("main button[type=submit]")
        officer.click("#report-missing")
        check(officer, "report form")
        officer.select_option("#id_missing_from", "CARE")
        officer.select_option("#id_placing_authority", label=missing_night.social_care_name)
        officer.fill("#id_philomena_reference", missing_night.profile_reference.lower())
        officer.fill("#id_reported_by_name", "Sam Fictional, night care worker")
        officer.fill("#id_reported_by_relationship", "Carer")
        officer.fill("#id_reported_by_contact", "01785 000 417")
        officer.fill("#id_reported_at", "2027-01-09T02:10")
        officer.fill("#id_last_seen_at", "2027-01-09T00:30")
        officer.fill("#id_last_seen_place", "Her bedroom at the home")
        officer.fill("#id_location_missing_from", "Journey Fictional Children's Home, Stafford")
        officer.fill("#id_circumstances", "Window open at 02:00 bed check; phone gone")
        officer.fill("#id_clothing", "Grey hoodie, black leggings, white trainers")
        officer.fill("#id_risk_information", "Has not taken her evening epilepsy medication")
        officer.fill("#id_risk_supplied_by", "Sam Fictional, night care worker")
        officer.fill("#id_risk_supplied_by_contact", "01785 000 417")
        officer.fill("#id_risk_obtained_at", "2027-01-09T02:10")
        officer.check("input[value=OLDER_ASSOCIATES]")
        officer.click("main button[type=submit]")
        # the report is recorded and the officer goes straight to grading
        officer.wait_for_url("**/grade/")
        assert "Philomena profile filled in" in officer.inner_text(
            ".govuk-notification-banner, main"
        )
        check(officer, "grading")
        for question in (
            "SERIOUS_HARM_INFORMATION",
            "ADVERSE_WEATHER",
            "OUT_OF_CHARACTER",
            "HARMED_WHEN_MISSING_BEFORE",
        ):
            officer.select_option(f"#id_{question}", "NO")
        for question in ("EXPLOITATION_RISK", "MEDICATION_OR_ILLNESS", "REPORTER_CONCERNED"):
            officer.select_option(f"#id_{question}", "YES")
        officer.click("main button[type=submit]")
        officer.wait_for_selector("#risk-level")
        assert officer.inner_text("#risk-level") == "High risk"
        assert "scar on left eyebrow" in officer.inner_text("#report")  # from part 1
        assert missing_night.profile_reference in officer.inner_text("#philomena")
        assert "Child Rescue Alert was considered" in officer.inner_text("#gaps")
        check(officer, "episode page")
        officer.select_option("#id_decision", "NOT_ISSUED")
        officer.fill("#id_reason", "Likely with a known associate; local enquiries first")
        officer.click("text=Record the Child Rescue Alert decision")
        assert "Considered and not issued" in officer.inner_text("#cra")
        episode_url = officer.url

        # 15:40: no review since 02:12; the review is overdue on the out-of-hours board
        afternoon = missing_night.at(AFTERNOON)
        oncall = sign_in(browser, afternoon, "oncall")
        oncall.goto(f"{afternoon.url}/work/out-of-hours/")
        board = oncall.inner_text("main")
        assert "Review of the missing-child risk grading (high)" in board
        assert "OVERDUE" in board
        check(oncall, "out-of-hours board")

        # the officer's session carries over (one database; cookies ignore the port)
        officer.goto(episode_url.replace(night.url, afternoon.url))
        if "/purpose/" in officer.url:
            officer.select_option("#id_purpose", "Investigation")
            officer.click("main button[type=submit]")
        officer.click("text=Record the child found")
        check(officer, "found form")
        officer.fill("#id_found_at", "2027-01-09T15:20")
        officer.fill("#id_found_place", "Hanley bus station")
        officer.fill("#id_found_by", "PC Fictional")
        officer.select_option("#id_condition", "SAFE_AND_WELL")
        officer.check("input[value=OLDER_ASSOCIATES]")
        officer.click("main button[type=submit]")
        assert "Return interview requested from" in officer.inner_text("main")
        officer.click("text=Record the prevention interview")
        officer.fill("#id_held_at", "2027-01-09T15:35")
        officer.fill("#id_summary", "Spoken to alone; stayed at Dee's flat; no harm disclosed")
        officer.fill(
            "#id_debrief_intelligence", "Dee drives a silver car; collects girls at Hanley"
        )
        officer.click("main button[type=submit]")
        found = officer.inner_text("#found")
        assert "Spoken to alone" in found
        assert "awaited" in officer.inner_text("#return-interview")
        clocks = officer.inner_text("#clocks")
        assert "Return interview by the local authority: due Tue 12 Jan 2027 15:20" in clocks
        check(officer, "episode after found")

        # children's social care sees the request with its 72-hour clock and records it done
        social = sign_in(browser, afternoon, "socialcare", second_factor=False)
        social.click("text=Return interviews")
        check(social, "return interview inbox")
        social.locator("#return-interviews a").first.click()
        assert "Maja" in social.inner_text("h1")
        assert "epilepsy" not in social.inner_text("main")  # police risk information stays police
        assert "RUNNING" in social.inner_text("#clocks") or "DUE" in social.inner_text("#clocks")
        check(social, "return interview")
        social.select_option("#id_outcome", "COMPLETED")
        social.fill("#id_note", "Independent worker met her at the home")
        social.click("main button[type=submit]")
        assert "Completed" in social.inner_text("#return-interviews")

        officer.reload()
        assert "MET" in officer.inner_text("#clocks")
        assert "Closed" in officer.inner_text("#status")
        assert {name: found for name, found in violations.items() if found} == {}
