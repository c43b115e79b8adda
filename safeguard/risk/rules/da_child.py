"""A child's own risk in a domestic abuse household (DOMAIN.md §3.3).

DASH and DARA assess the adult victim. The SafeLives guidance says: "If you are concerned
about risk to a child or children, you should make a referral to ensure that a full
assessment of their safety and welfare is made" (DOMAIN.md §3.3 [P]); a child who sees,
hears or experiences the effects of domestic abuse is a victim in their own right (Domestic
Abuse Act 2021 s.3, DOMAIN.md §3.1 [S]). This short instrument records that concern for one
child, so it can travel with the notification to children's social care. It is a prompt for
referral, not the full assessment, which social care makes.

The questions and the grading are this project's design [U]: no source gives them. Each is
answered "No", "Not known / declined" or "Yes" (an officer at the scene often cannot know
whether a child is open to social care, and "No" would record a false fact). Only "Yes"
counts, and the level is the highest a "Yes" indicates (:data:`INDICATORS_V1`):

- **High:** the child was injured in the incident; the child tried to intervene or was used
  or threatened during it; the child disclosed being harmed; no carer can protect the child
  now. Each is direct harm or a present lack of protection.
- **Medium:** the child is under 1 or there is an unborn child; the child said or showed
  they are afraid; the child was in an earlier domestic abuse incident in the household;
  the child is the subject of a plan or open to children's social care. Each raises the
  child's vulnerability but is not by itself harm now.
- **Standard** otherwise.

The officer may raise the level but never lower it, as for DASH (DOMAIN.md §3.3 [S]).
"""

from __future__ import annotations

from safeguard.risk.rules.dash import LEVEL_LABELS, LEVELS, DaRiskLevel, answer_question
from safeguard.risk.rules.instruments import Instrument, Question, indicator_scorer

DA_CHILD_CODE = "DA_CHILD"
SOURCE = (
    "DOMAIN.md §3.3 (a child needs their own assessment [P]; questions and grading are "
    "this project's design [U])"
)

QUESTIONS_V1: tuple[Question, ...] = (
    answer_question("CHILD_INJURED", "Was the child injured in this incident?"),
    answer_question(
        "CHILD_INVOLVED",
        "Did the child try to intervene, or was the child used, threatened or harmed during "
        "the incident?",
        "For example held while the adult was assaulted, used to make threats, or hurt "
        "while trying to protect the adult.",
    ),
    answer_question(
        "CHILD_DISCLOSED_HARM",
        "Has the child said that they have been hurt or harmed?",
        "Record the child's words as spoken in the incident record.",
    ),
    answer_question(
        "CARER_CANNOT_PROTECT",
        "Is there no parent or carer able to protect the child now?",
    ),
    answer_question(
        "UNDER_ONE_OR_UNBORN",
        "Is the child under 1 year old, or is there an unborn child (a pregnancy)?",
    ),
    answer_question(
        "CHILD_AFRAID",
        "Did the child say, or show, that they are afraid of anyone in the household?",
    ),
    answer_question(
        "PREVIOUS_DA_INCIDENT",
        "Has the child been in the household during an earlier domestic abuse incident?",
    ),
    answer_question(
        "OPEN_TO_SOCIAL_CARE",
        "Is the child the subject of a plan (child protection or child in need) or open to "
        "children's social care?",
    ),
)

INDICATORS_V1: dict[str, str] = {
    "CHILD_INJURED": DaRiskLevel.HIGH.value,
    "CHILD_INVOLVED": DaRiskLevel.HIGH.value,
    "CHILD_DISCLOSED_HARM": DaRiskLevel.HIGH.value,
    "CARER_CANNOT_PROTECT": DaRiskLevel.HIGH.value,
    "UNDER_ONE_OR_UNBORN": DaRiskLevel.MEDIUM.value,
    "CHILD_AFRAID": DaRiskLevel.MEDIUM.value,
    "PREVIOUS_DA_INCIDENT": DaRiskLevel.MEDIUM.value,
    "OPEN_TO_SOCIAL_CARE": DaRiskLevel.MEDIUM.value,
}

DA_CHILD_V1 = Instrument(
    code=DA_CHILD_CODE,
    version=1,
    title="Child's risk in a domestic abuse household",
    questions=QUESTIONS_V1,
    levels=LEVELS,
    scorer=indicator_scorer(indicators=INDICATORS_V1, levels=LEVELS),
    level_labels=LEVEL_LABELS,
    allows_lowering=False,
    source=SOURCE,
)
