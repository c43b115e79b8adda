from __future__ import annotations

import pytest

from safeguard.audit.rules.chain import (
    GENESIS,
    ChainLink,
    canonical_json,
    event_digest,
    first_broken_link,
)
from safeguard.audit.rules.operations import (
    MissingJustification,
    MissingRecipients,
    Operation,
    check_event,
)


class TestCheckEvent:
    @pytest.mark.parametrize("operation", [Operation.CONSULTATION, Operation.DISCLOSURE])
    def test_consultation_and_disclosure_need_a_justification(self, operation: Operation) -> None:
        with pytest.raises(MissingJustification):
            check_event(operation=operation, justification="  ", recipients=("x",))

    def test_disclosure_needs_recipients(self) -> None:
        with pytest.raises(MissingRecipients):
            check_event(operation=Operation.DISCLOSURE, justification="court order", recipients=())

    @pytest.mark.parametrize(
        "operation",
        [Operation.COLLECTION, Operation.ALTERATION, Operation.COMBINATION, Operation.ERASURE],
    )
    def test_other_operations_need_neither(self, operation: Operation) -> None:
        check_event(operation=operation, justification="", recipients=())

    def test_the_six_operations_of_section_62(self) -> None:
        assert {o.value for o in Operation} == {
            "collection",
            "alteration",
            "consultation",
            "disclosure",
            "combination",
            "erasure",
        }


def chain(payloads: list[dict[str, object]]) -> list[ChainLink]:
    links, previous = [], GENESIS
    for n, payload in enumerate(payloads, start=1):
        digest = event_digest(previous_digest=previous, payload=payload)
        links.append(
            ChainLink(sequence=n, previous_digest=previous, digest=digest, payload=payload)
        )
        previous = digest
    return links


class TestChain:
    def test_canonical_json_is_order_independent_and_keeps_unicode(self) -> None:
        assert (
            canonical_json({"b": 1, "a": "Zoë"})
            == canonical_json({"a": "Zoë", "b": 1})
            == '{"a":"Zoë","b":1}'
        )

    def test_an_intact_chain_has_no_broken_link(self) -> None:
        assert first_broken_link(chain([{"n": 1}, {"n": 2}, {"n": 3}])) is None
        assert first_broken_link([]) is None

    def test_an_edited_payload_breaks_at_that_row(self) -> None:
        links = chain([{"n": 1}, {"n": 2}, {"n": 3}])
        links[1] = ChainLink(2, links[1].previous_digest, links[1].digest, {"n": 99})
        broken = first_broken_link(links)
        assert broken is not None
        assert (broken.sequence, broken.reason) == (2, "content does not match its digest")

    def test_a_removed_row_breaks_at_the_next_one(self) -> None:
        links = chain([{"n": 1}, {"n": 2}, {"n": 3}])
        broken = first_broken_link([links[0], links[2]])
        assert broken is not None
        assert broken.sequence == 3
        assert "previous digest" in broken.reason

    def test_a_rewritten_chain_from_genesis_is_still_self_consistent(self) -> None:
        # Why the digest alone is not enough: a full rewrite re-chains cleanly, so the
        # database triggers and INSERT-only privileges are the first line of defence.
        assert first_broken_link(chain([{"n": 5}])) is None
