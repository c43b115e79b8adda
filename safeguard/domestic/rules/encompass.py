"""Operation Encompass: who is notified, what the notification says, and by when.

Pure: the standard library and :mod:`safeguard.core.rules` only; the clock is passed in.

- **Duty** (Domestic Abuse Act 2021 s.49A, in force 7 November 2025; DOMAIN.md §3.2 [S]):
  where a child may be a victim of domestic abuse, their "relevant educational
  establishment" is notified "as soon as is reasonably practicable".
- **Scope**: reception (age 4-5) to 17, at any setting; for an electively home-educated
  child the local authority is told instead (§3.2 [S]).
- **Standard**: before the start of the next school day, weekends and holidays included
  (§3.2 [S, scheme standard]); the setting's own calendar and start time decide.
- **Content**: the items of §3.2 [S], built by :func:`notification_content`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from safeguard.core.rules.calendar import LONDON, SchoolCalendar, is_working_day
from safeguard.core.rules.deadlines import NoSchoolDayFound, next_school_day_start

ADULT_AGE = 18
RECEPTION_AGE = 4
# England's school year starts on 1 September: a child starts reception in the September
# after their fourth birthday (School Admissions Code; DOMAIN.md §3.2 "reception (age 4-5)").
SCHOOL_YEAR_START_MONTH = 9


class SchoolAge(StrEnum):
    BELOW_RECEPTION = "BELOW_RECEPTION"
    SCHOOL_AGE = "SCHOOL_AGE"
    ADULT = "ADULT"
    UNKNOWN = "UNKNOWN"


def school_year_starts(on: dt.date) -> dt.date:
    """Return 1 September of the school year that ``on`` falls in."""
    year = on.year if on.month >= SCHOOL_YEAR_START_MONTH else on.year - 1
    return dt.date(year, SCHOOL_YEAR_START_MONTH, 1)


def school_age(*, on: dt.date, date_of_birth: dt.date | None, age: int | None) -> SchoolAge:
    """Say whether a child is of Operation Encompass age on ``on`` (reception to 17).

    With a date of birth: school age from the 1 September after the fourth birthday (the
    reception year) until the day before the eighteenth. With only an age (an estimate),
    4 to 17 counts: when unsure the school is told, because a notification the school did
    not need costs less than one it never got. No age at all is ``UNKNOWN``, which callers
    treat as school age when a setting is recorded.
    """
    if date_of_birth is not None:
        eighteenth = _birthday(date_of_birth, ADULT_AGE)
        if on >= eighteenth:
            return SchoolAge.ADULT
        fourth = _birthday(date_of_birth, RECEPTION_AGE)
        if fourth < school_year_starts(on):
            return SchoolAge.SCHOOL_AGE
        return SchoolAge.BELOW_RECEPTION
    if age is None:
        return SchoolAge.UNKNOWN
    if age >= ADULT_AGE:
        return SchoolAge.ADULT
    return SchoolAge.SCHOOL_AGE if age >= RECEPTION_AGE else SchoolAge.BELOW_RECEPTION


def _birthday(date_of_birth: dt.date, years: int) -> dt.date:
    try:
        return date_of_birth.replace(year=date_of_birth.year + years)
    except ValueError:  # 29 February: the birthday falls on 1 March in common years
        return dt.date(date_of_birth.year + years, 3, 1)


def next_working_day_start(
    *, after: dt.datetime, starts_at: dt.time, bank_holidays: frozenset[dt.date]
) -> dt.datetime:
    """Return the start (``starts_at``, London wall time) of the next working day after ``after``.

    For notifications to a local authority (home-educated children) and for a school whose
    term dates are missing: office days stand in for school days. Returned in UTC.

    :raises ValueError: ``after`` is naive
    """
    if after.tzinfo is None or after.utcoffset() is None:
        raise ValueError("after must be timezone-aware")
    day = after.astimezone(LONDON).date()
    while True:
        if is_working_day(day=day, bank_holidays=bank_holidays):
            # Working days are weekdays; the clocks change on Sundays, so no gap or fold.
            start = dt.datetime.combine(day, starts_at, tzinfo=LONDON).astimezone(dt.UTC)
            if start > after:
                return start
        day += dt.timedelta(days=1)


@dataclass(frozen=True)
class Recipient:
    """Who a notification goes to, as the due-time rule needs it.

    ``calendar`` is the school's own (terms, closures, day start); None for a local
    authority. ``day_starts_at`` is the opening time used when office days stand in.
    """

    name: str
    is_school: bool
    day_starts_at: dt.time
    calendar: SchoolCalendar | None = None


def notification_due(
    *,
    after: dt.datetime,
    recipient: Recipient | None,
    default_day_start: dt.time,
    bank_holidays: frozenset[dt.date],
) -> tuple[dt.datetime, str]:
    """Return when a notification is due, and the rule text to store with its clock.

    A school: before the start of its next school day by its own calendar (DOMAIN.md §3.2
    [S], scheme standard). A local authority (home-educated child), a school whose term dates
    are missing, or no recipient yet: before the start of the next working day, the nearest
    stand-in [U], said in the rule text.
    """
    if recipient is None:
        due = next_working_day_start(
            after=after, starts_at=default_day_start, bank_holidays=bank_holidays
        )
        return due, "Before the next working day starts (the school is not yet known)"
    fallback = next_working_day_start(
        after=after, starts_at=recipient.day_starts_at, bank_holidays=bank_holidays
    )
    if not recipient.is_school:
        return fallback, (
            f"Before {recipient.name} opens on the next working day (home-educated child)"
        )
    if recipient.calendar is None:
        return fallback, "Before the next working day starts (the school's term dates are missing)"
    try:
        due = next_school_day_start(
            after=after, calendar=recipient.calendar, bank_holidays=bank_holidays
        )
    except NoSchoolDayFound:
        return fallback, "Before the next working day starts (the school's term dates are missing)"
    return due, f"Before {recipient.name}'s next school day starts"


@dataclass(frozen=True)
class ChildVoice:
    spoken_to: bool | None
    spoken_to_alone: bool | None
    childs_words: str
    reason_not_spoken_to: str


@dataclass(frozen=True)
class NotificationFacts:
    """What the notification is built from; every item §3.2 lists has a field."""

    child_name: str
    child_date_of_birth: dt.date | None
    child_estimated_age: int | None
    police_reference: str
    location: str
    occurred_at: dt.datetime
    child_present: bool
    where_present: str
    saw: bool
    heard: bool
    experienced_effects: bool
    voice: ChildVoice
    circumstances: str
    other_information: str


def _yes_no(value: bool | None) -> str:
    return {True: "Yes", False: "No", None: "Not recorded"}[value]


def notification_content(facts: NotificationFacts) -> dict[str, str]:
    """Return the notification as labelled text, in the order of DOMAIN.md §3.2 [S].

    Name and date of birth; police reference; location, date and time; whether the child
    was present and where (sent even when not present); the voice of the child (spoken to,
    what they said, whether anyone else was there); the circumstances; other safeguarding
    information. Times are given in UK local time.
    """
    if facts.child_date_of_birth is not None:
        born = facts.child_date_of_birth.strftime("%-d %B %Y")
    elif facts.child_estimated_age is not None:
        born = f"Not known (estimated age {facts.child_estimated_age})"
    else:
        born = "Not known"
    local = facts.occurred_at.astimezone(LONDON)
    if facts.child_present:
        present = f"Yes: {facts.where_present.strip() or 'where not recorded'}"
    else:
        present = "No (normally lives in the household)"
    affected = [
        label
        for flag, label in (
            (facts.saw, "saw it"),
            (facts.heard, "heard it"),
            (facts.experienced_effects, "experienced its effects"),
        )
        if flag
    ]
    voice = facts.voice
    if voice.spoken_to:
        anyone_else = {True: "No, spoken to alone", False: "Yes", None: "Not recorded"}[
            voice.spoken_to_alone
        ]
        words = voice.childs_words.strip() or "Not recorded"
    else:
        anyone_else = "Not applicable"
        words = f"Not spoken to: {voice.reason_not_spoken_to.strip() or 'reason not recorded'}"
    return {
        "Child": facts.child_name,
        "Date of birth": born,
        "Police reference": facts.police_reference,
        "Where": facts.location,
        "When": local.strftime("%A %-d %B %Y at %H:%M"),
        "Child present": present,
        "How the child was affected": ", ".join(affected) or "Not known",
        "Child spoken to": _yes_no(voice.spoken_to),
        "What the child said": words,
        "Anyone else present when spoken to": anyone_else,
        "Circumstances": facts.circumstances.strip(),
        "Other safeguarding information": facts.other_information.strip() or "None",
    }
