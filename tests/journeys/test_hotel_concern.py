"""Journey: a hotel reports a girl still on site with two older men (issue 10).

Friday 12 February 2027, 22:50. A hotel user reports, through the business portal, a girl
of about 15 with two older men, still on site. The report goes to the out-of-hours board at
once. The MASH researcher opens it, finds Chloe (found at this same hotel eleven days ago
after a night missing), grades it with THRIVE and records the action; the hotel's history
then shows the concern and the missing episode. The hotel sees only its report's status,
never a name. axe-core checks every page.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.journeys.test_child_concern_to_decision import sign_in
from tests.journeys.test_find_a_person import axe_violations

pytestmark = pytest.mark.browser

FRIDAY_NIGHT = "2027-02-12T22:50:00+00:00"


class TestHotelConcern:
    def test_still_on_site_concern_reaches_the_board_and_is_matched_to_the_child(
        self, hotel_night: Any, browser: Any
    ) -> None:
        violations: dict[str, list[dict[str, Any]]] = {}

        def check(page: Any, name: str) -> None:
            violations[name] = axe_violations(page)

        app = hotel_night.servers.at(FRIDAY_NIGHT)

        # the hotel reports: still on site, with the Makesafe signs it saw
        hotel = sign_in(browser, app, "hotel", second_factor=False)
        hotel.get_by_role("link", name="Report a concern").first.click()
        check(hotel, "concern form")
        hotel.get_by_role("button", name="Send the report").click()
        assert "There is a problem" in hotel.inner_text("main")  # an empty concern
        check(hotel, "concern form, errors")
        hotel.check("#id_still_on_site_0")
        hotel.get_by_label("A nervous-looking young person with older adults").check()
        hotel.get_by_label("Refusing to leave a card imprint, or paying in cash").check()
        hotel.get_by_label("Guests with no luggage").check()
        hotel.fill("#id_seen_on", "12/02/2027")
        hotel.fill("#id_seen_time", "22:35")
        hotel.fill(
            "#id_young_person_description",
            "Girl of about 15, dark hair in a ponytail, school coat. <b>Looked frightened</b>.",
        )
        hotel.fill("#id_adults_description", "Two men, about 40 and 50, one in a grey suit")
        hotel.fill("#id_room", "214")
        hotel.fill("#id_booking_details", "Booked at 22:20 for one night, paid cash")
        hotel.get_by_role("button", name="Send the report").click()
        received = hotel.inner_text("main")
        assert "Officers have been told now" in received
        reference = received.split("Received as ", 1)[1].split(".", 1)[0]
        reports = hotel.inner_text("#own-reports")
        assert reference in reports
        assert "Received" in reports
        check(hotel, "own reports")

        # it is on the out-of-hours board at once, urgent
        oncall = sign_in(browser, app, "oncall")
        oncall.goto(f"{app.url}/work/out-of-hours/")
        board = oncall.inner_text("main")
        assert "Business concern: young person still on site" in board
        assert reference in board
        check(oncall, "out-of-hours board")

        # the MASH researcher triages it and finds the child found at this hotel before
        mash = sign_in(browser, app, "mash")
        mash.get_by_role("link", name="Business concerns").first.click()
        assert "Still on site" in mash.inner_text("#concern-queue")
        check(mash, "concern queue")
        mash.get_by_role("link", name=reference).click()
        mash.select_option("#id_purpose", "Safeguarding enquiry")
        mash.click("main form button[type=submit]")
        summary = mash.inner_text("#concern-summary")
        assert "Looked frightened" in summary
        assert "<b>" in summary  # markup shown as text
        check(mash, "concern")
        mash.fill("#id_first_name", "Chloe")
        mash.fill("#id_surname", "Makesafefictional")
        mash.fill("#id_estimated_age", "15")
        mash.get_by_role("button", name="Search known children").click()
        mash.get_by_label("Chloe Makesafefictional", exact=False).check()
        check(mash, "concern, children offered")
        for select in mash.locator("select[id^=id_thrive-]").all():
            name = select.get_attribute("id") or ""
            if not name.endswith("officer_level"):
                select.select_option("HIGH")
        mash.fill(
            "#id_action_taken",
            "Patrol sent at 22:58; girl safeguarded, two men arrested; strategy discussion.",
        )
        mash.get_by_role("button", name="Record the triage").click()
        status = mash.inner_text("#concern-status")
        assert "Actioned" in status
        assert "Chloe Makesafefictional" in status

        # the hotel's history shows the concern and the missing episode
        mash.get_by_role("link", name=hotel_night.place_name).first.click()
        mash.select_option("#id_purpose", "Safeguarding enquiry")
        mash.click("main form button[type=submit]")
        history = mash.inner_text("#place-history")
        assert reference in history
        assert hotel_night.episode_reference in history
        assert "Missing child found here" in history
        check(mash, "place history")

        # the hotel sees its report actioned, and no name
        hotel.goto(f"{app.url}/places/business/")
        reports = hotel.inner_text("#own-reports")
        assert "Chloe" not in reports
        assert "Makesafefictional" not in reports
        assert reference in reports
        check(hotel, "own reports, actioned")

        assert {name: v for name, v in violations.items() if v} == {}
