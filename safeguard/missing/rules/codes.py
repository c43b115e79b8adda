"""Codes for missing episodes, return interviews, exploitation and the NRM (DOMAIN.md §2, §10.1)."""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    """Missing, or away from placement without authorisation (DfE 2014, DOMAIN.md §2.2 [S]).

    The two are kept apart: "away" is a looked-after child whose whereabouts are known but
    who is not where they should be; "missing" is a child whose whereabouts are not known.
    """

    MISSING = "MISSING"
    AWAY_WITHOUT_AUTHORISATION = "AWAY"


CATEGORY_LABELS: dict[Category, str] = {
    Category.MISSING: "Missing (whereabouts not known)",
    Category.AWAY_WITHOUT_AUTHORISATION: (
        "Away from placement without authorisation (whereabouts known)"
    ),
}


class MissingFrom(StrEnum):
    HOME = "HOME"
    CARE = "CARE"


MISSING_FROM_LABELS: dict[MissingFrom, str] = {
    MissingFrom.HOME: "Missing from home",
    MissingFrom.CARE: "Missing from care (a looked-after child)",
}


class EpisodeStatus(StrEnum):
    OPEN = "OPEN"
    FOUND = "FOUND"
    CLOSED = "CLOSED"


EPISODE_STATUS_LABELS: dict[EpisodeStatus, str] = {
    EpisodeStatus.OPEN: "Missing now",
    EpisodeStatus.FOUND: "Found: after-care open",
    EpisodeStatus.CLOSED: "Closed",
}


class FoundCondition(StrEnum):
    SAFE_AND_WELL = "SAFE_AND_WELL"
    INJURED = "INJURED"
    UNDER_INFLUENCE = "UNDER_INFLUENCE"
    HOSPITAL = "HOSPITAL"
    ARRESTED = "ARRESTED"
    DECEASED = "DECEASED"


FOUND_CONDITION_LABELS: dict[FoundCondition, str] = {
    FoundCondition.SAFE_AND_WELL: "Safe and well",
    FoundCondition.INJURED: "Injured",
    FoundCondition.UNDER_INFLUENCE: "Under the influence of drink or drugs",
    FoundCondition.HOSPITAL: "Taken to hospital",
    FoundCondition.ARRESTED: "Arrested",
    FoundCondition.DECEASED: "Deceased",
}


class CraDecision(StrEnum):
    """Child Rescue Alert, considered for a child at significant risk (DOMAIN.md §2.1 [P])."""

    ISSUED = "ISSUED"
    NOT_ISSUED = "NOT_ISSUED"


CRA_DECISION_LABELS: dict[CraDecision, str] = {
    CraDecision.ISSUED: "Child Rescue Alert issued",
    CraDecision.NOT_ISSUED: "Considered and not issued",
}


class ReturnInterviewOutcome(StrEnum):
    """The local authority's independent return interview (DOMAIN.md §2.2 [S])."""

    COMPLETED = "COMPLETED"
    REFUSED = "REFUSED"
    NOT_HELD = "NOT_HELD"


RETURN_INTERVIEW_OUTCOME_LABELS: dict[ReturnInterviewOutcome, str] = {
    ReturnInterviewOutcome.COMPLETED: "Completed",
    ReturnInterviewOutcome.REFUSED: "Offered and refused by the child",
    ReturnInterviewOutcome.NOT_HELD: "Not held (decision recorded with its reason)",
}


class ExploitationIndicator(StrEnum):
    """Signs in a missing episode that call for a CSE/CCE screening (DOMAIN.md §2.2, §10.1 [S])."""

    OLDER_ASSOCIATES = "OLDER_ASSOCIATES"
    FOUND_AT_HOTEL = "FOUND_AT_HOTEL"
    FOUND_AT_KNOWN_LOCATION = "FOUND_AT_KNOWN_LOCATION"
    NEW_PHONE_OR_MONEY = "NEW_PHONE_OR_MONEY"
    TRAVEL_OUT_OF_AREA = "TRAVEL_OUT_OF_AREA"
    DRUGS_OR_WEAPONS = "DRUGS_OR_WEAPONS"
    UNEXPLAINED_INJURIES = "UNEXPLAINED_INJURIES"


EXPLOITATION_INDICATOR_LABELS: dict[ExploitationIndicator, str] = {
    ExploitationIndicator.OLDER_ASSOCIATES: "Missing with, or seen with, older associates",
    ExploitationIndicator.FOUND_AT_HOTEL: "Found at a hotel or short-let",
    ExploitationIndicator.FOUND_AT_KNOWN_LOCATION: (
        "Found at a known location of concern (a trap house, an address flagged for exploitation)"
    ),
    ExploitationIndicator.NEW_PHONE_OR_MONEY: "New phone, money, clothes or gifts not explained",
    ExploitationIndicator.TRAVEL_OUT_OF_AREA: "Travelled out of the force area",
    ExploitationIndicator.DRUGS_OR_WEAPONS: "Found with drugs, large amounts of cash or a weapon",
    ExploitationIndicator.UNEXPLAINED_INJURIES: "Unexplained injuries",
}


class ExploitationType(StrEnum):
    """DOMAIN.md §10.1 [S]."""

    CSE = "CSE"
    CCE = "CCE"
    COUNTY_LINES = "COUNTY_LINES"
    TRAFFICKING = "TRAFFICKING"
    MODERN_SLAVERY = "MODERN_SLAVERY"


EXPLOITATION_TYPE_LABELS: dict[ExploitationType, str] = {
    ExploitationType.CSE: "Child sexual exploitation",
    ExploitationType.CCE: "Child criminal exploitation",
    ExploitationType.COUNTY_LINES: "County lines",
    ExploitationType.TRAFFICKING: "Trafficking",
    ExploitationType.MODERN_SLAVERY: "Modern slavery",
}


class ScreeningOutcome(StrEnum):
    CSE_RISK = "CSE_RISK"
    CCE_RISK = "CCE_RISK"
    CSE_AND_CCE_RISK = "BOTH"
    NO_EXPLOITATION_FOUND = "NONE"


SCREENING_OUTCOME_LABELS: dict[ScreeningOutcome, str] = {
    ScreeningOutcome.CSE_RISK: "At risk of sexual exploitation",
    ScreeningOutcome.CCE_RISK: "At risk of criminal exploitation",
    ScreeningOutcome.CSE_AND_CCE_RISK: "At risk of sexual and criminal exploitation",
    ScreeningOutcome.NO_EXPLOITATION_FOUND: "No exploitation found",
}


class NrmDecision(StrEnum):
    """Reasonable-grounds and conclusive-grounds decisions (DOMAIN.md §10.1 [S])."""

    PENDING = "PENDING"
    POSITIVE = "POSITIVE"
    NEGATIVE = "NEGATIVE"


NRM_DECISION_LABELS: dict[NrmDecision, str] = {
    NrmDecision.PENDING: "Awaited",
    NrmDecision.POSITIVE: "Positive",
    NrmDecision.NEGATIVE: "Negative",
}
