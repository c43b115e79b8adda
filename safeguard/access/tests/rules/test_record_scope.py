from __future__ import annotations

import uuid

import pytest

from safeguard.access.rules.capabilities import (
    PARTNER_ROLES,
    ROLE_CAPABILITIES,
    Capability,
    Role,
    capabilities_for,
)
from safeguard.access.rules.record_scope import ActorScope, RecordScope, ScopeLevel, is_in_scope

TEAM_A = uuid.UUID(int=1)
TEAM_B = uuid.UUID(int=2)
ORG = uuid.UUID(int=3)
RECORD = uuid.UUID(int=4)
VIEW = Capability.PERSON_VIEW

officer = ActorScope(capabilities=frozenset({VIEW}), team_id=TEAM_A)
officer_no_cap = ActorScope(capabilities=frozenset(), team_id=TEAM_A)
officer_no_team = ActorScope(capabilities=frozenset({VIEW}))
officer_with_grant = ActorScope(
    capabilities=frozenset({VIEW}), team_id=TEAM_B, granted_record_ids=frozenset({RECORD})
)
partner = ActorScope(capabilities=frozenset({VIEW}), organisation_id=ORG)

open_record = RecordScope(record_id=RECORD, owning_team_id=TEAM_B)
restricted_other_team = RecordScope(record_id=RECORD, owning_team_id=TEAM_B, restricted=True)
restricted_own_team = RecordScope(record_id=RECORD, owning_team_id=TEAM_A, restricted=True)
shared_with_partner = RecordScope(record_id=RECORD, shared_with_organisation_ids=frozenset({ORG}))
unowned = RecordScope(record_id=RECORD)


class TestIsInScope:
    @pytest.mark.parametrize(
        ("actor", "record", "level", "expected"),
        [
            (officer, open_record, ScopeLevel.FORCE, True),
            (officer, open_record, ScopeLevel.TEAM, False),
            (officer, restricted_other_team, ScopeLevel.FORCE, False),
            (officer, restricted_own_team, ScopeLevel.FORCE, True),
            (officer, restricted_own_team, ScopeLevel.TEAM, True),
            (officer_no_cap, restricted_own_team, ScopeLevel.FORCE, False),
            (officer_no_cap, open_record, ScopeLevel.FORCE, False),
            (officer_with_grant, restricted_other_team, ScopeLevel.FORCE, True),
            (officer_with_grant, restricted_other_team, ScopeLevel.TEAM, True),
            (officer_no_team, unowned, ScopeLevel.FORCE, True),
            (officer_no_team, unowned, ScopeLevel.TEAM, False),
            (partner, open_record, ScopeLevel.FORCE, False),
            (partner, shared_with_partner, ScopeLevel.FORCE, True),
            (partner, shared_with_partner, ScopeLevel.TEAM, True),
        ],
    )
    def test_decides_by_capability_organisation_grant_team_and_restriction(
        self, actor: ActorScope, record: RecordScope, level: ScopeLevel, expected: bool
    ) -> None:
        assert (
            is_in_scope(actor=actor, record=record, view_capability=VIEW, level=level) is expected
        )


class TestRoles:
    def test_every_role_has_capabilities_defined(self) -> None:
        assert set(ROLE_CAPABILITIES) == set(Role)

    @pytest.mark.parametrize("role", sorted(PARTNER_ROLES))
    def test_partner_roles_never_see_people_or_the_audit_log(self, role: Role) -> None:
        granted = ROLE_CAPABILITIES[role]
        assert not granted & {
            Capability.PERSON_VIEW,
            Capability.PERSON_SEARCH,
            Capability.AUDIT_LOG_VIEW,
            Capability.BREAK_GLASS,
        }

    def test_auditors_cannot_open_people_records(self) -> None:
        assert Capability.PERSON_VIEW not in ROLE_CAPABILITIES[Role.AUDITOR]

    def test_capabilities_for_unions_roles(self) -> None:
        combined = capabilities_for(frozenset({Role.AUDITOR, Role.RESPONSE_OFFICER}))
        assert Capability.AUDIT_LOG_VIEW in combined
        assert Capability.PERSON_CREATE in combined
        assert capabilities_for(frozenset()) == frozenset()

    def test_capability_labels_read_as_words(self) -> None:
        assert Capability.BREAK_GLASS_REVIEW.label == "Break glass review"
