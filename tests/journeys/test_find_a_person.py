"""Journey: an officer signs in with a second factor, finds a child, states why, opens the record.

Every page visited is checked with axe-core for WCAG 2.2 AA, and for CSP violations.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django_otp.oath import totp

pytestmark = pytest.mark.browser

AXE = (Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js").read_text()
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page: Any) -> list[dict[str, Any]]:
    page.evaluate(AXE)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_22_AA,
    )
    return [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in result["violations"]
    ]


class TestFindAPerson:
    def test_sign_in_search_purpose_and_person_page(self, live_app, browser) -> None:
        context = browser.new_context()
        page = context.new_page()
        console_errors: list[str] = []
        page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
        checked: dict[str, list[dict[str, Any]]] = {}

        def check(name: str) -> None:
            checked[name] = axe_violations(page)

        # sign in
        page.goto(f"{live_app.url}/accounts/sign-in/")
        check("sign in")
        page.fill("#id_username", "mash")
        page.fill("#id_password", "safeguard-demo-2026")
        page.click("main button[type=submit]")
        # second factor, from the authenticator key
        page.wait_for_url("**/second-factor/")
        check("second factor")
        code = totp(bytes.fromhex(live_app.totp_key_hex))
        page.fill("#id_code", f"{code:06d}")
        page.click("main button[type=submit]")
        page.wait_for_url(f"{live_app.url}/")
        check("home")
        # search by an accent-free spelling
        page.click("text=Find a person")
        page.fill("#id_name", "zoe obrien")
        page.fill("#id_postcode", "st16 2de")
        page.click("main button[type=submit]")
        check("search results")
        page.get_by_role("link", name="Zoë O'Brien-Ní Bhriain", exact=True).click()
        # purpose prompt before the record opens
        page.wait_for_url("**/purpose/**")
        check("purpose")
        page.click("main button[type=submit]")
        assert page.locator(".govuk-error-summary").is_visible()
        check("purpose with errors")
        page.select_option("#id_purpose", "Safeguarding enquiry")
        page.fill("#id_detail", "INC-2026-000123")
        page.click("main button[type=submit]")
        page.wait_for_selector("h1")
        assert page.locator("h1").inner_text() == "Zoë O'Brien-Ní Bhriain"
        assert "Safeguarding enquiry: INC-2026-000123" in page.content()
        check("person page")
        context.close()

        assert {name: v for name, v in checked.items() if v} == {}
        assert [e for e in console_errors if "Content Security Policy" in e] == []
        assert len(checked) == 7
