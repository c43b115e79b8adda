from __future__ import annotations

import datetime as dt
import json
import re
import uuid

import pytest
from django.urls import reverse

from safeguard.access.rules.capabilities import Role
from safeguard.core.clock import FixedClock, use_clock
from safeguard.people.tests.factories import make_person
from safeguard.referrals.models import ChildConcern, Referral
from safeguard.referrals.tests.factories import AMBER, RED, a_referral, social_care

pytestmark = pytest.mark.django_db
FRIDAY = dt.datetime(2026, 11, 27, 16, 0, tzinfo=dt.UTC)
# Pages run on the real clock, so records they act on must lie in the past.
PAST_FRIDAY = dt.datetime(2026, 11, 20, 16, 0, tzinfo=dt.UTC)


def risk_fields(answers: dict[str, str]) -> dict[str, str]:
    """The PPN RAG form's fields as posted (prefix "risk"), text answers filled from the concern."""
    return {
        "risk-instrument_version": "1",
        **{f"risk-{code}": value for code, value in answers.items()},
        "risk-CONCERN_SUMMARY": "As recorded",
        "risk-CHILD_VOICE": "As recorded",
    }


def without_csrf(body: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", body)


class TestWebLoop:
    def test_officer_to_mash_to_social_care(self, client_for, make_user) -> None:
        csc = social_care()
        officer, _ = client_for(Role.RESPONSE_OFFICER)
        child = make_person(given_name="Ayaan", date_of_birth=dt.date(2014, 6, 1))
        # the officer records the concern with the child's voice
        form = officer.get(reverse("referrals:concern-create"))
        found = re.search(rb'name="submission_key" value="([0-9a-f]+)"', form.content)
        assert found is not None
        key = found.group(1).decode()
        data = {
            "child_reference": child.reference,
            "occurred_at": "2026-11-20T18:00",
            "location": "Shop doorway",
            "summary": "Child found begging, says he is hungry",
            "seen": "yes",
            "spoken_to": "yes",
            "spoken_to_alone": "no",
            "childs_words": "There's no food at home",
            "behaviour_and_demeanour": "Thin, anxious",
            "submission_key": key,
        }
        made = officer.post(reverse("referrals:concern-create"), data)
        assert made.status_code == 302
        assert (
            officer.post(reverse("referrals:concern-create"), data).status_code == 302
        )  # double submit
        concern = ChildConcern.objects.get()
        # the MASH researcher sees it in the queue, triages and refers
        mash, _ = client_for(Role.MASH_RESEARCHER)
        queue = mash.get(reverse("referrals:triage-queue")).content.decode()
        assert concern.reference in queue
        detail = reverse("referrals:concern-detail", kwargs={"concern_id": concern.pk})
        mash.post(
            reverse("referrals:concern-purpose", kwargs={"concern_id": concern.pk}),
            {"purpose": "Safeguarding enquiry"},
        )
        assert mash.get(detail).status_code == 200
        bad = mash.post(
            reverse("referrals:concern-triage", kwargs={"concern_id": concern.pk}),
            {
                **risk_fields(AMBER),
                "risk-NEGLECT_SIGNS": "PURPLE",
                "decision": "REFER_TO_SOCIAL_CARE",
                "rationale": "x",
            },
        )
        assert bad.status_code == 400
        assert "govuk-error-summary" in bad.content.decode()
        mash.post(
            reverse("referrals:concern-triage", kwargs={"concern_id": concern.pk}),
            {
                **risk_fields(AMBER),
                "decision": "REFER_TO_SOCIAL_CARE",
                "rationale": "Neglect indicators",
            },
        )
        sent = mash.post(
            reverse("referrals:referral-send", kwargs={"concern_id": concern.pk}),
            {
                "recipient_organisation": str(csc.pk),
                "method": "PORTAL",
                "reason": "Possible neglect",
            },
        )
        assert sent.status_code == 302
        referral = Referral.objects.get()
        # the social worker acknowledges and decides
        social, _ = client_for(Role.SOCIAL_CARE_USER, organisation=csc)
        assert referral.reference in social.get(reverse("referrals:referral-list")).content.decode()
        social.post(
            reverse("referrals:referral-purpose", kwargs={"referral_id": referral.pk}),
            {"purpose": "Referral to a partner"},
        )
        social.post(reverse("referrals:referral-acknowledge", kwargs={"referral_id": referral.pk}))
        social.post(
            reverse("referrals:referral-decide", kwargs={"referral_id": referral.pk}),
            {"decision": "CHILD_IN_NEED_ASSESSMENT", "note": "Assessment allocated"},
        )
        page = social.get(
            reverse("referrals:referral-detail", kwargs={"referral_id": referral.pk})
        ).content.decode()
        assert "Child in need assessment" in page
        assert "MET" in page


class TestPartnerPages:
    @pytest.mark.parametrize("route", ["referrals:referral-detail", "referrals:referral-purpose"])
    def test_another_councils_referral_answers_like_a_missing_one(
        self, client_for, make_user, route
    ) -> None:
        csc, other = social_care(), social_care("Other Fictional Council")
        with use_clock(FixedClock(FRIDAY)):
            referral = a_referral(
                make_user(Role.RESPONSE_OFFICER), make_user(Role.MASH_RESEARCHER), csc, at=FRIDAY
            )
        client, _ = client_for(Role.SOCIAL_CARE_USER, organisation=other)
        real = client.get(reverse(route, kwargs={"referral_id": referral.pk}))
        missing = client.get(reverse(route, kwargs={"referral_id": uuid.uuid4()}))
        assert real.status_code == missing.status_code == 404
        assert without_csrf(real.content) == without_csrf(missing.content)

    def test_hotel_users_see_no_referral_pages(self, client_for) -> None:
        client, _ = client_for(Role.HOTEL_REPORTER)
        assert client.get(reverse("referrals:referral-list")).status_code == 404
        assert client.get(reverse("referrals-api:referral-list")).status_code == 404


class TestReferralApi:
    def test_idempotent_intake_and_partner_decision(self, client_for, make_user) -> None:
        csc = social_care()
        officer, _ = client_for(Role.INVESTIGATOR)
        child = make_person(date_of_birth=dt.date(2013, 1, 1))
        body = {
            "child_id": str(child.pk),
            "occurred_at": "2026-11-20T18:00:00Z",
            "location": "Home",
            "summary": "Disclosure at school",
            "voice_of_child": {
                "seen": True,
                "spoken_to": True,
                "spoken_to_alone": True,
                "childs_words": "He hits me",
                "behaviour_and_demeanour": "Tearful",
            },
        }
        headers = {"Idempotency-Key": "abc-123"}
        first = officer.post(
            reverse("referrals-api:concern-record"),
            json.dumps(body),
            content_type="application/json",
            headers=headers,
        )
        again = officer.post(
            reverse("referrals-api:concern-record"),
            json.dumps(body),
            content_type="application/json",
            headers=headers,
        )
        assert first.status_code == again.status_code == 201
        assert first.json()["id"] == again.json()["id"]
        concern_id = first.json()["id"]
        bad = officer.post(
            reverse("referrals-api:concern-triage", kwargs={"concern_id": concern_id}),
            json.dumps(
                {
                    "answers": {**AMBER, "NEGLECT_SIGNS": "PURPLE"},
                    "decision": "REFER_TO_SOCIAL_CARE",
                    "rationale": "x",
                }
            ),
            content_type="application/json",
        )
        assert bad.status_code == 400
        assert "answers.NEGLECT_SIGNS" in bad.json()["errors"]
        officer.post(
            reverse("referrals-api:concern-triage", kwargs={"concern_id": concern_id}),
            json.dumps(
                {
                    "answers": RED,
                    "decision": "REFER_TO_SOCIAL_CARE",
                    "rationale": "Disclosure of assault",
                }
            ),
            content_type="application/json",
        )
        sent = officer.post(
            reverse("referrals-api:referral-send", kwargs={"concern_id": concern_id}),
            json.dumps(
                {
                    "recipient_organisation_id": str(csc.pk),
                    "method": "SECURE_EMAIL",
                    "reason": "Disclosure of physical abuse",
                }
            ),
            content_type="application/json",
        )
        assert sent.status_code == 201
        social, _ = client_for(Role.SOCIAL_CARE_USER, organisation=csc)
        decided = social.post(
            reverse("referrals-api:referral-decide", kwargs={"referral_id": sent.json()["id"]}),
            json.dumps({"decision": "SECTION_47_ENQUIRIES"}),
            content_type="application/json",
        )
        assert decided.status_code == 200
        assert decided.json()["status"] == "DECIDED"
        unknown = social.post(
            reverse("referrals-api:referral-decide", kwargs={"referral_id": uuid.uuid4()}),
            json.dumps({"decision": "SECTION_47_ENQUIRIES"}),
            content_type="application/json",
        )
        assert unknown.status_code == 404


class TestStrategyAndProtectionPages:
    def test_record_a_strategy_discussion_on_the_referral_page(self, client_for, make_user) -> None:
        with use_clock(FixedClock(PAST_FRIDAY)):
            referral = a_referral(
                make_user(Role.RESPONSE_OFFICER),
                make_user(Role.MASH_RESEARCHER),
                social_care(),
                at=PAST_FRIDAY,
            )
        client, _ = client_for(Role.INVESTIGATOR)
        client.post(
            reverse("referrals:referral-purpose", kwargs={"referral_id": referral.pk}),
            {"purpose": "Investigation"},
        )
        url = reverse("referrals:strategy-discussion-record", kwargs={"referral_id": referral.pk})
        bad = client.post(
            url,
            {"held_at": "2026-11-23T10:00", "attendees": "", "police_actions": "", "outcome": ""},
        )
        assert bad.status_code == 400
        assert "govuk-error-summary" in bad.content.decode()
        ok = client.post(
            url,
            {
                "held_at": "2026-11-23T10:00",
                "attendees": "DS Fictional, Police\nSW Fictional, CSC",
                "police_actions": "Joint visit today",
                "outcome": "SECTION_47_JOINT",
            },
        )
        assert ok.status_code == 302
        page = client.get(
            reverse("referrals:referral-detail", kwargs={"referral_id": referral.pk})
        ).content.decode()
        assert "Initial child protection conference" in page
        assert "DS Fictional (Police)" in page

    def test_police_protection_start_notice_and_end(self, client_for) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        child = make_person(date_of_birth=dt.date(2019, 1, 1))
        bad = client.post(
            reverse("referrals:protection-start"),
            {
                "child_reference": child.reference,
                "starts_at": "2099-01-01T00:00",
                "reason": "x",
                "accommodation": "",
            },
        )
        assert bad.status_code == 400
        made = client.post(
            reverse("referrals:protection-start"),
            {
                "child_reference": child.reference,
                "starts_at": "2026-11-20T02:00",
                "reason": "Child found alone at 2am in a freezing flat",
                "accommodation": "Fictional foster carer",
            },
        )
        assert made.status_code == 302
        page = client.get(made["Location"]).content.decode()
        assert "Police protection ends (72 hours)" in page
        assert "Still to do" in page
        protection_id = made["Location"].rstrip("/").split("/")[-1]
        notice = client.post(
            reverse("referrals:protection-notice", kwargs={"protection_id": protection_id}),
            {"notice": "LOCAL_AUTHORITY", "given_at": "2026-11-20T02:30", "detail": "EDT"},
        )
        assert notice.status_code == 302
        end = client.post(
            reverse("referrals:protection-end", kwargs={"protection_id": protection_id}),
            {"ends_at": "2026-11-21T09:00", "end_reason": "Returned to grandparent"},
        )
        assert end.status_code == 302
        assert "MET" in client.get(made["Location"]).content.decode()


class TestAllocationPage:
    def test_supervisor_sees_caseloads_before_allocating(self, client_for, make_user) -> None:
        from safeguard.accounts.models import Team
        from safeguard.referrals.tests.factories import a_concern

        mash_team = Team.objects.create(name="Fictional MASH", code="MASH")
        researcher = make_user(Role.MASH_RESEARCHER, user_team=mash_team, username="dc_fictional")
        with use_clock(FixedClock(PAST_FRIDAY)):
            concern = a_concern(make_user(Role.RESPONSE_OFFICER), at=PAST_FRIDAY)
        client, _ = client_for(Role.SUPERVISOR, user_team=mash_team)
        client.post(
            reverse("referrals:concern-purpose", kwargs={"concern_id": concern.pk}),
            {"purpose": "Supervision or review"},
        )
        page = client.get(
            reverse("referrals:concern-detail", kwargs={"concern_id": concern.pk})
        ).content.decode()
        assert "dc_fictional: 0 running, 0 overdue" in page
        url = reverse("referrals:concern-allocate", kwargs={"concern_id": concern.pk})
        assert client.post(url, {"officer": "not-an-id"}).status_code == 400
        assert client.post(url, {"officer": str(researcher.pk)}).status_code == 302
        queue_client, _ = client_for(Role.MASH_RESEARCHER, user_team=mash_team)
        assert (
            "dc_fictional" in queue_client.get(reverse("referrals:triage-queue")).content.decode()
        )


class TestStrategyAndProtectionApi:
    def test_strategy_discussion_and_police_protection_over_the_api(
        self, client_for, make_user
    ) -> None:
        with use_clock(FixedClock(PAST_FRIDAY)):
            referral = a_referral(
                make_user(Role.RESPONSE_OFFICER),
                make_user(Role.MASH_RESEARCHER),
                social_care(),
                at=PAST_FRIDAY,
            )
        client, _ = client_for(Role.INVESTIGATOR)
        url = reverse(
            "referrals-api:strategy-discussion-record", kwargs={"referral_id": referral.pk}
        )
        body = {
            "held_at": "2026-11-23T10:00:00Z",
            "attendees": [{"name": "DS Fictional", "agency": "Police"}],
            "police_actions": "Joint visit",
            "outcome": "SECTION_47_JOINT",
        }
        assert (
            client.post(url, json.dumps(body), content_type="application/json").status_code == 201
        )
        bad = client.post(
            url, json.dumps({**body, "outcome": "MAYBE"}), content_type="application/json"
        )
        assert bad.status_code == 400
        child = make_person(date_of_birth=dt.date(2019, 1, 1))
        started = client.post(
            reverse("referrals-api:protection-start"),
            json.dumps(
                {
                    "child_id": str(child.pk),
                    "starts_at": "2026-11-24T02:00:00Z",
                    "reason": "Child left alone overnight",
                    "accommodation": "Fictional foster carer",
                }
            ),
            content_type="application/json",
        )
        assert started.status_code == 201
        pid = started.json()["id"]
        notice = client.post(
            reverse("referrals-api:protection-notice", kwargs={"protection_id": pid}),
            json.dumps({"notice": "PARENTS", "given_at": "2026-11-24T03:00:00Z"}),
            content_type="application/json",
        )
        assert notice.status_code == 201
        ended = client.post(
            reverse("referrals-api:protection-end", kwargs={"protection_id": pid}),
            json.dumps({"ends_at": "2026-11-25T02:00:00Z", "end_reason": "Returned home"}),
            content_type="application/json",
        )
        assert ended.status_code == 200
        assert ended.json()["ends_at"] is not None


class TestRiskReview:
    def test_the_grade_awaits_the_supervisors_approval_and_is_reviewed_once(
        self, client_for, make_user
    ) -> None:
        from safeguard.risk.models import RiskAssessment

        with use_clock(FixedClock(PAST_FRIDAY)):
            referral = a_referral(
                make_user(Role.RESPONSE_OFFICER),
                make_user(Role.MASH_RESEARCHER),
                social_care(),
                at=PAST_FRIDAY,
            )
        concern = referral.concern
        client, _ = client_for(Role.SUPERVISOR)
        waiting = client.get(reverse("work:supervision")).content.decode()
        assert f"/referrals/concerns/{concern.pk}/" in waiting
        client.post(
            reverse("referrals:concern-purpose", kwargs={"concern_id": concern.pk}),
            {"purpose": "Supervision or review"},
        )
        page = client.get(
            reverse("referrals:concern-detail", kwargs={"concern_id": concern.pk})
        ).content.decode()
        assert "Awaiting review" in page
        url = reverse("referrals:concern-risk-review", kwargs={"concern_id": concern.pk})
        assessment = RiskAssessment.objects.get(subject_id=str(concern.pk))
        assert (
            client.post(url, {"assessment_id": str(assessment.pk), "agreed": ""}).status_code == 400
        )
        done = client.post(
            url, {"assessment_id": str(assessment.pk), "agreed": "yes", "note": "Agreed"}
        )
        assert done.status_code == 302
        again = client.post(url, {"assessment_id": str(assessment.pk), "agreed": "yes"})
        assert again.status_code == 400
        assert (
            f"/referrals/concerns/{concern.pk}/"
            not in client.get(reverse("work:supervision")).content.decode()
        )
