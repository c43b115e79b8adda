"""The review queue, and linking, merging and unmerging from a person's page (issue 6)."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.test import Client
from django.urls import reverse

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent
from safeguard.linkage.models import LinkageRun, LinkCandidate
from safeguard.people.models import Person, PersonLink
from safeguard.people.rules.codes import LinkDecision, LinkSource
from safeguard.people.selectors import person_group_ids, person_merged_into
from safeguard.people.services import person_link_record, person_merge
from safeguard.people.tests.factories import make_person

pytestmark = pytest.mark.django_db

QUEUE = reverse("linkage:review-queue")
REASON = "Same child: same school, same mother, same date of birth"
BORN = dt.date(2014, 3, 7)


def page(response) -> str:
    return str(html.unescape(response.content.decode()))


def detail(person_id: object) -> str:
    return reverse("people:person-detail", kwargs={"person_id": person_id})


def pair_url(candidate: LinkCandidate) -> str:
    return reverse("linkage:review-pair", kwargs={"candidate_id": candidate.pk})


def open_with_purpose(client: Client, person: Person) -> str:
    """Open the person's page, stating a purpose first; return the page."""
    client.post(
        reverse("people:person-purpose", kwargs={"person_id": person.pk}),
        {"purpose": "Safeguarding enquiry"},
    )
    response = client.get(detail(person.pk))
    assert response.status_code == 200
    return page(response)


def run_with(*pairs: tuple[Person, Person, float]) -> list[LinkCandidate]:
    run = LinkageRun.objects.create(
        source="PEOPLE",
        model_version="test",
        link_threshold=0.9,
        review_threshold=0.5,
        records=10,
        pairs_scored=10,
        clusters_with_more_than_one=len(pairs),
        seconds=0.1,
    )
    return [
        LinkCandidate.objects.create(
            run=run,
            left=min(a, b, key=lambda p: str(p.pk)),
            right=max(a, b, key=lambda p: str(p.pk)),
            match_probability=p,
        )
        for a, b, p in pairs
    ]


@pytest.fixture
def twins() -> tuple[Person, Person]:
    first = make_person(
        given_name="Katarzyna", family_name="Nowak", date_of_birth=BORN, address_postcode="ST16 2DE"
    )
    second = make_person(
        given_name="Katarzina", family_name="Nowak", date_of_birth=BORN, address_postcode="ST17 4AB"
    )
    return first, second


@pytest.fixture
def researcher(client_for):
    return client_for(Role.MASH_RESEARCHER)


class TestReviewQueue:
    def test_the_researcher_sees_the_pair_and_compares_it(self, researcher, twins) -> None:
        client, _ = researcher
        [candidate] = run_with((*twins, 0.97))
        queue = client.get(QUEUE)
        assert queue.status_code == 200
        body = page(queue)
        assert "1 pair awaiting a decision" in body
        assert twins[0].reference in body
        assert twins[1].reference in body
        assert pair_url(candidate) in body
        assert "97%" in body
        assert "Model would link" in body  # from LINKAGE_LINK_PROBABILITY (0.95) up

        pair = client.get(pair_url(candidate))
        assert pair.status_code == 200
        body = page(pair)
        side = body.split('id="side-by-side"', 1)[1].split("</table>", 1)[0]
        assert candidate.left.reference in side
        assert candidate.right.reference in side
        assert "7 March 2014" in side
        assert "ST16 2DE" in side
        assert "ST17 4AB" in side
        explanation = body.split('id="pair-explanation"', 1)[1].split("</table>", 1)[0]
        assert "Agrees: same date of birth" in explanation
        assert "Agrees: same surname" in explanation
        assert AuditEvent.objects.filter(event_type="linkage.pairs_reviewed").count() == 2

    def test_pairs_are_listed_likeliest_first_with_their_band(self, researcher, twins) -> None:
        client, _ = researcher
        third = make_person(given_name="Kasia", family_name="Nowak", date_of_birth=BORN)
        run_with((twins[0], third, 0.6), (*twins, 0.97))
        body = page(client.get(QUEUE))
        assert "2 pairs awaiting a decision" in body
        rows = body.split('id="review-queue"', 1)[1].split("<tbody", 1)[1].split("</tr>")
        assert "97%" in rows[0]
        assert "Model would link" in rows[0]
        assert "60%" in rows[1]
        assert "Uncertain" in rows[1]

    def test_an_empty_queue_says_so(self, researcher) -> None:
        client, _ = researcher
        response = client.get(QUEUE)
        assert response.status_code == 200
        assert "No pairs await a decision." in page(response)

    def test_merging_keeps_the_first_and_the_pair_leaves_the_queue(self, researcher, twins) -> None:
        client, _ = researcher
        [candidate] = run_with((*twins, 0.93))
        left, right = candidate.left, candidate.right
        response = client.post(pair_url(candidate), {"decision": "merge_left", "reason": REASON})
        assert response.status_code == 302
        assert response["Location"] == QUEUE
        assert person_merged_into(person_id=right.pk) == left.pk
        assert person_merged_into(person_id=left.pk) is None
        link = PersonLink.objects.get(undone_at__isnull=True)
        assert link.kept_id == left.pk
        assert link.decision == LinkDecision.SAME
        queue = page(client.get(QUEUE))
        assert "No pairs await a decision." in queue
        assert client.get(pair_url(candidate)).status_code == 404  # decided

    def test_merging_keeping_the_second(self, researcher, twins) -> None:
        client, _ = researcher
        [candidate] = run_with((*twins, 0.93))
        response = client.post(pair_url(candidate), {"decision": "merge_right", "reason": REASON})
        assert response.status_code == 302
        assert person_merged_into(person_id=candidate.left_id) == candidate.right_id

    @pytest.mark.parametrize(
        ("decision", "expected"),
        [("same", LinkDecision.SAME), ("different", LinkDecision.DIFFERENT)],
    )
    def test_linking_or_rejecting_records_a_review_link_with_the_explanation(
        self, researcher, twins, decision, expected
    ) -> None:
        client, _ = researcher
        [candidate] = run_with((*twins, 0.7))
        response = client.post(pair_url(candidate), {"decision": decision, "reason": REASON})
        assert response.status_code == 302
        link = PersonLink.objects.get()
        assert link.decision == expected
        assert link.source == LinkSource.REVIEW
        assert link.kept_id is None
        assert link.match_probability is not None
        assert link.explanation
        assert "No pairs await a decision." in page(client.get(QUEUE))

    @pytest.mark.parametrize(
        "data",
        [
            {"decision": "merge_left", "reason": ""},
            {"decision": "merge_left", "reason": "too short"},
            {"decision": "", "reason": REASON},
            {"decision": "delete_both", "reason": REASON},
        ],
    )
    def test_a_decision_without_a_reason_or_choice_is_refused(
        self, researcher, twins, data
    ) -> None:
        client, _ = researcher
        [candidate] = run_with((*twins, 0.93))
        response = client.post(pair_url(candidate), data)
        assert response.status_code == 400
        assert "govuk-error-message" in response.content.decode()
        assert not PersonLink.objects.exists()
        assert person_merged_into(person_id=candidate.right_id) is None

    @pytest.mark.parametrize("role", [Role.RESPONSE_OFFICER, Role.SCHOOL_DSL])
    def test_without_the_merge_capability_the_queue_is_404(self, client_for, twins, role) -> None:
        client, _ = client_for(role)
        [candidate] = run_with((*twins, 0.93))
        assert client.get(QUEUE).status_code == 404
        assert client.get(pair_url(candidate)).status_code == 404
        response = client.post(pair_url(candidate), {"decision": "merge_left", "reason": REASON})
        assert response.status_code == 404
        assert not PersonLink.objects.exists()

    def test_a_restricted_record_of_another_team_is_left_out(
        self, researcher, twins, other_team
    ) -> None:
        client, _ = researcher
        hidden = make_person(
            given_name="Katarzyna",
            family_name="Nowak",
            date_of_birth=BORN,
            owning_team=other_team,
            is_restricted=True,
        )
        shown, kept_out = run_with((*twins, 0.8), (twins[0], hidden, 0.95))
        body = page(client.get(QUEUE))
        assert "1 pair awaiting a decision" in body
        assert hidden.reference not in body
        assert client.get(pair_url(kept_out)).status_code == 404
        assert client.get(pair_url(shown)).status_code == 200


class TestLinksOnThePersonPage:
    def test_unmerging_makes_both_records_stand_alone(self, researcher, twins) -> None:
        client, user = researcher
        kept, away = twins
        link = person_merge(actor=user, kept_id=kept.pk, merged_away_id=away.pk, reason=REASON)
        body = open_with_purpose(client, kept)
        assert reverse("linkage:link-undo", kwargs={"link_id": link.pk}) in body
        assert f"Unmerge {away.reference}" in body

        response = client.post(
            reverse("linkage:link-undo", kwargs={"link_id": link.pk}),
            {"reason": "Different children: checked with the school", "person": str(kept.pk)},
        )
        assert response.status_code == 302
        assert response["Location"] == detail(kept.pk)
        assert person_group_ids(person_id=kept.pk) == [kept.pk]
        assert person_group_ids(person_id=away.pk) == [away.pk]
        assert person_merged_into(person_id=away.pk) is None
        opened = client.get(detail(away.pk))
        assert opened.status_code == 302
        assert opened["Location"] != detail(kept.pk)
        assert "/purpose/" in opened["Location"]  # its own record, asking why
        page_after = page(client.get(detail(kept.pk)))
        assert "now stand as separate records" in page_after
        assert "No other record is linked to this one." in page_after
        link.refresh_from_db()
        assert link.undone_at is not None
        assert link.undo_reason == "Different children: checked with the school"

    @pytest.mark.parametrize("reason", ["", "   ", "short"])
    def test_unmerging_without_a_reason_leaves_the_merge_standing(
        self, researcher, twins, reason
    ) -> None:
        client, user = researcher
        kept, away = twins
        link = person_merge(actor=user, kept_id=kept.pk, merged_away_id=away.pk, reason=REASON)
        open_with_purpose(client, kept)
        response = client.post(
            reverse("linkage:link-undo", kwargs={"link_id": link.pk}),
            {"reason": reason, "person": str(kept.pk)},
        )
        assert response.status_code == 302
        assert response["Location"] == detail(kept.pk)
        body = page(client.get(detail(kept.pk)))
        assert "Give a reason" in body  # the message banner says why nothing happened
        link.refresh_from_db()
        assert link.undone_at is None
        assert person_merged_into(person_id=away.pk) == kept.pk

    def test_unlinking_a_link_made_at_entry(self, client_for, twins) -> None:
        client, officer = client_for(Role.RESPONSE_OFFICER)
        first, second = twins
        link = person_link_record(
            actor=officer,
            first_id=first.pk,
            second_id=second.pk,
            decision=LinkDecision.SAME,
            reason=REASON,
            source=LinkSource.ENTRY,
        )
        body = open_with_purpose(client, first)
        assert f"Unlink {second.reference}" in body
        assert "into this record" not in body  # an officer cannot merge
        response = client.post(
            reverse("linkage:link-undo", kwargs={"link_id": link.pk}),
            {"reason": "Twins, not the same child", "person": str(first.pk)},
        )
        assert response.status_code == 302
        assert person_group_ids(person_id=first.pk) == [first.pk]

    def test_merging_from_the_person_page(self, researcher, twins) -> None:
        client, user = researcher
        kept, away = twins
        person_link_record(
            actor=user,
            first_id=kept.pk,
            second_id=away.pk,
            decision=LinkDecision.SAME,
            reason=REASON,
            source=LinkSource.ENTRY,
        )
        body = open_with_purpose(client, kept)
        merge_url = reverse(
            "linkage:link-merge", kwargs={"person_id": kept.pk, "other_id": away.pk}
        )
        assert merge_url in body
        refused = client.post(merge_url, {"reason": ""})
        assert refused.status_code == 302
        assert person_merged_into(person_id=away.pk) is None
        response = client.post(merge_url, {"reason": REASON})
        assert response.status_code == 302
        assert response["Location"] == detail(kept.pk)
        assert person_merged_into(person_id=away.pk) == kept.pk
        assert "Records merged." in page(client.get(detail(kept.pk)))

    def test_a_response_officer_cannot_merge_from_the_page(self, client_for, twins) -> None:
        client, _ = client_for(Role.RESPONSE_OFFICER)
        kept, away = twins
        url = reverse("linkage:link-merge", kwargs={"person_id": kept.pk, "other_id": away.pk})
        assert client.post(url, {"reason": REASON}).status_code == 404
        assert person_merged_into(person_id=away.pk) is None


class TestMergedAwayId:
    def test_the_page_of_a_merged_away_id_opens_the_kept_record(self, researcher, twins) -> None:
        client, user = researcher
        kept, away = twins
        person_merge(actor=user, kept_id=kept.pk, merged_away_id=away.pk, reason=REASON)
        response = client.get(detail(away.pk))
        assert response.status_code == 302
        assert response["Location"] == detail(kept.pk)
        body = open_with_purpose(client, kept)
        assert f"{away.reference} was merged into this record." in body
        links = body.split('id="person-links"', 1)[1].split("</ul>", 1)[0]
        assert "Merged:" in links
        assert away.reference in links

    def test_the_api_answers_307_with_the_kept_record(self, researcher, twins) -> None:
        client, user = researcher
        kept, away = twins
        person_merge(actor=user, kept_id=kept.pk, merged_away_id=away.pk, reason=REASON)
        response = client.get(
            reverse("people-api:person-detail", kwargs={"person_id": away.pk}),
            {"purpose": "Safeguarding enquiry"},
        )
        assert response.status_code == 307
        kept_url = reverse("people-api:person-detail", kwargs={"person_id": kept.pk})
        assert response["Location"].startswith(kept_url)
        assert "purpose=" in response["Location"]
        assert response.json()["merged_into"] == str(kept.pk)
        followed = client.get(response["Location"])
        assert followed.status_code == 200
        assert followed.json()["person"]["id"] == str(kept.pk)

    def test_a_merged_away_id_out_of_scope_is_404_not_a_redirect(
        self, client_for, make_user, other_team
    ) -> None:
        researcher = make_user(Role.MASH_RESEARCHER, user_team=other_team)
        kept = make_person(owning_team=other_team)
        away = make_person(owning_team=other_team, is_restricted=True)
        person_merge(actor=researcher, kept_id=kept.pk, merged_away_id=away.pk, reason=REASON)
        client, _ = client_for(Role.RESPONSE_OFFICER)
        assert client.get(detail(away.pk)).status_code == 404


class TestWhatEachRoleIsOffered:
    def test_an_officer_is_not_offered_an_unmerge_they_cannot_do(
        self, client_for, make_user, twins
    ) -> None:
        """Unmerging needs PERSON_MERGE (person_link_undo); the page must not offer it to
        someone with only PERSON_LINK, or they get a 404 for pressing the button."""
        researcher = make_user(Role.MASH_RESEARCHER)
        kept, away = twins
        link = person_merge(
            actor=researcher, kept_id=kept.pk, merged_away_id=away.pk, reason=REASON
        )
        client, _ = client_for(Role.RESPONSE_OFFICER)
        body = open_with_purpose(client, kept)
        assert "Merged:" in body
        undo = client.post(
            reverse("linkage:link-undo", kwargs={"link_id": link.pk}),
            {"reason": "Different children: checked with the school", "person": str(kept.pk)},
        )
        assert undo.status_code == 404  # the service refuses: unmerging needs PERSON_MERGE
        assert person_merged_into(person_id=away.pk) == kept.pk
        assert reverse("linkage:link-undo", kwargs={"link_id": link.pk}) not in body
        assert f"Unmerge {away.reference}" not in body


class TestReviewDecisionKeepsWhatWasSeen:
    def test_a_merge_from_the_queue_keeps_the_probability_and_explanation(
        self, researcher, twins
    ) -> None:
        """PersonLink.explanation is "the per-field explanation the user saw when deciding";
        the reviewer saw it on the pair page whichever "yes" they chose."""
        client, _ = researcher
        [candidate] = run_with((*twins, 0.93))
        response = client.post(pair_url(candidate), {"decision": "merge_left", "reason": REASON})
        assert response.status_code == 302
        link = PersonLink.objects.get(undone_at__isnull=True)
        assert link.kept_id == candidate.left_id
        assert link.source == LinkSource.REVIEW
        assert link.match_probability is not None
        assert link.explanation
