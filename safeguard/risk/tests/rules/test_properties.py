"""Properties that hold for every answer set and every history (Hypothesis, STYLE.md §4.11)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safeguard.risk.rules.instruments import (
    Instrument,
    Question,
    QuestionKind,
    answers_errors,
    level_rank,
    risk_level,
    yes_count_scorer,
)
from safeguard.risk.rules.judgement import LevelChange, level_change, officer_level_errors
from safeguard.risk.rules.ppn_rag import PPN_RAG_V1, RagLevel, ppn_escalation_required
from safeguard.risk.rules.thrive import (
    THRIVE_V1,
    ThriveExtension,
    graded_question,
    thrive_instrument,
)

THRIVE_PLUS = thrive_instrument(
    ThriveExtension(
        version=2,
        questions=(
            graded_question("PREVENTION", "Prevention"),
            Question("ADVICE", "Advice given?", QuestionKind.YES_NO, required=False),
        ),
    )
)
DASH_SHAPED = Instrument(
    code="DASH_SHAPED",
    version=1,
    title="Yes-count tool",
    questions=tuple(Question(f"Q{n}", f"Question {n}", QuestionKind.YES_NO) for n in range(24)),
    levels=("STANDARD", "MEDIUM", "HIGH"),
    scorer=yes_count_scorer(
        bands=[(0, "STANDARD"), (10, "MEDIUM"), (14, "HIGH")],
        questions=[f"Q{n}" for n in range(24)],
    ),
)
INSTRUMENTS = [THRIVE_V1, THRIVE_PLUS, PPN_RAG_V1, DASH_SHAPED]
# Property tests must not write a .hypothesis example database into the checkout.
PROPERTIES = settings(database=None, deadline=None)


def answers_for(instrument: Instrument) -> st.SearchStrategy[dict[str, str]]:
    """Return a strategy for complete, valid answers (text answers fixed: they never score)."""
    fields: dict[str, st.SearchStrategy[str]] = {}
    for question in instrument.questions:
        if question.option_values:
            fields[question.code] = st.sampled_from(question.option_values)
        else:
            fields[question.code] = st.just("Recorded in the officer's words.")
    return st.fixed_dictionaries(fields)


class TestComputedLevelIsMonotone:
    @pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.code)
    @settings(PROPERTIES, max_examples=150)
    @given(data=st.data())
    def test_marking_an_answer_more_serious_never_lowers_the_level(self, instrument, data) -> None:
        # given valid answers
        answers = data.draw(answers_for(instrument))
        assert answers_errors(instrument, answers) == {}
        before = risk_level(instrument, answers)
        # when one answer moves to a more serious choice (choices are least serious first)
        scored = [q for q in instrument.questions if q.option_values]
        question = data.draw(st.sampled_from(scored))
        values = question.option_values
        current = values.index(answers[question.code])
        more_serious = data.draw(st.integers(min_value=current, max_value=len(values) - 1))
        after = risk_level(instrument, {**answers, question.code: values[more_serious]})
        # then the level is at least as high
        assert level_rank(instrument, after) >= level_rank(instrument, before)

    @pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.code)
    @settings(PROPERTIES, max_examples=50)
    @given(data=st.data())
    def test_every_valid_answer_set_scores_to_one_of_the_levels(self, instrument, data) -> None:
        answers = data.draw(answers_for(instrument))
        assert risk_level(instrument, answers) in instrument.levels


ON = dt.date(2026, 5, 31)
WINDOW = 92
levels = st.sampled_from(list(RagLevel))
offsets_in_window = st.integers(min_value=0, max_value=WINDOW)


def history(offsets: st.SearchStrategy[int]) -> st.SearchStrategy[list[tuple[dt.date, RagLevel]]]:
    return st.lists(st.tuples(offsets.map(lambda n: ON - dt.timedelta(days=n)), levels), max_size=8)


class TestEscalationProperties:
    @PROPERTIES
    @given(
        level=levels,
        recent=history(offsets_in_window),
        old=history(st.integers(min_value=WINDOW + 1, max_value=5000)),
        later=history(st.integers(min_value=-400, max_value=-1)),
    )
    def test_history_outside_the_window_never_changes_the_decision(
        self, level, recent, old, later
    ) -> None:
        expected = ppn_escalation_required(level=level, previous=recent, on=ON, window_days=WINDOW)
        mixed = sorted(recent + old + later)
        assert ppn_escalation_required(level=level, previous=mixed, on=ON, window_days=WINDOW) is (
            expected
        )

    @PROPERTIES
    @given(recent=history(offsets_in_window), extra=offsets_in_window, level=levels)
    def test_another_green_in_the_window_never_withdraws_an_escalation(
        self, recent, extra, level
    ) -> None:
        before = ppn_escalation_required(level=level, previous=recent, on=ON, window_days=WINDOW)
        more = [*recent, (ON - dt.timedelta(days=extra), RagLevel.GREEN)]
        after = ppn_escalation_required(level=level, previous=more, on=ON, window_days=WINDOW)
        assert after or not before

    @PROPERTIES
    @given(previous=history(st.integers(min_value=-100, max_value=5000)))
    def test_red_and_amber_always_escalate(self, previous) -> None:
        for level in (RagLevel.RED, RagLevel.AMBER):
            assert ppn_escalation_required(level=level, previous=previous, on=ON)

    @PROPERTIES
    @given(greens=st.integers(min_value=0, max_value=10), threshold=st.integers(1, 10))
    def test_a_green_escalates_exactly_when_it_completes_the_count(self, greens, threshold) -> None:
        previous = [(ON - dt.timedelta(days=n), RagLevel.GREEN) for n in range(greens)]
        result = ppn_escalation_required(
            level=RagLevel.GREEN, previous=previous, on=ON, greens_threshold=threshold
        )
        assert result is (greens + 1 >= threshold)


class TestJudgementProperties:
    @PROPERTIES
    @given(
        computed=st.sampled_from(THRIVE_V1.levels),
        officer=st.sampled_from(THRIVE_V1.levels),
        rationale=st.text(max_size=60),
    )
    def test_a_changed_level_is_never_accepted_without_a_rationale(
        self, computed, officer, rationale
    ) -> None:
        errors = officer_level_errors(
            THRIVE_V1, computed=computed, officer_level=officer, rationale=rationale
        )
        change = level_change(THRIVE_V1, computed, officer)
        if change is not LevelChange.NONE and not rationale.strip():
            assert "rationale" in errors
        if change is LevelChange.NONE:
            assert errors == {}
