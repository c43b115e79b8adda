"""Reporting a child missing: the core information set, its checks, and what one report writes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from safeguard.access.rules.capabilities import Role
from safeguard.accounts.models import Organisation, OrganisationKind
from safeguard.audit.models import AuditEvent
from safeguard.clocks.models import ClockOutcome, StatutoryClock
from safeguard.core.clock import FixedClock, use_clock
from safeguard.core.exceptions import CapabilityMissing
from safeguard.core.models import ReferenceCounter
from safeguard.missing.models import MissingEpisode, RiskInformation
from safeguard.missing.rules.codes import Category, EpisodeStatus, MissingFrom
from safeguard.missing.rules.standards import CORE_FIELD_NAMES, CORE_FIELDS
from safeguard.missing.services import (
    AlreadyMissing,
    EpisodeInvalid,
    ReportDetails,
    RiskInformationDetails,
    missing_report_record,
    risk_information_add,
)
from safeguard.missing.tests.factories import (
    a_child,
    london,
    report,
    risk_information,
    social_care,
)
from safeguard.missing.tests.services.support import (
    NOW,
    REPORTED,
    SEEN,
    column_length,
    find,
    hours,
    report_missing,
    running,
)

pytestmark = pytest.mark.django_db

MESSAGES = dict(CORE_FIELDS)
TIME_FIELDS = {"reported_at", "last_seen_at"}


@pytest.fixture
def officer(make_user):
    return make_user(Role.RESPONSE_OFFICER)


@pytest.fixture
def child():
    return a_child()


def details(child, **changes: Any) -> ReportDetails:
    return dataclasses.replace(report(child, last_seen_at=SEEN, reported_at=REPORTED), **changes)


def refused(officer, details_, information=None) -> dict[str, list[str]]:
    """Record the report at NOW, expect it refused, and return the field errors."""
    with use_clock(FixedClock(NOW)), pytest.raises(EpisodeInvalid) as caught:
        missing_report_record(
            actor=officer,
            details=details_,
            risk_information=risk_information(REPORTED) if information is None else information,
        )
    return caught.value.errors


def blanked(details_: ReportDetails, name: str) -> ReportDetails:
    value = None if name in TIME_FIELDS else ""
    changes: dict[str, Any] = {name: value}
    return dataclasses.replace(details_, **changes)


class TestCoreInformationSet:
    @pytest.mark.parametrize("name", CORE_FIELD_NAMES)
    def test_each_blank_core_field_is_refused_with_its_own_message(
        self, officer, child, name
    ) -> None:
        errors = refused(officer, blanked(details(child), name))
        assert errors == {name: [MESSAGES[name]]}

    @pytest.mark.parametrize("name", sorted(set(CORE_FIELD_NAMES) - TIME_FIELDS))
    def test_whitespace_is_as_blank_as_nothing(self, officer, child, name) -> None:
        errors = refused(officer, details(child, **{name: " \n\t "}))
        assert errors == {name: [MESSAGES[name]]}

    def test_not_known_is_information_not_a_gap(self, officer, child) -> None:
        with use_clock(FixedClock(NOW)):
            episode = missing_report_record(
                actor=officer,
                details=details(child, clothing="Not known", transport="Not known"),
                risk_information=risk_information(REPORTED),
            )
        assert (episode.clothing, episode.transport) == ("Not known", "Not known")

    def test_every_error_comes_back_at_once(self, officer, child) -> None:
        bad = details(
            child,
            reported_by_name="",
            circumstances="",
            category="RUNAWAY",
            missing_from=MissingFrom.CARE,
            last_seen_at=None,
            exploitation_indicators=("BOGUS",),
        )
        errors = refused(officer, bad, information=[])
        assert set(errors) == {
            "reported_by_name",
            "circumstances",
            "category",
            "last_seen_at",
            "placing_authority",
            "risk_information",
            "exploitation_indicators",
        }

    def test_a_refused_report_writes_nothing(self, officer, child) -> None:
        events_before = AuditEvent.objects.count()
        refused(officer, details(child, description="", clothing=""))
        assert not MissingEpisode.objects.exists()
        assert not RiskInformation.objects.exists()
        assert not StatutoryClock.objects.exists()
        assert not ReferenceCounter.objects.filter(prefix="MIS").exists()
        assert AuditEvent.objects.count() == events_before

    @pytest.mark.parametrize(
        "name",
        [
            n
            for n in sorted(set(CORE_FIELD_NAMES) - TIME_FIELDS)
            if column_length(MissingEpisode, n) is not None
        ],
    )
    def test_text_longer_than_its_column_is_refused_on_that_field(
        self, officer, child, name
    ) -> None:
        # A column of max_length N cannot hold N + 1 characters (PostgreSQL refuses the
        # write); the officer hears which field is too long instead.
        limit = column_length(MissingEpisode, name)
        assert limit is not None
        errors = refused(officer, details(child, **{name: "x" * (limit + 1)}))
        assert list(errors) == [name]

    def test_text_over_the_limit_is_refused(self, officer, child) -> None:
        errors = refused(officer, details(child, circumstances="x" * 5001))
        assert errors == {"circumstances": ["Keep this to 5000 characters or fewer"]}

    def test_an_officer_without_the_capability_cannot_report(self, make_user, child) -> None:
        auditor = make_user(Role.AUDITOR)
        with use_clock(FixedClock(NOW)), pytest.raises(CapabilityMissing):
            missing_report_record(
                actor=auditor,
                details=details(child),
                risk_information=risk_information(REPORTED),
            )
        assert not MissingEpisode.objects.exists()


class TestPlacingAuthority:
    def test_missing_from_care_needs_the_placing_authority(self, officer, child) -> None:
        errors = refused(officer, details(child, missing_from=MissingFrom.CARE))
        assert list(errors) == ["placing_authority"]
        assert "placing authority" in errors["placing_authority"][0]

    def test_the_placing_authority_must_be_childrens_social_care(self, officer, child) -> None:
        home = Organisation.objects.create(
            name="Meadow View Children's Home", kind=OrganisationKind.CARE_PROVIDER
        )
        errors = refused(
            officer,
            details(child, missing_from=MissingFrom.CARE, placing_authority_id=home.pk),
        )
        assert errors["placing_authority"][0] == (
            "Choose the placing authority's children's social care"
        )
        assert set(errors) == {"placing_authority"}

    def test_missing_from_care_with_its_authority_is_recorded(self, officer, child) -> None:
        authority = social_care()
        episode = report_missing(officer, child, authority=authority)
        assert episode.missing_from == MissingFrom.CARE
        assert episode.placing_authority == authority


class TestRiskInformation:
    def source(self, **changes) -> list[RiskInformationDetails]:
        return [dataclasses.replace(risk_information(REPORTED)[0], **changes)]

    @pytest.mark.parametrize(
        ("changes", "words"),
        [
            ({"supplied_by": ""}, "who supplied it"),
            ({"supplied_by_contact": "  "}, "their contact details"),
            ({"obtained_at": None}, "when it was obtained"),
            ({"information": ""}, "the information"),
        ],
    )
    def test_each_piece_needs_its_source_and_time(self, officer, child, changes, words) -> None:
        errors = refused(officer, details(child), information=self.source(**changes))
        assert list(errors) == ["risk_information.0"]
        assert errors["risk_information.0"][0].startswith("Risk information 1: record ")
        assert words in errors["risk_information.0"][0]

    def test_the_second_piece_is_named_by_its_position(self, officer, child) -> None:
        pieces = risk_information(REPORTED) + self.source(supplied_by="", supplied_by_contact="")
        errors = refused(officer, details(child), information=pieces)
        assert errors == {
            "risk_information.1": [
                "Risk information 2: record who supplied it, their contact details"
            ]
        }

    def test_a_report_with_no_risk_information_is_refused(self, officer, child) -> None:
        errors = refused(officer, details(child), information=[])
        assert list(errors) == ["risk_information"]

    def test_risk_information_cannot_be_obtained_in_the_future(self, officer, child) -> None:
        errors = refused(
            officer, details(child), information=self.source(obtained_at=NOW + hours(1))
        )
        assert errors == {
            "risk_information.0": ["Risk information 1: the time obtained cannot be in the future"]
        }

    def test_each_piece_is_kept_with_who_supplied_it_and_when(self, officer, child) -> None:
        episode = report_missing(officer, child)
        (piece,) = episode.risk_information.all()
        assert piece.supplied_by == "Keyworker Dana Fictional, Meadow View children's home"
        assert piece.supplied_by_contact == "01785 000 000"
        assert piece.obtained_at == REPORTED
        assert piece.recorded_by == officer


class TestTimes:
    def test_last_seen_in_the_future_is_refused(self, officer, child) -> None:
        errors = refused(officer, details(child, last_seen_at=NOW + hours(1), reported_at=NOW))
        assert errors == {"last_seen_at": ["The time last seen cannot be in the future"]}

    def test_reported_in_the_future_is_refused(self, officer, child) -> None:
        errors = refused(officer, details(child, reported_at=NOW + dt.timedelta(minutes=1)))
        assert errors == {"reported_at": ["The time reported cannot be in the future"]}

    def test_reported_before_last_seen_is_refused(self, officer, child) -> None:
        errors = refused(officer, details(child, reported_at=SEEN - dt.timedelta(minutes=1)))
        assert list(errors) == ["reported_at"]
        assert "before the time they were last seen" in errors["reported_at"][0]

    def test_reported_the_minute_last_seen_is_allowed(self, officer, child) -> None:
        episode = report_missing(officer, child, reported=SEEN)
        assert episode.reported_at == SEEN


class TestCategory:
    def test_away_from_placement_is_only_for_a_child_missing_from_care(
        self, officer, child
    ) -> None:
        errors = refused(officer, details(child, category=Category.AWAY_WITHOUT_AUTHORISATION))
        assert errors == {
            "category": [
                "Away from placement applies only to a looked-after child: choose missing from care"
            ]
        }

    def test_away_from_placement_from_care_is_recorded(self, officer, child) -> None:
        episode = report_missing(
            officer,
            child,
            authority=social_care(),
            category=Category.AWAY_WITHOUT_AUTHORISATION,
        )
        assert episode.category == Category.AWAY_WITHOUT_AUTHORISATION

    def test_an_unknown_category_is_refused(self, officer, child) -> None:
        errors = refused(officer, details(child, category="RUNAWAY"))
        assert list(errors) == ["category"]

    def test_an_unknown_missing_from_is_refused(self, officer, child) -> None:
        errors = refused(officer, details(child, missing_from="SCHOOL"))
        assert list(errors) == ["missing_from"]

    def test_an_unknown_exploitation_indicator_is_refused(self, officer, child) -> None:
        errors = refused(
            officer, details(child, exploitation_indicators=("OLDER_ASSOCIATES", "HUNCH"))
        )
        assert errors == {"exploitation_indicators": ["Unknown exploitation indicators: HUNCH"]}


class TestTheChild:
    def test_no_child_chosen_is_refused(self, officer, child) -> None:
        errors = refused(officer, details(child, child_id=None))
        assert errors == {"child_id": ["Choose the child who is missing"]}

    def test_a_restricted_child_of_another_team_is_out_of_scope(self, officer, other_team) -> None:
        hidden = a_child(given_name="Restricta", is_restricted=True, owning_team=other_team)
        errors = refused(officer, details(hidden))
        assert errors == {"child_id": ["Choose the child who is missing from the search results"]}
        assert "Restricta" not in errors["child_id"][0]
        assert not MissingEpisode.objects.exists()

    def test_a_restricted_child_of_the_officers_own_team_is_in_scope(self, officer, team) -> None:
        own = a_child(is_restricted=True, owning_team=team)
        assert report_missing(officer, own).child == own

    def test_a_person_eighteen_when_last_seen_is_refused(self, officer) -> None:
        adult = a_child(given_name="Adult", date_of_birth=dt.date(2009, 1, 9))
        errors = refused(officer, details(adult))
        assert errors == {
            "child_id": [
                "Adult Kowalczyk-Fictional was 18 when last seen: this pathway is for children "
                "under 18"
            ]
        }

    def test_the_day_before_their_eighteenth_birthday_they_are_a_child(self, officer) -> None:
        nearly = a_child(date_of_birth=dt.date(2009, 1, 10))
        assert report_missing(officer, nearly).child == nearly

    def test_age_is_taken_on_the_london_date_last_seen(self, officer) -> None:
        # 00:30 BST on 9 July is still 8 July in UTC: in London she is already 18.
        adult = a_child(date_of_birth=dt.date(2009, 7, 9))
        seen = london(2027, 7, 9, 0, 30)
        with (
            use_clock(FixedClock(london(2027, 7, 9, 2, 0))),
            pytest.raises(EpisodeInvalid) as caught,
        ):
            missing_report_record(
                actor=officer,
                details=report(adult, last_seen_at=seen, reported_at=seen),
                risk_information=risk_information(seen),
            )
        assert list(caught.value.errors) == ["child_id"]

    def test_an_estimated_adult_is_refused(self, officer) -> None:
        estimated = a_child(date_of_birth=None, estimated_age=19, estimated_on=dt.date(2026, 6, 1))
        errors = refused(officer, details(estimated))
        assert list(errors) == ["child_id"]
        assert "was 19 when last seen" in errors["child_id"][0]


class TestOneOpenEpisode:
    def test_a_second_report_while_missing_names_the_open_episode(self, officer, child) -> None:
        first = report_missing(officer, child)
        with pytest.raises(AlreadyMissing) as caught:
            report_missing(officer, child, now=NOW + hours(1))
        assert caught.value.episode_id == first.pk
        assert caught.value.reference == first.reference
        assert first.reference in str(caught.value)
        assert MissingEpisode.objects.filter(child=child).count() == 1

    def test_after_the_child_is_found_a_new_report_is_allowed(
        self, officer, child, make_user
    ) -> None:
        first = report_missing(officer, child)
        find(officer, first, found_at=NOW + hours(3), organisation=social_care())
        seen_again = london(2027, 1, 20, 22, 0)
        second = report_missing(
            officer,
            child,
            now=seen_again + hours(2),
            seen=seen_again,
            reported=seen_again + hours(1),
        )
        assert second.pk != first.pk
        assert second.reference != first.reference
        assert second.status == EpisodeStatus.OPEN
        first.refresh_from_db()
        assert first.status == EpisodeStatus.FOUND


class TestIdempotency:
    def test_the_same_key_returns_the_same_episode(self, officer, child) -> None:
        first = report_missing(officer, child, idempotency_key="form-123")
        again = report_missing(officer, child, now=NOW + hours(1), idempotency_key=" form-123 ")
        assert again.pk == first.pk
        assert MissingEpisode.objects.count() == 1
        assert AuditEvent.objects.filter(event_type="missing.reported").count() == 1
        assert StatutoryClock.objects.count() == 1

    def test_the_key_belongs_to_the_officer_who_sent_it(self, officer, make_user) -> None:
        colleague = make_user(Role.RESPONSE_OFFICER)
        mine = report_missing(officer, a_child(), idempotency_key="form-1")
        theirs = report_missing(colleague, a_child(), idempotency_key="form-1")
        assert mine.pk != theirs.pk
        assert MissingEpisode.objects.count() == 2


class TestWhatIsWritten:
    def test_unicode_names_and_text_round_trip(self, officer) -> None:
        child = a_child(given_name="Zoë", family_name="Nguyễn-Łukasiewicz")
        text: dict[str, Any] = {
            "reported_by_name": "Siobhán Ó Dónaill",
            "circumstances": "Left saying «je reviens» — took 💊 and a charger",
            "likely_destinations": "Grandmother in Łódź; مسجد on Corporation St",
            "description": "Şerife's friend; 5ft 2in; hair dyed 紫",
        }
        episode = report_missing(officer, child, **text)
        stored = MissingEpisode.objects.select_related("child").get(pk=episode.pk)
        for name, value in text.items():
            assert getattr(stored, name) == value
        assert stored.child.full_name == "Zoë Nguyễn-Łukasiewicz"

    def test_text_is_trimmed(self, officer, child) -> None:
        episode = report_missing(officer, child, clothing="  Black coat  \n")
        assert episode.clothing == "Black coat"

    def test_the_reported_event_names_the_episode_and_the_child(self, officer, child) -> None:
        episode = report_missing(officer, child)
        event = AuditEvent.objects.get(event_type="missing.reported")
        assert event.operation == "collection"
        assert event.actor == officer
        assert {"type": "missing.missingepisode", "id": str(episode.pk)} in event.subjects
        assert {"type": "people.person", "id": str(child.pk)} in event.subjects
        assert event.changes["reference"] == episode.reference
        assert event.changes["risk_information"] == 1
        assert event.occurred_at == NOW

    def test_the_first_review_falls_due_as_for_a_high_risk_child(self, officer, child) -> None:
        episode = report_missing(officer, child)
        (review,) = StatutoryClock.objects.filter(subject_id=episode.pk)
        assert review.kind == "missing.review"
        assert review.started_at == NOW
        # Timed from the decision (the report being recorded), two hours for high risk.
        assert review.due_at == NOW + hours(2)
        assert review.urgent
        assert review.outcome == ClockOutcome.RUNNING
        assert review.owner_team == officer.team
        assert review.owner_user == officer
        assert running(episode) == review

    def test_the_episode_belongs_to_the_reporting_officers_team(self, officer, child) -> None:
        episode = report_missing(officer, child, is_restricted=True)
        assert episode.owning_team == officer.team
        assert episode.is_restricted
        assert episode.recorded_by == officer
        assert episode.reference.startswith("MIS-2027-")

    def test_indicators_at_report_raise_one_screening(self, officer, child) -> None:
        episode = report_missing(
            officer,
            child,
            exploitation_indicators=("TRAVEL_OUT_OF_AREA", "OLDER_ASSOCIATES"),
        )
        (screening,) = episode.screenings.all()
        assert screening.indicators == ["OLDER_ASSOCIATES", "TRAVEL_OUT_OF_AREA"]
        assert screening.completed_at is None
        assert episode.exploitation_indicators == ["OLDER_ASSOCIATES", "TRAVEL_OUT_OF_AREA"]

    def test_no_indicators_no_screening(self, officer, child) -> None:
        episode = report_missing(officer, child)
        assert not episode.screenings.exists()


class TestRiskInformationAdded:
    def test_more_risk_information_is_added_with_its_source(self, officer, child) -> None:
        episode = report_missing(officer, child)
        later = NOW + hours(1)
        piece = RiskInformationDetails(
            information="Friend says she planned to meet 'Kai' in Hanley",
            supplied_by="Amira Fictional (school friend)",
            supplied_by_contact="07700 900 321",
            obtained_at=later,
        )
        with use_clock(FixedClock(later)):
            (added,) = risk_information_add(actor=officer, episode_id=episode.pk, items=[piece])
        assert added.episode == episode
        assert episode.risk_information.count() == 2
        event = AuditEvent.objects.get(event_type="missing.risk_information_added")
        assert event.operation == "alteration"
        assert {"type": "people.person", "id": str(child.pk)} in event.subjects

    def test_a_piece_without_its_source_is_refused(self, officer, child) -> None:
        episode = report_missing(officer, child)
        piece = RiskInformationDetails(
            information="Seen at the station",
            supplied_by="",
            supplied_by_contact="",
            obtained_at=None,
        )
        with use_clock(FixedClock(NOW + hours(1))), pytest.raises(EpisodeInvalid) as caught:
            risk_information_add(actor=officer, episode_id=episode.pk, items=[piece])
        assert list(caught.value.errors) == ["risk_information.0"]
        assert episode.risk_information.count() == 1

    def test_nothing_to_add_is_refused(self, officer, child) -> None:
        episode = report_missing(officer, child)
        with use_clock(FixedClock(NOW + hours(1))), pytest.raises(EpisodeInvalid) as caught:
            risk_information_add(actor=officer, episode_id=episode.pk, items=[])
        assert list(caught.value.errors) == ["risk_information"]
