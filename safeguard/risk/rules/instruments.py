"""Risk instruments as data: versioned question sets, each with a pure scorer.

An instrument (THRIVE, the child-concern RAG, and later DASH, DARA, missing-person risk and
KIRAT) is a frozen value: its questions, its levels ordered lowest to highest, and a function
from answers to a level. Every assessment stores the instrument code and version it was
made with, so an old assessment can always be read against the questions it answered
(DOMAIN.md §3.3: "software should support both DASH and DARA, with versioned
questionnaires" [P]).

Answers are plain strings keyed by question code: ``"YES"``/``"NO"`` for yes/no questions,
one of the listed values for choice questions, free text for text questions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

CODE_MAX_LENGTH = 40
CODE_PATTERN = re.compile(rf"[A-Z][A-Z0-9_]{{0,{CODE_MAX_LENGTH - 1}}}")
TEXT_MAX_LENGTH = 4000
ERROR_VALUE_PREVIEW = 40

YES = "YES"
NO = "NO"
# Choices are listed from the least to the most serious answer; scorers and the
# "more serious answers never lower the level" property rely on that order.
YES_NO_CHOICES: tuple[tuple[str, str], ...] = ((NO, "No"), (YES, "Yes"))

Scorer = Callable[[Mapping[str, str]], str]


class InstrumentMisdefined(ValueError):
    """An instrument, question or force configuration of one is not well formed."""


class UnknownInstrument(LookupError):
    """No instrument has this code (and version)."""


class UnknownLevel(ValueError):
    """The level is not one of the instrument's levels."""


class QuestionKind(StrEnum):
    YES_NO = "yes_no"
    CHOICE = "choice"
    TEXT = "text"


@dataclass(frozen=True)
class Question:
    """One question of an instrument.

    ``choices`` are ``(value, label)`` pairs, least serious first, and only for ``choice``
    questions; a ``yes_no`` question always offers :data:`YES_NO_CHOICES`.
    """

    code: str
    text: str
    kind: QuestionKind
    choices: tuple[tuple[str, str], ...] = ()
    required: bool = True
    help_text: str = ""

    def __post_init__(self) -> None:
        try:
            kind = QuestionKind(self.kind)
        except ValueError as exc:
            raise InstrumentMisdefined(f"{self.code}: unknown kind {self.kind!r}") from exc
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "choices", tuple(tuple(c) for c in self.choices))
        if not CODE_PATTERN.fullmatch(self.code):
            raise InstrumentMisdefined(f"{self.code!r} is not an upper-case question code")
        if not self.text.strip():
            raise InstrumentMisdefined(f"{self.code}: a question needs its text")
        if kind is QuestionKind.CHOICE and len(self.choices) < 2:
            raise InstrumentMisdefined(f"{self.code}: a choice question needs two or more choices")
        if kind is not QuestionKind.CHOICE and self.choices:
            raise InstrumentMisdefined(f"{self.code}: only choice questions list choices")
        values = [value for value, _label in self.choices]
        if len(set(values)) != len(values):
            raise InstrumentMisdefined(f"{self.code}: choice values must be unique")

    @property
    def options(self) -> tuple[tuple[str, str], ...]:
        """Return the ``(value, label)`` pairs an answer must come from (none for text)."""
        if self.kind is QuestionKind.YES_NO:
            return YES_NO_CHOICES
        return self.choices

    @property
    def option_values(self) -> tuple[str, ...]:
        return tuple(value for value, _label in self.options)


@dataclass(frozen=True)
class Instrument:
    """A versioned risk instrument: questions, levels (lowest first) and a scorer.

    ``allows_lowering`` False means professional judgement may raise the level but never
    lower it at all (DASH: judgement "must never 'downgrade' an actuarial result",
    DOMAIN.md §3.3 [S]). When True, lowering needs a written rationale.
    """

    code: str
    version: int
    title: str
    questions: tuple[Question, ...]
    levels: tuple[str, ...]
    scorer: Scorer = field(compare=False, repr=False)
    level_labels: tuple[tuple[str, str], ...] = ()
    allows_lowering: bool = True
    source: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "questions", tuple(self.questions))
        object.__setattr__(self, "levels", tuple(self.levels))
        object.__setattr__(self, "level_labels", tuple(tuple(p) for p in self.level_labels))
        if not CODE_PATTERN.fullmatch(self.code):
            raise InstrumentMisdefined(f"{self.code!r} is not an upper-case instrument code")
        if self.version < 1:
            raise InstrumentMisdefined(f"{self.code}: versions start at 1")
        if not self.questions:
            raise InstrumentMisdefined(f"{self.code}: an instrument needs questions")
        codes = [q.code for q in self.questions]
        if len(set(codes)) != len(codes):
            raise InstrumentMisdefined(f"{self.code}: question codes must be unique")
        if len(self.levels) < 2 or len(set(self.levels)) != len(self.levels):
            raise InstrumentMisdefined(f"{self.code}: needs two or more distinct levels")
        if not all(CODE_PATTERN.fullmatch(level) for level in self.levels):
            raise InstrumentMisdefined(f"{self.code}: levels must be upper-case codes")
        if not {level for level, _label in self.level_labels} <= set(self.levels):
            raise InstrumentMisdefined(f"{self.code}: a label names an unknown level")

    def question(self, code: str) -> Question | None:
        """Return the question with ``code``, or None."""
        return next((q for q in self.questions if q.code == code), None)

    def level_label(self, level: str) -> str:
        """Return the officer-facing name of ``level``.

        :raises UnknownLevel: the instrument has no such level
        """
        level_rank(self, level)
        return dict(self.level_labels).get(level, level.replace("_", " ").capitalize())


@dataclass(frozen=True)
class InstrumentRegistry:
    """The instruments a force uses, every version of each."""

    instruments: tuple[Instrument, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "instruments", tuple(self.instruments))
        keys = [(i.code, i.version) for i in self.instruments]
        if len(set(keys)) != len(keys):
            raise InstrumentMisdefined("two instruments share a code and version")

    def get(self, code: str, version: int | None = None) -> Instrument:
        """Return the instrument ``code`` at ``version``, or its latest version if None.

        :raises UnknownInstrument: no such instrument or version
        """
        candidates = [i for i in self.instruments if i.code == code]
        if version is not None:
            candidates = [i for i in candidates if i.version == version]
        if not candidates:
            shown = code[:ERROR_VALUE_PREVIEW]
            suffix = "" if version is None else f" version {version}"
            raise UnknownInstrument(f"There is no risk instrument {shown!r}{suffix}")
        return max(candidates, key=lambda i: i.version)

    def latest(self) -> tuple[Instrument, ...]:
        """Return the latest version of every instrument, ordered by code."""
        codes = sorted({i.code for i in self.instruments})
        return tuple(self.get(code) for code in codes)


def level_rank(instrument: Instrument, level: str) -> int:
    """Return the position of ``level`` among the instrument's levels, 0 being lowest.

    :raises UnknownLevel: the instrument has no such level
    """
    if level not in instrument.levels:
        shown = str(level)[:ERROR_VALUE_PREVIEW]
        raise UnknownLevel(f"{shown!r} is not a level of {instrument.title}")
    return instrument.levels.index(level)


def is_lowering(instrument: Instrument, computed: str, officer: str) -> bool:
    """Tell whether the officer's level is below the level the instrument computed.

    :raises UnknownLevel: either level is not one of the instrument's
    """
    return level_rank(instrument, officer) < level_rank(instrument, computed)


def is_raising(instrument: Instrument, computed: str, officer: str) -> bool:
    """Tell whether the officer's level is above the level the instrument computed.

    :raises UnknownLevel: either level is not one of the instrument's
    """
    return level_rank(instrument, officer) > level_rank(instrument, computed)


def answers_errors(instrument: Instrument, answers: Mapping[str, object]) -> dict[str, list[str]]:
    """Return errors per question code; an empty dict means the answers can be scored.

    Reports required questions left unanswered, codes that are not questions of this
    version, answers that are not text, choices that are not offered, and text that is too
    long. Surrounding spaces are ignored.
    """
    errors: dict[str, list[str]] = {}
    for code in answers:
        if instrument.question(code) is None:
            # Encodable text only: a lone surrogate in a key must not break the JSON answer.
            shown = str(code)[:ERROR_VALUE_PREVIEW].encode("utf-8", "replace").decode("utf-8")
            errors.setdefault(shown, []).append(
                f"This is not a question of {instrument.title} version {instrument.version}"
            )
    for question in instrument.questions:
        raw = answers.get(question.code)
        if raw is not None and not isinstance(raw, str):
            errors.setdefault(question.code, []).append("Give the answer as text")
            continue
        value = (raw or "").strip()
        if not value:
            if question.required:
                errors.setdefault(question.code, []).append("Answer this question")
            continue
        if question.kind is QuestionKind.TEXT:
            if len(value) > TEXT_MAX_LENGTH:
                errors.setdefault(question.code, []).append(
                    f"Answer in {TEXT_MAX_LENGTH} characters or fewer"
                )
        elif value not in question.option_values:
            allowed = ", ".join(question.option_values)
            errors.setdefault(question.code, []).append(
                f"{value[:ERROR_VALUE_PREVIEW]!r} is not one of: {allowed}"
            )
    return errors


def answers_cleaned(instrument: Instrument, answers: Mapping[str, object]) -> dict[str, str]:
    """Return the answers to store: known questions only, trimmed, blanks left out.

    Call it on answers that :func:`answers_errors` accepted.
    """
    cleaned: dict[str, str] = {}
    for question in instrument.questions:
        raw = answers.get(question.code)
        value = raw.strip() if isinstance(raw, str) else ""
        if value:
            cleaned[question.code] = value
    return cleaned


def risk_level(instrument: Instrument, answers: Mapping[str, str]) -> str:
    """Return the level the instrument's scorer gives ``answers`` (accepted, cleaned answers).

    :raises InstrumentMisdefined: the scorer returned something that is not a level
    """
    level = instrument.scorer(answers)
    if level not in instrument.levels:
        raise InstrumentMisdefined(f"{instrument.code}: the scorer returned {level!r}")
    return level


# Scorers shared by instruments. Each returns a function of the answers alone.


def highest_answer_scorer(*, graded: Sequence[str], levels: Sequence[str]) -> Scorer:
    """Return a scorer giving the highest level chosen in any of the ``graded`` questions.

    The answers to graded questions are level codes themselves (THRIVE grades each element).
    Unanswered graded questions count as the lowest level.
    """
    ordered = tuple(levels)

    def score(answers: Mapping[str, str]) -> str:
        ranks = [ordered.index(answers[c]) for c in graded if answers.get(c) in ordered]
        return ordered[max(ranks, default=0)]

    return score


def indicator_scorer(*, indicators: Mapping[str, str], levels: Sequence[str]) -> Scorer:
    """Return a scorer giving the highest level indicated by a "yes" answer.

    ``indicators`` maps a yes/no question code to the level a "yes" to it indicates. With
    no "yes" the level is the lowest.
    """
    ordered = tuple(levels)

    def score(answers: Mapping[str, str]) -> str:
        ranks = [
            ordered.index(level) for code, level in indicators.items() if answers.get(code) == YES
        ]
        return ordered[max(ranks, default=0)]

    return score


def yes_count_scorer(*, bands: Sequence[tuple[int, str]], questions: Iterable[str]) -> Scorer:
    """Return a scorer banding the number of "yes" answers among ``questions``.

    ``bands`` are ``(minimum yes answers, level)`` pairs; the band with the largest minimum
    not above the count wins (the DASH shape, DOMAIN.md §3.3 [S]). The lowest band must
    start at 0.

    :raises InstrumentMisdefined: no band starts at 0
    """
    ordered = sorted(bands)
    if not ordered or ordered[0][0] != 0:
        raise InstrumentMisdefined("the lowest band must start at 0 yes answers")
    codes = tuple(questions)

    def score(answers: Mapping[str, str]) -> str:
        count = sum(1 for code in codes if answers.get(code) == YES)
        return [level for minimum, level in ordered if minimum <= count][-1]

    return score


def question_from_config(raw: Mapping[str, object]) -> Question:
    """Build a question from force configuration (a dict from ``settings.SAFEGUARD``).

    Keys: ``code``, ``text``, ``kind`` (``yes_no``, ``choice`` or ``text``), and optionally
    ``choices`` (``[value, label]`` pairs, least serious first), ``required`` (default
    true) and ``help_text``.

    :raises InstrumentMisdefined: a key is missing or has the wrong type
    """
    code = _config_str(raw, "code")
    choices_raw = raw.get("choices", ())
    if not isinstance(choices_raw, list | tuple):
        raise InstrumentMisdefined(f"{code}: choices must be a list of [value, label] pairs")
    choices: list[tuple[str, str]] = []
    for pair in choices_raw:
        if (
            not isinstance(pair, list | tuple)
            or len(pair) != 2
            or not all(isinstance(p, str) for p in pair)
        ):
            raise InstrumentMisdefined(f"{code}: each choice must be a [value, label] pair")
        choices.append((str(pair[0]), str(pair[1])))
    required = raw.get("required", True)
    if not isinstance(required, bool):
        raise InstrumentMisdefined(f"{code}: required must be true or false")
    help_text = raw.get("help_text", "")
    if not isinstance(help_text, str):
        raise InstrumentMisdefined(f"{code}: help_text must be text")
    kind_text = _config_str(raw, "kind")
    try:
        kind = QuestionKind(kind_text)
    except ValueError as exc:
        raise InstrumentMisdefined(f"{code}: unknown kind {kind_text!r}") from exc
    return Question(
        code=code,
        text=_config_str(raw, "text"),
        kind=kind,
        choices=tuple(choices),
        required=required,
        help_text=help_text,
    )


def _config_str(raw: Mapping[str, object], key: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str):
        raise InstrumentMisdefined(f"{raw.get('code', '?')}: {key} must be text")
    return value


def config_version(raw: Mapping[str, object]) -> int:
    """Return the ``version`` of a configured instrument version, a whole number from 1.

    :raises InstrumentMisdefined: it is missing or not a positive whole number
    """
    version = raw.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise InstrumentMisdefined(f"version must be a whole number from 1, not {version!r}")
    return version


def config_questions(raw: Mapping[str, object]) -> list[Mapping[str, object]]:
    """Return the ``questions`` list of a configured instrument version.

    :raises InstrumentMisdefined: it is missing or not a list of mappings
    """
    questions = raw.get("questions")
    if not isinstance(questions, list | tuple) or not all(
        isinstance(q, Mapping) for q in questions
    ):
        raise InstrumentMisdefined("questions must be a list of question settings")
    return list(questions)
