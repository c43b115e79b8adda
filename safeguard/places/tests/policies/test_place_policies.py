"""Scope: a partner, a police officer without the capability, and a malformed id answer alike."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest

from safeguard.access.rules.capabilities import Role
from safeguard.accounts.models import User
from safeguard.core.exceptions import NotFoundOrForbidden
from safeguard.places.models import Place
from safeguard.places.policies import concern_subject_in_scope, own_place, place_in_scope

pytestmark = pytest.mark.django_db


class TestPlacePolicies:
    def test_partners_and_unprivileged_staff_see_no_place(
        self, reporter_a: User, place_a: Place, make_user: Callable[..., User]
    ) -> None:
        auditor = make_user(Role.AUDITOR)
        for actor in (reporter_a, auditor):
            with pytest.raises(NotFoundOrForbidden):
                place_in_scope(actor, place_a.pk)

    def test_own_place_is_only_for_the_organisations_reporters(
        self, reporter_a: User, researcher: User, place_a: Place, make_user
    ) -> None:
        assert own_place(reporter_a, place_a.pk) == place_a
        with pytest.raises(NotFoundOrForbidden):
            own_place(researcher, place_a.pk)
        dsl = make_user(Role.SCHOOL_DSL)
        with pytest.raises(NotFoundOrForbidden):
            own_place(dsl, place_a.pk)

    @pytest.mark.parametrize("subject_id", ["not-a-uuid", str(uuid.uuid4())])
    def test_the_risk_scope_check_refuses_unknown_concerns(
        self, researcher: User, subject_id: str
    ) -> None:
        with pytest.raises(NotFoundOrForbidden):
            concern_subject_in_scope(researcher, subject_id)
