"""The synthetic force's domestic-abuse records and Operation Encompass notifications.

Rows, wording and the due-time rules that :class:`~safeguard.demo.pathways.PathwayPlanner`
uses when it plans a domestic-abuse incident: the incident with its two adult parties, a
child-victim record per child (Domestic Abuse Act 2021 s.3), and a notification of each
related child's school (DOMAIN.md §3.2). The due times follow
``safeguard.domestic.services.encompass.notification_due`` exactly (the demo tests compare
them), from the same pure rules; nothing here reads the database or the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from safeguard.core.rules.calendar import LONDON, SchoolCalendar, is_school_day, is_working_day
from safeguard.domestic.rules.codes import PartyRelationship, RelatedTo
from safeguard.domestic.rules.encompass import NotificationFacts, Recipient

# Organisation kinds (``accounts.models.OrganisationKind`` values) a notification can go to.
SCHOOL = "SCHOOL"
LOCAL_AUTHORITY = "LA"
NOTIFICATION_SUBJECT = "domestic.encompassnotification"
# The daily dispatch run (``manage.py encompass_dispatch``, scheduled for 07:00 London).
DAILY_RUN_AT = dt.time(7, 0)


@dataclass(frozen=True)
class EducationSetting:
    """A school or local authority a notification can go to, with what decides its due time.

    ``acknowledger`` is the username of the setting's designated safeguarding lead (None:
    nobody there can acknowledge, so notifications to it stay sent). ``in_casework`` is False
    for the demo "school" account's own school: its inbox starts empty for the walkthrough
    (``tests/journeys``), so its pupils are kept out of the domestic-abuse casework.
    """

    id: str
    name: str
    kind: str
    day_starts_at: dt.time
    calendar: SchoolCalendar | None
    acknowledger: str | None
    in_casework: bool = True

    @property
    def recipient(self) -> Recipient:
        """The setting as the Encompass due-time rule reads it."""
        return Recipient(
            name=self.name,
            is_school=self.kind == SCHOOL,
            day_starts_at=self.day_starts_at,
            calendar=self.calendar,
        )


@dataclass(frozen=True)
class EncompassRules:
    """The Operation Encompass clock settings the domestic services use (read by the loader)."""

    notify_kind: str
    notify_label: str
    notify_rule_source: str
    notify_rule_version: str
    acknowledge_kind: str
    acknowledge_label: str
    acknowledge_hours: int
    acknowledge_rule: str
    acknowledge_rule_source: str
    acknowledge_rule_version: str
    system_late_reason: str
    acknowledge_late_reason: str
    # Force policy ENCOMPASS_DEFAULT_DAY_START: the day start when no recipient is known.
    default_day_start: dt.time


# --- Rows ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DomesticIncidentRow:
    id: str
    occurrence_id: str
    victim_id: str
    suspect_id: str
    relationship: str
    circumstances_for_school: str
    other_information_for_school: str
    owning_team_code: str | None
    recorded_by: str
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class ChildVictimRow:
    id: str
    incident_id: str
    child_id: str
    present: bool
    where_present: str
    saw: bool
    heard: bool
    experienced_effects: bool
    related_to: str
    concern_id: str | None
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class NotificationRow:
    """One notification; the loader issues its reference and builds the content from ``facts``.

    ``facts`` is set once the notification has been sent; its ``police_reference`` is left
    empty for the loader to fill with the occurrence's reference.
    """

    id: str
    occurrence_id: str
    incident_id: str
    child_victim_id: str
    recipient_id: str | None
    recipient_kind: str
    status: str
    due_at: dt.datetime
    due_rule: str
    facts: NotificationFacts | None
    sent_at: dt.datetime | None
    sent_by: str | None
    sent_channel: str
    acknowledged_at: dt.datetime | None
    acknowledged_by: str | None
    owning_team_code: str | None
    created_at: dt.datetime
    updated_at: dt.datetime


# --- Text ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scene:
    """A domestic-abuse incident with a child: what officers wrote, where the child was (empty
    when the child was not there but lives there), how likely the child saw and heard it, and
    the circumstances as the school is told them."""

    narrative: str
    where: str
    saw: float
    heard: float
    circumstances: str


DA_SCENES: tuple[Scene, ...] = (
    Scene(
        "Neighbour called police reporting shouting and banging at the address. Officers "
        "attended: the couple had argued after drinking and a glass table was broken. {child} "
        "was in the house at the time.",
        "In the house; room not recorded",
        0.2,
        0.9,
        "Police were called to the home in the evening after the adults argued and furniture "
        "was broken. The child was in the house.",
    ),
    Scene(
        "Victim called 999 saying her partner had pushed her against the kitchen wall during "
        "an argument about money. Redness to her neck seen. {child} was in the living room.",
        "Living room",
        0.4,
        0.9,
        "An adult at home was assaulted by their partner during an argument. The child was in "
        "the next room.",
    ),
    Scene(
        "Verbal argument escalated to criminal damage: a bedroom door and the victim's phone "
        "were broken. {child} heard it from upstairs.",
        "Upstairs, in their bedroom",
        0.05,
        0.95,
        "There was a loud argument at home and property was damaged. The child heard it from "
        "their bedroom.",
    ),
    Scene(
        "Ex-partner came to the address in breach of a non-molestation order and was abusive "
        "on the doorstep. {child} saw and heard the incident.",
        "Front hallway, by the door",
        0.9,
        0.95,
        "A former partner came to the home and was abusive at the door. The child saw and "
        "heard what happened.",
    ),
    Scene(
        "Family member reported ongoing controlling behaviour: the victim's bank card taken "
        "and her phone checked daily. {child} lives at the address.",
        "",
        0.0,
        0.0,
        "Police are dealing with controlling behaviour by an adult in the child's household. "
        "The child was not present at any single incident.",
    ),
    Scene(
        "Suspect returned home intoxicated and threatened to kill the victim. She left with "
        "{child} to a neighbour's house and called police. Suspect arrested.",
        "Kitchen, then taken to a neighbour's house",
        0.7,
        0.95,
        "An adult was threatened at home late at night and left with the child to a "
        "neighbour's house. The person responsible was arrested.",
    ),
    Scene(
        "Third report this year at this address. Argument over child contact arrangements; "
        "suspect punched a wall and left before police arrived. {child} was present.",
        "Living room",
        0.6,
        0.9,
        "There was an argument at home about contact arrangements and an adult punched a "
        "wall. The child was in the room.",
    ),
    Scene(
        "Victim disclosed to a health visitor that her partner strangled her last week. "
        "{child} was asleep in the next room.",
        "Asleep in the next room",
        0.0,
        0.3,
        "An adult at home disclosed a serious assault by their partner. The child was asleep "
        "nearby at the time.",
    ),
)
OTHER_INFORMATION = (
    "The suspect was arrested and released on bail not to attend the home address.",
    "The family has been referred to the local domestic abuse support service.",
    "The child and the victim are staying with relatives for now.",
    "Officers will visit the family again this week.",
)
NOTIFY_BREACH_REASONS = (
    "Officer recalled to an emergency before sending",
    "Incident reported to police after the school day had started",
    "School not known at first; confirmed with the family before sending",
    "Reported the next morning; notification sent once the incident was recorded",
)
FAMILY_RELATIONSHIPS: tuple[tuple[str, float], ...] = (
    (PartyRelationship.INTIMATE_PARTNER.value, 78.0),
    (PartyRelationship.EX_INTIMATE_PARTNER.value, 10.0),
    (PartyRelationship.SHARED_PARENTAL_RESPONSIBILITY.value, 6.0),
    (PartyRelationship.OTHER_RELATIVE.value, 6.0),
)
# One adult at home: the suspect lives elsewhere.
APART_RELATIONSHIPS: tuple[tuple[str, float], ...] = (
    (PartyRelationship.EX_INTIMATE_PARTNER.value, 72.0),
    (PartyRelationship.SHARED_PARENTAL_RESPONSIBILITY.value, 16.0),
    (PartyRelationship.INTIMATE_PARTNER.value, 12.0),
)
RELATED_TO: tuple[tuple[str, float], ...] = (
    (RelatedTo.BOTH.value, 58.0),
    (RelatedTo.VICTIM.value, 30.0),
    (RelatedTo.SUSPECT.value, 8.0),
    (RelatedTo.NEITHER.value, 4.0),
)


# --- Due times ----------------------------------------------------------------------------------


def _day_start(day: dt.date, starts_at: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, starts_at, tzinfo=LONDON).astimezone(dt.UTC)


def day_start_before(
    *,
    moment: dt.datetime,
    setting: EducationSetting,
    bank_holidays: frozenset[dt.date],
    within: dt.timedelta,
) -> dt.datetime | None:
    """Return the latest start of the setting's day before ``moment``, if within ``within``."""
    day = moment.astimezone(LONDON).date()
    earliest = moment - within
    for _ in range(3):
        if setting.calendar is not None:
            open_day = is_school_day(
                day=day, calendar=setting.calendar, bank_holidays=bank_holidays
            )
        else:
            open_day = is_working_day(day=day, bank_holidays=bank_holidays)
        start = _day_start(day, setting.day_starts_at)
        if open_day and earliest < start < moment:
            return start
        day -= dt.timedelta(days=1)
    return None


def next_daily_run(after: dt.datetime) -> dt.datetime:
    """Return the first daily dispatch run strictly after ``after`` (07:00 London), in UTC."""
    day = after.astimezone(LONDON).date()
    while True:
        run = _day_start(day, DAILY_RUN_AT)
        if run > after:
            return run
        day += dt.timedelta(days=1)


def last_daily_run(before: dt.datetime) -> dt.datetime:
    """Return the latest daily dispatch run at or before ``before`` (07:00 London), in UTC."""
    day = before.astimezone(LONDON).date()
    while True:
        run = _day_start(day, DAILY_RUN_AT)
        if run <= before:
            return run
        day -= dt.timedelta(days=1)
