"""Journey: at 23:40 on the Friday before February half-term an officer records a domestic-abuse
incident whose narrative mentions a child not yet recorded. The form makes the officer deal with
that child; the notifications fall due at the first school day after half-term; the school's DSL
sees exactly their own pupil's notification and acknowledges it; another school's DSL gets 404.
axe-core checks every page."""

from __future__ import annotations

from typing import Any

import pytest

from tests.journeys.test_child_concern_to_decision import sign_in
from tests.journeys.test_find_a_person import axe_violations

pytestmark = pytest.mark.browser


def reference_of(page: Any, url: str, name: str) -> str:
    page.goto(f"{url}/people/?name={name.replace(' ', '+')}")
    return str(page.locator("table tbody tr td").nth(2).inner_text()).strip()


def fill_child(page: Any, index: int, child: dict[str, str]) -> None:
    p = f"#id_children-{index}-"
    page.fill(p + "given_name", child["given"])
    page.fill(p + "family_name", child["family"])
    page.fill(p + "date_of_birth", child["born"])
    page.select_option(p + "related_to", "BOTH")
    page.select_option(p + "present", "yes")
    page.fill(p + "where_present", child["where"])
    page.check(p + "heard")
    page.select_option(p + "education_setting", label=child["school"])
    page.select_option(p + "seen", "yes")
    page.select_option(p + "spoken_to", child["spoken"])
    page.fill(p + "behaviour_and_demeanour", "Tearful, clinging to mum")
    if child["spoken"] == "yes":
        page.select_option(p + "spoken_to_alone", "no")
        page.fill(p + "childs_words", "Daddy threw the plate")
    else:
        page.fill(p + "reason_not_seen_or_spoken_to", "Asleep; not woken by officers")


class TestDomesticAbuseToSchool:
    def test_no_child_missed_and_each_school_sees_only_its_own(
        self, live_app_half_term, browser
    ) -> None:
        url = live_app_half_term.url
        violations: dict[str, list[dict[str, Any]]] = {}

        def check(page: Any, name: str) -> None:
            violations[name] = axe_violations(page)

        officer = sign_in(browser, live_app_half_term, "response")
        victim = reference_of(officer, url, "halfterm victimfictional")
        suspect = reference_of(officer, url, "halfterm suspectfictional")
        officer.goto(f"{url}/")
        officer.click("text=Record a domestic-abuse incident")
        check(officer, "incident form")
        officer.fill("#id_occurred_at", "2027-02-12T23:40")
        officer.fill("#id_location", "9 Journey Close, kitchen")
        officer.fill("#id_postcode", "ST16 3JJ")
        officer.fill("#id_victim_reference", victim)
        officer.fill("#id_suspect_reference", suspect)
        officer.select_option("#id_relationship", "INTIMATE_PARTNER")
        officer.fill(
            "#id_narrative",
            "Suspect threw a plate at the victim in the kitchen. Their daughter was in the "
            "doorway. Her son aged 7 was asleep upstairs.",
        )
        officer.fill(
            "#id_circumstances_for_school", "Police attended a domestic incident late on Friday."
        )
        officer.click("button[value=add_child]")
        school_name = "Elsewhere Fictional Academy"
        fill_child(
            officer,
            0,
            {
                "given": "Maja",
                "family": "Victimfictional",
                "born": "2015-09-09",
                "where": "Kitchen doorway",
                "school": school_name,
                "spoken": "yes",
            },
        )
        officer.click("button[value=submit]")
        # The narrative's "son aged 7" is not recorded: the form will not submit.
        officer.wait_for_selector("text=still to deal with")
        assert officer.locator("#detected-children").is_visible()
        check(officer, "incident form: a child still to deal with")
        officer.click("button[value=add_child]")
        dsl_school = "Journey Fictional Primary School"
        fill_child(
            officer,
            1,
            {
                "given": "Oskar",
                "family": "Victimfictional",
                "born": "2019-05-05",
                "where": "Asleep upstairs",
                "school": dsl_school,
                "spoken": "no",
            },
        )
        son = officer.locator("fieldset", has_text="son aged 7")
        son.get_by_label("This is Child 2").check()
        daughter = officer.locator("fieldset", has_text="daughter")
        if daughter.count():
            daughter.get_by_label("This is Child 1").check()
        officer.click("button[value=submit]")
        officer.wait_for_selector("h1:has-text('INC-')")
        check(officer, "incident page")
        notifications = officer.locator("#notifications tbody tr")
        assert notifications.count() == 2
        # Due at the first school day after half-term, at the school's own start time.
        for row in range(2):
            assert (
                "Monday 22 February 2027" in notifications.nth(row).locator(".sg-due").inner_text()
            )
        # The officer sends both now rather than waiting for the 07:00 run.
        for _ in range(2):
            officer.locator("button:has-text('Send now')").first.click()
            officer.wait_for_selector("text=sent.")
        rows = officer.locator("#notifications tbody tr")
        oskar = next(rows.nth(i) for i in range(2) if "Oskar" in rows.nth(i).inner_text())
        oskar_url = oskar.locator("a").first.get_attribute("href")

        # The DSL of Oskar's school sees exactly Oskar's notification and acknowledges it.
        dsl = sign_in(browser, live_app_half_term, "school", second_factor=False)
        dsl.click("text=Operation Encompass notifications for your pupils")
        check(dsl, "school inbox")
        inbox = dsl.locator("#inbox tbody tr")
        assert inbox.count() == 1
        assert "Oskar Victimfictional" in inbox.inner_text()
        dsl.goto(f"{url}{oskar_url}")
        check(dsl, "notification as the school reads it")
        assert "Asleep; not woken by officers" in dsl.locator("#content").inner_text()
        dsl.click("text=Acknowledge: I have read this")
        dsl.wait_for_selector("text=acknowledged")

        # Another school's DSL gets the same 404 as a notification that does not exist.
        other = sign_in(browser, live_app_half_term, "school2", second_factor=False)
        response = other.goto(f"{url}{oskar_url}")
        assert response is not None
        assert response.status == 404
        other.goto(f"{url}/domestic-abuse/encompass/")
        assert "Oskar" not in other.locator("main").inner_text()
        assert "Maja Victimfictional" in other.locator("main").inner_text()

        assert violations == {name: [] for name in violations}
