"""The partnership indicator: concerns received and actioned per business."""

from __future__ import annotations

import uuid

from safeguard.places.rules.engagement import ConcernFacts, EngagementFacts, engagement_indicator

HOTEL_A = uuid.UUID(int=1)
HOTEL_B = uuid.UUID(int=2)
HOTEL_C = uuid.UUID(int=3)


class TestEngagementIndicator:
    def test_nothing_is_no_data_not_zero(self) -> None:
        indicator = engagement_indicator(EngagementFacts(businesses={}))
        assert indicator.businesses == []
        assert indicator.actioned.value is None
        assert indicator.engaged == 0

    def test_per_business_received_actioned_and_share(self) -> None:
        facts = EngagementFacts(
            businesses={HOTEL_A: "Station Hotel", HOTEL_B: "airport inn", HOTEL_C: "Canal Lodge"},
            concerns=[
                ConcernFacts(organisation_id=HOTEL_A, actioned=True),
                ConcernFacts(organisation_id=HOTEL_A, actioned=False),
                ConcernFacts(organisation_id=HOTEL_B, actioned=True),
            ],
            trained=frozenset({HOTEL_A, HOTEL_C}),
        )
        indicator = engagement_indicator(facts)
        rows = {row.name: row for row in indicator.businesses}
        assert [row.name for row in indicator.businesses] == [
            "airport inn",
            "Canal Lodge",
            "Station Hotel",
        ]
        assert (rows["Station Hotel"].received, rows["Station Hotel"].actioned.value) == (2, 0.5)
        assert rows["Station Hotel"].trained
        assert (rows["airport inn"].received, rows["airport inn"].actioned.value) == (1, 1.0)
        assert not rows["airport inn"].trained
        # trained, sent nothing: no data, never 0%
        assert (rows["Canal Lodge"].received, rows["Canal Lodge"].actioned.value) == (0, None)
        assert (indicator.actioned.numerator, indicator.actioned.denominator) == (2, 3)
        assert indicator.engaged == 2

    def test_a_concern_from_an_unnamed_business_still_counts(self) -> None:
        facts = EngagementFacts(
            businesses={}, concerns=[ConcernFacts(organisation_id=HOTEL_A, actioned=True)]
        )
        (row,) = engagement_indicator(facts).businesses
        assert (row.name, row.received, row.actioned.value) == ("", 1, 1.0)
