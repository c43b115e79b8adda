import pytest

from safeguard.media.rules.matching import (
    BankKind,
    Hit,
    ItemStatus,
    Method,
    ThresholdInvalid,
    TriagePolicy,
    best_hits,
    flooding_entries,
    item_decide,
    pdq_usable,
    threshold_check,
    within_threshold,
)

POLICY = TriagePolicy(max_matches_per_item=2, max_items_per_bank_hash=2)
POS, NEG = BankKind.POSITIVE, BankKind.NEGATIVE


def hit(entry: str, kind: BankKind = POS, method: Method = Method.PDQ, distance: int = 5) -> Hit:
    return Hit("bank", kind, entry, method, distance)


class TestThresholds:
    @pytest.mark.parametrize(
        ("threshold", "ok"), [(-1, False), (0, True), (31, True), (64, True), (65, False)]
    )
    def test_threshold_check(self, threshold: int, ok: bool) -> None:
        if ok:
            assert threshold_check(threshold, POLICY) == threshold
        else:
            with pytest.raises(ThresholdInvalid, match="from 0 to 64"):
                threshold_check(threshold, POLICY)

    @pytest.mark.parametrize(("distance", "expected"), [(30, True), (31, True), (32, False)])
    def test_within_threshold_is_inclusive(self, distance: int, expected: bool) -> None:
        assert within_threshold(distance, 31) is expected

    @pytest.mark.parametrize(
        ("quality", "expected"), [(None, False), (49, False), (50, True), (100, True)]
    )
    def test_pdq_usable(self, quality: int | None, expected: bool) -> None:
        assert pdq_usable(quality, POLICY) is expected


class TestBestHits:
    def test_keeps_the_closest_hit_per_entry(self) -> None:
        hits = [
            hit("e1", distance=9),
            hit("e1", distance=3),
            hit("e2", distance=4),
            hit("e1", distance=7),
        ]
        assert [(h.bank_hash_id, h.distance) for h in best_hits(hits)] == [("e1", 3), ("e2", 4)]


class TestFloodingEntries:
    def test_an_entry_matched_by_more_items_than_the_policy_allows_floods(self) -> None:
        item_hits = {
            "i1": [hit("flood"), hit("flood"), hit("ok")],
            "i2": [hit("flood")],
            "i3": [hit("flood"), hit("neg", NEG)],
            "i4": [hit("ok"), hit("md5", method=Method.MD5)],
            "i5": [hit("md5", method=Method.MD5)],
            "i6": [hit("md5", method=Method.MD5)],
        }
        assert flooding_entries(item_hits, POLICY) == frozenset({"flood"})


class TestItemDecide:
    @pytest.mark.parametrize(
        ("hits", "flooding", "status"),
        [
            ([], frozenset(), ItemStatus.UNMATCHED),
            ([hit("e1")], frozenset(), ItemStatus.MATCHED),
            ([hit("e1"), hit("n1", NEG)], frozenset(), ItemStatus.SUPPRESSED),
            ([hit("n1", NEG)], frozenset(), ItemStatus.SUPPRESSED),
            ([hit("e1"), hit("e2"), hit("e3")], frozenset(), ItemStatus.QUARANTINED),
            ([hit("e1")], frozenset({"e1"}), ItemStatus.QUARANTINED),
            ([hit("e1"), hit("e2")], frozenset({"e1"}), ItemStatus.MATCHED),
        ],
    )
    def test_decides(self, hits, flooding, status) -> None:
        assert item_decide(hits, flooding=flooding, policy=POLICY).status is status
