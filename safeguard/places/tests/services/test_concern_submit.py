"""A business submits a Makesafe concern: checked, clocked, linked, and the flag raised."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured

from safeguard.accounts.models import Team, User
from safeguard.audit.models import AuditEvent
from safeguard.clocks.models import StatutoryClock
from safeguard.clocks.selectors import clock_list_urgent
from safeguard.core.clock import FixedClock, use_clock
from safeguard.core.exceptions import CapabilityMissing, NotFoundOrForbidden
from safeguard.places.models import BusinessConcern, Place, PlaceFlag, PlaceLink
from safeguard.places.services import ConcernInvalid, concern_submit
from safeguard.places.tests.support import NOW, concern_input, place_of

pytestmark = pytest.mark.django_db


class TestConcernSubmit:
    def test_a_still_on_site_concern_is_urgent_and_reaches_the_out_of_hours_board(
        self, reporter_a: User, place_a: Place, mash_team: Team, make_user
    ) -> None:
        # when
        concern = concern_submit(actor=reporter_a, place_id=place_a.pk, details=concern_input())
        # then
        assert concern.reference.startswith("MKS-2026-")
        assert concern.organisation_id == reporter_a.organisation_id
        assert concern.urgent
        assert concern.status == "RECEIVED"
        assert concern.indicators == ["CASH_OR_NO_CARD", "NERVOUS_YOUNG_PERSON", "NO_LUGGAGE"]
        running = StatutoryClock.objects.get(subject_id=concern.pk)
        assert running.kind == "places.on_site"
        assert running.urgent
        assert running.due_at == NOW + dt.timedelta(minutes=30)
        assert running.owner_team == mash_team
        assert running.rule_version == "makesafe-on-site-30m-v1"
        from safeguard.access.rules.capabilities import Role

        on_call = make_user(Role.ON_CALL_SENIOR_OFFICER)
        board = clock_list_urgent(actor=on_call)
        assert concern.pk in {row.clock.subject_id for row in board}
        link = PlaceLink.objects.get(subject_id=concern.pk)
        assert (link.place, link.role, link.reference) == (place_a, "CONCERN_AT", concern.reference)
        event = AuditEvent.objects.get(event_type="business_concern.submitted")
        assert event.operation == "collection"
        assert event.actor == reporter_a

    def test_not_on_site_starts_the_triage_clock(
        self, reporter_a: User, place_a: Place, mash_team: Team
    ) -> None:
        concern = concern_submit(
            actor=reporter_a, place_id=place_a.pk, details=concern_input(still_on_site=False)
        )
        running = StatutoryClock.objects.get(subject_id=concern.pk)
        assert (running.kind, running.urgent) == ("places.triage", False)
        assert running.due_at == NOW + dt.timedelta(hours=24)
        assert not concern.urgent

    def test_the_forces_times_are_used(
        self, reporter_a: User, place_a: Place, mash_team: Team, settings
    ) -> None:
        settings.SAFEGUARD = {**settings.SAFEGUARD, "PLACES_ON_SITE_MINUTES": 15}
        concern = concern_submit(actor=reporter_a, place_id=place_a.pk, details=concern_input())
        assert StatutoryClock.objects.get(subject_id=concern.pk).due_at == NOW + dt.timedelta(
            minutes=15
        )

    def test_an_empty_concern_is_refused_with_field_errors(
        self, reporter_a: User, place_a: Place, mash_team: Team
    ) -> None:
        empty = concern_input(
            indicators=(), young_person_description="", adults_description="", room=""
        )
        with pytest.raises(ConcernInvalid) as refused:
            concern_submit(actor=reporter_a, place_id=place_a.pk, details=empty)
        assert set(refused.value.errors) == {"indicators"}
        assert not BusinessConcern.objects.exists()
        assert not StatutoryClock.objects.exists()

    def test_a_future_time_is_refused(
        self, reporter_a: User, place_a: Place, mash_team: Team
    ) -> None:
        with pytest.raises(ConcernInvalid) as refused:
            concern_submit(
                actor=reporter_a,
                place_id=place_a.pk,
                details=concern_input(seen_at=NOW + dt.timedelta(hours=2)),
            )
        assert refused.value.errors == {
            "seen_at": ["The time you saw this cannot be in the future."]
        }

    def test_a_five_megabyte_description_is_refused_with_a_clear_error(
        self, reporter_a: User, place_a: Place, mash_team: Team
    ) -> None:
        huge = "x" * (5 * 1024 * 1024)
        with pytest.raises(ConcernInvalid) as refused:
            concern_submit(
                actor=reporter_a,
                place_id=place_a.pk,
                details=concern_input(young_person_description=huge),
            )
        (message,) = refused.value.errors["young_person_description"]
        assert "4,000 characters or fewer" in message
        assert "5,242,880" in message
        assert not BusinessConcern.objects.exists()

    def test_a_script_tag_is_stored_exactly_as_typed(
        self, reporter_a: User, place_a: Place, mash_team: Team
    ) -> None:
        text = '<script>alert("x")</script> & "quotes"'
        concern = concern_submit(
            actor=reporter_a,
            place_id=place_a.pk,
            details=concern_input(adults_description=text, room="<b>12</b>"),
        )
        concern.refresh_from_db()
        assert concern.adults_description == text
        assert concern.room == "<b>12</b>"

    def test_a_nul_character_is_a_field_error_not_a_server_error(
        self, reporter_a: User, place_a: Place, mash_team: Team
    ) -> None:
        with pytest.raises(ConcernInvalid) as refused:
            concern_submit(
                actor=reporter_a,
                place_id=place_a.pk,
                details=concern_input(booking_details="paid\x00cash"),
            )
        assert set(refused.value.errors) == {"booking_details"}

    def test_a_reporter_cannot_submit_for_another_organisations_place(
        self, reporter_a: User, place_b: Place, mash_team: Team
    ) -> None:
        with pytest.raises(NotFoundOrForbidden):
            concern_submit(actor=reporter_a, place_id=place_b.pk, details=concern_input())
        assert not BusinessConcern.objects.exists()

    def test_an_unknown_place_answers_the_same(self, reporter_a: User, mash_team: Team) -> None:
        import uuid

        with pytest.raises(NotFoundOrForbidden):
            concern_submit(actor=reporter_a, place_id=uuid.uuid4(), details=concern_input())

    def test_police_do_not_submit_business_concerns(self, researcher: User, place_a: Place) -> None:
        with pytest.raises(CapabilityMissing):
            concern_submit(actor=researcher, place_id=place_a.pk, details=concern_input())

    def test_a_second_concern_at_the_place_raises_its_flag(
        self, reporter_a: User, place_a: Place, mash_team: Team
    ) -> None:
        concern_submit(actor=reporter_a, place_id=place_a.pk, details=concern_input())
        assert not PlaceFlag.objects.exists()
        concern_submit(
            actor=reporter_a, place_id=place_a.pk, details=concern_input(still_on_site=False)
        )
        flag = PlaceFlag.objects.get(place=place_a)
        assert flag.raised_by is None
        assert flag.reason.startswith("2 concerns or linked records at this place")
        assert flag.review_on == (NOW + dt.timedelta(days=90)).date()
        assert AuditEvent.objects.filter(event_type="place.flagged").count() == 1
        # a third keeps the one open flag
        concern_submit(actor=reporter_a, place_id=place_a.pk, details=concern_input())
        assert PlaceFlag.objects.filter(place=place_a).count() == 1

    def test_the_review_date_is_a_london_date(
        self, reporter_a: User, place_a: Place, mash_team: Team
    ) -> None:
        # 23:30 UTC on 30 June is 00:30 on 1 July in London (summer time): 90 days from the
        # London day, not the UTC one.
        late = dt.datetime(2027, 6, 30, 23, 30, tzinfo=dt.UTC)
        with use_clock(FixedClock(late)):
            for _ in range(2):
                concern_submit(
                    actor=reporter_a,
                    place_id=place_a.pk,
                    details=concern_input(seen_at=late - dt.timedelta(minutes=10)),
                )
        flag = PlaceFlag.objects.get(place=place_a)
        assert flag.review_on == dt.date(2027, 9, 29)  # 1 July + 90 days

    def test_without_a_mash_team_the_deployment_is_misconfigured(
        self, reporter_a: User, researcher: User, hotel_a
    ) -> None:
        place = place_of(hotel_a, researcher)
        Team.objects.filter(code="MASH").update(code="NOT-MASH")
        with pytest.raises(ImproperlyConfigured):
            concern_submit(actor=reporter_a, place_id=place.pk, details=concern_input())

    def test_a_malformed_policy_fails_loudly(
        self, reporter_a: User, place_a: Place, mash_team: Team, settings
    ) -> None:
        settings.SAFEGUARD = {**settings.SAFEGUARD, "PLACES_SHORT_TEXT_MAX_LENGTH": 500}
        with pytest.raises(ImproperlyConfigured):
            concern_submit(actor=reporter_a, place_id=place_a.pk, details=concern_input())
        settings.SAFEGUARD = {**settings.SAFEGUARD, "PLACES_SHORT_TEXT_MAX_LENGTH": "200"}
        with pytest.raises(ImproperlyConfigured):
            concern_submit(actor=reporter_a, place_id=place_a.pk, details=concern_input())
