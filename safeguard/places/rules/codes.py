"""Codes for places, their links and business concerns, with labels (DOMAIN.md §7).

The Makesafe indicators are the ones forces give hotels (Sussex and Nottinghamshire
Police, DOMAIN.md §7 [P]); the published list is truncated in the copy we hold, so "Other"
carries anything else the reporter saw, in their own words.
"""

from __future__ import annotations

from enum import StrEnum


class Indicator(StrEnum):
    """A Makesafe sign a business can tick (DOMAIN.md §7 [P])."""

    SECRETIVE = "SECRETIVE"
    CASH_OR_NO_CARD = "CASH_OR_NO_CARD"
    ISOLATED_ROOM = "ISOLATED_ROOM"
    MANY_VISITORS = "MANY_VISITORS"
    IN_AND_OUT = "IN_AND_OUT"
    NERVOUS_YOUNG_PERSON = "NERVOUS_YOUNG_PERSON"
    SHORT_NOTICE_BOOKING = "SHORT_NOTICE_BOOKING"
    NO_LUGGAGE = "NO_LUGGAGE"
    BEDROOM_ACTIVITY = "BEDROOM_ACTIVITY"
    OTHER = "OTHER"


INDICATOR_LABELS: dict[Indicator, str] = {
    Indicator.SECRETIVE: "Guests secretive about their visit, or concealing who they are with",
    Indicator.CASH_OR_NO_CARD: "Refusing to leave a card imprint, or paying in cash",
    Indicator.ISOLATED_ROOM: "Asking for an isolated room",
    Indicator.MANY_VISITORS: (
        "Many adults or young people arriving with no apparent reason to be there, "
        "or many visitors to one room"
    ),
    Indicator.IN_AND_OUT: "Guests moving in and out of the premises repeatedly",
    Indicator.NERVOUS_YOUNG_PERSON: "A nervous-looking young person with older adults",
    Indicator.SHORT_NOTICE_BOOKING: "A booking made at short notice",
    Indicator.NO_LUGGAGE: "Guests with no luggage",
    Indicator.BEDROOM_ACTIVITY: "Suspicious activity in or around bedrooms",
    Indicator.OTHER: "Something else (describe it)",
}


class PlaceKind(StrEnum):
    HOTEL = "HOTEL"
    LICENSED_PREMISES = "LICENSED_PREMISES"
    ADDRESS = "ADDRESS"
    OPEN_SPACE = "OPEN_SPACE"
    OTHER = "OTHER"


PLACE_KIND_LABELS: dict[PlaceKind, str] = {
    PlaceKind.HOTEL: "Hotel or other accommodation",
    PlaceKind.LICENSED_PREMISES: "Licensed premises (pub, bar, club)",
    PlaceKind.ADDRESS: "Address (a house or flat)",
    PlaceKind.OPEN_SPACE: "Open space (park, car park, street)",
    PlaceKind.OTHER: "Other place",
}


class LinkRole(StrEnum):
    """What part a place played in a linked record (issue 10 item 1)."""

    FOUND_AT = "FOUND_AT"
    LAST_SEEN_AT = "LAST_SEEN_AT"
    MISSING_FROM = "MISSING_FROM"
    INCIDENT_AT = "INCIDENT_AT"
    CONCERN_AT = "CONCERN_AT"
    REFERRAL_ABOUT = "REFERRAL_ABOUT"


LINK_ROLE_LABELS: dict[LinkRole, str] = {
    LinkRole.FOUND_AT: "Missing child found here",
    LinkRole.LAST_SEEN_AT: "Missing child last seen here",
    LinkRole.MISSING_FROM: "Child went missing from here",
    LinkRole.INCIDENT_AT: "Incident here",
    LinkRole.CONCERN_AT: "Concern reported here",
    LinkRole.REFERRAL_ABOUT: "Referral about this place",
}

EPISODE_SUBJECT_TYPE = "missing.missingepisode"
OCCURRENCE_SUBJECT_TYPE = "incidents.occurrence"
REFERRAL_SUBJECT_TYPE = "referrals.referral"
CHILD_CONCERN_SUBJECT_TYPE = "referrals.childconcern"
BUSINESS_CONCERN_SUBJECT_TYPE = "places.businessconcern"

LINKABLE_ROLES: dict[str, frozenset[LinkRole]] = {
    EPISODE_SUBJECT_TYPE: frozenset(
        {LinkRole.FOUND_AT, LinkRole.LAST_SEEN_AT, LinkRole.MISSING_FROM}
    ),
    OCCURRENCE_SUBJECT_TYPE: frozenset({LinkRole.INCIDENT_AT, LinkRole.CONCERN_AT}),
    REFERRAL_SUBJECT_TYPE: frozenset({LinkRole.REFERRAL_ABOUT}),
    CHILD_CONCERN_SUBJECT_TYPE: frozenset({LinkRole.CONCERN_AT}),
    BUSINESS_CONCERN_SUBJECT_TYPE: frozenset({LinkRole.CONCERN_AT}),
}
"""Which records link to a place, and in which roles (this project's design)."""


def link_errors(
    *, subject_type: str, role: str, reason: str, reason_min: int
) -> dict[str, list[str]]:
    """Return what is wrong with a proposed link, by field (empty when it may be made)."""
    errors: dict[str, list[str]] = {}
    allowed = LINKABLE_ROLES.get(subject_type)
    if allowed is None:
        errors["subject_type"] = ["Link a missing episode, an occurrence, a referral or a concern."]
    elif role not in {r.value for r in allowed}:
        names = ", ".join(sorted(LINK_ROLE_LABELS[r].lower() for r in allowed))
        errors["role"] = [f"For this record choose one of: {names}."]
    if len(reason.strip()) < reason_min:
        errors["reason"] = [f"Say why the record is linked (at least {reason_min} characters)."]
    return errors


class ConcernStatus(StrEnum):
    """Where a business concern stands (police side)."""

    RECEIVED = "RECEIVED"
    ACTIONED = "ACTIONED"
    CLOSED = "CLOSED"


SUBMITTER_STATUS_LABELS: dict[ConcernStatus, str] = {
    ConcernStatus.RECEIVED: "Received: the police have your report",
    ConcernStatus.ACTIONED: "Actioned: the police have acted on your report",
    ConcernStatus.CLOSED: "Closed",
}


def submitter_status(status: str) -> str:
    """Return the status a business reporter sees: no names, no police notes (issue 10 item 2).

    A status this module does not know shows as received, never as something that reveals
    more than the reporter sent.
    """
    try:
        return SUBMITTER_STATUS_LABELS[ConcernStatus(status)]
    except ValueError:
        return SUBMITTER_STATUS_LABELS[ConcernStatus.RECEIVED]
