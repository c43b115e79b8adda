"""Link, reject, merge and unmerge person records: invariants and audit (issue 6).

Invariants: a merge deletes nothing; a merged-away id redirects to the record that stands;
unmerging restores both records as they were; every link, merge and unmerge is audited as a
*combination* naming both records.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safeguard.access.rules.capabilities import Role
from safeguard.accounts.models import Team, User
from safeguard.audit.models import AuditEvent, AuditSubject
from safeguard.core.exceptions import CapabilityMissing, NotFoundOrForbidden
from safeguard.people.models import Person, PersonLink
from safeguard.people.rules.codes import LinkDecision, LinkSource
from safeguard.people.selectors import person_group_ids, person_merged_into
from safeguard.people.services import (
    LinkRefused,
    person_link_record,
    person_link_undo,
    person_merge,
)
from safeguard.people.tests.factories import make_person

pytestmark = pytest.mark.django_db

REASON = "Same child: school and mother's name agree"


@pytest.fixture
def researcher(make_user: Callable[..., User]) -> User:
    return make_user(Role.MASH_RESEARCHER)


def _link(actor: User, a: Person, b: Person, decision: LinkDecision = LinkDecision.SAME) -> Any:
    return person_link_record(
        actor=actor,
        first_id=a.pk,
        second_id=b.pk,
        decision=decision,
        reason=REASON,
        source=LinkSource.REVIEW,
    )


def _last_event() -> AuditEvent:
    return AuditEvent.objects.order_by("-sequence").first()  # type: ignore[return-value]


def _subjects(event: AuditEvent) -> set[str]:
    return set(AuditSubject.objects.filter(event=event).values_list("subject_id", flat=True))


class TestLink:
    def test_linking_groups_both_records_and_is_audited_as_a_combination(
        self, researcher: User
    ) -> None:
        a, b = make_person(given_name="Aleksandra"), make_person(given_name="Ola")
        link = _link(researcher, a, b)
        assert set(person_group_ids(person_id=a.pk)) == {a.pk, b.pk}
        assert person_group_ids(person_id=b.pk)[0] == b.pk
        event = _last_event()
        assert (event.operation, event.event_type) == ("combination", "person.linked")
        assert _subjects(event) == {str(a.pk), str(b.pk)}
        assert event.justification == REASON
        assert event.changes["link"] == str(link.pk)

    def test_the_pair_is_stored_once_lower_id_first(self, researcher: User) -> None:
        a, b = make_person(), make_person()
        link = _link(researcher, b, a)
        assert str(link.left_id) < str(link.right_id)

    def test_groups_join_transitively_and_a_link_inside_a_group_is_refused(
        self, researcher: User
    ) -> None:
        a, b, c = make_person(), make_person(), make_person()
        _link(researcher, a, b)
        _link(researcher, b, c)
        assert set(person_group_ids(person_id=a.pk)) == {a.pk, b.pk, c.pk}
        with pytest.raises(LinkRefused, match="already linked"):
            _link(researcher, a, c)

    def test_rejecting_is_an_alteration_and_does_not_group(self, researcher: User) -> None:
        a, b = make_person(), make_person()
        _link(researcher, a, b, LinkDecision.DIFFERENT)
        assert person_group_ids(person_id=a.pk) == [a.pk]
        event = _last_event()
        assert (event.operation, event.event_type) == ("alteration", "person.link_rejected")
        assert _subjects(event) == {str(a.pk), str(b.pk)}

    def test_a_new_decision_supersedes_the_old_without_deleting_it(self, researcher: User) -> None:
        a, b = make_person(), make_person()
        rejected = _link(researcher, a, b, LinkDecision.DIFFERENT)
        _link(researcher, a, b, LinkDecision.SAME)
        rejected.refresh_from_db()
        assert rejected.undone_at is not None
        assert rejected.undo_reason == REASON
        assert PersonLink.objects.filter(left=rejected.left, right=rejected.right).count() == 2

    @pytest.mark.parametrize(
        ("case", "message"),
        [("self", "itself"), ("twice", "already recorded"), ("short", "reason")],
    )
    def test_refusals(self, researcher: User, case: str, message: str) -> None:
        a, b = make_person(), make_person()
        if case == "twice":
            _link(researcher, a, b)
        with pytest.raises(LinkRefused, match=message):
            person_link_record(
                actor=researcher,
                first_id=a.pk,
                second_id=a.pk if case == "self" else b.pk,
                decision=LinkDecision.SAME,
                reason="short" if case == "short" else REASON,
                source=LinkSource.REVIEW,
            )

    def test_a_restricted_record_out_of_scope_cannot_be_linked(
        self, researcher: User, other_team: Team
    ) -> None:
        a = make_person()
        hidden = make_person(owning_team=other_team, is_restricted=True)
        with pytest.raises(NotFoundOrForbidden):
            _link(researcher, a, hidden)
        assert not PersonLink.objects.exists()

    def test_a_partner_cannot_link(self, make_user: Callable[..., User]) -> None:
        a, b = make_person(), make_person()
        with pytest.raises(CapabilityMissing):
            _link(make_user(Role.SCHOOL_DSL), a, b)


class TestMergeAndUnmerge:
    def test_merge_redirects_the_merged_away_id_and_deletes_nothing(self, researcher: User) -> None:
        kept = make_person(given_name="Kasia", address_postcode="ST16 2DE")
        away = make_person(given_name="Katarzyna", address_postcode="ST17 4AB")
        people_before = Person.objects.count()
        link = person_merge(
            actor=researcher, kept_id=kept.pk, merged_away_id=away.pk, reason=REASON
        )
        assert link.kept_id == kept.pk
        assert link.merged_away_id == away.pk
        assert person_merged_into(person_id=away.pk) == kept.pk
        assert person_merged_into(person_id=kept.pk) is None
        assert Person.objects.count() == people_before
        away.refresh_from_db()
        assert away.given_name == "Katarzyna"
        assert away.address_history.count() == 1
        event = _last_event()
        assert (event.operation, event.event_type) == ("combination", "person.merged")
        assert _subjects(event) == {str(kept.pk), str(away.pk)}
        assert event.changes["kept"] == str(kept.pk)

    def test_merges_chain_to_the_record_that_stands(self, researcher: User) -> None:
        a, b, c = make_person(), make_person(), make_person()
        person_merge(actor=researcher, kept_id=b.pk, merged_away_id=a.pk, reason=REASON)
        person_merge(actor=researcher, kept_id=c.pk, merged_away_id=b.pk, reason=REASON)
        assert person_merged_into(person_id=a.pk) == c.pk
        assert set(person_group_ids(person_id=a.pk)) == {a.pk, b.pk, c.pk}

    def test_a_record_is_merged_away_only_once(self, researcher: User) -> None:
        a, b, c = make_person(), make_person(), make_person()
        person_merge(actor=researcher, kept_id=b.pk, merged_away_id=a.pk, reason=REASON)
        with pytest.raises(LinkRefused, match="already merged"):
            person_merge(actor=researcher, kept_id=c.pk, merged_away_id=a.pk, reason=REASON)

    def test_records_recorded_as_different_cannot_be_merged(self, researcher: User) -> None:
        a, b = make_person(), make_person()
        _link(researcher, a, b, LinkDecision.DIFFERENT)
        with pytest.raises(LinkRefused, match="different people"):
            person_merge(actor=researcher, kept_id=a.pk, merged_away_id=b.pk, reason=REASON)

    def test_unmerge_restores_both_records_and_is_audited(self, researcher: User) -> None:
        kept, away = make_person(), make_person()
        link = person_merge(
            actor=researcher, kept_id=kept.pk, merged_away_id=away.pk, reason=REASON
        )
        undone = person_link_undo(
            actor=researcher, link_id=link.pk, reason="Twins: different children"
        )
        assert person_merged_into(person_id=away.pk) is None
        assert person_group_ids(person_id=kept.pk) == [kept.pk]
        assert person_group_ids(person_id=away.pk) == [away.pk]
        assert undone.undone_at is not None
        assert PersonLink.objects.filter(pk=link.pk).exists()  # kept as history, not deleted
        event = _last_event()
        assert (event.operation, event.event_type) == ("combination", "person.unmerged")
        assert _subjects(event) == {str(kept.pk), str(away.pk)}
        assert event.justification == "Twins: different children"

    def test_unlinking_a_plain_link_is_audited_as_unlinked(self, researcher: User) -> None:
        a, b = make_person(), make_person()
        link = _link(researcher, a, b)
        person_link_undo(actor=researcher, link_id=link.pk, reason="Wrong child chosen at entry")
        assert _last_event().event_type == "person.unlinked"
        with pytest.raises(NotFoundOrForbidden):
            person_link_undo(actor=researcher, link_id=link.pk, reason="Undoing it a second time")

    def test_undoing_a_rejection_is_an_alteration(self, researcher: User) -> None:
        a, b = make_person(), make_person()
        link = _link(researcher, a, b, LinkDecision.DIFFERENT)
        person_link_undo(actor=researcher, link_id=link.pk, reason="Rejected the wrong pair")
        event = _last_event()
        assert (event.operation, event.event_type) == ("alteration", "person.rejection_undone")
        assert _subjects(event) == {str(a.pk), str(b.pk)}

    def test_a_response_officer_may_unlink_but_not_unmerge(
        self, researcher: User, make_user: Callable[..., User]
    ) -> None:
        officer = make_user(Role.RESPONSE_OFFICER)
        a, b = make_person(), make_person()
        link = person_merge(actor=researcher, kept_id=a.pk, merged_away_id=b.pk, reason=REASON)
        with pytest.raises(CapabilityMissing):
            person_link_undo(actor=officer, link_id=link.pk, reason="Not the same child at all")
        with pytest.raises(CapabilityMissing):
            person_merge(actor=officer, kept_id=b.pk, merged_away_id=a.pk, reason=REASON)
        assert person_merged_into(person_id=b.pk) == a.pk


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["link", "different", "merge", "undo"]),
        st.integers(0, 4),
        st.integers(0, 4),
    ),
    min_size=1,
    max_size=12,
)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=OPERATIONS)
def test_any_sequence_of_decisions_keeps_the_invariants(
    researcher: User, operations: list[tuple[str, int, int]]
) -> None:
    """Whatever is linked, merged or undone, in any order: nothing is deleted, every
    merged-away id leads to a record that stands, and a group is the same from any member."""
    people = [make_person() for _ in range(5)]
    ids = [p.pk for p in people]
    for operation, i, j in operations:
        try:
            if operation == "link":
                _link(researcher, people[i], people[j])
            elif operation == "different":
                _link(researcher, people[i], people[j], LinkDecision.DIFFERENT)
            elif operation == "merge":
                person_merge(actor=researcher, kept_id=ids[i], merged_away_id=ids[j], reason=REASON)
            else:
                standing = PersonLink.objects.filter(left__in=ids, undone_at__isnull=True).first()
                if standing is not None:
                    person_link_undo(actor=researcher, link_id=standing.pk, reason=REASON)
        except LinkRefused:
            pass
    assert Person.objects.filter(pk__in=ids).count() == 5
    for pk in ids:
        root = person_merged_into(person_id=pk)
        if root is not None:
            assert person_merged_into(person_id=root) is None
            assert root in person_group_ids(person_id=pk)
        group = set(person_group_ids(person_id=pk))
        for other in group:
            assert set(person_group_ids(person_id=other)) == group
