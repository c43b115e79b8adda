"""Journey: "is this child already known?" while the officer types (issue 6).

A MASH researcher records a child who already exists under a misspelt name and at another
postcode. The existing child is offered as they type, with the explanation; they link the
new record to her; the chronology shows both records; they merge, the merged-away number
opens the kept record; they unmerge, and both records stand alone again.
Every page visited is checked with axe-core for WCAG 2.2 AA, and for CSP violations.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.journeys.test_child_concern_to_decision import sign_in
from tests.journeys.test_find_a_person import axe_violations

pytestmark = pytest.mark.browser

KNOWN = "Oluwaseun Linkjourney"


def _state_purpose_if_asked(page: Any) -> None:
    if "/purpose/" in page.url or page.locator("#id_purpose").count():
        page.select_option("#id_purpose", "Safeguarding enquiry")
        page.click("main form button[type=submit]")
        page.wait_for_load_state()


class TestRecordLinkage:
    def test_offered_linked_seen_together_merged_and_unmerged(self, live_app, browser) -> None:
        violations: dict[str, list[dict[str, Any]]] = {}
        console: list[str] = []

        def check(name: str) -> None:
            violations[name] = axe_violations(page)

        page = sign_in(browser, live_app, "linker")
        page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
        page.get_by_role("link", name="Record a person").first.click()
        page.wait_for_url("**/people/new/")
        check("record a person")

        # the officer types; the check runs while they do, before anything is saved
        page.fill("#id_given_name", "Oluwasen")
        page.fill("#id_family_name", "Linkjourney")
        page.fill("#id_date_of_birth", "2014-05-06")
        page.select_option("#id_sex", "FEMALE")
        page.select_option("#id_self_defined_ethnicity", "B2")
        page.select_option("#id_officer_defined_ethnicity", "IC3")
        page.fill("#id_address_line_1", "2 New Road")
        page.fill("#id_address_town", "Stafford")
        page.fill("#id_address_postcode", "ST16 2DE")
        offered = page.locator("#entry-check-results label", has_text=KNOWN)
        offered.wait_for(timeout=10_000)
        explanation = page.locator("#explanation-1").inner_text()
        assert "Agrees: same date of birth" in explanation
        assert "Agrees: same surname" in explanation
        assert "Disagrees: different postcode" in explanation
        assert "Agrees: given name spelt slightly differently" in explanation
        check("person offered with the explanation")

        # saving without a decision is refused, and nothing is lost
        page.get_by_role("button", name="Save").click()
        page.locator("#entry-check-error").wait_for()
        assert page.input_value("#id_given_name") == "Oluwasen"
        check("decision needed")

        # the officer says it is the same child, with a reason
        page.locator("#entry-check-results label", has_text=KNOWN).click()
        page.fill("#decision-reason", "Same child: her mother confirmed the earlier address")
        page.get_by_role("button", name="Save").click()
        page.wait_for_load_state()
        page.wait_for_url(re.compile(r".*/people/[0-9a-f-]{36}/$"))
        new_url = page.url
        new_reference = page.locator(".govuk-caption-l").inner_text().split(" ")[0]
        links = page.locator("#person-links").inner_text()
        assert KNOWN in links
        assert "Linked" in links
        check("new record, linked")

        # one chronology shows both records
        page.click("#open-chronology")
        _state_purpose_if_asked(page)
        content = page.locator("main").inner_text()
        assert new_reference in content
        known_reference = re.search(r"PER-\d{4}-\d{6}", content.replace(new_reference, ""))
        assert known_reference is not None
        check("chronology of both")

        # open the known child and merge the new record into hers
        page.goto(new_url)
        page.locator("#person-links a", has_text=KNOWN).click()
        _state_purpose_if_asked(page)
        known_url = page.url
        assert page.locator("h1").inner_text() == KNOWN
        page.locator("summary", has_text=f"Merge {new_reference}").click()
        page.locator("textarea[id^=merge-reason]").fill("Duplicate made at entry; one record")
        page.get_by_role("button", name=f"Merge {new_reference} into this record").click()
        page.wait_for_load_state()
        assert "Records merged" in page.content()
        check("merged")

        # the merged-away number still works: it opens the kept record
        page.goto(new_url)
        page.wait_for_url(known_url)
        assert f"{new_reference} was merged into this record" in page.content()

        # unmerge: both records stand alone again
        page.locator("summary", has_text="Unmerge").click()
        page.locator("textarea[id^=undo-reason]").fill("Twins: a different child after all")
        page.get_by_role("button", name=f"Unmerge {new_reference}").click()
        page.wait_for_load_state()
        assert "now stand as separate records" in page.content()
        assert "No other record is linked to this one." in page.content()
        page.goto(new_url)
        assert page.url == new_url
        assert page.locator("h1").inner_text() == "Oluwasen Linkjourney"
        page.click("#open-chronology")
        _state_purpose_if_asked(page)
        assert new_reference in page.locator("main").inner_text()
        assert known_reference.group(0) not in page.locator("main").inner_text()
        check("chronology after unmerge")

        assert {name: v for name, v in violations.items() if v} == {}
        assert [e for e in console if "Content Security Policy" in e] == []
