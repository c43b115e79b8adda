"""The list filter and the single-record rule must agree for every actor and record."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from safeguard.access.models import BreakGlassGrant
from safeguard.access.policies import actor_scope, has_capability, require_capability, scope_filter
from safeguard.access.rules.capabilities import ROLE_CAPABILITIES, Capability, Role
from safeguard.access.rules.record_scope import RecordScope, ScopeLevel, is_in_scope
from safeguard.core import clock
from safeguard.core.exceptions import CapabilityMissing
from safeguard.people.models import Person
from safeguard.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


class TestScopeFilterAgreesWithRule:
    @pytest.mark.parametrize("level", list(ScopeLevel))
    def test_row_for_row(self, level, make_user, team, other_team) -> None:
        # given people in every combination of owning team and restriction
        people = [
            make_person(owning_team=owner, is_restricted=restricted)
            for owner, restricted in itertools.product([team, other_team, None], [False, True])
        ]
        granted = people[3]
        users = [make_user(role) for role in Role]
        users.append(make_user(Role.INVESTIGATOR, user_team=other_team))
        BreakGlassGrant.objects.create(
            user=users[0],
            subject_type="people.person",
            subject_id=granted.pk,
            reason="x" * 30,
            expires_at=clock.now() + dt.timedelta(hours=1),
        )
        for user in users:
            # when
            condition = scope_filter(
                user,
                subject_type="people.person",
                view_capability=Capability.PERSON_VIEW,
                level=level,
            )
            listed = set(Person.objects.filter(condition).values_list("pk", flat=True))
            actor = actor_scope(user, subject_type="people.person")
            # then
            for person in people:
                record = RecordScope(
                    record_id=person.pk,
                    owning_team_id=person.owning_team_id,
                    restricted=person.is_restricted,
                )
                decided = is_in_scope(
                    actor=actor, record=record, view_capability=Capability.PERSON_VIEW, level=level
                )
                assert (person.pk in listed) is decided, (user.username, person.pk)

    def test_expired_grant_no_longer_opens_the_record(self, make_user, other_team) -> None:
        person = make_person(owning_team=other_team, is_restricted=True)
        user = make_user(Role.MASH_RESEARCHER)
        BreakGlassGrant.objects.create(
            user=user,
            subject_type="people.person",
            subject_id=person.pk,
            reason="x" * 30,
            expires_at=clock.now() - dt.timedelta(seconds=1),
        )
        condition = scope_filter(
            user,
            subject_type="people.person",
            view_capability=Capability.PERSON_VIEW,
            level=ScopeLevel.FORCE,
        )
        assert not Person.objects.filter(condition, pk=person.pk).exists()


class TestCapabilities:
    @pytest.mark.parametrize("role", list(Role))
    def test_groups_grant_exactly_the_role_capabilities(self, role, make_user) -> None:
        user = make_user(role)
        held = {c for c in Capability if has_capability(user, c)}
        assert held == set(ROLE_CAPABILITIES[role])

    def test_inactive_users_hold_nothing(self, make_user) -> None:
        user = make_user(Role.SUPERVISOR)
        user.is_active = False
        assert not has_capability(user, Capability.PERSON_VIEW)
        with pytest.raises(CapabilityMissing):
            require_capability(user, Capability.PERSON_VIEW)


class TestPartnerScope:
    def test_partners_see_only_what_was_sent_to_their_organisation(self, make_user) -> None:
        from django.db.models import Q

        from safeguard.access.policies import actor_capabilities

        partner = make_user(Role.SCHOOL_DSL)
        # A partner's condition filters on the "sent to" field when a record type has one ...
        condition = scope_filter(
            partner,
            subject_type="x",
            view_capability=Capability.HOME_VIEW,
            level=ScopeLevel.TEAM,
            shared_organisations_field="sent_to",
        )
        assert condition == Q(sent_to=partner.organisation_id)
        # ... and matches nothing when it has none (people are never sent to partners).
        nothing = scope_filter(
            partner, subject_type="x", view_capability=Capability.HOME_VIEW, level=ScopeLevel.FORCE
        )
        assert not Person.objects.filter(nothing).exists()
        partner.is_active = False
        assert actor_capabilities(partner) == frozenset()
