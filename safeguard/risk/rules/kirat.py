"""KIRAT, the Kent Internet Risk Assessment Tool (DOMAIN.md §6.2).

KIRAT was developed by Kent Police with the University of Liverpool and is now at version 2,
maintained with the NCA. It prioritises suspects of possessing, making, taking or
distributing indecent images of children (IIOC) by how likely they are also to be
**contact offenders** [P]. Version 2 asks about 14 questions in four steps [S]:

1. **Previous behaviours:** sexual offence convictions or allegations, their number, prison.
2. **Access to children,** including the children of friends, acquaintances and neighbours.
3. **Current behavioural facilitators:** incitement, grooming, producing or taking IIOC,
   sexual communication with a child.
4. **Other factors:** other convictions, domestic abuse, substance misuse.

It grades a suspect **Low, Medium, High or Very High**, and each level "relates to police
enforcement action time" [S] (as reported: very high within about a day, high a week,
medium two weeks, low 30 days; those times are force policy and belong to the online abuse
app, not to this module). The level is stored with the instrument code and version and the
date it was made, as HMICFRS expects (DOMAIN.md §6.3 [P]).

The real KIRAT scoring matrix is not public. **The questions' wording and the scoring
below are this project's design [U]**: a transparent rule a reviewer can check, not
Kent's. A force with the licensed matrix replaces it by shipping another version of this
instrument. Each question is answered "No", "Not known / declined" or "Yes"; only "Yes"
counts (an officer triaging a referral often cannot know, and "No" would record a false
fact). With "access" meaning a "Yes" in step 2 (:data:`ACCESS_V2`) and the rest as named:

- **Very High:** access to children **and** either a current facilitator (any "Yes" in
  step 3, :data:`FACILITATORS_V2`) or a previous contact sexual offence against a child.
  This is the combination KIRAT exists to find: a likely contact offender who can reach a
  child now.
- **High:** access to children, a current facilitator, a previous contact sexual offence,
  or any other serious previous behaviour (:data:`SERIOUS_HISTORY_V2`: a sexual offence
  conviction, more than one sexual offence, or prison for one).
- **Medium:** any other "Yes" in step 1 (an allegation of a sexual offence not proved) or
  any "Yes" in step 4 (:data:`OTHER_FACTORS_V2`).
- **Low** otherwise.

Every rule asks only whether some answer is "Yes", so answering "Yes" to another question
never lowers the level. The officer may raise the level with a rationale, or lower it with
a longer one (force policy): the matrix is not the validated one, so judgement must be able
to correct it, and every re-grading keeps its reasons (DOMAIN.md §6.3: "some high-risk
cases were graded 'low'" [P], so the supervisor sees each lowering).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from safeguard.risk.rules.dash import answer_question
from safeguard.risk.rules.instruments import YES, Instrument, Question

KIRAT_CODE = "KIRAT"
KIRAT_VERSION = 2
SOURCE = (
    "DOMAIN.md §6.2 (KIRAT v2: four steps, about 14 questions and four levels relating to "
    "enforcement action time [S]; question wording and scoring are this project's design "
    "[U]); §6.3 (record the level, version and date [P])"
)


class KiratLevel(StrEnum):
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"
    VERY_HIGH = "VERY_HIGH"


LEVELS: tuple[str, ...] = tuple(level.value for level in KiratLevel)

LEVEL_LABELS: tuple[tuple[str, str], ...] = (
    (KiratLevel.LOW.value, "Low"),
    (KiratLevel.MEDIUM.value, "Medium"),
    (KiratLevel.HIGH.value, "High"),
    (KiratLevel.VERY_HIGH.value, "Very high"),
)

DEFINITIONS: dict[KiratLevel, str] = {
    KiratLevel.LOW: (
        "No known previous behaviour, access to children, current facilitator or other "
        "factor indicates that the suspect is also a contact offender"
    ),
    KiratLevel.MEDIUM: (
        "An unproven sexual offence allegation, or other convictions, domestic abuse or "
        "substance misuse, but no access to children or current facilitator is known"
    ),
    KiratLevel.HIGH: (
        "The suspect has access to children, a current facilitator, or a serious sexual "
        "offending history, but not access together with a facilitator or contact offence"
    ),
    KiratLevel.VERY_HIGH: (
        "The suspect has access to children and a current facilitator or a previous contact "
        "sexual offence: the most urgent enforcement action"
    ),
}
"""What each level means under this project's scoring [U]; the level names are KIRAT's [S]."""

_STEP_1 = "Step 1, previous behaviours."
_STEP_2 = "Step 2, access to children."
_STEP_3 = "Step 3, current behavioural facilitators."
_STEP_4 = "Step 4, other factors."

QUESTIONS_V2: tuple[Question, ...] = (
    # Step 1: previous behaviours.
    answer_question(
        "SEXUAL_OFFENCE_CONVICTION",
        "Has the suspect been convicted of a sexual offence?",
        f"{_STEP_1} Any sexual offence, including an earlier IIOC offence.",
    ),
    answer_question(
        "SEXUAL_OFFENCE_ALLEGATION",
        "Has a sexual offence been alleged against the suspect that did not lead to a conviction?",
        f"{_STEP_1} Include allegations not charged, not proceeded with or acquitted.",
    ),
    answer_question(
        "CONTACT_SEXUAL_OFFENCE",
        "Has the suspect been convicted of, or credibly alleged to have committed, a contact "
        "sexual offence against a child?",
        _STEP_1,
    ),
    answer_question(
        "MULTIPLE_SEXUAL_OFFENCES",
        "Is there more than one sexual offence conviction or allegation?",
        _STEP_1,
    ),
    answer_question(
        "SEXUAL_OFFENCE_PRISON",
        "Has the suspect been sentenced to prison for a sexual offence?",
        _STEP_1,
    ),
    # Step 2: access to children.
    answer_question(
        "CHILDREN_IN_HOUSEHOLD",
        "Does the suspect live with, or care for, a child?",
        f"{_STEP_2} Their own children, a partner's children or any other child at home.",
    ),
    answer_question(
        "CHILDREN_OF_FAMILY_OR_FRIENDS",
        "Does the suspect have contact with children of relatives, friends, acquaintances "
        "or neighbours?",
        _STEP_2,
    ),
    answer_question(
        "CHILDREN_THROUGH_ROLE",
        "Does the suspect have access to children through work, volunteering or a position "
        "of trust?",
        _STEP_2,
    ),
    # Step 3: current behavioural facilitators.
    answer_question(
        "INCITEMENT",
        "Is there evidence the suspect incited a child to sexual activity?",
        _STEP_3,
    ),
    answer_question(
        "GROOMING",
        "Is there evidence the suspect groomed, or tried to groom, a child?",
        _STEP_3,
    ),
    answer_question(
        "PRODUCING_IIOC",
        "Is there evidence the suspect produced or took indecent images of a child?",
        f"{_STEP_3} Making images by downloading is not producing; taking or creating is.",
    ),
    answer_question(
        "SEXUAL_COMMUNICATION_WITH_CHILD",
        "Is there evidence the suspect communicated sexually with a child?",
        _STEP_3,
    ),
    # Step 4: other factors.
    answer_question(
        "OTHER_CONVICTIONS",
        "Has the suspect convictions for offences other than sexual offences?",
        _STEP_4,
    ),
    answer_question(
        "DOMESTIC_ABUSE",
        "Is the suspect known as a perpetrator of domestic abuse?",
        _STEP_4,
    ),
    answer_question(
        "SUBSTANCE_MISUSE",
        "Is the suspect known to misuse alcohol or drugs?",
        _STEP_4,
    ),
)

CONTACT_OFFENCE_V2 = "CONTACT_SEXUAL_OFFENCE"
SERIOUS_HISTORY_V2: frozenset[str] = frozenset(
    {"SEXUAL_OFFENCE_CONVICTION", "MULTIPLE_SEXUAL_OFFENCES", "SEXUAL_OFFENCE_PRISON"}
)
"""Step-1 answers that by themselves make the level at least High."""
PREVIOUS_BEHAVIOURS_V2: frozenset[str] = frozenset(
    {*SERIOUS_HISTORY_V2, CONTACT_OFFENCE_V2, "SEXUAL_OFFENCE_ALLEGATION"}
)
"""Step 1: every previous-behaviour question."""
ACCESS_V2: frozenset[str] = frozenset(
    {"CHILDREN_IN_HOUSEHOLD", "CHILDREN_OF_FAMILY_OR_FRIENDS", "CHILDREN_THROUGH_ROLE"}
)
"""Step 2: access to children."""
FACILITATORS_V2: frozenset[str] = frozenset(
    {"INCITEMENT", "GROOMING", "PRODUCING_IIOC", "SEXUAL_COMMUNICATION_WITH_CHILD"}
)
"""Step 3: current behavioural facilitators."""
OTHER_FACTORS_V2: frozenset[str] = frozenset(
    {"OTHER_CONVICTIONS", "DOMESTIC_ABUSE", "SUBSTANCE_MISUSE"}
)
"""Step 4: other factors."""


def _any_yes(answers: Mapping[str, str], codes: frozenset[str]) -> bool:
    return any(answers.get(code) == YES for code in codes)


def kirat_score(answers: Mapping[str, str]) -> str:
    """Return the KIRAT v2 level of ``answers`` under this project's scoring [U].

    The rules, highest first, are in the module docstring. Only an exact "Yes" counts.
    """
    access = _any_yes(answers, ACCESS_V2)
    facilitator = _any_yes(answers, FACILITATORS_V2)
    contact = answers.get(CONTACT_OFFENCE_V2) == YES
    if access and (facilitator or contact):
        return KiratLevel.VERY_HIGH.value
    if access or facilitator or contact or _any_yes(answers, SERIOUS_HISTORY_V2):
        return KiratLevel.HIGH.value
    if _any_yes(answers, PREVIOUS_BEHAVIOURS_V2 | OTHER_FACTORS_V2):
        return KiratLevel.MEDIUM.value
    return KiratLevel.LOW.value


KIRAT_V2 = Instrument(
    code=KIRAT_CODE,
    version=KIRAT_VERSION,
    title="KIRAT (Kent Internet Risk Assessment Tool) v2",
    questions=QUESTIONS_V2,
    levels=LEVELS,
    scorer=kirat_score,
    level_labels=LEVEL_LABELS,
    allows_lowering=True,
    source=SOURCE,
)
"""KIRAT as version 2, mirroring the tool's own version number (there is no version 1 here)."""
