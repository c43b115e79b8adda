"""Receiving online referral packages: checked, recognised twice, matched, children listed."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest

from safeguard.access.rules.capabilities import Role
from safeguard.accounts.models import User
from safeguard.audit.models import AuditEvent
from safeguard.clocks.models import StatutoryClock
from safeguard.core.clock import FixedClock, use_clock
from safeguard.core.exceptions import CapabilityMissing
from safeguard.online_abuse.models import ChildAroundSuspect, IdentifierMatch, OnlineReferral
from safeguard.online_abuse.rules.package import PackageInvalid
from safeguard.online_abuse.services import (
    ImportFileInvalid,
    ReferralDuplicate,
    referral_receive,
    referrals_import,
)
from safeguard.online_abuse.tests.support import RECEIVED, household, package

pytestmark = pytest.mark.django_db

NOW = RECEIVED + dt.timedelta(hours=2)


@pytest.fixture
def investigator(make_user: Callable[..., User]) -> User:
    return make_user(Role.INVESTIGATOR)


@pytest.fixture(autouse=True)
def _clock():
    with use_clock(FixedClock(NOW)):
        yield


def test_a_package_matches_the_known_adult_and_lists_the_children(investigator: User) -> None:
    suspect, children, address = household()
    referral = referral_receive(actor=investigator, data=package())
    assert referral.reference.startswith("ONL-2026-")
    assert referral.suspect == suspect
    matches = IdentifierMatch.objects.filter(identifier__referral=referral)
    assert {(m.person_id, m.address_id) for m in matches} == {
        (suspect.pk, None),
        (None, address.pk),
    }
    listed = ChildAroundSuspect.objects.filter(referral=referral)
    assert {c.child_id for c in listed} == {c.pk for c in children}
    assert {c.link for c in listed} == {"LIVES_AT_SUSPECT_ADDRESS"}
    assert referral.identifiers.get(kind="EMAIL").normalised == "suspect.fictional@example.invalid"
    action = StatutoryClock.objects.get(kind="online.action")
    assert action.started_at == RECEIVED
    assert action.due_at == RECEIVED + dt.timedelta(hours=24)  # ungraded: very high
    assert action.urgent
    event = AuditEvent.objects.get(event_type="online_referral.received")
    assert event.operation == "collection"
    assert event.changes["children"] == 2


def test_the_same_package_twice_is_recognised(investigator: User) -> None:
    first = referral_receive(actor=investigator, data=package())
    relaid = json.loads(json.dumps(package(), indent=4))
    relaid["suspect"]["emails"] = ["SUSPECT.fictional@example.invalid"]
    with pytest.raises(ReferralDuplicate, match=first.reference):
        referral_receive(actor=investigator, data=relaid)
    with pytest.raises(ReferralDuplicate):
        referral_receive(actor=investigator, data=package(summary="Resent with a new summary"))
    assert OnlineReferral.objects.count() == 1


def test_a_package_with_no_match_lists_no_one(investigator: User) -> None:
    referral = referral_receive(actor=investigator, data=package(reference="NCA-TEST-2"))
    assert referral.suspect is None
    assert not referral.children.exists()


def test_a_bad_package_is_refused_with_every_problem(investigator: User) -> None:
    bad = package(source="PIGEON", received_at="yesterday")
    bad["suspect"]["emails"] = ["not an email"]
    with pytest.raises(PackageInvalid) as caught:
        referral_receive(actor=investigator, data=bad)
    text = " ".join(caught.value.errors)
    assert "source" in text
    assert "received_at" in text
    assert "suspect.emails[0]" in text
    assert not OnlineReferral.objects.exists()


def test_a_file_imports_the_good_packages_and_reports_the_rest(investigator: User) -> None:
    household()
    packages = [
        package(),
        {"source": "NCA_CEOP"},
        package(media=[{"md6": "abc"}], reference="NCA-TEST-3"),
        package(),
        package(reference="NCA-TEST-4", source="IWF"),
    ]
    report = referrals_import(actor=investigator, text=json.dumps(packages))
    assert len(report.recorded) == 2
    assert report.duplicates == [(4, report.recorded[0])]
    assert [n for n, _ in report.refused] == [2, 3]
    assert any("unknown hash format" in e for e in report.refused[1][1])


@pytest.mark.parametrize(
    ("text", "message"),
    [("{not json", "not JSON"), ("[]", "no packages")],
)
def test_a_file_that_is_not_packages_is_refused_whole(
    investigator: User, text: str, message: str
) -> None:
    with pytest.raises(ImportFileInvalid, match=message):
        referrals_import(actor=investigator, text=text)


def test_a_partner_cannot_record_a_referral(make_user: Callable[..., User]) -> None:
    with pytest.raises(CapabilityMissing):
        referral_receive(actor=make_user(Role.SCHOOL_DSL), data=package())
