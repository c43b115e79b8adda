"""Journey: a concern with the child's voice goes to the MASH, is graded and referred, and social
care acknowledges and decides: the clock shows met. An unanswered referral shows its breach on
the supervisor's view and the out-of-hours board. axe-core checks every page."""

from __future__ import annotations

from typing import Any

import pytest
from django_otp.oath import totp

from tests.journeys.test_find_a_person import axe_violations

pytestmark = pytest.mark.browser
PASSWORD = "safeguard-demo-2026"


def sign_in(browser: Any, live_app: Any, username: str, *, second_factor: bool = True) -> Any:
    page = browser.new_context().new_page()
    page.goto(f"{live_app.url}/accounts/sign-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    if second_factor:
        page.wait_for_url("**/second-factor/")
        page.fill("#id_code", f"{totp(bytes.fromhex(live_app.totp_key_hex)):06d}")
        page.click("main button[type=submit]")
    page.wait_for_url(f"{live_app.url}/")
    return page


class TestChildConcernToDecision:
    def test_the_loop_closes_and_a_silent_partner_is_seen(self, live_app, browser) -> None:
        violations: dict[str, list[dict[str, Any]]] = {}

        def check(page: Any, name: str) -> None:
            violations[name] = axe_violations(page)

        # the response officer finds the child's reference and records the concern
        officer = sign_in(browser, live_app, "response")
        officer.goto(f"{live_app.url}/people/?name=kofi+journeyman")
        reference = officer.locator("table tbody tr td").nth(2).inner_text()
        officer.goto(f"{live_app.url}/referrals/concerns/new/")
        check(officer, "concern form")
        officer.fill("#id_child_reference", reference)
        officer.fill("#id_occurred_at", "2026-11-20T18:00")
        officer.fill("#id_location", "Outside the corner shop")
        officer.fill("#id_summary", "Child out alone at night, says there is no food at home.")
        officer.click("main button[type=submit]")
        assert officer.locator(
            ".govuk-error-summary"
        ).is_visible()  # the voice of the child is required
        check(officer, "concern form with errors")
        officer.select_option("#id_seen", "yes")
        officer.select_option("#id_spoken_to", "yes")
        officer.select_option("#id_spoken_to_alone", "yes")
        officer.fill("#id_childs_words", "Mum is asleep and there's nothing to eat")
        officer.fill("#id_behaviour_and_demeanour", "Hungry, quiet, polite")
        officer.click("main button[type=submit]")
        officer.wait_for_selector("text=sent to the MASH for triage")
        concern_reference = officer.locator("h1").inner_text().split(":")[0]

        # the MASH researcher grades it and refers to social care
        mash = sign_in(browser, live_app, "investigator")
        mash.goto(f"{live_app.url}/referrals/triage/")
        check(mash, "triage queue")
        mash.click(f"text={concern_reference}")
        mash.select_option("#id_purpose", "Safeguarding enquiry")
        mash.click("main button[type=submit]")
        check(mash, "concern page")
        for question in (
            "SIGNIFICANT_HARM",
            "NO_SAFE_CARER",
            "ABUSE_DISCLOSED",
            "DOMESTIC_ABUSE_EXPOSURE",
            "CARER_CAPACITY_REDUCED",
            "EXPLOITATION_OR_MISSING",
        ):
            mash.select_option(f"#id_risk-{question}", "NO")
        mash.select_option("#id_risk-NEGLECT_SIGNS", "YES")  # amber: must be referred
        mash.select_option("#id_decision", "REFER_TO_SOCIAL_CARE")
        mash.fill("#id_rationale", "Signs of neglect; needs a social care assessment")
        mash.click("form[action$='/triage/'] button[type=submit]")
        mash.select_option("#id_recipient_organisation", index=1)
        mash.select_option("#id_method", "PORTAL")
        mash.fill("#id_reason", "Possible neglect: child hungry and out alone at night")
        mash.click("form[action$='/refer/'] button[type=submit]")
        mash.wait_for_selector("text=The decision is due within one working day")
        referral_reference = mash.locator("h1").inner_text().split(":")[0]
        check(mash, "referral page")

        # social care acknowledges and decides; the clock shows met
        social = sign_in(browser, live_app, "socialcare", second_factor=False)
        social.goto(f"{live_app.url}/referrals/")
        check(social, "partner referral list")
        social.click(f"text={referral_reference}")
        social.select_option("#id_purpose", "Referral to a partner")
        social.click("main button[type=submit]")
        social.click("form[action$='/acknowledge/'] button[type=submit]")
        social.select_option("#id_decision", "CHILD_IN_NEED_ASSESSMENT")
        social.click("form[action$='/decide/'] button[type=submit]")
        social.wait_for_selector("text=Decision recorded")
        assert "MET" in social.locator("#clocks").inner_text()
        check(social, "partner decision recorded")

        # the unanswered referral: breached on the supervisor's view and the out-of-hours board
        supervisor = sign_in(browser, live_app, "supervisor")
        supervisor.goto(f"{live_app.url}/work/supervision/")
        assert "OVERDUE" in supervisor.locator("#breaches").inner_text()
        check(supervisor, "supervision")
        oncall = sign_in(browser, live_app, "oncall")
        oncall.goto(f"{live_app.url}/work/out-of-hours/")
        assert "OVERDUE" in oncall.locator("#board").inner_text()
        check(oncall, "out-of-hours board")

        assert {name: v for name, v in violations.items() if v} == {}
