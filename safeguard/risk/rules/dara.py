"""DARA: the College of Policing Domestic Abuse Risk Assessment (DOMAIN.md §3.3).

DARA was launched on 26 November 2022 and **replaces DASH for frontline police**, with more
focus on coercive and controlling behaviour; in the pilot, 38% more officers reached the
same risk decision as a domestic abuse expert (DOMAIN.md §3.3 [P]). Adoption varies by
force, so DASH and DARA are both offered, as versioned questionnaires [P].

Everything below the name is this project's design [U]: the DARA question count was not
confirmed (DOMAIN.md §3.3) and no source read gives its questions or its scoring. The
questions are written for this project in the spirit of the tool; a force using the
College's own form configures it as a new version (``RISK_DARA_VERSIONS``, from version 2).

Questions fall into three groups, answered "No", "Not known / declined" or "Yes":

- **Critical markers**: strangulation or suffocation, threats to kill that the victim
  believes, a weapon used or threatened, sexual violence, and stalking that is escalating.
- **Coercive and controlling behaviour**: monitoring, restricting, isolating, degrading,
  economic control, threats to compel, and jealousy or possessiveness.
- **Other concerns**: injury, fear, escalation, separation, pregnancy or a baby, children.

Scoring (:func:`dara_scorer`), with the counts as arguments so a force can change them:

- **High** if any critical marker is "Yes", or at least ``coercive_high_from`` (default 5)
  coercive-control items are "Yes": coercive control is a pattern, and a pattern of it is
  itself a high-harm marker;
- **Medium** if any other concern is "Yes", or at least ``coercive_medium_from`` (default
  2) coercive-control items are;
- **Standard** otherwise.

"Not known / declined" never counts. The officer may raise the level but never lower it
(``allows_lowering`` False), as for DASH: judgement "must never 'downgrade' an actuarial
result" (DOMAIN.md §3.3 [S]).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from safeguard.risk.rules.dash import (
    LEVEL_LABELS,
    LEVELS,
    DaRiskLevel,
    answer_question,
    config_force_version,
    config_threshold,
    is_scorable,
    question_from_da_config,
)
from safeguard.risk.rules.instruments import (
    YES,
    Instrument,
    InstrumentMisdefined,
    Question,
    QuestionKind,
    Scorer,
    config_questions,
)

DARA_CODE = "DARA"
SOURCE = (
    "DOMAIN.md §3.3 (DARA replaces DASH for frontline police [P]; no downgrading [S]; "
    "questions and scoring are this project's design [U])"
)
DEFAULT_COERCIVE_HIGH_FROM = 5
DEFAULT_COERCIVE_MEDIUM_FROM = 2

CRITICAL = "critical"
COERCIVE = "coercive"
CONCERN = "concern"
MARKERS = (CRITICAL, COERCIVE, CONCERN)

QUESTIONS_V1: tuple[Question, ...] = (
    # Critical markers: any "Yes" is High.
    answer_question(
        "STRANGULATION",
        "Has the abuser ever strangled, choked or suffocated you, or tried to drown you?",
        "Include any pressure on the neck, however brief, and any loss of breath.",
    ),
    answer_question(
        "THREATS_TO_KILL",
        "Has the abuser threatened to kill you or someone else, and do you believe them?",
    ),
    answer_question(
        "WEAPON",
        "Has the abuser used a weapon or object to hurt you, or threatened to?",
    ),
    answer_question(
        "SEXUAL_VIOLENCE",
        "Has the abuser forced or pressured you into sexual activity, or hurt you sexually?",
    ),
    answer_question(
        "STALKING_ESCALATING",
        "Is the abuser following, watching or repeatedly contacting you, and is it getting worse?",
    ),
    # Coercive and controlling behaviour: counted.
    answer_question(
        "MONITORING",
        "Does the abuser check or track your phone, messages, location or whom you see?",
    ),
    answer_question(
        "RESTRICTING",
        "Does the abuser restrict where you go, what you wear, what you eat or what you do "
        "day to day?",
    ),
    answer_question(
        "ISOLATING",
        "Does the abuser stop or discourage you from seeing family, friends or "
        "professionals such as your doctor?",
    ),
    answer_question(
        "DEGRADING",
        "Does the abuser humiliate, degrade or belittle you, in private or in front of others?",
    ),
    answer_question(
        "ECONOMIC_CONTROL",
        "Does the abuser control your money, benefits or work, or run up debts in your name?",
    ),
    answer_question(
        "THREATS_TO_CONTROL",
        "Does the abuser use threats to make you do or stop doing things?",
        "For example threats to hurt you, others or pets, to take the children, to share "
        "intimate images or to report you to the authorities.",
    ),
    answer_question(
        "JEALOUSY",
        "Is the abuser excessively jealous or possessive, or do they accuse you of unfaithfulness?",
    ),
    # Other concerns: any "Yes" is at least Medium.
    answer_question("INJURY", "Were you injured in this incident?"),
    answer_question("FRIGHTENED", "Are you frightened of what the abuser will do next?"),
    answer_question("ESCALATION", "Is the abuse happening more often, or getting worse?"),
    answer_question(
        "SEPARATION",
        "Have you separated from the abuser in the past year, or are you planning to?",
    ),
    answer_question(
        "PREGNANCY",
        "Are you pregnant, or have you had a baby in the last 18 months?",
    ),
    answer_question(
        "CHILDREN",
        "Are there children in the household, or has the abuser hurt or threatened a child?",
        "A child who sees, hears or experiences the effects of the abuse is a victim in "
        "their own right (Domestic Abuse Act 2021 s.3): assess their risk separately.",
    ),
    Question(
        code="ADDITIONAL_INFORMATION",
        text="Any other relevant information from the officer",
        kind=QuestionKind.TEXT,
        required=False,
        help_text="Not counted in the score.",
    ),
)

CRITICAL_V1: tuple[str, ...] = (
    "STRANGULATION",
    "THREATS_TO_KILL",
    "WEAPON",
    "SEXUAL_VIOLENCE",
    "STALKING_ESCALATING",
)
COERCIVE_V1: tuple[str, ...] = (
    "MONITORING",
    "RESTRICTING",
    "ISOLATING",
    "DEGRADING",
    "ECONOMIC_CONTROL",
    "THREATS_TO_CONTROL",
    "JEALOUSY",
)
CONCERNS_V1: tuple[str, ...] = (
    "INJURY",
    "FRIGHTENED",
    "ESCALATION",
    "SEPARATION",
    "PREGNANCY",
    "CHILDREN",
)


def dara_scorer(
    *,
    critical: Collection[str],
    coercive: Collection[str],
    concerns: Collection[str],
    coercive_high_from: int = DEFAULT_COERCIVE_HIGH_FROM,
    coercive_medium_from: int = DEFAULT_COERCIVE_MEDIUM_FROM,
) -> Scorer:
    """Return the DARA scorer (this project's design, DOMAIN.md §3.3 [U]).

    - High: any ``critical`` question "Yes", or ``coercive_high_from`` or more ``coercive``
      questions "Yes";
    - Medium: any ``concerns`` question "Yes", or ``coercive_medium_from`` or more
      ``coercive`` questions "Yes";
    - Standard otherwise. Only "Yes" counts.
    """
    critical_codes = tuple(critical)
    coercive_codes = tuple(coercive)
    concern_codes = tuple(concerns)

    def score(answers: Mapping[str, str]) -> str:
        coercive_yes = sum(1 for code in coercive_codes if answers.get(code) == YES)
        if coercive_yes >= coercive_high_from or any(
            answers.get(code) == YES for code in critical_codes
        ):
            return DaRiskLevel.HIGH.value
        if coercive_yes >= coercive_medium_from or any(
            answers.get(code) == YES for code in concern_codes
        ):
            return DaRiskLevel.MEDIUM.value
        return DaRiskLevel.STANDARD.value

    return score


def dara_instrument(
    *,
    version: int = 1,
    questions: Sequence[Question] = QUESTIONS_V1,
    critical: Sequence[str] = CRITICAL_V1,
    coercive: Sequence[str] = COERCIVE_V1,
    concerns: Sequence[str] = CONCERNS_V1,
    coercive_high_from: int = DEFAULT_COERCIVE_HIGH_FROM,
    coercive_medium_from: int = DEFAULT_COERCIVE_MEDIUM_FROM,
) -> Instrument:
    """Return a version of DARA scored by :func:`dara_scorer`.

    Questions in none of ``critical``, ``coercive`` and ``concerns`` are recorded only.

    :raises InstrumentMisdefined: a grouped code is not a question of this version that can
        be answered "Yes", a code is in two groups, or the counts are not
        1 <= coercive_medium_from <= coercive_high_from
    """
    by_code = {q.code: q for q in questions}
    grouped = [*critical, *coercive, *concerns]
    for code in grouped:
        question = by_code.get(code)
        if question is None or not is_scorable(question):
            raise InstrumentMisdefined(
                f"{DARA_CODE}: {code} is not a question of this version that can be answered Yes"
            )
    if len(set(grouped)) != len(grouped):
        raise InstrumentMisdefined(f"{DARA_CODE}: a question is in more than one group")
    if not 1 <= coercive_medium_from <= coercive_high_from:
        raise InstrumentMisdefined(
            f"{DARA_CODE}: counts must be 1 <= coercive medium ({coercive_medium_from}) "
            f"<= coercive high ({coercive_high_from})"
        )
    return Instrument(
        code=DARA_CODE,
        version=version,
        title="DARA risk assessment",
        questions=tuple(questions),
        levels=LEVELS,
        scorer=dara_scorer(
            critical=critical,
            coercive=coercive,
            concerns=concerns,
            coercive_high_from=coercive_high_from,
            coercive_medium_from=coercive_medium_from,
        ),
        level_labels=LEVEL_LABELS,
        allows_lowering=False,
        source=SOURCE,
    )


DARA_V1 = dara_instrument()


def dara_instrument_from_config(raw: Mapping[str, object]) -> Instrument:
    """Build a force's own version of DARA from configuration.

    Shape: ``{"version": 2, "questions": [{"code": "STRANGULATION", "kind":
    "yes_no_not_known", "text": "...", "marker": "critical"}, ...], "coercive_high_from":
    5, "coercive_medium_from": 2}``. ``marker`` is ``critical``, ``coercive`` or
    ``concern``; a question without one is recorded only. The two counts are optional
    (defaults 5 and 2). Version 1 is the shipped one, so force versions start at 2.

    :raises InstrumentMisdefined: the entry is not well formed
    """
    version = config_force_version(raw, DARA_CODE)
    questions: list[Question] = []
    groups: dict[str, list[str]] = {marker: [] for marker in MARKERS}
    for entry in config_questions(raw):
        question = question_from_da_config(entry)
        questions.append(question)
        marker = entry.get("marker")
        if marker is None:
            continue
        if not isinstance(marker, str) or marker not in groups:
            raise InstrumentMisdefined(
                f"{DARA_CODE}: {question.code} marker must be one of {', '.join(MARKERS)}"
            )
        groups[marker].append(question.code)
    return dara_instrument(
        version=version,
        questions=questions,
        critical=groups[CRITICAL],
        coercive=groups[COERCIVE],
        concerns=groups[CONCERN],
        coercive_high_from=config_threshold(raw, "coercive_high_from", DEFAULT_COERCIVE_HIGH_FROM),
        coercive_medium_from=config_threshold(
            raw, "coercive_medium_from", DEFAULT_COERCIVE_MEDIUM_FROM
        ),
    )
