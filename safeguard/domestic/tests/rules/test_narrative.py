"""Tests for the child-mention extractor (DOMAIN.md §3.1 and §3.2; issue 4).

The labelled corpus lives in ``narrative_corpus.py``; every sentence is synthetic.
"""

from __future__ import annotations

import ast
import itertools
import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import safeguard.domestic.rules.narrative as narrative_module
from safeguard.domestic.rules.narrative import RELATIONS, ChildMention, child_mentions
from safeguard.domestic.tests.rules.narrative_corpus import CORPUS, NEGATIVES, POSITIVES, Case

MIN_PRECISION = 0.95
MIN_RECALL = 0.95

NEUTRAL_SENTENCES = (
    "Officers attended at 23:40 following a 999 call from a neighbour.",
    "The suspect was arrested for assault and taken to custody.",
    "The victim declined medical attention at the scene.",
    "Body-worn video was running throughout.",
    "A DASH risk assessment was completed and graded high.",
    "The neighbour said the shouting had gone on for an hour.",
    "The front door frame was damaged.",
)


def _expected_spans(case: Case) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    position = 0
    for expect in case.expected:
        start = case.text.index(expect.anchor, position)
        spans.append((start, start + len(expect.anchor)))
        position = start + len(expect.anchor)
    return spans


def _match(case: Case) -> tuple[dict[int, ChildMention], list[ChildMention]]:
    """Pair each expected mention with the first unused found mention that overlaps it."""
    found = list(child_mentions(case.text))
    matched: dict[int, ChildMention] = {}
    used: set[int] = set()
    for index, (start, end) in enumerate(_expected_spans(case)):
        for position, mention in enumerate(found):
            if position not in used and mention.start < end and start < mention.end:
                matched[index] = mention
                used.add(position)
                break
    extra = [mention for position, mention in enumerate(found) if position not in used]
    return matched, extra


def _phrases(text: str) -> list[str]:
    return [mention.phrase for mention in child_mentions(text)]


def _keys(text: str) -> list[str]:
    return [mention.key for mention in child_mentions(text)]


class TestCorpus:
    def test_the_corpus_is_big_enough(self) -> None:
        assert len(CORPUS) >= 80
        assert len(NEGATIVES) >= 25
        assert all(case.expected for case in POSITIVES)
        assert not any(case.expected for case in NEGATIVES)

    def test_every_anchor_is_in_its_sentence(self) -> None:
        for case in CORPUS:
            assert len(_expected_spans(case)) == len(case.expected)

    def test_precision_and_recall(self) -> None:
        true_positives = false_positives = false_negatives = 0
        for case in CORPUS:
            matched, extra = _match(case)
            true_positives += len(matched)
            false_negatives += len(case.expected) - len(matched)
            false_positives += len(extra)
        precision = true_positives / max(1, true_positives + false_positives)
        recall = true_positives / max(1, true_positives + false_negatives)
        figures = (
            f"narrative extractor: precision {precision:.3f} recall {recall:.3f}"
            f" over {len(CORPUS)} sentences"
        )
        print(figures)  # noqa: T201 - the figures are the point of this test (-s)
        assert precision >= MIN_PRECISION, figures
        assert recall >= MIN_RECALL, figures

    @pytest.mark.parametrize("case", NEGATIVES, ids=[case.text[:50] for case in NEGATIVES])
    def test_negatives_report_nothing(self, case: Case) -> None:
        assert _phrases(case.text) == []

    @pytest.mark.parametrize("case", POSITIVES, ids=[case.text[:50] for case in POSITIVES])
    def test_positives_match_their_labels(self, case: Case) -> None:
        matched, extra = _match(case)
        assert extra == []
        assert len(matched) == len(case.expected)
        for index, expect in enumerate(case.expected):
            if expect.count is not None:
                assert matched[index].count == expect.count, expect
            if expect.age is not None:
                assert matched[index].age == expect.age, expect


class TestFindsTheIssuePhrases:
    @pytest.mark.parametrize(
        ("text", "phrase"),
        [
            ("She said her two kids were upstairs.", "her two kids"),
            ("the baby was asleep upstairs", "the baby"),
            ("son aged 7 was present", "son aged 7"),
            ("their 3 children were present", "their 3 children"),
            ("he hit his stepdaughter", "his stepdaughter"),
            ("there was a toddler in the cot", "a toddler"),
            ("the twins were hiding", "the twins"),
            ("my daughter (14) called us", "my daughter (14)"),
            ("a 9-year-old boy opened the door", "a 9-year-old boy"),
            ("the youngest was crying", "the youngest"),
            ("she has a newborn", "a newborn"),
            ("an infant was in the room", "an infant"),
            ("kids were in the next room", "kids"),
            ("her little girl was upset", "her little girl"),
            ("children were present", "children"),
            ("the couple's son rang 999", "the couple's son"),
            ("a girl, 12, answered", "a girl, 12"),
        ],
    )
    def test_finds(self, text: str, phrase: str) -> None:
        assert phrase in _phrases(text)

    def test_several_mentions_in_one_sentence(self) -> None:
        text = "Her son, aged 4, her daughter (2) and the baby were in the lounge with two cats."
        assert _phrases(text) == ["Her son, aged 4", "her daughter (2)", "the baby"]


class TestIgnoresTheIssueNegatives:
    @pytest.mark.parametrize(
        "text",
        [
            "There were no children at the address.",
            "There are no kids in the household.",
            "Kids' toys were in the hall.",
            "A child seat was in the car.",
            "She attends the children's centre.",
            "She spoke about her childhood.",
            "Her friend is a childminder.",
            "Her son, who lives in Leeds, was not there.",
            "Her son lives with his father in Bradford.",
            "Her son does not live at the address.",
            "His son aged 24 was present.",
            "Her grown-up daughter rang.",
            "Her adult son was present.",
            "She has no children.",
            "She is not pregnant.",
            "There is a Child Protection Plan in place.",
            "He said he was kidding.",
            "He tried to kidnap her.",
            "Children's social care were told.",
            "She walked to the school.",
            "Children present: none.",
            "She arrived without any children.",
            "She has never had kids.",
        ],
    )
    def test_reports_nothing(self, text: str) -> None:
        assert _phrases(text) == []


class TestKeys:
    def test_key_is_the_normalised_phrase_and_occurrence(self) -> None:
        (mention,) = child_mentions("She said Her  TWO\nKids were upstairs.")
        assert mention.key == "her two kids#1"

    def test_curly_apostrophes_and_dashes_normalise(self) -> None:
        (mention,) = child_mentions("The couple\u2019s 9\u2011year\u2011old son was present.")
        assert mention.key == "the couple's 9-year-old son#1"

    def test_repeated_phrases_are_numbered(self) -> None:
        text = "The baby was crying. Officers checked the baby. Then the baby slept."
        assert _keys(text) == ["the baby#1", "the baby#2", "the baby#3"]

    def test_numbering_ignores_case_and_spacing(self) -> None:
        assert _keys("The Baby cried. the  baby slept.") == ["the baby#1", "the baby#2"]

    def test_keys_survive_edits_elsewhere(self) -> None:
        before = (
            "Officers attended at 23:40. Her two kids were upstairs. The suspect was arrested."
            " The baby was asleep."
        )
        after = (
            "Officers attended at 23:52 after a call from the neighbour at number 12. Her two"
            " kids were upstairs. The suspect, who was drunk, was arrested and taken to custody."
            " The baby was asleep."
        )
        assert _keys(before) == _keys(after) == ["her two kids#1", "the baby#1"]

    def test_an_added_earlier_identical_phrase_renumbers_later_ones(self) -> None:
        assert _keys("The baby cried.") == ["the baby#1"]
        assert _keys("The baby woke. The baby cried.") == ["the baby#1", "the baby#2"]


class TestOffsets:
    @pytest.mark.parametrize("case", POSITIVES, ids=[case.text[:50] for case in POSITIVES])
    def test_offsets_slice_back_to_the_phrase(self, case: Case) -> None:
        for mention in child_mentions(case.text):
            assert case.text[mention.start : mention.end] == mention.phrase
            assert mention.phrase == mention.phrase.strip()

    def test_offsets_are_in_order(self) -> None:
        mentions = child_mentions("the baby, her son and two girls; later a toddler")
        starts = [mention.start for mention in mentions]
        assert starts == sorted(starts)
        assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))


class TestCountsAndAges:
    @pytest.mark.parametrize(
        ("text", "count", "stated"),
        [
            ("her two kids", 2, True),
            ("their 3 children", 3, True),
            ("the twins", 2, True),
            ("triplets", 3, True),
            ("her twin boys", 2, True),
            ("both children", 2, True),
            ("one child", 1, True),
            ("the kids", 2, False),
            ("the children", 2, False),
            ("several children", 2, False),
            ("a couple of kids", 2, False),
            ("her son", 1, False),
            ("children aged 4 and 7", 2, True),
            ("her 4 and 6 year old", 2, True),
            ("she is pregnant with twins", 2, True),
            ("twelve children", 12, True),
        ],
    )
    def test_count(self, text: str, count: int, stated: bool) -> None:
        (mention,) = child_mentions(text)
        assert (mention.count, mention.count_stated) == (count, stated)

    @pytest.mark.parametrize(
        ("text", "age"),
        [
            ("son aged 7", 7),
            ("7-year-old daughter", 7),
            ("seven-year-old daughter", 7),
            ("her daughter (7)", 7),
            ("girl, 12, was", 12),
            ("her son, who is 9", 9),
            ("her son is 9.", 9),
            ("her 6yr old", 6),
            ("a 7yo", 7),
            ("the baby (6 weeks)", None),
            ("an 8-month-old baby", None),
            ("the baby", None),
            ("a toddler", None),
            ("an infant", None),
            ("her son", None),
            ("her kids aged 11, 4 and 9", 4),
            ("her son aged seventeen", 17),
        ],
    )
    def test_age(self, text: str, age: int | None) -> None:
        (mention,) = child_mentions(text)
        assert mention.age == age

    @pytest.mark.parametrize(
        "template",
        [
            "Her son aged {n} was present.",
            "Her son ({n}) was present.",
            "Her {n}-year-old son was present.",
            "Her son, {n}, was present.",
            "Her son, who is {n}, was present.",
            "Her son is {n}.",
            "A {n}-year-old girl was present.",
        ],
    )
    def test_seventeen_is_a_child_and_eighteen_an_adult(self, template: str) -> None:
        (child,) = child_mentions(template.format(n=17))
        assert child.age == 17
        assert child_mentions(template.format(n=18)) == ()

    def test_ages_in_words_over_eighteen_are_adults(self) -> None:
        assert child_mentions("His son, aged twenty-four, was present.") == ()

    def test_children_with_one_adult_age_are_still_reported(self) -> None:
        (mention,) = child_mentions("The boys, 14 and 19, fought with him.")
        assert (mention.count, mention.age) == (2, 14)


class TestRelationAndSex:
    @pytest.mark.parametrize(
        ("text", "relation", "sex"),
        [
            ("her son", "son", "MALE"),
            ("her daughter", "daughter", "FEMALE"),
            ("a boy", "child", "MALE"),
            ("her little girl", "child", "FEMALE"),
            ("the kids", "child", None),
            ("the baby", "baby", None),
            ("a toddler", "baby", None),
            ("the baby boy", "child", "MALE"),
            ("his stepdaughter", "stepchild", "FEMALE"),
            ("her step-son", "stepchild", "MALE"),
            ("their grandchildren", "grandchild", None),
            ("her little brother", "sibling", "MALE"),
            ("her niece, 11,", "relative", "FEMALE"),
            ("two pupils", "pupil", None),
            ("she is 20 weeks pregnant", "unborn", None),
            ("an unborn baby", "unborn", None),
            ("a 15-year-old male", "child", "MALE"),
            ("the 6-month-old", "baby", None),
            ("Child 1 (girl, 3)", "child", "FEMALE"),
        ],
    )
    def test_relation_and_sex(self, text: str, relation: str, sex: str | None) -> None:
        (mention,) = child_mentions(text)
        assert (mention.relation, mention.sex) == (relation, sex)

    def test_every_relation_is_in_the_closed_set(self) -> None:
        for case in POSITIVES:
            for mention in child_mentions(case.text):
                assert mention.relation in RELATIONS
                assert mention.sex in {"MALE", "FEMALE", None}
                assert mention.count >= 1


class TestScope:
    def test_negation_does_not_reach_past_other_words(self) -> None:
        assert _phrases("She has no injuries and the kids were asleep.") == ["the kids"]

    def test_negation_spreads_over_a_list(self) -> None:
        assert _phrases("She has no sons, daughters or grandchildren.") == []

    def test_a_definite_phrase_after_without_is_reported(self) -> None:
        assert _phrases("She fled without her children.") == ["her children"]

    def test_none_of_the_children_are_still_children(self) -> None:
        assert _phrases("None of the children were present.") == ["the children"]

    def test_a_plural_live_elsewhere_covers_the_list(self) -> None:
        text = "Her son and daughter, who live with their father in Hull, were not told."
        assert _phrases(text) == []

    def test_a_singular_lives_elsewhere_covers_only_the_nearest(self) -> None:
        assert _phrases("The baby and her son, who lives in Leeds, were...") == ["The baby"]

    def test_lives_with_a_parent_alone_is_reported(self) -> None:
        assert _phrases("Her son lives with his dad.") == ["Her son"]

    def test_an_apposition_is_one_child(self) -> None:
        (mention,) = child_mentions("The youngest child, a boy aged 2, was asleep.")
        assert (mention.phrase, mention.age, mention.sex) == (
            "The youngest child, a boy aged 2",
            2,
            "MALE",
        )


class TestUnicodeAndCase:
    @pytest.mark.parametrize(
        ("text", "phrase"),
        [
            ("HER TWO KIDS WERE SCREAMING.", "HER TWO KIDS"),
            ("hEr DaUgHtEr (9) rang", "hEr DaUgHtEr (9)"),
            ("Zoë\u2019s son Anaïs-Léo (6) was asleep.", "Zoë\u2019s son Anaïs-Léo (6)"),
            ("Her\u00a0son\u00a0aged\u00a07 was there.", "Her\u00a0son\u00a0aged\u00a07"),
            ("Le suspect a crié; her 9\u2011year\u2011old daughter cried.", None),
            ("Her son, aged \uff17, was there.", "Her son, aged \uff17"),
        ],
    )
    def test_unicode(self, text: str, phrase: str | None) -> None:
        mentions = child_mentions(text)
        assert len(mentions) == 1
        if phrase is not None:
            assert mentions[0].phrase == phrase

    def test_fullwidth_digits_are_ages(self) -> None:
        (mention,) = child_mentions("Her son, aged \uff17, was there.")
        assert mention.age == 7
        assert mention.key == "her son, aged 7#1"


class TestEdges:
    def test_an_empty_narrative(self) -> None:
        assert child_mentions("") == ()

    def test_whitespace_only(self) -> None:
        assert child_mentions(" \n\t ") == ()

    def test_a_mention_at_the_very_end(self) -> None:
        assert _phrases("Present: the victim and the youngest") == ["the youngest"]

    def test_a_20000_character_narrative(self) -> None:
        sentences = [case.text for case in CORPUS if case.text.endswith(".")]
        chooser = random.Random(20)
        parts: list[str] = []
        while sum(len(part) + 1 for part in parts) < 20_000:
            parts.append(chooser.choice(sentences))
        text = " ".join(parts)
        expected: list[tuple[int, str]] = []
        offset = 0
        for part in parts:
            expected.extend((offset + m.start, m.phrase) for m in child_mentions(part))
            offset += len(part) + 1
        found = child_mentions(text)
        assert len(text) >= 20_000
        assert [(m.start, m.phrase) for m in found] == expected
        assert len({m.key for m in found}) == len(found)

    def test_repetitive_input_finishes(self) -> None:
        for text in ("the " * 5000, "son, " * 4000, "no any " * 3000, "x's " * 5000):
            child_mentions(text)


class TestPurity:
    def test_imports_only_the_standard_library(self) -> None:
        tree = ast.parse(Path(narrative_module.__file__).read_text(encoding="utf-8"))
        imported: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported.update(alias.name.partition(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module.partition(".")[0])
        assert imported <= set(sys.stdlib_module_names) | {"__future__"}


_FRAGMENTS = (
    *(case.text for case in CORPUS),
    *NEUTRAL_SENTENCES,
    "her son",
    "aged",
    "7",
    "(",
    ")",
    ",",
    "no",
    "the baby",
    "kids'",
    "who lives in Leeds",
    "twins",
    "Ä",
    "\u2019s",
    "-year-old",
)


class TestProperties:
    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.sampled_from(_FRAGMENTS), max_size=12), st.sampled_from([" ", "", "\n"]))
    def test_offsets_always_slice_back(self, fragments: list[str], joiner: str) -> None:
        text = joiner.join(fragments)
        for mention in child_mentions(text):
            assert text[mention.start : mention.end] == mention.phrase
            assert mention.count >= 1
            assert mention.age is None or 0 <= mention.age < 18

    @settings(max_examples=200, deadline=None)
    @given(st.text(max_size=300))
    def test_any_text_is_handled(self, text: str) -> None:
        for mention in child_mentions(text):
            assert text[mention.start : mention.end] == mention.phrase

    @settings(max_examples=150, deadline=None)
    @given(
        st.lists(st.sampled_from([case.text for case in CORPUS]), min_size=1, max_size=6),
        st.sampled_from(NEUTRAL_SENTENCES),
        st.sampled_from(NEUTRAL_SENTENCES),
    )
    def test_adding_unrelated_sentences_keeps_keys(
        self, sentences: list[str], before: str, after: str
    ) -> None:
        text = " ".join(sentences)
        assert _keys(f"{before} {text} {after}") == _keys(text)

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.sampled_from(_FRAGMENTS), max_size=12), st.sampled_from([" ", ""]))
    def test_the_head_first_scan_finds_what_a_full_scan_finds(
        self, fragments: list[str], joiner: str
    ) -> None:
        text = joiner.join(fragments)
        position = 0
        while (full := narrative_module._PHRASE.search(text, position)) is not None:
            fast = narrative_module._next_phrase(text, position)
            assert fast is not None
            assert fast.span() == full.span()
            position = full.end()
        assert narrative_module._next_phrase(text, position) is None

    @settings(max_examples=50, deadline=None)
    @given(st.lists(st.sampled_from([case.text for case in CORPUS]), max_size=6))
    def test_deterministic(self, sentences: list[str]) -> None:
        text = " ".join(sentences)
        assert child_mentions(text) == child_mentions(text)


@pytest.mark.parametrize(
    ("sentence", "phrases"),
    [
        ("She has 0 children.", []),
        ("Her son is a pupil at Oak Primary.", ["Her son"]),
        ("He is a pupil at the school.", []),
    ],
)
def test_a_written_zero_and_a_predicate_pupil_are_not_extra_children(sentence, phrases) -> None:
    assert [m.phrase for m in child_mentions(sentence)] == phrases
