"""The check at entry on the "Record a person" page, and its fragment (issue 6)."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.urls import reverse

from safeguard.access.rules.capabilities import Role
from safeguard.core import clock
from safeguard.people.models import Person, PersonLink
from safeguard.people.rules.codes import LinkDecision, LinkSource
from safeguard.people.tests.factories import make_person

pytestmark = pytest.mark.django_db

ENTRY = reverse("linkage:person-create")
FRAGMENT = reverse("linkage:entry-check")
BORN = dt.date(2014, 3, 7)
REASON = "Same child: school and mother's name confirmed"

FORM = {
    "given_name": "Katarzina",
    "middle_names": "",
    "family_name": "Nowak",
    "date_of_birth": "2014-03-07",
    "estimated_age": "",
    "sex": "FEMALE",
    "self_defined_ethnicity": "W3",
    "officer_defined_ethnicity": "IC1",
    "disability": "NO",
    "disability_details": "",
    "send_status": "NONE",
    "first_language": "Polish",
    "interpreter_needed": "NO",
    "looked_after": "NO",
    "placing_authority": "",
    "education_setting": "",
    "address_line_1": "7 Pretend Close",
    "address_line_2": "",
    "address_town": "Stafford",
    "address_postcode": "ST17 4AB",
}


@pytest.fixture
def katarzyna() -> Person:
    return make_person(
        given_name="Katarzyna",
        family_name="Nowak",
        date_of_birth=BORN,
        sex="FEMALE",
        address_postcode="ST16 2DE",
    )


@pytest.fixture
def officer_client(client_for):
    client, _ = client_for(Role.RESPONSE_OFFICER)
    return client


def page(response) -> str:
    return str(html.unescape(response.content.decode()))


def new_people() -> list[Person]:
    return list(Person.objects.filter(given_name="Katarzina"))


class TestAccess:
    def test_a_response_officer_gets_the_entry_page(self, officer_client) -> None:
        response = officer_client.get(ENTRY)
        assert response.status_code == 200
        body = page(response)
        assert "Record a person" in body
        assert "Check whether this person is already known" in body
        assert FRAGMENT in body  # the fragment address the script calls

    @pytest.mark.parametrize("role", [Role.SCHOOL_DSL, Role.HOTEL_REPORTER])
    def test_partners_get_404_for_the_page_and_the_fragment(self, client_for, role) -> None:
        client, _ = client_for(role)
        make_person(given_name="Katarzyna", family_name="Nowak", date_of_birth=BORN)
        assert client.get(ENTRY).status_code == 404
        assert client.post(ENTRY, {**FORM, "action": "check"}).status_code == 404
        fragment = client.get(FRAGMENT, {"given_name": "Katarzyna", "family_name": "Nowak"})
        assert fragment.status_code == 404
        assert "Katarzyna" not in fragment.content.decode()


class TestCheckOnThePage:
    def test_check_offers_the_misspelt_child_with_the_explanation(
        self, officer_client, katarzyna
    ) -> None:
        response = officer_client.post(ENTRY, {**FORM, "action": "check"})
        assert response.status_code == 200
        body = page(response)
        assert "Is this person already known?" in body
        assert katarzyna.reference in body
        assert f'value="{katarzyna.pk}"' in body
        assert "Katarzyna Nowak" in body
        assert f"Why {katarzyna.reference} is offered" in body
        assert "Agrees: same date of birth" in body
        assert "Agrees: same surname" in body
        assert "given name spelt slightly differently" in body
        # ST16 2DE and ST17 4AB: a different postcode in the same area (ST).
        assert "Agrees: same postcode area" in body
        assert "postcode ST16 2DE" in body  # the hint under the choice
        assert "None of these: record a new person" in body
        assert new_people() == []  # checking saves nothing

    def test_check_with_nobody_alike_says_so(self, officer_client) -> None:
        make_person(
            given_name="Unrelated", family_name="Stranger", date_of_birth=dt.date(1970, 1, 1)
        )
        response = officer_client.post(ENTRY, {**FORM, "action": "check"})
        assert response.status_code == 200
        body = page(response)
        assert "No existing record is likely to be this person." in body
        assert "Is this person already known?" not in body

    def test_saving_without_a_decision_is_refused(self, officer_client, katarzyna) -> None:
        response = officer_client.post(ENTRY, FORM)
        assert response.status_code == 400
        body = page(response)
        assert "Say whether this is one of the people already known" in body
        assert katarzyna.reference in body  # the choice is offered again
        assert "Katarzina" in body  # what was typed is kept
        assert new_people() == []
        assert not PersonLink.objects.exists()

    def test_choosing_the_existing_child_records_and_links_them(
        self, officer_client, katarzyna
    ) -> None:
        response = officer_client.post(
            ENTRY, {**FORM, "existing": str(katarzyna.pk), "decision_reason": REASON}
        )
        assert response.status_code == 302
        [new] = new_people()
        assert response["Location"] == reverse("people:person-detail", kwargs={"person_id": new.pk})
        link = PersonLink.objects.get()
        assert {link.left_id, link.right_id} == {new.pk, katarzyna.pk}
        assert link.decision == LinkDecision.SAME
        assert link.source == LinkSource.ENTRY
        assert link.kept_id is None  # linked, not merged
        assert link.reason == REASON
        assert link.match_probability is not None
        assert 0 < link.match_probability <= 1
        assert isinstance(link.explanation, list)
        assert link.explanation
        assert {"date_of_birth", "surname"} <= {f["field"] for f in link.explanation}

        detail = officer_client.get(response["Location"])
        assert detail.status_code == 200  # no purpose prompt: recording it was the purpose
        body = page(detail)
        assert "Other records of this person" in body
        links = body.split('id="person-links"', 1)[1].split("</ul>", 1)[0]
        assert katarzyna.reference in links
        assert "Katarzyna Nowak" in links
        assert "Linked:" in links
        assert REASON in links
        assert f"linked to {katarzyna.reference}" in body  # the success message

    def test_choosing_the_existing_child_without_a_reason_saves_nothing(
        self, officer_client, katarzyna
    ) -> None:
        response = officer_client.post(ENTRY, {**FORM, "existing": str(katarzyna.pk)})
        assert response.status_code == 400
        assert "reason" in page(response).lower()
        assert new_people() == []
        assert not PersonLink.objects.exists()

    def test_new_person_needs_a_reason(self, officer_client, katarzyna) -> None:
        response = officer_client.post(ENTRY, {**FORM, "existing": "new", "decision_reason": ""})
        assert response.status_code == 400
        assert "Say why this is none of the people already known." in page(response)
        assert new_people() == []
        assert not PersonLink.objects.exists()

    def test_new_person_with_a_reason_is_recorded_as_different_from_each_offered(
        self, officer_client, katarzyna
    ) -> None:
        sister = make_person(
            given_name="Katarzyna",
            family_name="Nowak",
            date_of_birth=BORN,
            sex="FEMALE",
            address_postcode="ST17 4AB",
        )
        checked = officer_client.post(ENTRY, {**FORM, "action": "check"})
        offered = {p for p in (katarzyna, sister) if f'value="{p.pk}"' in page(checked)}
        assert offered == {katarzyna, sister}
        response = officer_client.post(
            ENTRY, {**FORM, "existing": "new", "decision_reason": "Different child: a cousin"}
        )
        assert response.status_code == 302
        [new] = new_people()
        links = PersonLink.objects.all()
        assert len(links) == 2
        assert {frozenset((x.left_id, x.right_id)) for x in links} == {
            frozenset((new.pk, katarzyna.pk)),
            frozenset((new.pk, sister.pk)),
        }
        assert {x.decision for x in links} == {LinkDecision.DIFFERENT}
        assert {x.source for x in links} == {LinkSource.ENTRY}
        assert all(x.match_probability is not None and x.explanation for x in links)

    def test_choosing_someone_never_offered_is_refused(self, officer_client, katarzyna) -> None:
        stranger = make_person(given_name="Unrelated", family_name="Stranger")
        response = officer_client.post(
            ENTRY, {**FORM, "existing": str(stranger.pk), "decision_reason": REASON}
        )
        assert response.status_code == 400
        assert "no longer offered" in page(response)
        assert new_people() == []
        assert not PersonLink.objects.exists()

    def test_a_choice_that_is_no_person_is_refused_not_taken_as_new(
        self, officer_client, katarzyna
    ) -> None:
        response = officer_client.post(
            ENTRY, {**FORM, "existing": "xyz", "decision_reason": REASON}
        )
        assert response.status_code == 400
        assert "Choose one of the people offered" in page(response)
        assert new_people() == []
        assert not PersonLink.objects.exists()

    def test_unicode_names_are_offered_without_their_accents(self, officer_client) -> None:
        zoe = make_person(
            given_name="Zoë",
            family_name="Ní Bhriain",
            date_of_birth=dt.date(2013, 9, 1),
            address_postcode="ST16 2DE",
        )
        response = officer_client.post(
            ENTRY,
            {
                **FORM,
                "given_name": "Zoe",
                "family_name": "Ni Bhriain",
                "date_of_birth": "01/09/2013",
                "address_postcode": "ST16 2DE",
                "action": "check",
            },
        )
        assert response.status_code == 200
        body = page(response)
        assert f'value="{zoe.pk}"' in body
        assert "Zoë Ní Bhriain" in body
        assert "Zoe Ni Bhriain" not in body.split("Is this person already known?", 1)[1]


class TestFragment:
    def test_the_fragment_offers_the_match(self, officer_client, katarzyna) -> None:
        response = officer_client.get(
            FRAGMENT,
            {
                "given_name": "Katarzina",
                "family_name": "Nowak",
                "date_of_birth": "2014-03-07",
                "address_postcode": "ST17 4AB",
            },
        )
        assert response.status_code == 200
        body = page(response)
        assert "<html" not in body  # a fragment, not a page
        assert katarzyna.reference in body
        assert "Agrees: same date of birth" in body

    def test_a_given_name_alone_offers_nothing(self, officer_client, katarzyna) -> None:
        response = officer_client.get(FRAGMENT, {"given_name": "Katarzyna"})
        assert response.status_code == 200
        assert response.content.decode().strip() == ""

    @pytest.mark.parametrize("typed", ["2014-0", "07/03/20", "31/02/2014", "2099-01-01", "x" * 500])
    def test_a_half_typed_or_wrong_date_still_checks(
        self, officer_client, katarzyna, typed
    ) -> None:
        response = officer_client.get(
            FRAGMENT, {"given_name": "Katarzyna", "family_name": "Nowak", "date_of_birth": typed}
        )
        assert response.status_code == 200
        assert katarzyna.reference in page(response)  # the names still match


class TestEstimatedAge:
    def test_the_page_compares_an_estimated_age_as_the_api_does(self, officer_client) -> None:
        """A child with no date of birth but an estimated age: the API check compares the
        birth year it gives; the page's check must too (the form has estimated_age)."""
        today = clock.today_in_london()
        amara = make_person(
            given_name="Amara",
            family_name="Okafor",
            date_of_birth=None,
            estimated_age=12,
            estimated_on=today,
            address_postcode="ST16 2DE",
        )
        typed = {
            "given_name": "Amara",
            "family_name": "Okafor",
            "estimated_age": "12",
            "address_postcode": "ST16 2DE",
        }
        api = officer_client.post(
            reverse("linkage-api:entry-check"),
            {**typed, "postcode": "ST16 2DE"},
            content_type="application/json",
        )
        [match] = api.json()
        dob = next(f for f in match["explanation"] if f["field"] == "date_of_birth")
        assert (dob["agrees"], dob["level"]) == (True, "same year of birth")

        fragment = page(officer_client.get(FRAGMENT, typed))
        assert amara.reference in fragment
        assert "Agrees: same year of birth" in fragment


def test_names_in_the_fragment_are_escaped(officer_client) -> None:
    make_person(given_name="<script>alert(1)</script>", family_name="Nowak", date_of_birth=BORN)
    response = officer_client.get(
        FRAGMENT,
        {
            "given_name": "<script>alert(1)</script>",
            "family_name": "Nowak",
            "date_of_birth": "2014-03-07",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Nowak" in body
    assert "<script>alert(1)</script>" not in body
