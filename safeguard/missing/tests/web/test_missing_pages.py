"""The missing-children pages through the Django test client: every step, errors in place."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from safeguard.access.rules.capabilities import Role
from safeguard.core.clock import FixedClock, use_clock
from safeguard.missing.models import MissingEpisode, PhilomenaProfile
from safeguard.missing.tests.factories import a_child, london, social_care

pytestmark = pytest.mark.django_db

NOW = london(2027, 1, 9, 2, 30)


def _report_data(child_reference: str, authority_id: str, **changes: str) -> dict[str, str]:
    data = {
        "child_reference": child_reference,
        "category": "MISSING",
        "missing_from": "CARE",
        "placing_authority": authority_id,
        "reported_by_name": "Dana Fictional",
        "reported_by_contact": "01785 000 000",
        "reported_at": "2027-01-09T02:10",
        "last_seen_at": "2027-01-09T01:40",
        "last_seen_place": "Front door",
        "location_missing_from": "Meadow View",
        "circumstances": "Left after an argument",
        "description": "Slim, long dark hair",
        "clothing": "Black coat",
        "phones": "None known",
        "social_media": "None known",
        "possessions": "Not known",
        "transport": "Buses",
        "medical_needs": "None known",
        "likely_destinations": "Hanley",
        "risk_information": "Seen with older men",
        "risk_supplied_by": "Dana Fictional",
        "risk_supplied_by_contact": "01785 000 000",
        "risk_obtained_at": "2027-01-09T02:10",
    }
    data.update(changes)
    return data


def test_report_grade_found_and_return_interview(client_for: Any) -> None:
    client, _officer = client_for(Role.RESPONSE_OFFICER)
    authority = social_care()
    social, _ = client_for(Role.SOCIAL_CARE_USER, organisation=authority)
    child = a_child(given_name="Zoë", family_name="Ó Fictionál")
    with use_clock(FixedClock(NOW)):
        blank = client.post(
            reverse("missing:episode-create"),
            _report_data(child.reference, str(authority.pk), risk_supplied_by=""),
        )
        assert blank.status_code == 400
        assert "Risk information 1: record who supplied it" in blank.content.decode()
        response = client.post(
            reverse("missing:episode-create"), _report_data(child.reference, str(authority.pk))
        )
        assert response.status_code == 302
        episode = MissingEpisode.objects.get(child=child)
        page = client.get(reverse("missing:episode-detail", kwargs={"episode_id": episode.pk}))
        assert page.status_code == 200
        body = page.content.decode()
        assert "Zoë Ó Fictionál" in body
        assert "Not graded" in body
        again = client.post(
            reverse("missing:episode-create"), _report_data(child.reference, str(authority.pk))
        )
        assert again.status_code == 409
        assert episode.reference in again.content.decode()
        graded = client.post(
            reverse("missing:episode-grade", kwargs={"episode_id": episode.pk}),
            {
                "SERIOUS_HARM_INFORMATION": "NO",
                "EXPLOITATION_RISK": "YES",
                "MEDICATION_OR_ILLNESS": "NO",
                "ADVERSE_WEATHER": "NO",
                "OUT_OF_CHARACTER": "NO",
                "HARMED_WHEN_MISSING_BEFORE": "NO",
                "REPORTER_CONCERNED": "YES",
                "instrument_version": "1",
            },
        )
        assert graded.status_code == 302
        page = client.get(reverse("missing:episode-detail", kwargs={"episode_id": episode.pk}))
        assert "High risk" in page.content.decode()
        assert "Child Rescue Alert was considered" in page.content.decode()
    with use_clock(FixedClock(london(2027, 1, 9, 15, 0))):
        early = client.post(
            reverse("missing:episode-found", kwargs={"episode_id": episode.pk}),
            {
                "found_at": "2027-01-08T23:00",
                "found_place": "Hanley",
                "found_by": "PC Fictional",
                "condition": "SAFE_AND_WELL",
            },
        )
        assert early.status_code == 400
        assert "before the child went missing" in early.content.decode()
        found = client.post(
            reverse("missing:episode-found", kwargs={"episode_id": episode.pk}),
            {
                "found_at": "2027-01-09T14:00",
                "found_place": "Hanley",
                "found_by": "PC Fictional",
                "condition": "SAFE_AND_WELL",
                "review_delay": "",
            },
        )
        assert found.status_code == 302
        inbox = social.get(reverse("missing:return-interview-inbox"))
        assert episode.reference in inbox.content.decode()
        detail = social.get(reverse("missing:return-interview", kwargs={"episode_id": episode.pk}))
        assert "Seen with older men" not in detail.content.decode()
        assert (
            social.get(
                reverse("missing:episode-detail", kwargs={"episode_id": episode.pk})
            ).status_code
            == 404
        )
        done = social.post(
            reverse("missing:return-interview", kwargs={"episode_id": episode.pk}),
            {"outcome": "COMPLETED", "note": ""},
        )
        assert done.status_code == 302
    episode.refresh_from_db()
    assert episode.return_interview_outcome == "COMPLETED"


def test_carer_profile_pages_and_isolation(client_for: Any) -> None:
    carer, _ = client_for(Role.CARER)
    other, _ = client_for(Role.CARER)
    police, _ = client_for(Role.RESPONSE_OFFICER)
    with use_clock(FixedClock(NOW)):
        bad = carer.post(
            reverse("missing:profile-create"), {"child_name": "", "physical_description": ""}
        )
        assert bad.status_code == 400
        assert "Give the child&#x27;s name" in bad.content.decode()
        created = carer.post(
            reverse("missing:profile-create"),
            {
                "child_name": "Łucja <script>alert(1)</script> Fictional",
                "child_date_of_birth": "2012-04-05",
                "physical_description": "Tall, red hair",
                "location_1_name": "Hanley park",
                "location_1_risk": "Older men gather there",
            },
        )
        assert created.status_code == 302
        profile = PhilomenaProfile.objects.get()
        listing = carer.get(reverse("missing:profile-list")).content.decode()
        assert profile.reference in listing
        assert "<script>alert(1)</script>" not in listing
        url = reverse("missing:profile-edit", kwargs={"profile_id": profile.pk})
        assert carer.get(url).status_code == 200
        assert other.get(url).status_code == 404
        assert police.get(url).status_code == 404
        assert police.get(reverse("missing:profile-list")).status_code == 404


def test_a_new_episode_shows_what_earlier_debriefs_found(client_for: Any) -> None:
    from safeguard.missing.rules.codes import FoundCondition
    from safeguard.missing.services import (
        FoundDetails,
        episode_found,
        missing_report_record,
        prevention_interview_record,
    )
    from safeguard.missing.tests.factories import report, risk_information

    client, officer = client_for(Role.RESPONSE_OFFICER)
    authority = social_care()
    child = a_child()
    first_seen = london(2027, 1, 2, 22, 0)
    with use_clock(FixedClock(london(2027, 1, 3, 12, 0))):
        first = missing_report_record(
            actor=officer,
            details=report(
                child, last_seen_at=first_seen, reported_at=first_seen, placing_authority=authority
            ),
            risk_information=risk_information(first_seen),
        )
        episode_found(
            actor=officer,
            episode_id=first.pk,
            details=FoundDetails(
                found_at=london(2027, 1, 3, 9, 0),
                found_place="Hanley",
                found_by="PC Fictional",
                condition=FoundCondition.SAFE_AND_WELL,
            ),
        )
        prevention_interview_record(
            actor=officer,
            episode_id=first.pk,
            held_at=london(2027, 1, 3, 11, 0),
            summary="Spoke alone; stayed at a friend's",
            debrief_intelligence="Collected by a silver car outside the station",
        )
    with use_clock(FixedClock(NOW)):
        second = missing_report_record(
            actor=officer,
            details=report(
                child,
                last_seen_at=london(2027, 1, 9, 1, 0),
                reported_at=london(2027, 1, 9, 2, 0),
                placing_authority=authority,
            ),
            risk_information=risk_information(london(2027, 1, 9, 2, 0)),
        )
        client.post(
            reverse("missing:episode-purpose", kwargs={"episode_id": second.pk}),
            {"purpose": "Investigation"},
        )
        page = client.get(reverse("missing:episode-detail", kwargs={"episode_id": second.pk}))
    assert page.status_code == 200
    assert "Collected by a silver car outside the station" in page.content.decode()


def test_nrm_referral_then_its_decisions_from_the_episode_page(client_for: Any) -> None:
    from safeguard.missing.models import NrmReferral
    from safeguard.missing.services import missing_report_record
    from safeguard.missing.tests.factories import report, risk_information

    client, researcher = client_for(Role.MASH_RESEARCHER)
    child = a_child()
    seen = london(2027, 1, 9, 1, 0)
    with use_clock(FixedClock(NOW)):
        episode = missing_report_record(
            actor=researcher,
            details=report(
                child, last_seen_at=seen, reported_at=seen, placing_authority=social_care()
            ),
            risk_information=risk_information(seen),
        )
        client.post(
            reverse("missing:episode-purpose", kwargs={"episode_id": episode.pk}),
            {"purpose": "Investigation"},
        )
        url = reverse("missing:episode-nrm", kwargs={"episode_id": episode.pk})
        refused = client.post(url, {"exploitation_type": "", "first_responder": ""})
        assert refused.status_code == 400
        assert "Choose the type of exploitation" in refused.content.decode()
        created = client.post(
            url,
            {
                "exploitation_type": "COUNTY_LINES",
                "referred_on": "2027-01-09",
                "first_responder": "Fictional Constabulary",
                "reasonable_grounds": "PENDING",
                "conclusive_grounds": "PENDING",
                "victim_not_offender": "on",
            },
        )
        assert created.status_code == 302
        referral = NrmReferral.objects.get()
        page = client.get(reverse("missing:episode-detail", kwargs={"episode_id": episode.pk}))
        assert "Record the decisions for this referral" in page.content.decode()
        decided = client.post(
            reverse("missing:episode-nrm-decision", kwargs={"episode_id": episode.pk}),
            {
                "referral_id": str(referral.pk),
                "reasonable_grounds": "POSITIVE",
                "reasonable_grounds_on": "2027-01-09",
                "conclusive_grounds": "PENDING",
            },
        )
        assert decided.status_code == 302
    referral.refresh_from_db()
    assert referral.reasonable_grounds == "POSITIVE"


@pytest.mark.parametrize(
    "role", [Role.HOTEL_REPORTER, Role.SCHOOL_DSL, Role.SOCIAL_CARE_USER, Role.CARER, Role.AUDITOR]
)
def test_no_police_page_of_an_episode_opens_for_anyone_else(client_for: Any, role: Role) -> None:
    from safeguard.missing.services import missing_report_record
    from safeguard.missing.tests.factories import report, risk_information

    _, officer = client_for(Role.RESPONSE_OFFICER)
    stranger, _ = client_for(role)
    seen = london(2027, 1, 9, 1, 0)
    with use_clock(FixedClock(NOW)):
        episode = missing_report_record(
            actor=officer,
            details=report(a_child(), last_seen_at=seen, reported_at=seen),
            risk_information=risk_information(seen),
        )
        kwargs = {"episode_id": episode.pk}
        for name in (
            "episode-detail",
            "episode-purpose",
            "episode-grade",
            "episode-found",
            "episode-prevention",
        ):
            assert stranger.get(reverse(f"missing:{name}", kwargs=kwargs)).status_code == 404
        for name in ("episode-cra", "episode-review", "episode-nrm", "episode-strategy"):
            assert stranger.post(reverse(f"missing:{name}", kwargs=kwargs), {}).status_code == 404
        assert stranger.get(reverse("missing:episode-list")).status_code == 404
        assert stranger.get(reverse("missing:return-interview", kwargs=kwargs)).status_code == 404


def test_an_archived_profile_is_never_attached_again(client_for: Any) -> None:
    from safeguard.audit.models import AuditEvent
    from safeguard.missing.services import EpisodeInvalid, missing_report_record
    from safeguard.missing.tests.factories import report, risk_information

    carer, _ = client_for(Role.CARER)
    other, _ = client_for(Role.CARER)
    _, officer = client_for(Role.RESPONSE_OFFICER)
    with use_clock(FixedClock(NOW)):
        carer.post(
            reverse("missing:profile-create"),
            {
                "child_name": "Ada Fictional",
                "child_date_of_birth": "2012-04-05",
                "physical_description": "Tall, red hair",
            },
        )
        profile = PhilomenaProfile.objects.get()
        url = reverse("missing:profile-archive", kwargs={"profile_id": profile.pk})
        assert (
            "archive"
            in carer.get(
                reverse("missing:profile-edit", kwargs={"profile_id": profile.pk})
            ).content.decode()
        )
        assert other.post(url).status_code == 404
        assert carer.post(url).status_code == 302
        assert carer.post(url).status_code == 302  # twice changes nothing
        seen = london(2027, 1, 9, 1, 0)
        with pytest.raises(EpisodeInvalid) as caught:
            missing_report_record(
                actor=officer,
                details=report(
                    a_child(),
                    last_seen_at=seen,
                    reported_at=seen,
                    philomena_reference=profile.reference,
                ),
                risk_information=risk_information(seen),
            )
    profile.refresh_from_db()
    assert profile.archived_at is not None
    assert "philomena_reference" in caught.value.errors
    assert AuditEvent.objects.filter(event_type="philomena.profile_archived").count() == 1
    listing = carer.get(reverse("missing:profile-list")).content.decode()
    assert reverse("missing:profile-edit", kwargs={"profile_id": profile.pk}) not in listing
