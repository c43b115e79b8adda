"""Codes, labels, which records link in which roles, and what a reporter sees."""

from __future__ import annotations

import pytest

from safeguard.places.rules.codes import (
    INDICATOR_LABELS,
    LINK_ROLE_LABELS,
    LINKABLE_ROLES,
    PLACE_KIND_LABELS,
    SUBMITTER_STATUS_LABELS,
    ConcernStatus,
    Indicator,
    LinkRole,
    PlaceKind,
    link_errors,
    submitter_status,
)


class TestLabels:
    def test_every_code_has_a_label(self) -> None:
        assert set(INDICATOR_LABELS) == set(Indicator)
        assert set(PLACE_KIND_LABELS) == set(PlaceKind)
        assert set(LINK_ROLE_LABELS) == set(LinkRole)
        assert set(SUBMITTER_STATUS_LABELS) == set(ConcernStatus)

    def test_the_makesafe_list_has_nine_signs_and_other(self) -> None:
        assert len(Indicator) == 10
        assert Indicator.OTHER in INDICATOR_LABELS

    def test_every_role_is_used_by_some_record(self) -> None:
        used = set().union(*LINKABLE_ROLES.values())
        assert used == set(LinkRole)


class TestLinkErrors:
    @pytest.mark.parametrize(
        ("subject_type", "role", "reason", "expected"),
        [
            ("missing.missingepisode", "FOUND_AT", "Found in room 12", set()),
            ("missing.missingepisode", "LAST_SEEN_AT", "Seen at reception", set()),
            ("incidents.occurrence", "INCIDENT_AT", "Assault in the car park", set()),
            ("referrals.referral", "REFERRAL_ABOUT", "Referral names the hotel", set()),
            ("referrals.childconcern", "CONCERN_AT", "Concern at the hotel", set()),
            ("places.businessconcern", "CONCERN_AT", "Reported by the hotel", set()),
            ("missing.missingepisode", "INCIDENT_AT", "Found in room 12", {"role"}),
            ("people.person", "FOUND_AT", "A person is not a record", {"subject_type"}),
            ("referrals.referral", "REFERRAL_ABOUT", "short", {"reason"}),
            ("people.person", "NOPE", " ", {"subject_type", "reason"}),
        ],
    )
    def test_links(self, subject_type: str, role: str, reason: str, expected: set[str]) -> None:
        errors = link_errors(subject_type=subject_type, role=role, reason=reason, reason_min=10)
        assert set(errors) == expected

    def test_a_wrong_role_names_the_allowed_ones(self) -> None:
        errors = link_errors(
            subject_type="referrals.referral", role="FOUND_AT", reason="x" * 10, reason_min=10
        )
        assert errors["role"] == ["For this record choose one of: referral about this place."]


class TestSubmitterStatus:
    @pytest.mark.parametrize(
        ("status", "starts"),
        [
            ("RECEIVED", "Received"),
            ("ACTIONED", "Actioned"),
            ("CLOSED", "Closed"),
            ("SOMETHING_NEW", "Received"),
        ],
    )
    def test_status_words(self, status: str, starts: str) -> None:
        assert submitter_status(status).startswith(starts)
