"""Journey: a child dies unexpectedly at night, and the right trained officer is found (issue 8).

At 03:10 on Sunday 10 January 2027 a response officer records the death of a baby. The
system names the trained detective on call for that hour and asks her; she does not accept
within 15 minutes; the escalation worker (run twice, to show it does nothing more the
second time) asks the next trained detective and tells the on-call senior officer. The
second detective accepts, works the checklist, finds the baby's sister from the household
and records a decision for her, and records the joint home visit within 24 hours: met.
axe-core checks every page.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from tests.journeys.conftest import ROOT
from tests.journeys.test_child_concern_to_decision import sign_in
from tests.journeys.test_find_a_person import axe_violations

pytestmark = pytest.mark.browser

REPORTED = "2027-01-10T03:10:00+00:00"
LATER = "2027-01-10T03:30:00+00:00"
MORNING = "2027-01-10T11:05:00+00:00"


def _escalate(env: dict[str, str], at: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", "child_deaths_escalate", "--run-now"],
        cwd=ROOT,
        env={**env, "SAFEGUARD_CLOCK_START": at},
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.stdout


class TestChildDeath:
    def test_found_escalated_accepted_and_the_checklist_runs(
        self, death_night: Any, browser: Any
    ) -> None:
        violations: dict[str, list[dict[str, Any]]] = {}

        def check(page: Any, name: str) -> None:
            violations[name] = axe_violations(page)

        night = death_night.at(REPORTED)
        officer = sign_in(browser, night, "response")
        officer.get_by_role("link", name="Child deaths").first.click()
        check(officer, "child deaths")
        officer.click("text=Record an unexpected child death")
        officer.fill("#id_child_reference", death_night.profile_reference)
        officer.fill("#id_died_at", "2027-01-10T02:40")
        officer.fill("#id_reported_at", "2027-01-10T03:10")
        officer.fill("#id_place", "Home address, in a cot")
        officer.fill("#id_circumstances", "Found unresponsive by a parent (fictional)")
        officer.get_by_label(
            "(b) Sudden, with no immediately apparent cause (SUDI or SUDC)"
        ).check()
        check(officer, "record a death")
        officer.get_by_role("button", name="Start the Joint Agency Response").click()
        officer.wait_for_selector("#assignments")
        asked = officer.inner_text("#assignments")
        assert "Trained detective" in asked
        assert "Asked, accept by 03:25" in asked
        assert "Lily Deathfictional" in officer.inner_text("#household")
        check(officer, "response started")
        response_url = officer.url

        # 03:30: no answer. The worker asks the next and tells the senior officer; once only.
        assert "3 escalation changes made" in _escalate(death_night.env, LATER)
        assert "0 escalation changes made" in _escalate(death_night.env, LATER)
        later = death_night.at(LATER)
        second = sign_in(browser, later, "detective2")
        second.get_by_role("link", name="Child deaths").first.click()
        assert "you are asked to respond" in second.inner_text("#my-asks")
        check(second, "asked of you")
        second.locator("#my-asks a").first.click()
        if second.locator("#id_purpose").count():
            second.select_option("#id_purpose", "Investigation")
            second.click("main form button[type=submit]")
        assignments = second.inner_text("#assignments")
        assert "No answer by 03:25" in assignments
        assert "Senior officer" in assignments
        second.click("#accept")
        assert "Accepted" in second.inner_text("#assignments")
        check(second, "accepted")

        # the checklist: a step dated before the report is refused; the rest recorded
        second.locator("#step-HOSPITAL_ATTENDED summary").click()
        second.fill("#done-HOSPITAL_ATTENDED", "2027-01-10T02:00")
        second.locator("#step-HOSPITAL_ATTENDED button").click()
        assert "before the response began" in second.inner_text("#step-HOSPITAL_ATTENDED")
        check(second, "step refused")
        second.fill("#done-HOSPITAL_ATTENDED", "2027-01-10T03:28")
        second.locator("#step-HOSPITAL_ATTENDED button").click()
        assert "Met" in second.inner_text("#step-HOSPITAL_ATTENDED")
        second.select_option("select[id^=decision-]", "STRATEGY_DISCUSSION")
        second.fill("input[id^=reason-]", "Sister lives in the home; strategy discussion now")
        second.get_by_role("button", name="Record decision for Lily Deathfictional").click()
        assert "Strategy discussion" in second.inner_text("#household")

        # 11:05: the joint home visit at 10:30, within 24 hours of the report: met
        morning = death_night.at(MORNING)
        second.goto(response_url.replace(night.url, morning.url))
        second.locator("#step-JOINT_HOME_VISIT summary").click()
        second.fill("#done-JOINT_HOME_VISIT", "2027-01-10T10:30")
        second.locator("#step-JOINT_HOME_VISIT button").click()
        assert "Met" in second.inner_text("#step-JOINT_HOME_VISIT")
        check(second, "home visit met")

        oncall = sign_in(browser, morning, "oncall")
        oncall.goto(f"{morning.url}/work/out-of-hours/")
        board = oncall.inner_text("#board-child-deaths")
        assert "Dana Secondfictional" in board
        check(oncall, "board")

        assert {name: v for name, v in violations.items() if v} == {}
