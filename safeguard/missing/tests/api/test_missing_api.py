"""The missing-children API: the same services, scope and audit as the web (issue 5)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditSubject
from safeguard.core.clock import FixedClock, use_clock
from safeguard.missing.models import MissingEpisode, PhilomenaProfile
from safeguard.missing.tests.factories import a_child, london, social_care

pytestmark = pytest.mark.django_db

EPISODES = reverse("missing-api:episode-list")
INBOX = reverse("missing-api:return-interview-inbox")
PROFILES = reverse("missing-api:profile-list")
PURPOSE = {"X-Purpose": "Missing child: the search tonight"}

SEEN = london(2027, 1, 9, 1, 40)
REPORTED = london(2027, 1, 9, 2, 10)
AT_REPORT = london(2027, 1, 9, 2, 15)
AT_GRADE = london(2027, 1, 9, 2, 30)
AT_FOUND = london(2027, 1, 9, 14, 0)
FOUND = london(2027, 1, 9, 13, 30)
AT_PREVENTION = london(2027, 1, 9, 16, 0)
AT_RETURN_INTERVIEW = london(2027, 1, 11, 10, 0)

RISK_SOURCE = "Has been seen getting into cars with older men near the station"
CIRCUMSTANCES = "Left after an argument about phone use; took her coat"
DEBRIEF = "Two men in a silver car collect girls at Hanley station"
UNICODE_GIVEN = "Zoë"
UNICODE_FAMILY = "Ó Fictionál-Łukasz"
UNICODE_NAME = f"{UNICODE_GIVEN} {UNICODE_FAMILY}"
HIGH_ANSWERS = {
    "SERIOUS_HARM_INFORMATION": "NO",
    "EXPLOITATION_RISK": "YES",
    "MEDICATION_OR_ILLNESS": "NO",
    "ADVERSE_WEATHER": "NO",
    "OUT_OF_CHARACTER": "NO",
    "HARMED_WHEN_MISSING_BEFORE": "NO",
    "REPORTER_CONCERNED": "YES",
}


def post_json(client: Client, url: str, body: object, **headers: str):
    return client.post(url, data=json.dumps(body), content_type="application/json", headers=headers)


def put_json(client: Client, url: str, body: object):
    return client.put(url, data=json.dumps(body), content_type="application/json")


def url(name: str, pk: Any) -> str:
    return reverse(f"missing-api:{name}", args=[pk])


def when(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)


def report_body(child, authority=None, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "child_id": str(child.pk),
        "category": "MISSING",
        "missing_from": "CARE" if authority else "HOME",
        "placing_authority_id": str(authority.pk) if authority else None,
        "reported_at": REPORTED.isoformat(),
        "last_seen_at": SEEN.isoformat(),
        "reported_by_name": "Dana Fictional (keyworker)",
        "reported_by_relationship": "Keyworker",
        "reported_by_contact": "01785 000 000",
        "last_seen_place": "Meadow View children's home, front door",
        "location_missing_from": "Meadow View children's home, Stafford",
        "circumstances": CIRCUMSTANCES,
        "description": "White, 5ft 4in, slim, long dark hair in a plait",
        "clothing": "Black puffer coat, grey joggers, white trainers",
        "phones": "07700 900 123 (pink iPhone)",
        "social_media": "Snapchat zofia_fictional",
        "possessions": "Phone, about £20 cash, no medication",
        "transport": "Buses, trains to Stoke",
        "medical_needs": "Asthma: blue inhaler (has it with her)",
        "likely_destinations": "Friend's flat in Hanley; Stafford station",
        "risk_information": [
            {
                "information": RISK_SOURCE,
                "supplied_by": "Keyworker Dana Fictional, Meadow View children's home",
                "supplied_by_contact": "01785 000 000",
                "obtained_at": REPORTED.isoformat(),
            }
        ],
    }
    body.update(changes)
    return body


def found_body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "found_at": FOUND.isoformat(),
        "found_place": "Hanley bus station",
        "found_by": "PC Fictional",
        "found_condition": "SAFE_AND_WELL",
        "exploitation_indicators": ["OLDER_ASSOCIATES"],
    }
    body.update(changes)
    return body


PROFILE_BODY: dict[str, Any] = {
    "child_name": UNICODE_NAME,
    "child_date_of_birth": "2011-06-01",
    "physical_description": "5ft 4in, slim, long dark hair, scar on left eyebrow",
    "associates": "Older boys from Hanley",
    "places": "Hanley bus station",
    "locations": [
        {"name": "Hanley bus station", "address": "Hanley", "risk": "Older men approach children"}
    ],
}


def reported(officer: Client, child, authority=None, **changes: Any) -> Any:
    with use_clock(FixedClock(AT_REPORT)):
        made = post_json(officer, EPISODES, report_body(child, authority, **changes))
    assert made.status_code == 201, made.content
    return made.json()


@pytest.fixture
def officer(client_for) -> Any:
    client, _ = client_for(Role.RESPONSE_OFFICER)
    return client


class TestTheWholePathway:
    def test_report_grade_found_prevention_and_return_interview(self, officer, client_for):
        authority = social_care()
        worker, _ = client_for(Role.SOCIAL_CARE_USER, organisation=authority)
        child = a_child(given_name=UNICODE_GIVEN, family_name=UNICODE_FAMILY)
        episode = reported(officer, child, authority)
        episode_id = episode["id"]
        assert episode["status"] == "OPEN"
        assert episode["child"] == str(child.pk)
        assert episode["reference"].startswith("MIS-")

        with use_clock(FixedClock(AT_GRADE)):
            graded = post_json(officer, url("episode-grade", episode_id), {"answers": HIGH_ANSWERS})
            assert graded.status_code == 201, graded.content
            assert graded.json()["level"] == "HIGH"
            assert graded.json()["assessment"]["final_level"] == "HIGH"
            assert when(graded.json()["next_review_due_at"]) == london(2027, 1, 9, 4, 30)
            assert graded.json()["review_urgent"] is True
            alert = post_json(
                officer,
                url("child-rescue-alert", episode_id),
                {"cra_decision": "NOT_ISSUED", "cra_reason": "Whereabouts likely known to friends"},
            )
            assert alert.status_code == 200, alert.content
            assert alert.json()["cra_decision"] == "NOT_ISSUED"
            more = post_json(
                officer,
                url("risk-information-add", episode_id),
                {
                    "risk_information": [
                        {
                            "information": "A friend says she planned to meet someone in Stoke",
                            "supplied_by": "Friend (fictional), by phone",
                            "supplied_by_contact": "07700 900 456",
                            "obtained_at": AT_GRADE.isoformat(),
                        }
                    ]
                },
            )
            assert more.status_code == 201, more.content
            listed = officer.get(EPISODES, {"status": "OPEN"})
            assert [e["id"] for e in listed.json()] == [episode_id]
            assert listed.json()[0]["child"]["given_name"] == UNICODE_GIVEN
            assert listed.json()[0]["child"]["family_name"] == UNICODE_FAMILY
            assert officer.get(EPISODES, {"status": "CLOSED"}).json() == []

        with use_clock(FixedClock(AT_FOUND)):
            found = post_json(officer, url("episode-found", episode_id), found_body())
        assert found.status_code == 200, found.content
        assert found.json()["status"] == "FOUND"
        assert found.json()["found_condition"] == "SAFE_AND_WELL"
        assert found.json()["return_interview_organisation"] == str(authority.pk)

        with use_clock(FixedClock(AT_PREVENTION)):
            prevention = post_json(
                officer,
                url("prevention-interview", episode_id),
                {
                    "held_at": london(2027, 1, 9, 15, 30).isoformat(),
                    "summary": "Spoke alone; stayed with a friend; no harm disclosed",
                    "debrief_intelligence": DEBRIEF,
                },
            )
        assert prevention.status_code == 200, prevention.content
        assert prevention.json()["debrief_intelligence"] == DEBRIEF

        with use_clock(FixedClock(AT_RETURN_INTERVIEW)):
            inbox = worker.get(INBOX)
            assert inbox.status_code == 200
            [row] = inbox.json()
            assert set(row) == {
                "id",
                "reference",
                "child_name",
                "child_date_of_birth",
                "found_at",
                "found_place",
                "requested_at",
                "due_at",
                "outcome",
            }
            assert row["child_name"] == UNICODE_NAME
            assert row["child_date_of_birth"] == "2011-06-01"
            assert when(row["due_at"]) == london(2027, 1, 12, 13, 30)
            assert when(row["found_at"]) == FOUND
            assert row["outcome"] == ""
            one = worker.get(url("return-interview", episode_id))
            assert one.status_code == 200
            assert one.json() == row
            for text in (inbox.content, one.content):
                body = text.decode()
                for police_only in (RISK_SOURCE, CIRCUMSTANCES, DEBRIEF, "Stoke", "07700"):
                    assert police_only not in body
            outcome = post_json(
                worker,
                url("return-interview", episode_id),
                {"outcome": "COMPLETED", "note": "Independent worker saw her at school"},
            )
        assert outcome.status_code == 200, outcome.content
        assert outcome.json()["outcome"] == "COMPLETED"
        assert set(outcome.json()) == set(row)
        assert "Independent worker" not in outcome.content.decode()

        record = officer.get(url("episode-detail", episode_id), headers=PURPOSE)
        assert record.status_code == 200, record.content
        data = record.json()
        assert data["episode"]["status"] == "CLOSED"
        assert data["episode"]["return_interview_outcome"] == "COMPLETED"
        assert data["child"]["given_name"] == UNICODE_GIVEN
        assert [r["supplied_by"] for r in data["risk_information"]] == [
            "Keyworker Dana Fictional, Meadow View children's home",
            "Friend (fictional), by phone",
        ]
        assert data["gradings"][0]["final_level"] == "HIGH"
        assert {c["kind"] for c in data["clocks"]} >= {
            "missing.review",
            "missing.prevention_interview",
            "missing.return_interview",
        }
        assert data["screenings"][0]["indicators"] == ["OLDER_ASSOCIATES"]
        assert AuditSubject.objects.filter(
            subject_id=episode_id,
            event__operation="consultation",
            event__event_type="missing.consulted",
            event__justification=PURPOSE["X-Purpose"],
        ).exists()

    def test_reading_an_episode_needs_a_purpose(self, officer):
        episode = reported(officer, a_child())
        response = officer.get(url("episode-detail", episode["id"]))
        assert response.status_code == 400
        assert "purpose" in response.json()["errors"]
        by_query = officer.get(url("episode-detail", episode["id"]), {"purpose": "Daily review"})
        assert by_query.status_code == 200

    def test_a_second_report_for_a_missing_child_is_a_conflict(self, officer):
        child = a_child()
        first = reported(officer, child)
        with use_clock(FixedClock(AT_REPORT)):
            again = post_json(officer, EPISODES, report_body(child))
        assert again.status_code == 409
        assert again.json()["open_episode_id"] == first["id"]
        assert again.json()["open_episode_reference"] == first["reference"]
        assert first["reference"] in again.json()["detail"]
        assert MissingEpisode.objects.count() == 1

    def test_the_same_idempotency_key_records_one_episode(self, officer):
        child = a_child()
        key = {"Idempotency-Key": "missing-api-1"}
        with use_clock(FixedClock(AT_REPORT)):
            made = post_json(officer, EPISODES, report_body(child), **key)
            again = post_json(officer, EPISODES, report_body(child), **key)
        assert made.status_code == 201, made.content
        assert again.status_code == 201
        assert again.json()["id"] == made.json()["id"]
        assert MissingEpisode.objects.count() == 1


class TestBadInput:
    def errors(self, response) -> Any:
        assert response.status_code == 400, response.content
        return response.json()["errors"]

    def test_malformed_bodies(self, officer):
        for body in ("{not json", "[1, 2", '"a string"', "[]", "null", "42"):
            response = officer.post(EPISODES, data=body, content_type="application/json")
            assert response.status_code == 400, body

    def test_missing_fields(self, officer):
        with use_clock(FixedClock(AT_REPORT)):
            errors = self.errors(post_json(officer, EPISODES, {}))
        assert {"child_id", "category", "missing_from", "reported_at", "last_seen_at"} <= set(
            errors
        )

    def test_the_recording_standards_come_back_at_once(self, officer):
        blanks = {"clothing": "", "transport": "", "risk_information": []}
        with use_clock(FixedClock(AT_REPORT)):
            errors = self.errors(post_json(officer, EPISODES, report_body(a_child(), **blanks)))
        assert {"clothing", "transport", "risk_information"} <= set(errors)

    def test_risk_information_without_who_supplied_it(self, officer):
        child = a_child()
        piece = {"information": RISK_SOURCE, "obtained_at": REPORTED.isoformat()}
        with use_clock(FixedClock(AT_REPORT)):
            errors = self.errors(
                post_json(officer, EPISODES, report_body(child, risk_information=[piece]))
            )
        assert "who supplied it" in errors["risk_information.0"][0]
        assert "their contact details" in errors["risk_information.0"][0]
        assert MissingEpisode.objects.count() == 0

    def test_a_piece_added_later_needs_its_source_too(self, officer):
        episode = reported(officer, a_child())
        with use_clock(FixedClock(AT_GRADE)):
            errors = self.errors(
                post_json(
                    officer,
                    url("risk-information-add", episode["id"]),
                    {"risk_information": [{"information": "Seen in Stoke", "supplied_by": "A"}]},
                )
            )
        assert "risk_information.0" in errors

    def test_bad_uuids_unknown_children_and_placing_authority(self, officer):
        with use_clock(FixedClock(AT_REPORT)):
            bad = post_json(officer, EPISODES, report_body(a_child(), child_id="not-a-uuid"))
            assert "child_id" in self.errors(bad)
            unknown = post_json(
                officer, EPISODES, report_body(a_child(), child_id=str(social_care().pk))
            )
            assert "child_id" in self.errors(unknown)
            from_care = post_json(
                officer, EPISODES, report_body(a_child(), missing_from="CARE", category="AWAY")
            )
            assert "placing_authority_id" in self.errors(from_care)

    def test_unknown_enum_values(self, officer):
        child = a_child()
        with use_clock(FixedClock(AT_REPORT)):
            for change in (
                {"category": "LOST"},
                {"missing_from": "SCHOOL"},
                {"exploitation_indicators": ["WITCHCRAFT"]},
            ):
                errors = self.errors(post_json(officer, EPISODES, report_body(child, **change)))
                assert set(change) <= set(errors)
            assert "status" in self.errors(officer.get(EPISODES, {"status": "LOST"}))
        episode = reported(officer, child)
        with use_clock(FixedClock(AT_FOUND)):
            found = post_json(
                officer, url("episode-found", episode["id"]), found_body(found_condition="FINE")
            )
            assert "found_condition" in self.errors(found)
            alert = post_json(
                officer,
                url("child-rescue-alert", episode["id"]),
                {"cra_decision": "MAYBE", "cra_reason": "Not sure at all, honestly"},
            )
            assert "cra_decision" in self.errors(alert)
            graded = post_json(
                officer,
                url("episode-grade", episode["id"]),
                {"answers": {**HIGH_ANSWERS, "EXPLOITATION_RISK": "PERHAPS"}},
            )
            assert "EXPLOITATION_RISK" in self.errors(graded)["answers"]
            level = post_json(
                officer,
                url("episode-grade", episode["id"]),
                {"answers": HIGH_ANSWERS, "officer_level": "APOCALYPTIC", "rationale": "x" * 50},
            )
            assert "officer_level" in self.errors(level)

    def test_wrong_types(self, officer):
        child = a_child()
        with use_clock(FixedClock(AT_REPORT)):
            for change in (
                {"risk_information": "lots of it"},
                {"risk_information": ["a string, not a piece"]},
                {"risk_information": [{"information": ["a", "list"]}]},
                {"description": {"height": "5ft"}},
                {"circumstances": ["a", "list"]},
                {"last_seen_at": 12345},
                {"last_seen_at": "yesterday"},
                {"reported_at": "2027-13-45T99:00:00Z"},
                {"is_restricted": "perhaps"},
                {"exploitation_indicators": "OLDER_ASSOCIATES"},
                {"clothing": "coat\x00"},
                {"clothing": "coat\ud800"},
                {"risk_information": [report_body(child)["risk_information"][0]] * 51},
            ):
                errors = self.errors(post_json(officer, EPISODES, report_body(child, **change)))
                assert set(change) <= set(errors), change
        episode = reported(officer, child)
        with use_clock(FixedClock(AT_GRADE)):
            for body in (
                {"answers": [1, 2]},
                {"answers": "YES"},
                {"answers": None},
                {"answers": {"\ud800": "YES"}},
                {"answers": {"not a code": "YES"}},
                {"answers": HIGH_ANSWERS, "delay_reason": "x" * 2001},
            ):
                graded = post_json(officer, url("episode-grade", episode["id"]), body)
                expected = set(body) - {"answers"} or {"answers"}
                assert expected <= set(self.errors(graded)), body

    def test_a_five_megabyte_description(self, officer):
        huge = "x" * (5 * 1024 * 1024)
        with use_clock(FixedClock(AT_REPORT)):
            response = post_json(officer, EPISODES, report_body(a_child(), description=huge))
        assert response.status_code == 400
        assert MissingEpisode.objects.count() == 0

    def test_a_long_description_within_the_request_limit(self, officer):
        with use_clock(FixedClock(AT_REPORT)):
            response = post_json(officer, EPISODES, report_body(a_child(), description="x" * 5001))
        assert "description" in self.errors(response)

    def test_found_before_last_seen_or_in_the_future(self, officer):
        episode = reported(officer, a_child(), social_care())
        with use_clock(FixedClock(AT_FOUND)):
            before = post_json(
                officer,
                url("episode-found", episode["id"]),
                found_body(found_at=london(2027, 1, 9, 1, 0).isoformat()),
            )
            assert "before the child went missing" in self.errors(before)["found_at"][0]
            future = post_json(
                officer,
                url("episode-found", episode["id"]),
                found_body(found_at=london(2027, 1, 9, 15, 0).isoformat()),
            )
            assert "found_at" in self.errors(future)
            nobody = post_json(
                officer,
                url("episode-found", episode["id"]),
                found_body(found_by="", found_place=""),
            )
            assert {"found_by", "found_place"} <= set(self.errors(nobody))
        assert MissingEpisode.objects.get().status == "OPEN"

    def test_no_social_care_to_ask_for_the_return_interview(self, officer):
        episode = reported(officer, a_child())
        with use_clock(FixedClock(AT_FOUND)):
            response = post_json(officer, url("episode-found", episode["id"]), found_body())
        assert "return_interview_organisation_id" in self.errors(response)

    def test_prevention_interview_and_return_interview_errors(self, officer, client_for):
        authority = social_care()
        worker, _ = client_for(Role.SOCIAL_CARE_USER, organisation=authority)
        episode = reported(officer, a_child(), authority)
        with use_clock(FixedClock(AT_GRADE)):
            early = post_json(
                officer,
                url("prevention-interview", episode["id"]),
                {"held_at": AT_GRADE.isoformat(), "summary": "Too early to hold"},
            )
        assert "status" in self.errors(early)
        with use_clock(FixedClock(AT_FOUND)):
            post_json(officer, url("episode-found", episode["id"]), found_body())
            short = post_json(
                officer,
                url("prevention-interview", episode["id"]),
                {"held_at": FOUND.isoformat(), "summary": "ok"},
            )
            assert "summary" in self.errors(short)
            no_time = post_json(
                officer, url("prevention-interview", episode["id"]), {"summary": "x" * 20}
            )
            assert "held_at" in self.errors(no_time)
            unknown = post_json(worker, url("return-interview", episode["id"]), {"outcome": "DONE"})
            assert "outcome" in self.errors(unknown)
            refused = post_json(
                worker, url("return-interview", episode["id"]), {"outcome": "REFUSED"}
            )
            assert "note" in self.errors(refused)
            wrong_type = post_json(worker, url("return-interview", episode["id"]), {"outcome": 3})
            assert "outcome" in self.errors(wrong_type)

    def test_profile_errors(self, client_for):
        carer, _ = client_for(Role.CARER)
        with use_clock(FixedClock(AT_REPORT)):
            for change in (
                {"child_name": ""},
                {"child_date_of_birth": "not a date"},
                {"child_date_of_birth": "2030-01-01"},
                {"physical_description": {"height": "5ft"}},
                {"physical_description": True},
                {"locations": [{"name": "", "risk": ""}]},
                {"locations": "everywhere"},
                {"medical": "x" * 5001},
            ):
                response = post_json(carer, PROFILES, {**PROFILE_BODY, **change})
                errors = self.errors(response)
                assert any(key.startswith(next(iter(change))) for key in errors), change
        assert PhilomenaProfile.objects.count() == 0


class TestScope:
    def endpoints(self, episode_id: str, profile_id: str) -> list[tuple[str, str, Any]]:
        return [
            ("get", EPISODES, None),
            ("post", EPISODES, {}),
            ("get", url("episode-detail", episode_id), None),
            ("post", url("risk-information-add", episode_id), {"risk_information": []}),
            ("post", url("episode-grade", episode_id), {"answers": HIGH_ANSWERS}),
            (
                "post",
                url("child-rescue-alert", episode_id),
                {"cra_decision": "ISSUED", "cra_reason": "High risk of exploitation"},
            ),
            ("post", url("episode-found", episode_id), found_body()),
            (
                "post",
                url("prevention-interview", episode_id),
                {"held_at": FOUND.isoformat(), "summary": "Spoke alone; no harm disclosed"},
            ),
            ("get", url("return-interview", episode_id), None),
            (
                "post",
                url("return-interview", episode_id),
                {"outcome": "COMPLETED", "note": "Seen at school"},
            ),
            ("get", url("profile-detail", profile_id), None),
            ("put", url("profile-detail", profile_id), PROFILE_BODY),
        ]

    def call(self, client: Client, method: str, path: str, body: Any):
        if method == "get":
            return client.get(path, headers=PURPOSE)
        if method == "put":
            return put_json(client, path, body)
        return post_json(client, path, body)

    @pytest.fixture
    def records(self, officer, client_for) -> tuple[str, str]:
        authority = social_care()
        episode = reported(officer, a_child(), authority)
        with use_clock(FixedClock(AT_FOUND)):
            found = post_json(officer, url("episode-found", episode["id"]), found_body())
        assert found.status_code == 200, found.content
        carer, _ = client_for(Role.CARER)
        with use_clock(FixedClock(AT_REPORT)):
            profile = post_json(carer, PROFILES, PROFILE_BODY)
        assert profile.status_code == 201
        return episode["id"], profile.json()["id"]

    @pytest.mark.parametrize("role", [Role.HOTEL_REPORTER, Role.SCHOOL_DSL])
    def test_partners_without_the_capability_get_404_everywhere(self, client_for, records, role):
        client, _ = client_for(role)
        endpoints = [
            *self.endpoints(*records),
            ("get", INBOX, None),
            ("get", PROFILES, None),
            ("post", PROFILES, PROFILE_BODY),
        ]
        with use_clock(FixedClock(AT_PREVENTION)):
            for method, path, body in endpoints:
                response = self.call(client, method, path, body)
                assert response.status_code == 404, (method, path, response.content)
        assert PhilomenaProfile.objects.count() == 1

    def test_social_care_of_another_organisation_gets_404_everywhere(self, client_for, records):
        other, _ = client_for(Role.SOCIAL_CARE_USER, organisation=social_care("Elsewhere CSC"))
        with use_clock(FixedClock(AT_PREVENTION)):
            for method, path, body in self.endpoints(*records):
                response = self.call(other, method, path, body)
                assert response.status_code == 404, (method, path, response.content)
            assert other.get(INBOX).json() == []
            assert other.get(PROFILES).json() == []
        episode = MissingEpisode.objects.get()
        assert episode.return_interview_outcome == ""

    def test_the_requested_social_care_sees_only_the_return_interview(self, client_for, records):
        episode_id, _profile_id = records
        authority = MissingEpisode.objects.get().return_interview_organisation
        worker, _ = client_for(Role.SOCIAL_CARE_USER, organisation=authority)
        assert worker.get(url("episode-detail", episode_id), headers=PURPOSE).status_code == 404
        assert worker.get(EPISODES).status_code == 404
        assert worker.get(url("return-interview", episode_id)).status_code == 200

    def test_police_cannot_browse_profiles(self, officer, records):
        _episode_id, profile_id = records
        assert officer.get(PROFILES).status_code == 404
        assert officer.get(url("profile-detail", profile_id)).status_code == 404
        assert post_json(officer, PROFILES, PROFILE_BODY).status_code == 404
        assert officer.get(INBOX).status_code == 404

    def test_a_carer_sees_only_their_own_profiles(self, client_for, records):
        _episode_id, profile_id = records
        other, _ = client_for(Role.CARER)
        assert other.get(url("profile-detail", profile_id)).status_code == 404
        assert put_json(other, url("profile-detail", profile_id), PROFILE_BODY).status_code == 404
        assert other.get(PROFILES).json() == []
        assert PhilomenaProfile.objects.get().child_name == UNICODE_NAME


class TestPhilomenaProfiles:
    def test_create_read_update_and_list_round_trip_unicode(self, client_for):
        carer, _ = client_for(Role.CARER)
        with use_clock(FixedClock(AT_REPORT)):
            made = post_json(carer, PROFILES, PROFILE_BODY)
        assert made.status_code == 201, made.content
        profile = made.json()
        assert profile["child_name"] == UNICODE_NAME
        assert profile["reference"].startswith("PP-")
        assert profile["locations"] == [
            {
                "name": "Hanley bus station",
                "address": "Hanley",
                "risk": "Older men approach children",
            }
        ]
        read = carer.get(url("profile-detail", profile["id"]))
        assert read.status_code == 200
        assert read.json()["child_name"] == UNICODE_NAME
        changed = {
            **PROFILE_BODY,
            "child_name": "Łucja Ñandú-Fictional",
            "locations": [{"name": "Stoke station", "risk": "County lines pick-ups"}],
        }
        with use_clock(FixedClock(AT_GRADE)):
            updated = put_json(carer, url("profile-detail", profile["id"]), changed)
        assert updated.status_code == 200, updated.content
        assert updated.json()["child_name"] == "Łucja Ñandú-Fictional"
        assert [loc["name"] for loc in updated.json()["locations"]] == ["Stoke station"]
        listed = carer.get(PROFILES).json()
        assert [(p["id"], p["child_name"]) for p in listed] == [
            (profile["id"], "Łucja Ñandú-Fictional")
        ]

    def test_a_report_quoting_the_reference_attaches_the_profile(self, officer, client_for):
        carer, _ = client_for(Role.CARER)
        with use_clock(FixedClock(AT_REPORT)):
            profile = post_json(carer, PROFILES, PROFILE_BODY).json()
        episode = reported(officer, a_child(), philomena_reference=profile["reference"].lower())
        assert episode["philomena_profile"] == profile["id"]
        with use_clock(FixedClock(AT_REPORT)):
            unknown = post_json(
                officer, EPISODES, report_body(a_child(), philomena_reference="PP-XXXX-XXXX")
            )
        assert "philomena_reference" in unknown.json()["errors"]
