"""The database refuses assessments that break the judgement and review rules."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from safeguard.access.rules.capabilities import Role
from safeguard.core import clock
from safeguard.risk.tests.factories import make_assessment

pytestmark = pytest.mark.django_db


class TestRiskAssessmentConstraints:
    @pytest.mark.parametrize(
        "fields",
        [
            pytest.param({"instrument_version": 0}, id="version 0"),
            pytest.param({"final_level": "RED"}, id="final level not the computed one"),
            pytest.param(
                {"officer_level": "RED", "final_level": "AMBER"}, id="final level not the officer's"
            ),
            pytest.param(
                {"officer_level": "GREEN", "final_level": "GREEN", "level_change": "LOWERED"},
                id="lowered without a rationale",
            ),
            pytest.param(
                {"officer_level": "RED", "final_level": "RED", "rationale": "Why"},
                id="changed but recorded as no change",
            ),
            pytest.param({"level_change": "SIDEWAYS"}, id="unknown change"),
            pytest.param(
                {"review_outcome": "AGREED", "reviewed_level": "AMBER"}, id="half a review"
            ),
        ],
    )
    def test_refuses_inconsistent_rows(self, make_user, fields) -> None:
        with pytest.raises(IntegrityError), transaction.atomic():
            make_assessment(
                assessed_by=make_user(Role.RESPONSE_OFFICER),
                subject_type="people.person",
                subject_id="x",
                **fields,
            )

    @pytest.mark.parametrize(
        ("outcome", "level", "note", "ok"),
        [
            ("AGREED", "AMBER", "", True),
            ("AGREED", "RED", "", False),
            ("CHANGED", "RED", "Repeat victim", True),
            ("CHANGED", "RED", "", False),
            ("CHANGED", "AMBER", "Same", False),
        ],
    )
    def test_a_review_is_complete_and_consistent(self, make_user, outcome, level, note, ok) -> None:
        officer, supervisor = make_user(Role.RESPONSE_OFFICER), make_user(Role.SUPERVISOR)
        review = {
            "reviewed_by": supervisor,
            "reviewed_at": clock.now(),
            "review_outcome": outcome,
            "reviewed_level": level,
            "review_note": note,
        }
        if ok:
            assert make_assessment(
                assessed_by=officer, subject_type="people.person", subject_id="x", **review
            ).is_reviewed
            return
        with pytest.raises(IntegrityError), transaction.atomic():
            make_assessment(
                assessed_by=officer, subject_type="people.person", subject_id="x", **review
            )

    def test_refuses_a_self_review(self, make_user) -> None:
        supervisor = make_user(Role.SUPERVISOR)
        with pytest.raises(IntegrityError), transaction.atomic():
            make_assessment(
                assessed_by=supervisor,
                subject_type="people.person",
                subject_id="x",
                reviewed_by=supervisor,
                reviewed_at=clock.now(),
                review_outcome="AGREED",
                reviewed_level="AMBER",
            )

    def test_names_itself_by_instrument_and_level(self, make_user) -> None:
        assessment = make_assessment(
            assessed_by=make_user(Role.RESPONSE_OFFICER),
            subject_type="people.person",
            subject_id="x",
        )
        assert str(assessment) == "PPN_RAG v1: AMBER"
