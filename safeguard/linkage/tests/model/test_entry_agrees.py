"""The real-time check scores a pair exactly as the batch model does (issue 6).

The batch runs the comparisons as SQL on DuckDB through Splink; the check runs their Python
twins (``linkage.rules.comparisons``). Over every pair the batch scores in the synthetic
force's smallest population, with its duplicates' nicknames, typos and swapped dates, the
two must give the same match weight.
"""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.demo.generator import SIZES, ForceGenerator
from safeguard.linkage.model import Thresholds, link
from safeguard.linkage.rules.entry import score, weights_from_model_json
from safeguard.linkage.rules.records import LinkRecord, comparison_row


def _population() -> list[LinkRecord]:
    generator = ForceGenerator(seed=3, size=SIZES["tiny"], today=dt.date(2026, 11, 27))
    generator.setting()
    records: list[LinkRecord] = []
    for batch in generator.population():
        postcodes = {a.id: a.postcode for a in batch.addresses}
        current = {
            pa.person_id: postcodes.get(pa.address_id, "")
            for pa in batch.person_addresses
            if pa.ends_on is None
        }
        records.extend(
            LinkRecord(
                record_id=str(p.id),
                first_name=p.given_name,
                middle_names=p.middle_names,
                surname=p.family_name,
                date_of_birth=p.date_of_birth,
                sex=p.sex,
                postcode=current.get(p.id, ""),
                estimated_age=p.estimated_age,
                estimated_on=p.estimated_on,
            )
            for p in batch.people
        )
    return records


def test_entry_scores_equal_the_batch_scores_for_every_pair() -> None:
    records = _population()
    result = link(records, thresholds=Thresholds(link=0.95, review_from=0.0001))
    rows = {r.record_id: comparison_row(r) for r in records}
    weights = weights_from_model_json(result.model_json)
    assert len(result.pairs) > 50, "too few pairs to compare"
    for left, right, probability in result.pairs:
        entry = score(rows[left], rows[right], weights).probability
        assert entry == pytest.approx(probability, rel=1e-6, abs=1e-9), (left, right)
