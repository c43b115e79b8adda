"""The child-concern (PPN) RAG grading and the escalating-concern rule (DOMAIN.md §3.4).

Police notifications to children's social care have no single national form; the Devon &
Cornwall process (DOMAIN.md §3.4 [P], a council page describing the force process) grades
each notification **High / Medium / Low (red / amber / green)**, and a central team
researches "red PPNs, amber PPNs, and 3 green PPNs within 3 months" (escalating concern).

The questions and how they grade are this project's design [U]: no source gives them. They
sit behind configuration (force versions of ``PPN_RAG`` may replace them), and the officer
may always raise the level. The design:

- **Red** if any red indicator is answered "yes": significant harm now or likely (Children
  Act 1989 s.31(9) harm, s.47 threshold, DOMAIN.md §4.2 [S]); no parent or carer able to
  keep the child safe now; or a disclosure of abuse.
- **Amber** if no red indicator but any amber indicator is "yes": the child saw, heard or
  experienced the effects of domestic abuse (a victim in their own right, Domestic Abuse Act
  2021 s.3, DOMAIN.md §3.1 [S]); a carer's capacity reduced by substances or mental
  ill-health; signs of neglect; signs of exploitation or a missing episode.
- **Green** otherwise.
- Two text questions are required but not scored: what happened, and the voice of the child
  (DOMAIN.md §8.4 [P]: HMICFRS criticises forces for not recording it).

Previous notifications are deliberately not a question: repeated concern is handled by
:func:`ppn_escalation_required`, so it is not counted twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from enum import StrEnum

from safeguard.risk.rules.instruments import (
    Instrument,
    InstrumentMisdefined,
    Question,
    QuestionKind,
    config_questions,
    config_version,
    indicator_scorer,
    question_from_config,
)

PPN_RAG_CODE = "PPN_RAG"
SOURCE = "DOMAIN.md §3.4 (RAG grades and escalation [P]; questions and grading [U])"

# "three months" as days. Three calendar months last 89 to 92 days; the longest is used
# so that the window never misses a green that a calendar reading would catch.
DEFAULT_ESCALATION_WINDOW_DAYS = 92
DEFAULT_ESCALATION_GREENS = 3


class RagLevel(StrEnum):
    GREEN = "GREEN"
    AMBER = "AMBER"
    RED = "RED"


RAG_LEVEL_LABELS: dict[RagLevel, str] = {
    RagLevel.GREEN: "Low",
    RagLevel.AMBER: "Medium",
    RagLevel.RED: "High",
}
LEVELS: tuple[str, ...] = (RagLevel.GREEN.value, RagLevel.AMBER.value, RagLevel.RED.value)
LEVEL_LABELS: tuple[tuple[str, str], ...] = tuple(
    (lv.value, lb) for lv, lb in RAG_LEVEL_LABELS.items()
)


def _yes_no(code: str, text: str, help_text: str = "") -> Question:
    return Question(code=code, text=text, kind=QuestionKind.YES_NO, help_text=help_text)


QUESTIONS_V1: tuple[Question, ...] = (
    _yes_no(
        "SIGNIFICANT_HARM",
        "Has the child suffered, or are they likely to suffer, significant harm?",
        "Harm includes impairment from seeing or hearing the ill-treatment of another "
        "(Children Act 1989 s.31(9)).",
    ),
    _yes_no(
        "NO_SAFE_CARER",
        "Is there no parent or carer able and willing to keep the child safe now?",
    ),
    _yes_no(
        "ABUSE_DISCLOSED",
        "Has the child, or anyone else, disclosed abuse of the child?",
    ),
    _yes_no(
        "DOMESTIC_ABUSE_EXPOSURE",
        "Did the child see, hear or experience the effects of domestic abuse?",
        "A child who does is a victim of domestic abuse in their own right "
        "(Domestic Abuse Act 2021 s.3).",
    ),
    _yes_no(
        "CARER_CAPACITY_REDUCED",
        "Is a parent's or carer's ability to care reduced by alcohol, drugs, mental "
        "ill-health or something similar?",
    ),
    _yes_no(
        "NEGLECT_SIGNS",
        "Are there signs of neglect, such as home conditions, hunger, hygiene or supervision?",
    ),
    _yes_no(
        "EXPLOITATION_OR_MISSING",
        "Are there signs of exploitation, or has the child been missing?",
    ),
    Question(
        code="CONCERN_SUMMARY",
        text="What happened, and why are you concerned for the child?",
        kind=QuestionKind.TEXT,
    ),
    Question(
        code="CHILD_VOICE",
        text="What did the child say, and how did they behave and seem?",
        kind=QuestionKind.TEXT,
        help_text="Record the child's words as spoken. If the child was not seen or "
        "spoken to, say why.",
    ),
)

INDICATORS_V1: dict[str, str] = {
    "SIGNIFICANT_HARM": RagLevel.RED.value,
    "NO_SAFE_CARER": RagLevel.RED.value,
    "ABUSE_DISCLOSED": RagLevel.RED.value,
    "DOMESTIC_ABUSE_EXPOSURE": RagLevel.AMBER.value,
    "CARER_CAPACITY_REDUCED": RagLevel.AMBER.value,
    "NEGLECT_SIGNS": RagLevel.AMBER.value,
    "EXPLOITATION_OR_MISSING": RagLevel.AMBER.value,
}


def ppn_rag_instrument(
    *, version: int, questions: Sequence[Question], indicators: Mapping[str, str]
) -> Instrument:
    """Return a version of the child-concern RAG instrument.

    ``indicators`` maps a yes/no question to the level (``AMBER`` or ``RED``) a "yes"
    indicates; the level is the highest indicated, green when none is.

    :raises InstrumentMisdefined: an indicator is not a yes/no question of this version or
        names an unknown level
    """
    by_code = {q.code: q for q in questions}
    for code, level in indicators.items():
        question = by_code.get(code)
        if question is None or question.kind is not QuestionKind.YES_NO:
            raise InstrumentMisdefined(f"{PPN_RAG_CODE}: {code} is not a yes/no question")
        if level not in LEVELS:
            raise InstrumentMisdefined(f"{PPN_RAG_CODE}: {code} indicates unknown {level!r}")
    return Instrument(
        code=PPN_RAG_CODE,
        version=version,
        title="Child concern (PPN) RAG",
        questions=tuple(questions),
        levels=LEVELS,
        scorer=indicator_scorer(indicators=dict(indicators), levels=LEVELS),
        level_labels=LEVEL_LABELS,
        source=SOURCE,
    )


PPN_RAG_V1 = ppn_rag_instrument(version=1, questions=QUESTIONS_V1, indicators=INDICATORS_V1)


def ppn_rag_instrument_from_config(raw: Mapping[str, object]) -> Instrument:
    """Build a force's own version of the RAG instrument from configuration.

    Shape: ``{"version": 2, "questions": [{"code": "...", "kind": "yes_no", "text": "...",
    "indicates": "RED"}, ...]}``. ``indicates`` (``AMBER`` or ``RED``) is optional and only
    for yes/no questions. Version 1 is the shipped one, so force versions start at 2.

    :raises InstrumentMisdefined: the entry is not well formed
    """
    version = config_version(raw)
    questions: list[Question] = []
    indicators: dict[str, str] = {}
    for entry in config_questions(raw):
        question = question_from_config(entry)
        questions.append(question)
        indicates = entry.get("indicates")
        if indicates is not None:
            indicators[question.code] = str(indicates)
    return ppn_rag_instrument(version=version, questions=questions, indicators=indicators)


def ppn_escalation_required(
    *,
    level: RagLevel | str,
    previous: Sequence[tuple[dt.date, RagLevel | str]],
    on: dt.date,
    window_days: int = DEFAULT_ESCALATION_WINDOW_DAYS,
    greens_threshold: int = DEFAULT_ESCALATION_GREENS,
) -> bool:
    """Tell whether a notification graded ``level`` on ``on`` goes to the central team.

    Source: "red PPNs, amber PPNs, and 3 green PPNs within 3 months" (DOMAIN.md §3.4 [P],
    one force's process, so the window and the count are force policy parameters).

    - Red and amber always escalate.
    - A green escalates when it makes ``greens_threshold`` greens within ``window_days``:
      **the green being graded counts as one of them**. The source describes the set of
      notifications researched, and the third green is the one that completes it; not
      counting it would need a fourth green and research one notification late.
    - ``previous`` holds the child's earlier notifications as ``(date, level)``, without
      this one. Only greens count towards the three: the reds and ambers among them were
      researched already. Earlier notifications dated from ``on - window_days`` to ``on``
      (both ends included) are in the window; later-dated ones are ignored.

    :raises ValueError: an unknown level, a negative window or a threshold below 1
    """
    if window_days < 0:
        raise ValueError("window_days must not be negative")
    if greens_threshold < 1:
        raise ValueError("greens_threshold must be 1 or more")
    current = RagLevel(level)
    earlier = [(when, RagLevel(grade)) for when, grade in previous]
    if current is not RagLevel.GREEN:
        return True
    window_starts = on - dt.timedelta(days=window_days)
    greens_in_window = sum(
        1 for when, grade in earlier if grade is RagLevel.GREEN and window_starts <= when <= on
    )
    return greens_in_window + 1 >= greens_threshold
