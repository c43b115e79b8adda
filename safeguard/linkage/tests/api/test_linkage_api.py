"""The linkage API (issue 6): check at entry, link, merge, undo, review queue."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent, AuditSubject
from safeguard.linkage.models import LinkageRun, LinkCandidate
from safeguard.people.models import Person, PersonLink
from safeguard.people.rules.codes import LinkDecision, LinkSource
from safeguard.people.selectors import person_group_ids, person_merged_into
from safeguard.people.tests.factories import make_person

pytestmark = pytest.mark.django_db

CHECK = reverse("linkage-api:entry-check")
LINKS = reverse("linkage-api:link-record")
MERGES = reverse("linkage-api:merge")
REVIEW = reverse("linkage-api:review-queue")
BORN = dt.date(2014, 3, 7)
REASON = "Same child: same school, same mother, same date of birth"
QUERY = {
    "given_name": "Katarzina",
    "family_name": "Nowak",
    "date_of_birth": "2014-03-07",
    "sex": "FEMALE",
    "postcode": "ST17 4AB",
}


def post_json(client: Client, url: str, body: object):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def undo_url(link_id: object) -> str:
    return reverse("linkage-api:link-undo", kwargs={"link_id": link_id})


def pair_url(candidate_id: object) -> str:
    return reverse("linkage-api:review-pair", kwargs={"candidate_id": candidate_id})


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
def twin() -> Person:
    return make_person(
        given_name="Katarzina",
        family_name="Nowak",
        date_of_birth=BORN,
        sex="FEMALE",
        address_postcode="ST17 4AB",
    )


@pytest.fixture
def officer(client_for) -> Client:
    client: Client = client_for(Role.RESPONSE_OFFICER)[0]
    return client


@pytest.fixture
def researcher(client_for) -> Client:
    client: Client = client_for(Role.MASH_RESEARCHER)[0]
    return client


class TestEntryCheck:
    def test_offers_the_misspelt_child_with_each_field_explained(self, officer, katarzyna) -> None:
        response = post_json(officer, CHECK, QUERY)
        assert response.status_code == 200, response.content
        matches = response.json()
        assert matches[0]["person"]["id"] == str(katarzyna.pk)
        assert matches[0]["person"]["reference"] == katarzyna.reference
        assert matches[0]["person"]["full_name"] == "Katarzyna Nowak"
        assert matches[0]["person"]["date_of_birth"] == "2014-03-07"
        assert matches[0]["postcode"] == "ST16 2DE"
        assert 0.5 < matches[0]["match_probability"] <= 1
        explanation = {f["field"]: f for f in matches[0]["explanation"]}
        assert set(next(iter(explanation.values()))) == {
            "field",
            "field_label",
            "level",
            "agrees",
            "weight",
        }
        assert explanation["date_of_birth"]["agrees"] is True
        assert explanation["date_of_birth"]["level"] == "same date of birth"
        assert explanation["date_of_birth"]["field_label"] == "Date of birth"
        assert explanation["date_of_birth"]["weight"] > 0
        assert explanation["given_name"]["level"] == "given name spelt slightly differently"
        assert explanation["postcode"]["level"] == "same postcode area"

    def test_likeliest_first_and_nobody_unlike(self, officer, katarzyna, twin) -> None:
        make_person(
            given_name="Unrelated", family_name="Stranger", date_of_birth=dt.date(1970, 1, 1)
        )
        matches = post_json(officer, CHECK, QUERY).json()
        ids = [m["person"]["id"] for m in matches]
        assert ids[:2] == [str(twin.pk), str(katarzyna.pk)]  # the exact record first
        probabilities = [m["match_probability"] for m in matches]
        assert probabilities == sorted(probabilities, reverse=True)
        assert all(m["person"]["full_name"] != "Unrelated Stranger" for m in matches)

    def test_unicode_names_match_without_accents(self, officer) -> None:
        zoe = make_person(
            given_name="Zoë", family_name="Ní Bhriain", date_of_birth=dt.date(2013, 9, 1)
        )
        body = {"given_name": "Zoe", "family_name": "Ni Bhriain", "date_of_birth": "2013-09-01"}
        matches = post_json(officer, CHECK, body).json()
        assert matches[0]["person"]["id"] == str(zoe.pk)
        assert matches[0]["person"]["full_name"] == "Zoë Ní Bhriain"

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"given_name": "Katarzyna"}, "family_name"),
            ({"family_name": "Nowak"}, "given_name"),
            ({**QUERY, "date_of_birth": "07/03/20"}, "date_of_birth"),
            ({**QUERY, "date_of_birth": "2014-02-30"}, "date_of_birth"),
            ({**QUERY, "sex": "UNKNOWN_CODE"}, "sex"),
            ({**QUERY, "estimated_age": -1}, "estimated_age"),
            ({**QUERY, "given_name": "K" * 10_000}, "given_name"),
            ({**QUERY, "postcode": "X" * 50}, "postcode"),
        ],
    )
    def test_bad_input_gets_field_errors(self, officer, katarzyna, body, field) -> None:
        response = post_json(officer, CHECK, body)
        assert response.status_code == 400
        assert field in response.json()["errors"]
        assert not AuditEvent.objects.filter(event_type="person.entry_checked").exists()

    @pytest.mark.parametrize("role", [Role.SCHOOL_DSL, Role.HOTEL_REPORTER, Role.SOCIAL_CARE_USER])
    def test_partners_get_404(self, client_for, katarzyna, role) -> None:
        client, _ = client_for(role)
        response = post_json(client, CHECK, QUERY)
        assert response.status_code == 404
        assert "Katarzyna" not in response.content.decode()

    def test_unauthenticated_is_refused(self, katarzyna) -> None:
        response = post_json(Client(), CHECK, QUERY)
        assert response.status_code in {401, 403}
        assert "Katarzyna" not in response.content.decode()

    def test_the_check_is_audited_naming_each_person_offered(self, officer, katarzyna) -> None:
        response = post_json(officer, CHECK, QUERY)
        assert response.status_code == 200
        event = AuditEvent.objects.get(event_type="person.entry_checked")
        assert event.operation == "consultation"
        assert event.justification
        subjects = set(
            AuditSubject.objects.filter(event=event).values_list("subject_type", "subject_id")
        )
        assert ("people.person", str(katarzyna.pk)) in subjects
        assert event.changes["query"]["name"] == "Katarzina Nowak"
        assert event.changes["offered"][0]["person"] == str(katarzyna.pk)


class TestLinkMergeUndo:
    def test_link_then_the_same_again_is_a_clear_400(self, officer, katarzyna, twin) -> None:
        body = {
            "first_id": str(katarzyna.pk),
            "second_id": str(twin.pk),
            "decision": "SAME",
            "reason": REASON,
        }
        response = post_json(officer, LINKS, body)
        assert response.status_code == 201, response.content
        out = response.json()
        assert {out["left_id"], out["right_id"]} == {str(katarzyna.pk), str(twin.pk)}
        assert out["decision"] == "SAME"
        assert out["decided_in"] == "REVIEW"
        assert out["kept_id"] is None
        assert out["undone_at"] is None
        assert out["reason"] == REASON
        assert person_group_ids(person_id=katarzyna.pk) == [katarzyna.pk, twin.pk]

        again = post_json(officer, LINKS, body)
        assert again.status_code == 400
        assert again.json()["detail"] == "This decision about these records is already recorded."
        assert PersonLink.objects.count() == 1

    def test_a_different_decision_supersedes_the_same_one(self, officer, katarzyna, twin) -> None:
        body = {"first_id": str(katarzyna.pk), "second_id": str(twin.pk), "reason": REASON}
        first = post_json(officer, LINKS, {**body, "decision": "SAME"}).json()
        second = post_json(officer, LINKS, {**body, "decision": "DIFFERENT"})
        assert second.status_code == 201
        assert PersonLink.objects.get(pk=first["id"]).undone_at is not None
        assert person_group_ids(person_id=katarzyna.pk) == [katarzyna.pk]

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"reason": ""}, "reason"),
            ({"decision": "MAYBE"}, "decision"),
            ({"first_id": "not-a-uuid"}, "first_id"),
        ],
    )
    def test_bad_link_input_is_a_400(self, officer, katarzyna, twin, change, field) -> None:
        body = {
            "first_id": str(katarzyna.pk),
            "second_id": str(twin.pk),
            "decision": "SAME",
            "reason": REASON,
            **change,
        }
        response = post_json(officer, LINKS, body)
        assert response.status_code == 400
        assert field in response.json()["errors"]
        assert not PersonLink.objects.exists()

    def test_a_short_reason_or_a_record_with_itself_is_refused(
        self, officer, katarzyna, twin
    ) -> None:
        short = post_json(
            officer,
            LINKS,
            {
                "first_id": str(katarzyna.pk),
                "second_id": str(twin.pk),
                "decision": "SAME",
                "reason": "same",
            },
        )
        assert short.status_code == 400
        assert "at least 10 characters" in short.json()["detail"]
        itself = post_json(
            officer,
            LINKS,
            {
                "first_id": str(katarzyna.pk),
                "second_id": str(katarzyna.pk),
                "decision": "SAME",
                "reason": REASON,
            },
        )
        assert itself.status_code == 400
        assert "itself" in itself.json()["detail"]
        assert not PersonLink.objects.exists()

    def test_linking_an_unknown_or_hidden_person_is_404(
        self, officer, katarzyna, other_team
    ) -> None:
        hidden = make_person(owning_team=other_team, is_restricted=True)
        for other in (uuid.uuid4(), hidden.pk):
            response = post_json(
                officer,
                LINKS,
                {
                    "first_id": str(katarzyna.pk),
                    "second_id": str(other),
                    "decision": "SAME",
                    "reason": REASON,
                },
            )
            assert response.status_code == 404
        assert not PersonLink.objects.exists()

    def test_merge_then_unmerge(self, researcher, katarzyna, twin) -> None:
        merged = post_json(
            researcher,
            MERGES,
            {"kept_id": str(katarzyna.pk), "merged_away_id": str(twin.pk), "reason": REASON},
        )
        assert merged.status_code == 200, merged.content
        link = merged.json()
        assert link["kept_id"] == str(katarzyna.pk)
        assert link["merged_at"] is not None
        assert link["decision"] == "SAME"
        assert person_merged_into(person_id=twin.pk) == katarzyna.pk
        away = reverse("people-api:person-detail", kwargs={"person_id": twin.pk})
        assert researcher.get(away, {"purpose": "Safeguarding enquiry"}).status_code == 307

        undone = post_json(researcher, undo_url(link["id"]), {"reason": "Twins: not the same"})
        assert undone.status_code == 200, undone.content
        assert undone.json()["undone_at"] is not None
        assert undone.json()["undo_reason"] == "Twins: not the same"
        assert person_merged_into(person_id=twin.pk) is None
        assert person_group_ids(person_id=twin.pk) == [twin.pk]
        assert researcher.get(away, {"purpose": "Safeguarding enquiry"}).status_code == 200

        again = post_json(researcher, undo_url(link["id"]), {"reason": "Twins: not the same"})
        assert again.status_code == 404  # no longer a standing link

    def test_merging_needs_a_reason_and_the_merge_capability(
        self, officer, researcher, katarzyna, twin
    ) -> None:
        body = {"kept_id": str(katarzyna.pk), "merged_away_id": str(twin.pk), "reason": REASON}
        assert post_json(officer, MERGES, body).status_code == 404
        missing = post_json(researcher, MERGES, {**body, "reason": ""})
        assert missing.status_code == 400
        assert "reason" in missing.json()["errors"]
        itself = post_json(researcher, MERGES, {**body, "merged_away_id": str(katarzyna.pk)})
        assert itself.status_code == 400
        assert person_merged_into(person_id=twin.pk) is None
        assert not PersonLink.objects.exists()

    def test_merging_people_recorded_as_different_is_refused(
        self, researcher, katarzyna, twin
    ) -> None:
        post_json(
            researcher,
            LINKS,
            {
                "first_id": str(katarzyna.pk),
                "second_id": str(twin.pk),
                "decision": "DIFFERENT",
                "reason": REASON,
            },
        )
        response = post_json(
            researcher,
            MERGES,
            {"kept_id": str(katarzyna.pk), "merged_away_id": str(twin.pk), "reason": REASON},
        )
        assert response.status_code == 400
        assert response.json()["detail"] == "These records are recorded as different people."
        assert person_merged_into(person_id=twin.pk) is None

    def test_undo_needs_a_known_link_and_a_reason(self, officer, katarzyna, twin) -> None:
        link = post_json(
            officer,
            LINKS,
            {
                "first_id": str(katarzyna.pk),
                "second_id": str(twin.pk),
                "decision": "SAME",
                "reason": REASON,
            },
        ).json()
        assert post_json(officer, undo_url(uuid.uuid4()), {"reason": REASON}).status_code == 404
        missing = post_json(officer, undo_url(link["id"]), {})
        assert missing.status_code == 400
        assert "reason" in missing.json()["errors"]
        assert post_json(officer, undo_url(link["id"]), {"reason": "short"}).status_code == 400
        assert PersonLink.objects.get(pk=link["id"]).undone_at is None
        done = post_json(officer, undo_url(link["id"]), {"reason": REASON})
        assert done.status_code == 200
        assert done.json()["undone_at"] is not None

    def test_an_officer_cannot_unmerge(self, officer, researcher, katarzyna, twin) -> None:
        link = post_json(
            researcher,
            MERGES,
            {"kept_id": str(katarzyna.pk), "merged_away_id": str(twin.pk), "reason": REASON},
        ).json()
        response = post_json(officer, undo_url(link["id"]), {"reason": REASON})
        assert response.status_code == 404
        assert person_merged_into(person_id=twin.pk) == katarzyna.pk

    @pytest.mark.parametrize("role", [Role.SCHOOL_DSL, Role.HOTEL_REPORTER])
    def test_partners_can_neither_link_nor_merge(self, client_for, katarzyna, twin, role) -> None:
        client, _ = client_for(role)
        ids = {"first_id": str(katarzyna.pk), "second_id": str(twin.pk)}
        assert (
            post_json(client, LINKS, {**ids, "decision": "SAME", "reason": REASON}).status_code
            == 404
        )
        merge = {"kept_id": str(katarzyna.pk), "merged_away_id": str(twin.pk), "reason": REASON}
        assert post_json(client, MERGES, merge).status_code == 404
        assert not PersonLink.objects.exists()


def _run_with(left: Person, right: Person, probability: float) -> LinkCandidate:
    run = LinkageRun.objects.create(
        source="PEOPLE",
        model_version="test",
        link_threshold=0.95,
        review_threshold=0.5,
        records=2,
        pairs_scored=1,
        clusters_with_more_than_one=1,
        seconds=0.1,
    )
    low, high = sorted((left, right), key=lambda p: str(p.pk))
    return LinkCandidate.objects.create(
        run=run, left=low, right=high, match_probability=probability
    )


class TestReview:
    def test_the_researcher_reads_the_queue_and_a_pair(self, researcher, katarzyna, twin) -> None:
        candidate = _run_with(katarzyna, twin, 0.8)
        queue = researcher.get(REVIEW)
        assert queue.status_code == 200
        [pair] = queue.json()
        assert pair["id"] == str(candidate.pk)
        assert pair["band"] == "review"
        assert {pair["left"]["id"], pair["right"]["id"]} == {str(katarzyna.pk), str(twin.pk)}
        assert {pair["left_postcode"], pair["right_postcode"]} == {"ST16 2DE", "ST17 4AB"}
        assert 0 < pair["match_probability"] <= 1
        assert {f["field"] for f in pair["explanation"]} >= {"given_name", "date_of_birth"}

        one = researcher.get(pair_url(candidate.pk))
        assert one.status_code == 200
        assert one.json()["id"] == str(candidate.pk)
        assert one.json()["left"]["id"] == str(candidate.left_id)
        assert researcher.get(pair_url(uuid.uuid4())).status_code == 404

    def test_a_decided_pair_leaves_the_queue(self, researcher, katarzyna, twin) -> None:
        candidate = _run_with(katarzyna, twin, 0.97)
        assert researcher.get(REVIEW).json()[0]["band"] == "link"
        post_json(
            researcher,
            LINKS,
            {
                "first_id": str(katarzyna.pk),
                "second_id": str(twin.pk),
                "decision": "DIFFERENT",
                "reason": REASON,
            },
        )
        assert researcher.get(REVIEW).json() == []
        assert researcher.get(pair_url(candidate.pk)).status_code == 404

    @pytest.mark.parametrize("role", [Role.RESPONSE_OFFICER, Role.SCHOOL_DSL])
    def test_without_the_merge_capability_it_is_404(
        self, client_for, katarzyna, twin, role
    ) -> None:
        client, _ = client_for(role)
        candidate = _run_with(katarzyna, twin, 0.8)
        assert client.get(REVIEW).status_code == 404
        assert client.get(pair_url(candidate.pk)).status_code == 404


def test_the_link_source_of_an_api_decision_is_review(officer, katarzyna, twin) -> None:
    post_json(
        officer,
        LINKS,
        {
            "first_id": str(katarzyna.pk),
            "second_id": str(twin.pk),
            "decision": "SAME",
            "reason": REASON,
        },
    )
    link = PersonLink.objects.get()
    assert link.source == LinkSource.REVIEW
    assert link.decision == LinkDecision.SAME
