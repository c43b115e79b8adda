"""Build the steps of the referral loop for tests (fictional people only)."""

from __future__ import annotations

import datetime as dt

from safeguard.accounts.models import Organisation, OrganisationKind
from safeguard.incidents.rules.voice_of_child import VoiceOfChild
from safeguard.people.tests.factories import make_person
from safeguard.referrals.models import ChildConcern, Referral
from safeguard.referrals.services import (
    ConcernDetails,
    ReferralDetails,
    concern_record,
    concern_triage,
    referral_send,
)

PPN_NO = dict.fromkeys(
    (
        "SIGNIFICANT_HARM",
        "NO_SAFE_CARER",
        "ABUSE_DISCLOSED",
        "DOMESTIC_ABUSE_EXPOSURE",
        "CARER_CAPACITY_REDUCED",
        "NEGLECT_SIGNS",
        "EXPLOITATION_OR_MISSING",
    ),
    "NO",
)
GREEN = dict(PPN_NO)
AMBER = {**PPN_NO, "NEGLECT_SIGNS": "YES"}
RED = {**PPN_NO, "SIGNIFICANT_HARM": "YES"}

VOICE = VoiceOfChild(
    seen=True,
    spoken_to=True,
    spoken_to_alone=True,
    childs_words="I don't want to go home",
    behaviour_and_demeanour="Withdrawn, flinched when the door banged",
)


def social_care(name: str = "Fictional Children's Services") -> Organisation:
    return Organisation.objects.create(name=name, kind=OrganisationKind.CHILDRENS_SOCIAL_CARE)


def a_concern(officer, *, at: dt.datetime, key: str = "") -> ChildConcern:
    child = make_person(date_of_birth=dt.date(2015, 4, 1))
    return concern_record(
        actor=officer,
        details=ConcernDetails(
            child_id=child.pk,
            occurred_at=at - dt.timedelta(hours=1),
            location="School gate",
            summary="Bruising seen by a teacher; child afraid to go home.",
            voice=VOICE,
        ),
        idempotency_key=key,
    )


def a_referral(officer, researcher, organisation: Organisation, *, at: dt.datetime) -> Referral:
    concern = a_concern(officer, at=at)
    concern_triage(
        actor=researcher,
        concern_id=concern.pk,
        research_notes="Two previous concerns",
        answers=RED,
        decision="REFER_TO_SOCIAL_CARE",
        rationale="Injury and fear of going home",
    )
    return referral_send(
        actor=researcher,
        concern_id=concern.pk,
        details=ReferralDetails(
            recipient_organisation_id=organisation.pk,
            method="SECURE_EMAIL",
            reason="Unexplained bruising, child fearful",
            recipient_name="Duty manager",
        ),
    )
