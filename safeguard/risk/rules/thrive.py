"""THRIVE and the force's THRIVE+ extension (DOMAIN.md §4.1).

THRIVE grades a call or concern on six elements: Threat, Harm, Risk, Investigation,
Vulnerability and Engagement. The element names and their definitions are West Midlands
Police's (DOMAIN.md §4.1 [S], a copy of force policy); THRIVE has no statutory basis and no
national scoring.

Design decisions, all [U] (no source gives a scoring rule):

- each element is graded Low, Medium or High;
- the instrument's level is the highest element grade, so no element graded High is lost
  in an average. The officer may raise it; lowering needs a written rationale.

THRIVE+: forces extend the core six in different ways ("+ Prevention/Intervention",
Dorset's "THRIVE-SP"); there is no national definition of "+", so it is force
configuration (DOMAIN.md §4.1 [U]). Each configured extension version becomes the
instrument ``THRIVE_PLUS`` at that version. An extension question of kind ``graded`` is
graded like the core elements and counts towards the level; other extension questions are
recorded but not scored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from safeguard.risk.rules.instruments import (
    Instrument,
    InstrumentMisdefined,
    Question,
    QuestionKind,
    config_questions,
    config_version,
    highest_answer_scorer,
    question_from_config,
)

THRIVE_CODE = "THRIVE"
THRIVE_PLUS_CODE = "THRIVE_PLUS"
SOURCE = "DOMAIN.md §4.1 (West Midlands Police definitions [S]; grading and scoring [U])"
GRADED_KIND = "graded"


class ThriveGrade(StrEnum):
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"


GRADE_CHOICES: tuple[tuple[str, str], ...] = (
    (ThriveGrade.LOW.value, "Low"),
    (ThriveGrade.MEDIUM.value, "Medium"),
    (ThriveGrade.HIGH.value, "High"),
)
LEVELS: tuple[str, ...] = tuple(value for value, _label in GRADE_CHOICES)


def graded_question(
    code: str, text: str, *, help_text: str = "", required: bool = True
) -> Question:
    """Return a question answered Low, Medium or High, which counts towards the level."""
    return Question(
        code=code,
        text=text,
        kind=QuestionKind.CHOICE,
        choices=GRADE_CHOICES,
        required=required,
        help_text=help_text,
    )


def is_graded(question: Question) -> bool:
    """Tell whether ``question`` is graded Low, Medium or High like a THRIVE element."""
    return question.kind is QuestionKind.CHOICE and question.choices == GRADE_CHOICES


# The quoted definitions are West Midlands Police's (DOMAIN.md §4.1 [S]).
ELEMENTS: tuple[Question, ...] = (
    graded_question(
        "THREAT",
        "Threat: grade the threat",
        help_text="A communicated or perceived intent to inflict harm or loss against another person.",
    ),
    graded_question(
        "HARM",
        "Harm: grade the harm",
        help_text="To do or to cause harm: injure, damage, hurt, physical or psychological.",
    ),
    graded_question(
        "RISK",
        "Risk: grade the risk",
        help_text="The likelihood of the event occurring.",
    ),
    graded_question(
        "INVESTIGATION",
        "Investigation: grade how pressing the investigation is",
        help_text="The act or process of examining a crime, problem or situation and "
        "considering what action is required.",
    ),
    graded_question(
        "VULNERABILITY",
        "Vulnerability: grade the vulnerability",
        help_text="A person is vulnerable if as a result of their situation or circumstances, "
        "they are unable to take care or protect themselves, or others, from harm or "
        "exploitation.",
    ),
    graded_question(
        "ENGAGEMENT",
        "Engagement: grade the need to engage",
        help_text="Whether this is a chance to engage, for example with a hard-to-reach "
        "group or through a reassurance visit.",
    ),
)


@dataclass(frozen=True)
class ThriveExtension:
    """A force's "+" questions, versioned by the force (DOMAIN.md §4.1 [U])."""

    version: int
    questions: tuple[Question, ...]


# Shipped default for THRIVE+: "+ Prevention/Intervention", the typical extension named in
# DOMAIN.md §4.1 [S]; a force replaces it in settings. Recorded, not scored.
DEFAULT_THRIVE_PLUS_VERSIONS: tuple[Mapping[str, object], ...] = (
    {
        "version": 1,
        "questions": (
            {
                "code": "PREVENTION",
                "kind": "text",
                "text": "Prevention: what can be done now to prevent harm or further offending?",
            },
            {
                "code": "INTERVENTION",
                "kind": "text",
                "text": "Intervention: what intervention or referral is needed, and by whom?",
            },
        ),
    },
)


def thrive_instrument(extension: ThriveExtension | None = None) -> Instrument:
    """Return THRIVE version 1, or THRIVE+ at the extension's version when one is given.

    :raises InstrumentMisdefined: an extension question reuses a core element's code
    """
    questions = ELEMENTS + (extension.questions if extension else ())
    graded = [q.code for q in questions if is_graded(q)]
    scorer = highest_answer_scorer(graded=graded, levels=LEVELS)
    if extension is None:
        return Instrument(
            code=THRIVE_CODE,
            version=1,
            title="THRIVE",
            questions=questions,
            levels=LEVELS,
            scorer=scorer,
            level_labels=GRADE_CHOICES,
            source=SOURCE,
        )
    return Instrument(
        code=THRIVE_PLUS_CODE,
        version=extension.version,
        title="THRIVE+",
        questions=questions,
        levels=LEVELS,
        scorer=scorer,
        level_labels=GRADE_CHOICES,
        source=SOURCE,
    )


def thrive_extension_from_config(raw: Mapping[str, object]) -> ThriveExtension:
    """Build a THRIVE+ extension from one entry of force configuration.

    Shape: ``{"version": 2, "questions": [{"code": "PREVENTION", "kind": "graded",
    "text": "..."}, ...]}``. Kinds are ``graded`` (Low/Medium/High, scored) or any plain
    question kind (recorded only).

    :raises InstrumentMisdefined: the entry is not well formed
    """
    version = config_version(raw)
    questions: list[Question] = []
    for entry in config_questions(raw):
        graded = entry.get("kind") == GRADED_KIND
        as_question = (
            {**entry, "kind": QuestionKind.CHOICE.value, "choices": GRADE_CHOICES}
            if graded
            else entry
        )
        questions.append(question_from_config(as_question))
    return ThriveExtension(version=version, questions=tuple(questions))


def thrive_instruments(extensions: Sequence[Mapping[str, object]]) -> tuple[Instrument, ...]:
    """Return THRIVE v1 and one THRIVE+ instrument per configured extension version.

    :raises InstrumentMisdefined: an extension is not well formed or versions repeat
    """
    built = [thrive_instrument(thrive_extension_from_config(raw)) for raw in extensions]
    versions = [i.version for i in built]
    if len(set(versions)) != len(versions):
        raise InstrumentMisdefined("THRIVE+ extension versions must be unique")
    return (thrive_instrument(), *built)


THRIVE_V1 = thrive_instrument()
