"""Journey: an online child abuse referral acted on in time, or seen breached (issue 7).

On Monday 15 March 2027 an NCA package with an IP address and an email is imported. The
email is known for an adult; the IP address was his home's at the time; he lives with two
children. The investigator grades KIRAT high (7 days) and sees both children listed for a
safeguarding decision. Nobody touches it; eight days later the breach shows on the
supervisor's view and the out-of-hours board. axe-core checks every page.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.journeys.test_child_concern_to_decision import sign_in
from tests.journeys.test_find_a_person import axe_violations

pytestmark = pytest.mark.browser

MONDAY = "2027-03-15T09:00:00+00:00"
EIGHT_DAYS_ON = "2027-03-23T09:30:00+00:00"
PACKAGE = {
    "format": "safeguard-online-referral/1",
    "source": "NCA_CEOP",
    "reference": "NCA-JOURNEY-0001",
    "platform": "FictionalChat",
    "received_at": "2027-03-15T08:30:00Z",
    "summary": "Fictional package: an account uploaded indecent images of children.",
    "suspect": {
        "emails": ["G.Online@example.invalid"],
        "ip_addresses": [{"ip": "198.51.100.23", "seen_at": "2027-03-12T21:05:00Z"}],
    },
}


class TestOnlineReferral:
    def test_imported_matched_graded_listed_and_breached(
        self, online_week: Any, browser: Any, tmp_path: Path
    ) -> None:
        violations: dict[str, list[dict[str, Any]]] = {}

        def check(page: Any, name: str) -> None:
            violations[name] = axe_violations(page)

        monday = online_week.at(MONDAY)
        page = sign_in(browser, monday, "investigator")
        page.get_by_role("link", name="Online referrals").first.click()
        check(page, "queue")
        page.click("text=Import packages")
        package_file = tmp_path / "package.json"
        package_file.write_text(json.dumps([PACKAGE]))
        page.set_input_files("#id_file", str(package_file))
        page.get_by_role("button", name="Import").click()
        assert "1 recorded, 0 received before, 0 refused" in page.inner_text("#import-report ~ p")
        check(page, "import report")
        reference = page.inner_text("#import-recorded").removeprefix("Recorded as ").strip()

        page.goto(f"{monday.url}/online/")
        page.get_by_role("link", name=reference).click()
        page.select_option("#id_purpose", "Investigation")
        page.click("main form button[type=submit]")
        assert "Gareth Onlinefictional" in page.inner_text("#suspect")
        identifiers = page.inner_text("#identifiers")
        assert "already known for this person" in identifiers
        assert "Subscriber address at that time" in identifiers
        children = page.inner_text("#children")
        assert "Amelia Onlinefictional" in children
        assert "Jack Onlinefictional" in children
        check(page, "referral, ungraded")

        for select in page.locator("select[id^=id_kirat-]").all():
            name = select.get_attribute("id") or ""
            if name.endswith("officer_level"):
                continue
            select.select_option("YES" if name.endswith("CHILDREN_IN_HOUSEHOLD") else "NO")
        page.get_by_role("button", name="Record KIRAT grade").click()
        assert page.inner_text("#kirat-level") == "High"
        clocks = page.inner_text("#referral-clocks")
        assert "KIRAT high" in clocks
        assert "22 Mar 2027 08:30" in clocks  # seven days from receipt
        check(page, "referral, graded high")

        # eight days on, untouched: the breach shows to the supervisor and on the board
        later = online_week.at(EIGHT_DAYS_ON)
        supervisor = sign_in(browser, later, "supervisor")
        supervisor.goto(f"{later.url}/work/out-of-hours/")
        board = supervisor.inner_text("main")
        assert "Act on the online referral (KIRAT high)" in board
        assert "OVERDUE" in board
        check(supervisor, "out-of-hours board")
        supervisor.goto(f"{later.url}/work/supervision/")
        assert "Act on the online referral (KIRAT high)" in supervisor.inner_text("main")
        check(supervisor, "supervision")
        page.goto(f"{later.url}/online/")
        assert "Overdue" in page.inner_text("#online-queue")

        assert {name: v for name, v in violations.items() if v} == {}
