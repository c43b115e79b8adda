"""DASH 2009: the police domestic abuse risk identification checklist (DOMAIN.md §3.3).

DASH (Domestic Abuse, Stalking and Harassment and Honour Based Violence) was created by
Laura Richards for ACPO with CAADA (now SafeLives) and accredited by ACPO Council in March
2009 for all UK forces. Police use the ACPO version; partner agencies use the SafeLives
version of 24 questions (DOMAIN.md §3.3 [S]). This module is the **police** version.

- **27 questions** [U]: believed from the form, but the copy read showed only questions
  1 to 11 (DOMAIN.md §3.3). The 27 below follow the police form as widely reproduced; the
  wording is paraphrased, with "the abuser" where the form names them. A force whose form
  differs configures its own version (``RISK_DASH_VERSIONS``, from version 2).
- **Answers:** "No", "Not known / declined" or "Yes", so a victim who declines a question is
  recorded as such rather than as "No". Only "Yes" counts. The answer choices are listed
  least serious first, as every instrument's are. A free-text question for the officer's
  further information is recorded but not scored.
- **Bands** [S]: 0 to 9 "yes" answers Standard, 10 to 13 Medium, 14 or more High ("refer to
  MARAC"). Definitions: High, "identifiable indicators of risk of serious harm … could
  happen at any time and the impact would be serious"; Medium, "has the potential to cause
  serious harm but is unlikely to do so unless there is a change in circumstances";
  Standard, "current evidence does not indicate likelihood of serious harm". The thresholds
  are arguments so that force policy can change them (``RISK_DASH_MEDIUM_FROM``,
  ``RISK_DASH_HIGH_FROM``).
- **Professional judgement** may raise the level but must never "downgrade" an actuarial
  result [S], so ``allows_lowering`` is False.

The level names, the three answer choices and the question helpers here are shared by the
other domestic abuse instruments (:mod:`safeguard.risk.rules.dara`,
:mod:`safeguard.risk.rules.da_child`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum

from safeguard.risk.rules.instruments import (
    NO,
    YES,
    Instrument,
    InstrumentMisdefined,
    Question,
    QuestionKind,
    config_questions,
    config_version,
    question_from_config,
    yes_count_scorer,
)

DASH_CODE = "DASH"
SOURCE = (
    "DOMAIN.md §3.3 (ACPO DASH 2009; bands 10 and 14 and no downgrading [S]; "
    "27 questions and their wording [U])"
)
DEFAULT_MEDIUM_FROM = 10
DEFAULT_HIGH_FROM = 14

NOT_KNOWN = "NOT_KNOWN"
# Least serious first (see instruments.YES_NO_CHOICES); only YES is counted by any scorer.
ANSWER_CHOICES: tuple[tuple[str, str], ...] = (
    (NO, "No"),
    (NOT_KNOWN, "Not known / declined"),
    (YES, "Yes"),
)
# In force configuration, this kind stands for a choice question offering ANSWER_CHOICES.
ANSWER_KIND = "yes_no_not_known"


class DaRiskLevel(StrEnum):
    """The levels of the domestic abuse instruments (DASH, DARA, DA_CHILD), lowest first."""

    STANDARD = "STANDARD"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"


LEVELS: tuple[str, ...] = tuple(level.value for level in DaRiskLevel)
LEVEL_LABELS: tuple[tuple[str, str], ...] = (
    (DaRiskLevel.STANDARD.value, "Standard"),
    (DaRiskLevel.MEDIUM.value, "Medium"),
    (DaRiskLevel.HIGH.value, "High"),
)


def answer_question(code: str, text: str, help_text: str = "") -> Question:
    """Return a required question answered "No", "Not known / declined" or "Yes"."""
    return Question(
        code=code,
        text=text,
        kind=QuestionKind.CHOICE,
        choices=ANSWER_CHOICES,
        help_text=help_text,
    )


def is_scorable(question: Question) -> bool:
    """Tell whether ``question`` can be answered "Yes", so a scorer can count it."""
    return YES in question.option_values


def question_from_da_config(raw: Mapping[str, object]) -> Question:
    """Build a question of a domestic abuse instrument from force configuration.

    As :func:`~safeguard.risk.rules.instruments.question_from_config`, plus the kind
    ``yes_no_not_known`` for a question answered "No", "Not known / declined" or "Yes".

    :raises InstrumentMisdefined: the entry is not well formed
    """
    if raw.get("kind") == ANSWER_KIND:
        return question_from_config(
            {**raw, "kind": QuestionKind.CHOICE.value, "choices": ANSWER_CHOICES}
        )
    return question_from_config(raw)


def config_threshold(raw: Mapping[str, object], key: str, default: int) -> int:
    """Return the whole number ``raw[key]``, or ``default`` when the key is absent.

    :raises InstrumentMisdefined: the value is not a whole number
    """
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InstrumentMisdefined(f"{key} must be a whole number, not {value!r}")
    return value


def config_force_version(raw: Mapping[str, object], code: str) -> int:
    """Return the version of a force's own version of a shipped instrument, from 2.

    :raises InstrumentMisdefined: it is missing, not a whole number, or 1 (the shipped one)
    """
    version = config_version(raw)
    if version == 1:
        raise InstrumentMisdefined(
            f"{code}: version 1 is the shipped version, so force versions start at 2"
        )
    return version


QUESTIONS_V1: tuple[Question, ...] = (
    answer_question(
        "Q01_INJURY",
        "Has the current incident resulted in injury?",
        "Record what the injury is and whether this is the first injury.",
    ),
    answer_question("Q02_VERY_FRIGHTENED", "Are you very frightened?"),
    answer_question(
        "Q03_AFRAID_OF",
        "What are you afraid of? Is it further injury or violence?",
        "Record what the victim thinks the abuser might do, and to whom, including children.",
    ),
    answer_question(
        "Q04_ISOLATED",
        "Do you feel isolated from family or friends? Does the abuser try to stop you from "
        "seeing friends, family, your doctor or others?",
    ),
    answer_question("Q05_DEPRESSED", "Are you feeling depressed or having suicidal thoughts?"),
    answer_question(
        "Q06_SEPARATION",
        "Have you separated or tried to separate from the abuser within the past year?",
    ),
    answer_question("Q07_CHILD_CONTACT", "Is there conflict over child contact?"),
    answer_question(
        "Q08_STALKING",
        "Does the abuser constantly text, call, contact, follow, stalk or harass you?",
        "Record what happens and whether the victim believes it is done deliberately to "
        "intimidate them.",
    ),
    answer_question(
        "Q09_PREGNANCY",
        "Are you pregnant, or have you recently had a baby (within the last 18 months)?",
    ),
    answer_question(
        "Q10_OTHER_CHILDREN",
        "Are there any children or step-children in the household who are not the "
        "abuser's, or other dependants (such as an older relative)?",
    ),
    answer_question("Q11_HURT_CHILDREN", "Has the abuser ever hurt the children or dependants?"),
    answer_question(
        "Q12_THREATENED_CHILDREN",
        "Has the abuser ever threatened to hurt or kill the children or dependants?",
    ),
    answer_question("Q13_MORE_OFTEN", "Is the abuse happening more often?"),
    answer_question("Q14_GETTING_WORSE", "Is the abuse getting worse?"),
    answer_question(
        "Q15_CONTROLLING",
        "Does the abuser try to control everything you do, or are they excessively jealous?",
        "For example: who you see, where you go, what you wear, money, phone or contacts.",
    ),
    answer_question("Q16_WEAPONS", "Has the abuser ever used weapons or objects to hurt you?"),
    answer_question(
        "Q17_THREATS_TO_KILL",
        "Has the abuser ever threatened to kill you or someone else, and you believed them?",
    ),
    answer_question(
        "Q18_STRANGULATION",
        "Has the abuser ever attempted to strangle, choke, suffocate or drown you?",
    ),
    answer_question(
        "Q19_SEXUAL_ABUSE",
        "Does the abuser do or say things of a sexual nature that make you feel bad or that "
        "physically hurt you or someone else?",
    ),
    answer_question(
        "Q20_OTHER_PERSON_THREAT",
        "Is there any other person who has threatened you or whom you are afraid of?",
        "For example family members of the abuser or of the victim (honour-based abuse).",
    ),
    answer_question("Q21_HURT_OTHERS", "Do you know if the abuser has hurt anyone else?"),
    answer_question("Q22_ANIMALS", "Has the abuser ever mistreated an animal or the family pet?"),
    answer_question(
        "Q23_FINANCIAL",
        "Are there any financial issues? For example, are you dependent on the abuser for "
        "money, or have they recently lost their job?",
    ),
    answer_question(
        "Q24_DRUGS_ALCOHOL_MENTAL_HEALTH",
        "Has the abuser had problems in the past year with drugs (prescription or other), "
        "alcohol or mental health, leading to problems in leading a normal life?",
    ),
    answer_question("Q25_SUICIDE", "Has the abuser ever threatened or attempted suicide?"),
    answer_question(
        "Q26_BROKEN_BAIL",
        "Has the abuser ever broken bail, an injunction or a formal agreement about when "
        "they can see you or the children?",
    ),
    answer_question(
        "Q27_CRIMINAL_HISTORY",
        "Do you know if the abuser has ever been in trouble with the police or has a "
        "criminal history?",
    ),
    Question(
        code="ADDITIONAL_INFORMATION",
        text="Any other relevant information from the officer",
        kind=QuestionKind.TEXT,
        required=False,
        help_text="Not counted in the score. Record anything that bears on the risk, such "
        "as the victim's own view of it and anything the questions did not cover.",
    ),
)


def scored_codes(questions: Sequence[Question]) -> tuple[str, ...]:
    """Return the codes of the questions that can be answered "Yes", which DASH counts."""
    return tuple(q.code for q in questions if is_scorable(q))


SCORED_V1: tuple[str, ...] = scored_codes(QUESTIONS_V1)


def dash_yes_count(answers: Mapping[str, str], questions: Sequence[Question] = QUESTIONS_V1) -> int:
    """Return how many of the scored questions are answered "Yes" ("Not known" never counts)."""
    return sum(1 for code in scored_codes(questions) if answers.get(code) == YES)


def dash_instrument(
    *,
    version: int = 1,
    questions: Sequence[Question] = QUESTIONS_V1,
    medium_from: int = DEFAULT_MEDIUM_FROM,
    high_from: int = DEFAULT_HIGH_FROM,
) -> Instrument:
    """Return a version of DASH scored by the number of "Yes" answers.

    Standard below ``medium_from``, Medium from ``medium_from``, High from ``high_from``
    (10 and 14 by default, DOMAIN.md §3.3 [S]). Every question that can be answered "Yes"
    counts; text questions are recorded only.

    :raises InstrumentMisdefined: the thresholds are not 1 <= medium_from < high_from, or
        High could never be reached with this version's scored questions
    """
    scored = scored_codes(questions)
    if not 1 <= medium_from < high_from:
        raise InstrumentMisdefined(
            f"{DASH_CODE}: thresholds must be 1 <= medium ({medium_from}) < high ({high_from})"
        )
    if high_from > len(scored):
        raise InstrumentMisdefined(
            f"{DASH_CODE}: high from {high_from} yes answers can never be reached with "
            f"{len(scored)} scored questions"
        )
    return Instrument(
        code=DASH_CODE,
        version=version,
        title="DASH risk checklist",
        questions=tuple(questions),
        levels=LEVELS,
        scorer=yes_count_scorer(
            bands=[
                (0, DaRiskLevel.STANDARD.value),
                (medium_from, DaRiskLevel.MEDIUM.value),
                (high_from, DaRiskLevel.HIGH.value),
            ],
            questions=scored,
        ),
        level_labels=LEVEL_LABELS,
        allows_lowering=False,
        source=SOURCE,
    )


DASH_V1 = dash_instrument()


def dash_instrument_from_config(
    raw: Mapping[str, object],
    *,
    medium_from: int = DEFAULT_MEDIUM_FROM,
    high_from: int = DEFAULT_HIGH_FROM,
) -> Instrument:
    """Build a force's own version of DASH from configuration.

    Shape: ``{"version": 2, "questions": [{"code": "Q01_INJURY", "kind":
    "yes_no_not_known", "text": "..."}, ...], "medium_from": 10, "high_from": 14}``.
    Questions of kind ``yes_no_not_known`` or ``yes_no`` (or a ``choice`` offering ``YES``)
    are counted; ``text`` questions are recorded only. ``medium_from`` and ``high_from`` are
    optional in the entry: without them the version takes the keyword arguments (the
    force's policy thresholds, when the catalogue builds it). Version 1 is the shipped one,
    so force versions start at 2.

    :raises InstrumentMisdefined: the entry is not well formed
    """
    version = config_force_version(raw, DASH_CODE)
    questions = [question_from_da_config(entry) for entry in config_questions(raw)]
    return dash_instrument(
        version=version,
        questions=questions,
        medium_from=config_threshold(raw, "medium_from", medium_from),
        high_from=config_threshold(raw, "high_from", high_from),
    )
