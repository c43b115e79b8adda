"""The synthetic force's child-protection work as plain rows: incidents, concerns, referrals.

:class:`PathwayPlanner` takes the children and adults that :class:`~safeguard.demo.generator.
ForceGenerator` set aside while it made the population, and plans a year of work from its own
seeded ``random.Random``: occurrences (domestic abuse with children present, concerns for a
child, and occurrences involving adults only), each child's involvement with the voice of the
child, the child concerns (PPN) with their MASH triage and PPN RAG risk assessment, the
referrals to children's social care, and the statutory clocks that the services would have
started (the MASH triage clock and the social-care decision clock).

Every domestic-abuse occurrence also gets its domestic-abuse record (the adult victim and
suspect and how they are connected), a child-victim record per child involved, and an
Operation Encompass notification per related child of school age, with its clocks: sent by
the officer or by the daily 07:00 run, and acknowledged by the school's designated
safeguarding lead (rows and rules in :mod:`safeguard.demo.domestic`).

Every instant is before ``now`` (the caller passes ``safeguard.core.clock.now()``) and within
the year before it. The plan follows the services' rules so that the rows read as if officers
had made them: a red or amber grade is always referred, a clock stopped after its deadline is
BREACHED and carries a reason, a referral's decision comes after it was sent, and every child
involved has their voice recorded, including the gaps inspectors find (children not seen, or
seen but not spoken to, with the reason given; thin descriptions of behaviour).

No database: ``safeguard.demo.loader`` writes the rows, issues the references and maps
usernames and team codes to ids. Same seed, size and ``now``: the same rows.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from bisect import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from itertools import accumulate
from typing import TypeVar

from safeguard.clocks.rules.status import escalation_step
from safeguard.core.rules.bank_holidays import england_and_wales_bank_holidays
from safeguard.core.rules.calendar import LONDON
from safeguard.core.rules.deadlines import hours_deadline, working_days_deadline
from safeguard.demo.domestic import (
    APART_RELATIONSHIPS,
    DA_SCENES,
    FAMILY_RELATIONSHIPS,
    NOTIFICATION_SUBJECT,
    NOTIFY_BREACH_REASONS,
    OTHER_INFORMATION,
    RELATED_TO,
    ChildVictimRow,
    DomesticIncidentRow,
    EducationSetting,
    EncompassRules,
    NotificationRow,
    Scene,
    day_start_before,
    last_daily_run,
    next_daily_run,
)
from safeguard.domestic.rules.codes import (
    NotificationStatus,
    PartyRelationship,
    RecipientKind,
    RelatedTo,
    SendChannel,
)
from safeguard.domestic.rules.encompass import (
    ChildVoice,
    NotificationFacts,
    SchoolAge,
    notification_due,
    school_age,
)
from safeguard.incidents.rules.codes import InvolvementRole, OccurrenceType
from safeguard.people.rules.age import age_on
from safeguard.referrals.rules.codes import (
    ConcernStatus,
    ReferralMethod,
    ReferralStatus,
    SocialCareDecision,
    TriageDecision,
)
from safeguard.risk.rules.instruments import NO, YES, risk_level
from safeguard.risk.rules.judgement import LevelChange, ReviewOutcome
from safeguard.risk.rules.ppn_rag import INDICATORS_V1, PPN_RAG_V1, RagLevel

UTC = dt.UTC
DAY = dt.timedelta(days=1)
HOUR = dt.timedelta(hours=1)
MINUTE = dt.timedelta(minutes=1)
WINDOW_DAYS = 365
# Rows are written month by month (oldest first), so references run in time order.
CHUNK_DAYS = 30.5

VICTIM = InvolvementRole.VICTIM.value
SUSPECT = InvolvementRole.SUSPECT.value
WITNESS = InvolvementRole.WITNESS.value
REPORTING_PERSON = InvolvementRole.REPORTING_PERSON.value
CHILD_PRESENT = InvolvementRole.CHILD_PRESENT.value
CHILD_IN_HOUSEHOLD = InvolvementRole.CHILD_IN_HOUSEHOLD.value

CONCERN_SUBJECT = "referrals.childconcern"
REFERRAL_SUBJECT = "referrals.referral"
MASH = "MASH"
PPU = "PPU"
# Share of referrals sent by the Public Protection Unit rather than the MASH (the supervisor's
# team in the demo is PPU: without these its supervision page would have nothing to show).
PPU_REFERRAL_SHARE = 0.2
REPEAT_CONCERN_SHARE = 0.08
REVIEW_BACKLOG = dt.timedelta(days=14)
# Share of concerns that arise from a domestic-abuse incident (when the child lives with adults).
DOMESTIC_SHARE = 0.7
# Operation Encompass: notifications the officer sends at once rather than leaving to the
# daily run; those reported after the school day they were due had started (so sent late);
# acknowledgements made late; and how recent a notification is to be still unacknowledged.
ON_DEMAND_SHARE = 0.45
LATE_REPORT_SHARE = 0.1
ACK_LATE_SHARE = 0.05
UNACKNOWLEDGED_WINDOW = dt.timedelta(days=2)
# A late report: the incident happened before the school day started, this long before.
LATE_REPORT_WITHIN = dt.timedelta(hours=30)

# Adults involved must be adults on the record as well as in truth: an estimated age may be
# three years out, so adults without a recorded date of birth must be older.
ADULT_WITH_DOB_DAYS = 19 * 365 + 5
ADULT_WITHOUT_DOB_DAYS = 23 * 365


# --- Sizes --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PathwaySpec:
    """How much casework a size has (DESIGN.md "force-year": 300,000 occurrences a year)."""

    # All occurrences, including those behind the concerns.
    occurrences: int = 0
    concerns: int = 0
    awaiting_triage: int = 0
    # Triaged for referral, referral not yet sent.
    referral_pending: int = 0
    # Referrals sent whose decision is not yet due, and those already overdue.
    running_due: int = 0
    running_overdue: int = 0
    # Officers made beside the demo accounts, so caseload views have several rows.
    mash_officers: int = 0
    ppu_officers: int = 0


# --- Rows -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChildCandidate:
    person_id: str
    given_name: str
    age_days: int
    location: str
    postcode: str
    authority: str
    communication_needs: str
    # (person id, "F" or "M") of the adults living with the child, for domestic abuse.
    adults: tuple[tuple[str, str], ...]
    # As recorded, for Operation Encompass (who is notified, and what the school is told).
    full_name: str = ""
    date_of_birth: dt.date | None = None
    estimated_age: int | None = None
    estimated_on: dt.date | None = None
    education_setting_id: str | None = None
    home_educated: bool = False


@dataclass(frozen=True, slots=True)
class AdultCandidate:
    person_id: str
    gender: str
    location: str
    postcode: str
    partner_id: str | None


@dataclass(frozen=True, slots=True)
class OfficerRow:
    username: str
    team_code: str | None


@dataclass(frozen=True)
class ClockRules:
    """The clock settings the services use, read by the loader (the generator reads nothing)."""

    decision_kind: str
    decision_label: str
    decision_rule: str
    decision_rule_source: str
    decision_rule_version: str
    triage_kind: str
    triage_label: str
    triage_hours: int
    triage_rule: str
    triage_rule_source: str
    triage_rule_version: str
    escalation_steps: tuple[dt.timedelta, ...]
    encompass: EncompassRules


@dataclass(frozen=True, slots=True)
class OccurrenceRow:
    id: str
    occurrence_type: str
    occurred_at: dt.datetime
    location: str
    postcode: str
    narrative: str
    owning_team_code: str | None
    recorded_by: str
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class InvolvementRow:
    id: str
    occurrence_id: str
    person_id: str
    role: str
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class VoiceRow:
    involvement_id: str
    seen: bool
    spoken_to: bool
    spoken_to_alone: bool | None
    childs_words: str
    behaviour_and_demeanour: str
    wishes_and_feelings: str
    reason_not_seen_or_spoken_to: str
    communication_needs: str
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class ConcernRow:
    id: str
    child_id: str
    occurrence_id: str
    summary: str
    status: str
    owning_team_code: str
    recorded_by: str
    allocated_to: str | None
    research_notes: str
    rag: str
    risk_assessment_id: str | None
    triage_decision: str
    triage_rationale: str
    triaged_by: str | None
    triaged_at: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True, slots=True)
class AssessmentRow:
    id: str
    subject_id: str
    answers: dict[str, str]
    computed_level: str
    officer_level: str
    final_level: str
    level_change: str
    rationale: str
    assessed_by: str
    assessed_at: dt.datetime
    reviewed_by: str | None
    reviewed_at: dt.datetime | None
    review_outcome: str
    review_note: str
    reviewed_level: str
    updated_at: dt.datetime


@dataclass(frozen=True, slots=True)
class ReferralRow:
    id: str
    concern_id: str
    child_id: str
    recipient_organisation_id: str
    recipient_name: str
    method: str
    reason: str
    status: str
    owning_team_code: str
    sent_by: str
    sent_at: dt.datetime
    acknowledged_at: dt.datetime | None
    acknowledged_by: str | None
    decision: str
    decision_note: str
    decided_at: dt.datetime | None
    decided_by: str | None
    updated_at: dt.datetime


@dataclass(frozen=True, slots=True)
class ClockRow:
    id: str
    subject_type: str
    subject_id: str
    kind: str
    label: str
    started_at: dt.datetime
    due_at: dt.datetime
    rule: str
    rule_source: str
    rule_version: str
    owner_team_code: str
    owner_user: str | None
    partner_organisation_id: str | None
    stopped_at: dt.datetime | None
    stopped_by: str | None
    outcome: str
    breach_reason: str
    escalation_level: int
    updated_at: dt.datetime


@dataclass
class PathwayBatch:
    """About a month of casework, written together; rows in the order they were recorded."""

    occurrences: list[OccurrenceRow] = field(default_factory=list)
    involvements: list[InvolvementRow] = field(default_factory=list)
    voices: list[VoiceRow] = field(default_factory=list)
    concerns: list[ConcernRow] = field(default_factory=list)
    assessments: list[AssessmentRow] = field(default_factory=list)
    referrals: list[ReferralRow] = field(default_factory=list)
    da_incidents: list[DomesticIncidentRow] = field(default_factory=list)
    child_victims: list[ChildVictimRow] = field(default_factory=list)
    notifications: list[NotificationRow] = field(default_factory=list)
    clocks: list[ClockRow] = field(default_factory=list)


# --- Text ---------------------------------------------------------------------------------------

CHILD_CONCERN_NARRATIVES = (
    "School reported that {child} arrived with an unexplained bruise to the upper arm and said "
    "a parent had done it, then retracted.",
    "Officers attending an unrelated matter found the home in very poor condition: little food, "
    "dog mess on the floors and no heating. {child} was unkempt and hungry.",
    "{child} was found by officers alone in a park late at night and could not say where their "
    "parent was.",
    "Member of the public reported that {child} is regularly left alone at the address for long "
    "periods.",
    "During a drugs warrant at the address, drug paraphernalia was found within reach of {child}.",
    "{child} told a youth worker that an older male met online has been asking for photographs.",
    "{child} has been missing three times in two months and was found with older youths in "
    "another town.",
    "Parent arrested for drink-driving with {child} in the car; no other carer available for "
    "two hours.",
)
OTHER_NARRATIVES = {
    OccurrenceType.DOMESTIC_ABUSE: (
        "Argument between partners reported by a neighbour; no injuries, no children at the "
        "address. Both parties spoken to separately.",
        "Victim reported threatening messages from an ex-partner after the relationship ended.",
        "Suspect damaged the victim's car after an argument; arrested for criminal damage.",
    ),
    OccurrenceType.OTHER: (
        "Theft of a bicycle from a front garden overnight.",
        "Report of anti-social behaviour: youths gathering and shouting outside the address.",
        "Shoplifting at a local supermarket; suspect detained by security staff.",
        "Road traffic collision, damage only; drivers exchanged details.",
        "Concern for welfare of an elderly resident not seen for several days; found safe.",
        "Burglary at the address while the occupants were at work; jewellery taken.",
        "Neighbour dispute over parking escalated to threats.",
    ),
    OccurrenceType.SEXUAL_OFFENCE: (
        "Adult victim reported a sexual assault by an acquaintance after a night out.",
        "Report of indecent exposure at a bus stop.",
    ),
}
OTHER_TYPES: tuple[tuple[OccurrenceType, float], ...] = (
    (OccurrenceType.OTHER, 60.0),
    (OccurrenceType.DOMESTIC_ABUSE, 35.0),
    (OccurrenceType.SEXUAL_OFFENCE, 5.0),
)

BEHAVIOUR = (
    "Quiet and withdrawn; stayed close to mum throughout.",
    "Calm, playing with toys in the front room while officers were there.",
    "Tearful and clingy; flinched when voices were raised.",
    "Chatty and engaged with officers; showed them their bedroom.",
    "Tired and unkempt; clothes dirty and no shoes on.",
    "Angry, shouting at both parents, then went to their room.",
    "Avoided eye contact and would not come downstairs at first.",
    "Watchful of the adults and answered for their younger sibling.",
    # Thin entries: recorded, but not what inspectors hope to read.
    "Seemed fine.",
    "Child OK.",
)
BABY_BEHAVIOUR = (
    "Asleep in a cot; woke when checked and settled quickly.",
    "Crying and hard to settle; nappy heavily soiled.",
    "Alert and content, held by grandmother.",
    "Baby seen in a bouncer chair, appeared well.",
)
CHILDS_WORDS = (
    "'Mummy and daddy were shouting again. I hid under my duvet.'",
    "'I don't like it when he drinks.'",
    "'I'm fine. Can I go back to bed?'",
    "'He pushed mum and she fell over.'",
    "'I want to stay with my nan.'",
    "'Nothing happened.'",
    "'I'm scared he'll come back.'",
    "'It happens a lot but mum says not to tell anyone.'",
    "'There's never any food in the house.'",
    "'I just want everyone to stop arguing.'",
)
WISHES = (
    "Wants things to be calm at home.",
    "Wants to live with mum and not see dad for now.",
    "Would like to stay late at school for clubs so they are not at home.",
    "Wants to see dad, but not when he has been drinking.",
    "Wants someone to talk to at school.",
)
NOT_SEEN = (
    "Child asleep upstairs; mother declined to wake them.",
    "Child staying at grandparent's address overnight; not followed up.",
    "Child at school at the time of attendance; not followed up.",
    "Mother refused officers entry beyond the hallway.",
    "Officers diverted to an urgent call before the child could be seen.",
    "Child had left with father before officers arrived.",
)
NOT_SPOKEN_TO = (
    "Child too upset to talk to officers.",
    "Child asleep; seen through the bedroom door.",
    "Father present and the child would not speak in front of him.",
    "Child does not speak English and no interpreter was available.",
    "Child declined to speak to officers.",
)
PRE_VERBAL = "Pre-verbal: too young to talk to officers."

RESEARCH_NOTES = (
    "Checks: police systems, children's social care, school and health. {prior}",
    "Police and partner checks completed (social care, health visitor, school). {prior}",
    "Research completed; school reports attendance {attendance}. {prior}",
)
PRIOR = (
    "No previous police contact for the child.",
    "Two previous domestic abuse incidents at the address in the last year.",
    "Child previously subject to a child protection plan (neglect), now closed.",
    "Family known to early help; case closed six months ago.",
    "Suspect has previous convictions for violence.",
)
ATTENDANCE = ("good", "below 90%", "poor with lateness", "not known")
RATIONALE = {
    TriageDecision.REFER_TO_SOCIAL_CARE: (
        "Threshold for a referral to children's social care met: repeat incident and child "
        "present.",
        "Risk of significant harm; referred for a strategy discussion decision.",
        "Escalating concern and parent not engaging; referred to children's social care.",
    ),
    TriageDecision.SHARE_WITH_PARTNERS: (
        "Single incident, protective parent engaged; shared with school and health for "
        "information.",
        "Low risk; information shared with the school's designated safeguarding lead.",
    ),
    TriageDecision.NO_FURTHER_ACTION: (
        "No safeguarding concerns identified after research; no further action.",
        "Incident resolved with no risk to the child identified; no further action.",
    ),
}
RAISED_RATIONALE = (
    "Raised to amber: third notification for this family this year and the parent is "
    "reluctant to engage."
)
REFERRAL_REASONS = (
    "Child present at a repeat domestic abuse incident; risk assessed as {rag}.",
    "Concern for the child's safety at home; PPN graded {rag}.",
    "Child's own disclosure and injuries seen; PPN graded {rag}.",
)
RECIPIENT_NAMES = ("", "", "Duty team manager", "MASH social worker", "Front door team")
DECISION_NOTES = {
    SocialCareDecision.IMMEDIATE_PROTECTION: "Emergency protection order sought; child placed.",
    SocialCareDecision.SECTION_47_ENQUIRIES: "Strategy discussion held; section 47 enquiries.",
    SocialCareDecision.CHILD_IN_NEED_ASSESSMENT: "Single assessment opened (section 17).",
    SocialCareDecision.EARLY_HELP: "Stepped down to early help; family agreed to support.",
    SocialCareDecision.NO_FURTHER_ACTION: "No further action: needs met by universal services.",
}
DECISIONS = {
    RagLevel.RED.value: (
        (SocialCareDecision.IMMEDIATE_PROTECTION, 10.0),
        (SocialCareDecision.SECTION_47_ENQUIRIES, 50.0),
        (SocialCareDecision.CHILD_IN_NEED_ASSESSMENT, 30.0),
        (SocialCareDecision.EARLY_HELP, 8.0),
        (SocialCareDecision.NO_FURTHER_ACTION, 2.0),
    ),
    RagLevel.AMBER.value: (
        (SocialCareDecision.SECTION_47_ENQUIRIES, 12.0),
        (SocialCareDecision.CHILD_IN_NEED_ASSESSMENT, 38.0),
        (SocialCareDecision.EARLY_HELP, 32.0),
        (SocialCareDecision.NO_FURTHER_ACTION, 18.0),
    ),
    RagLevel.GREEN.value: (
        (SocialCareDecision.CHILD_IN_NEED_ASSESSMENT, 20.0),
        (SocialCareDecision.EARLY_HELP, 45.0),
        (SocialCareDecision.NO_FURTHER_ACTION, 35.0),
    ),
}
REFERRAL_BREACH_REASONS = (
    "Duty team at capacity; decision made the next working day.",
    "Waiting for information from health before deciding.",
    "Referral went to the wrong inbox and was forwarded late.",
    "Portal outage; referral picked up late.",
    "Allocated social worker on leave; picked up by the team manager on return.",
)
TRIAGE_BREACH_REASONS = (
    "MASH queue over capacity after a weekend surge.",
    "Waiting for partner checks (health) before grading.",
    "Researcher called away to an urgent strategy discussion.",
    "Concern arrived without a date of birth; identity checks took longer.",
)
# Domestic abuse is reported most in the evening and at night (hour in Europe/London).
HOUR_WEIGHTS: tuple[float, ...] = (
    5, 4, 3, 2, 1.5, 1, 1, 1.5, 2, 2.5, 3, 3, 3, 3, 3.5, 4, 4.5, 5, 6, 7, 7.5, 7.5, 7, 6
)  # fmt: skip


class _State(Enum):
    """Where a planned concern has got to at ``now``."""

    AWAITING = "awaiting"
    SHARED = "shared"
    CLOSED = "closed"
    PENDING = "pending"
    MET = "met"
    BREACHED = "breached"
    RUNNING_DUE = "running_due"
    RUNNING_OVERDUE = "running_overdue"


REFERRED_STATES = frozenset(
    {_State.MET, _State.BREACHED, _State.RUNNING_DUE, _State.RUNNING_OVERDUE}
)


@dataclass(slots=True)
class _Timeline:
    occurred_at: dt.datetime
    created_at: dt.datetime
    triaged_at: dt.datetime | None = None
    sent_at: dt.datetime | None = None
    due_at: dt.datetime | None = None
    acknowledged_at: dt.datetime | None = None
    decided_at: dt.datetime | None = None


@dataclass(slots=True)
class _Plan:
    state: _State
    times: _Timeline
    child: ChildCandidate | None = None
    domestic: bool = False
    # Showcases: the child's school is to be notified (the child is related to a party), and
    # the notification waits for the next daily run.
    notify: bool = False
    wait_for_run: bool = False


@dataclass(frozen=True, slots=True)
class _Story:
    narrative: str
    occurrence_type: str
    child_role: str
    summary: str
    scene: Scene | None = None
    victim_plan: _ChildVictimPlan | None = None


@dataclass(slots=True)
class _ChildVictimPlan:
    """How a domestic-abuse incident touched its child, and where the school is told."""

    present: bool
    where_present: str
    saw: bool
    heard: bool
    experienced_effects: bool
    related_to: str
    setting: EducationSetting | None
    notified: bool
    late_report: bool = False


def hyphenated(hex_id: str) -> str:
    """Return a 32-hex-digit id in the 8-4-4-4-12 form ``str(uuid)`` gives (audit subjects)."""
    return str(uuid.UUID(hex_id))


def _second(value: dt.datetime) -> dt.datetime:
    return value.replace(microsecond=0)


def _between(rng: random.Random, start: dt.datetime, end: dt.datetime) -> dt.datetime:
    """Return an instant drawn evenly from [start, end], to the second."""
    span = max(0.0, (end - start).total_seconds())
    return _second(start + dt.timedelta(seconds=rng.uniform(0, span)))


_T = TypeVar("_T")


def _weighted(rng: random.Random, choices: Sequence[tuple[_T, float]]) -> _T:
    total = sum(w for _, w in choices)
    point = rng.random() * total
    for value, weight in choices:
        point -= weight
        if point < 0:
            return value
    return choices[-1][0]


class PathwayPlanner:
    """Plan a year of casework for the people the generator set aside."""

    def __init__(
        self,
        *,
        rng: random.Random,
        spec: PathwaySpec,
        now: dt.datetime,
        rules: ClockRules,
        children: list[ChildCandidate],
        adults: list[AdultCandidate],
        officers: Sequence[OfficerRow],
        recorders: Sequence[OfficerRow],
        social_workers: dict[str, str],
        csc_by_authority: dict[str, str],
        reviewer: str | None,
        settings: dict[str, EducationSetting] | None = None,
        authority_settings: dict[str, str] | None = None,
    ) -> None:
        """Plan from these people and officers.

        ``settings`` are the schools and local authorities (education) by id, with their
        calendars; ``authority_settings`` names the local authority (education) setting for
        each local authority, which is told about its home-educated children.
        """
        if now.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        self.rng = rng
        self.spec = spec
        self.now = _second(now.astimezone(UTC))
        self.rules = rules
        self.children = children
        self.adults = adults
        self.mash = [o.username for o in officers if o.team_code == MASH]
        self.ppu = [o.username for o in officers if o.team_code == PPU]
        if not self.mash:
            raise ValueError("The pathway needs at least one MASH officer")
        self.recorders = list(recorders)
        self.social_workers = social_workers
        self.csc_by_authority = csc_by_authority
        self.fallback_csc = sorted(csc_by_authority.values())[0]
        self.reviewer = reviewer
        self.settings = settings or {}
        self.authority_settings = authority_settings or {}
        years = range(self.now.year - 2, self.now.year + 2)
        self.holidays = england_and_wales_bank_holidays(years=years)
        # Guarantee the rarer states in tiny forces: the first overdue referral is
        # acknowledged, the first referral not yet due is only sent.
        self._first_overdue = True
        self._first_due = True
        self._background_made = 0
        self._ppu_shown: set[_State] = set()
        self._hour_cum = list(accumulate(HOUR_WEIGHTS))

    # -- ids and times --

    def _uuid(self) -> str:
        number = self.rng.getrandbits(128)
        number = (number & ~(0xC000 << 48)) | (0x8000 << 48)
        number = (number & ~(0xF000 << 64)) | (4 << 76)
        return f"{number:032x}"

    def _evening(self, days_ago_low: float, days_ago_high: float) -> dt.datetime:
        """Return an instant that many days ago, at an hour weighted to the evening."""
        rng = self.rng
        base = self.now - dt.timedelta(days=rng.uniform(days_ago_low, days_ago_high))
        day = base.astimezone(LONDON).date()
        hour = bisect(self._hour_cum, rng.random() * self._hour_cum[-1])
        local = dt.datetime.combine(day, dt.time(hour, rng.randrange(60)), tzinfo=LONDON)
        instant = _second(local.astimezone(UTC))
        if instant < self.now - dt.timedelta(days=days_ago_high):
            instant += DAY  # an early hour on the first day would fall outside the range
        return min(instant, _second(self.now - dt.timedelta(days=days_ago_low)))

    def _triage_delay(self, late: bool | None = None) -> dt.timedelta:
        rng = self.rng
        limit = self.rules.triage_hours
        if late is None:
            late = rng.random() < 0.18
        if late:
            return dt.timedelta(hours=rng.uniform(limit + 0.5, limit * 4))
        return dt.timedelta(hours=rng.uniform(0.25, limit * 0.85))

    def _decision_due(self, sent_at: dt.datetime) -> dt.datetime:
        return working_days_deadline(
            received_at=sent_at, working_days=1, bank_holidays=self.holidays
        )

    def _before(self, created_at: dt.datetime) -> dt.datetime:
        """Return when the occurrence behind a concern recorded at ``created_at`` happened."""
        return _second(created_at - dt.timedelta(minutes=self.rng.uniform(20, 360)))

    def _timeline(self, state: _State) -> _Timeline:
        if state is _State.AWAITING:
            return self._awaiting()
        if state in (_State.SHARED, _State.CLOSED):
            return self._triaged()
        if state is _State.PENDING:
            triaged = _second(self.now - dt.timedelta(hours=self.rng.uniform(0.2, 8)))
            created = _second(triaged - self._triage_delay(late=False))
            return _Timeline(self._before(created), created, triaged_at=triaged)
        if state is _State.RUNNING_DUE:
            return self._sent(_second(self.now - dt.timedelta(hours=self.rng.uniform(0.05, 16))))
        if state is _State.RUNNING_OVERDUE:
            return self._overdue()
        return self._decided(late=state is _State.BREACHED)

    def _awaiting(self) -> _Timeline:
        """A concern still in the MASH queue: most recent, some weeks old (a backlog)."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.35:
            age = rng.uniform(0.02, 0.9)
        elif roll < 0.8:
            age = rng.uniform(1, 14)
        else:
            age = rng.uniform(14, 60)
        created = _second(self.now - dt.timedelta(days=age))
        return _Timeline(occurred_at=self._before(created), created_at=created)

    def _triaged(self) -> _Timeline:
        occurred = self._evening(6, WINDOW_DAYS - 1)
        created = _second(occurred + dt.timedelta(minutes=self.rng.uniform(20, 360)))
        return _Timeline(occurred, created, triaged_at=_second(created + self._triage_delay()))

    def _overdue(self) -> _Timeline:
        """A referral sent days or weeks ago that social care has not yet decided."""
        rng = self.rng
        days = rng.uniform(2.5, 7) if rng.random() < 0.6 else rng.uniform(7, 45)
        sent = _second(self.now - dt.timedelta(days=days))
        times = self._sent(sent)
        while times.due_at is None or times.due_at >= self.now:
            sent -= DAY
            times = self._sent(sent)
        if rng.random() < 0.6:
            end = min(sent + 2 * DAY, self.now)
            times.acknowledged_at = _between(rng, sent + 10 * MINUTE, end)
        return times

    def _decided(self, *, late: bool) -> _Timeline:
        """A referral decided on time, or late; far enough back for either to be past."""
        rng = self.rng
        while True:
            occurred = self._evening(21, WINDOW_DAYS - 1)
            created = _second(occurred + dt.timedelta(minutes=rng.uniform(20, 360)))
            triaged = _second(created + self._triage_delay())
            sent = _second(triaged + dt.timedelta(minutes=rng.uniform(5, 240)))
            due = self._decision_due(sent)
            if not late:
                decided = _between(rng, sent + 30 * MINUTE, due - MINUTE)
            elif rng.random() < 0.75:
                decided = _second(due + dt.timedelta(hours=rng.uniform(0.5, 24)))
            else:
                decided = _second(due + dt.timedelta(days=rng.uniform(1, 10)))
            if decided < self.now - HOUR:
                break
        acknowledged = _between(rng, sent + 5 * MINUTE, decided)
        return _Timeline(occurred, created, triaged, sent, due, acknowledged, decided)

    def _sent(self, sent: dt.datetime) -> _Timeline:
        triaged = _second(sent - dt.timedelta(minutes=self.rng.uniform(5, 180)))
        created = _second(triaged - self._triage_delay())
        return _Timeline(
            occurred_at=self._before(created),
            created_at=created,
            triaged_at=triaged,
            sent_at=sent,
            due_at=self._decision_due(sent),
        )

    # -- the plan --

    def _states(self) -> list[_State]:
        spec = self.spec
        triaged = spec.concerns - spec.awaiting_triage
        referred = round(triaged * 0.6)
        running = spec.running_due + spec.running_overdue
        breached = max(1, round(referred * 0.1))
        met = referred - running - breached
        others = triaged - referred - spec.referral_pending
        shared = max(1, round(others * 0.45))
        closed = others - shared
        if min(met, closed) < 1:
            raise ValueError(f"Pathway spec too small for every state: {spec}")
        return (
            [_State.AWAITING] * spec.awaiting_triage
            + [_State.PENDING] * spec.referral_pending
            + [_State.RUNNING_DUE] * spec.running_due
            + [_State.RUNNING_OVERDUE] * spec.running_overdue
            + [_State.BREACHED] * breached
            + [_State.MET] * met
            + [_State.SHARED] * shared
            + [_State.CLOSED] * closed
        )

    def _assign_children(self, plans: list[_Plan]) -> list[ChildCandidate]:
        """Give each concern a child old enough at the time; a few children get a second.

        No child gets a third, so no unreferred green can be a third green in three months
        (which the escalation rule would require to be referred). Return the children left.
        """
        rng = self.rng
        pool = list(self.children)
        once: list[ChildCandidate] = []  # children with one concern so far

        def take(items: list[ChildCandidate], days_ago: int) -> ChildCandidate | None:
            for _ in range(40):
                if not items:
                    return None
                at = rng.randrange(len(items))
                if items[at].age_days > days_ago + 14:
                    items[at], items[-1] = items[-1], items[at]
                    return items.pop()
            return None

        for plan in plans:
            days_ago = (self.now - plan.times.occurred_at).days
            chosen = None
            if once and rng.random() < REPEAT_CONCERN_SHARE:
                chosen = take(once, days_ago)
            if chosen is None:
                chosen = take(pool, days_ago)
                if chosen is None:
                    raise ValueError("Not enough children in the force for the planned concerns")
                once.append(chosen)
            plan.child = chosen
        return pool

    def batches(self) -> Iterator[PathwayBatch]:
        """Yield the casework about a month at a time, oldest first.

        Every row of a concern (its occurrence, involvements, voice, assessment, referral
        and clocks) is in the batch of the month the concern was recorded, so each batch
        refers only to itself, earlier batches and the population.
        """
        plans = [_Plan(state, self._timeline(state)) for state in self._states()]
        # A repeat concern for the same child must come later: plan oldest first.
        plans.sort(key=lambda p: p.times.created_at)
        pool = self._assign_children(plans)
        for plan in plans:
            assert plan.child is not None
            domestic = self.rng.random() < DOMESTIC_SHARE
            plan.domestic = domestic and self._can_be_domestic(plan.child)
        waiting = self._showcase_waiting(plans, pool)
        self._showcase_unrouted(plans, pool, waiting)
        plans.sort(key=lambda p: p.times.created_at)
        background = max(0, self.spec.occurrences - self.spec.concerns)
        chunks = int(WINDOW_DAYS // CHUNK_DAYS) + 1
        start = self.now - dt.timedelta(days=WINDOW_DAYS)
        index = 0
        for chunk in range(chunks):
            chunk_start = start + dt.timedelta(days=chunk * CHUNK_DAYS)
            chunk_end = min(self.now, chunk_start + dt.timedelta(days=CHUNK_DAYS))
            if chunk == chunks - 1:
                chunk_end = self.now + DAY  # everything left
            batch = PathwayBatch()
            while index < len(plans) and plans[index].times.created_at < chunk_end:
                self._concern(batch, plans[index])
                index += 1
            share = (min(chunk_end, self.now) - chunk_start) / dt.timedelta(days=WINDOW_DAYS)
            count = round(background * max(0.0, share))
            if chunk == chunks - 1:
                count = background - self._background_made
            self._background(batch, count, chunk_start, min(chunk_end, self.now))
            batch.occurrences.sort(key=lambda o: o.created_at)
            batch.concerns.sort(key=lambda c: c.created_at)
            batch.referrals.sort(key=lambda r: r.sent_at)
            batch.da_incidents.sort(key=lambda d: d.created_at)
            batch.notifications.sort(key=lambda n: n.created_at)
            yield batch

    # -- one concern --

    def _recorder(self) -> OfficerRow:
        return self.recorders[self.rng.randrange(len(self.recorders))]

    def _concern(self, batch: PathwayBatch, plan: _Plan) -> None:  # noqa: PLR0915 - one story
        rng = self.rng
        child = plan.child
        assert child is not None
        times = plan.times
        state = plan.state
        domestic = plan.domestic
        recorder = self._recorder()
        occurrence_id = self._uuid()
        story = self._story(plan)
        summary = story.summary
        created = times.created_at
        batch.occurrences.append(
            OccurrenceRow(
                id=occurrence_id,
                occurrence_type=story.occurrence_type,
                occurred_at=times.occurred_at,
                location=child.location,
                postcode=child.postcode,
                narrative=story.narrative,
                owning_team_code=recorder.team_code,
                recorded_by=recorder.username,
                created_at=created,
            )
        )
        involvement_id = self._uuid()
        batch.involvements.append(
            InvolvementRow(
                involvement_id, occurrence_id, child.person_id, story.child_role, created
            )
        )
        age_days = child.age_days - (self.now - times.occurred_at).days
        voice = self._voice(involvement_id, age_days, child.communication_needs, created)
        batch.voices.append(voice)
        parties: tuple[str, str, str] | None = None
        if domestic:
            parties = self._parties(child)
            for person_id, role in ((parties[0], VICTIM), (parties[1], SUSPECT)):
                batch.involvements.append(
                    InvolvementRow(self._uuid(), occurrence_id, person_id, role, created)
                )

        concern_id = self._uuid()
        rag = ""
        decision = ""
        assessment_id: str | None = None
        triaged_by: str | None = None
        owner_team = MASH
        if state is _State.AWAITING:
            status = ConcernStatus.AWAITING_TRIAGE.value
            allocated = rng.choice(self.mash) if rng.random() < 0.3 else None
        else:
            ppu = bool(self.ppu) and state in REFERRED_STATES and self._sent_by_ppu(state)
            owner_team = PPU if ppu else MASH
            triaged_by = rng.choice(self.ppu if ppu else self.mash)
            allocated = triaged_by if rng.random() < 0.5 else None
            if state is _State.SHARED:
                decision = TriageDecision.SHARE_WITH_PARTNERS.value
                status = ConcernStatus.TRIAGED.value
            elif state is _State.CLOSED:
                decision = TriageDecision.NO_FURTHER_ACTION.value
                status = ConcernStatus.CLOSED.value
            elif state is _State.PENDING:
                decision = TriageDecision.REFER_TO_SOCIAL_CARE.value
                status = ConcernStatus.TRIAGED.value
            else:
                decision = TriageDecision.REFER_TO_SOCIAL_CARE.value
                status = ConcernStatus.REFERRED.value
            assessment_id = self._uuid()
            rag = self._assessment(
                batch,
                assessment_id=assessment_id,
                concern_id=concern_id,
                referred=decision == TriageDecision.REFER_TO_SOCIAL_CARE.value,
                domestic=domestic,
                summary=summary,
                words=voice.childs_words,
                assessed_by=triaged_by,
                assessed_at=times.triaged_at,
            )
        triaged_at = times.triaged_at
        updated = times.sent_at or triaged_at or created
        batch.concerns.append(
            ConcernRow(
                id=concern_id,
                child_id=child.person_id,
                occurrence_id=occurrence_id,
                summary=summary,
                status=status,
                owning_team_code=MASH,
                recorded_by=recorder.username,
                allocated_to=allocated,
                research_notes=self._research() if triaged_by else "",
                rag=rag,
                risk_assessment_id=assessment_id,
                triage_decision=decision,
                triage_rationale=rng.choice(RATIONALE[TriageDecision(decision)])
                if decision
                else "",
                triaged_by=triaged_by,
                triaged_at=triaged_at,
                created_at=created,
                updated_at=updated,
            )
        )
        self._triage_clock(
            batch,
            concern_id=concern_id,
            started=created,
            stopped=triaged_at,
            owner=allocated,
            stopped_by=triaged_by,
        )
        if state in REFERRED_STATES:
            assert triaged_by is not None
            self._referral(
                batch,
                plan,
                concern_id=concern_id,
                rag=rag,
                owner_team=owner_team,
                sent_by=triaged_by,
            )
        if parties is not None and story.scene is not None and story.victim_plan is not None:
            incident = self._incident(
                batch,
                occurrence_id=occurrence_id,
                parties=parties,
                recorder=recorder,
                created=created,
                circumstances=story.scene.circumstances,
            )
            self._child_victim(
                batch,
                plan,
                incident=incident,
                victim_plan=story.victim_plan,
                concern_id=concern_id,
                voice=voice,
                recorder=recorder,
            )

    def _story(self, plan: _Plan) -> _Story:
        """Choose what happened: domestic abuse (with how the child was touched) or a concern.

        For domestic abuse the child's record is planned first: a late report moves the
        incident earlier, and the occurrence is written with the time it happened.
        """
        rng = self.rng
        child = plan.child
        assert child is not None
        if not plan.domestic:
            narrative = rng.choice(CHILD_CONCERN_NARRATIVES).format(child=child.given_name)
            return _Story(narrative, OccurrenceType.CHILD_CONCERN.value, VICTIM, narrative)
        scene = rng.choice(DA_SCENES)
        narrative = scene.narrative.format(child=child.given_name)
        victim_plan = self._child_victim_plan(plan, scene)
        if victim_plan.present:
            role = CHILD_PRESENT
            summary = f"{child.given_name} present at a domestic abuse incident. {narrative}"
        else:
            role = CHILD_IN_HOUSEHOLD
            summary = f"{child.given_name} lives where domestic abuse is happening. {narrative}"
        return _Story(
            narrative, OccurrenceType.DOMESTIC_ABUSE.value, role, summary, scene, victim_plan
        )

    def _sent_by_ppu(self, state: _State) -> bool:
        """Tell whether a referral is the PPU's: the first overdue and the first breached always
        are, so that even a tiny force shows the supervisor (a PPU sergeant) a breach."""
        if state in (_State.RUNNING_OVERDUE, _State.BREACHED) and state not in self._ppu_shown:
            self._ppu_shown.add(state)
            return True
        return self.rng.random() < PPU_REFERRAL_SHARE

    def _parties(self, child: ChildCandidate) -> tuple[str, str, str]:
        """Return the victim, the suspect and how they are connected, for the child's home.

        Both are adults on the record. With two adults at home, mostly the woman is the victim
        and the man the suspect; with one, the suspect is someone living elsewhere.
        """
        rng = self.rng
        adults = child.adults
        if len(adults) >= 2:
            women = [a for a, gender in adults if gender == "F"]
            men = [a for a, gender in adults if gender != "F"]
            if women and men:
                victim, suspect = women[0], men[0]
            else:
                victim, suspect = adults[0][0], adults[1][0]
            if rng.random() < 0.12:
                victim, suspect = suspect, victim  # a male victim, or a female suspect
            return victim, suspect, _weighted(rng, FAMILY_RELATIONSHIPS)
        victim = adults[0][0]
        suspect = victim
        while suspect == victim:
            suspect = self.adults[rng.randrange(len(self.adults))].person_id
        return victim, suspect, _weighted(rng, APART_RELATIONSHIPS)

    def _voice(
        self, involvement_id: str, age_days: int, needs: str, created: dt.datetime
    ) -> VoiceRow:
        rng = self.rng
        seen = rng.random() >= 0.16
        words = ""
        wishes = ""
        behaviour = ""
        reason = ""
        alone: bool | None = None
        if not seen:
            reason = rng.choice(NOT_SEEN)
            spoken = False
        elif age_days < 3 * 365:
            behaviour = rng.choice(BABY_BEHAVIOUR)
            spoken = False
            reason = PRE_VERBAL
        else:
            behaviour = rng.choice(BEHAVIOUR)
            spoken = rng.random() < 0.78
            if spoken:
                words = rng.choice(CHILDS_WORDS)
                alone = rng.random() < 0.45
                if rng.random() < 0.55:
                    wishes = rng.choice(WISHES)
            else:
                reason = rng.choice(NOT_SPOKEN_TO)
        return VoiceRow(
            involvement_id=involvement_id,
            seen=seen,
            spoken_to=spoken,
            spoken_to_alone=alone,
            childs_words=words,
            behaviour_and_demeanour=behaviour,
            wishes_and_feelings=wishes,
            reason_not_seen_or_spoken_to=reason,
            communication_needs=needs,
            created_at=created,
        )

    def _research(self) -> str:
        rng = self.rng
        return rng.choice(RESEARCH_NOTES).format(
            prior=rng.choice(PRIOR), attendance=rng.choice(ATTENDANCE)
        )

    def _assessment(
        self,
        batch: PathwayBatch,
        *,
        assessment_id: str,
        concern_id: str,
        referred: bool,
        domestic: bool,
        summary: str,
        words: str,
        assessed_by: str,
        assessed_at: dt.datetime | None,
    ) -> str:
        """Record the PPN RAG assessment behind a triage; return the grade that stands."""
        rng = self.rng
        assert assessed_at is not None
        level = RagLevel.GREEN.value  # red and amber must be referred
        if referred:
            level = _weighted(
                rng,
                (
                    (RagLevel.RED.value, 30.0),
                    (RagLevel.AMBER.value, 55.0),
                    (RagLevel.GREEN.value, 15.0),
                ),
            )
        # Now and then the officer raises a green to amber (never lowers one here).
        raised = level == RagLevel.AMBER.value and rng.random() < 0.08
        answers = self._answers(RagLevel.GREEN.value if raised else level, domestic)
        answers["CONCERN_SUMMARY"] = summary
        answers["CHILD_VOICE"] = words or "Not spoken to"
        computed = risk_level(PPN_RAG_V1, answers)
        officer = RagLevel.AMBER.value if raised else ""
        final = officer or computed
        reviewed_by: str | None = None
        reviewed_at: dt.datetime | None = None
        # A supervisor reviews nearly every grade in time; the recent ones wait their turn.
        chance = 0.97 if self.now - assessed_at > REVIEW_BACKLOG else 0.3
        if self.reviewer and self.reviewer != assessed_by and rng.random() < chance:
            moment = assessed_at + dt.timedelta(hours=rng.uniform(2, 120))
            if moment < self.now:
                reviewed_by, reviewed_at = self.reviewer, _second(moment)
        batch.assessments.append(
            AssessmentRow(
                id=assessment_id,
                subject_id=hyphenated(concern_id),
                answers=answers,
                computed_level=computed,
                officer_level=officer,
                final_level=final,
                level_change=(LevelChange.RAISED if raised else LevelChange.NONE).value,
                rationale=RAISED_RATIONALE if raised else "",
                assessed_by=assessed_by,
                assessed_at=assessed_at,
                reviewed_by=reviewed_by,
                reviewed_at=reviewed_at,
                review_outcome=ReviewOutcome.AGREED.value if reviewed_by else "",
                review_note="",
                reviewed_level=final if reviewed_by else "",
                updated_at=reviewed_at or assessed_at,
            )
        )
        return final

    def _answers(self, level: str, domestic: bool) -> dict[str, str]:
        rng = self.rng
        answers = dict.fromkeys(INDICATORS_V1, NO)
        reds = [c for c, lv in INDICATORS_V1.items() if lv == RagLevel.RED.value]
        ambers = [c for c, lv in INDICATORS_V1.items() if lv == RagLevel.AMBER.value]
        if level in (RagLevel.RED.value, RagLevel.AMBER.value):
            for code in rng.sample(ambers, rng.randint(1, 2)):
                answers[code] = YES
            if domestic:
                answers["DOMESTIC_ABUSE_EXPOSURE"] = YES
        if level == RagLevel.RED.value:
            for code in rng.sample(reds, rng.randint(1, 2)):
                answers[code] = YES
        return answers

    def _escalation(self, due: dt.datetime, stopped: dt.datetime | None) -> int:
        # Running clocks stay at level 0: the escalation worker's first run sends what is due.
        if stopped is None:
            return 0
        return escalation_step(
            due_at=due, now=stopped, stopped_at=stopped, steps=self.rules.escalation_steps
        )

    def _triage_clock(
        self,
        batch: PathwayBatch,
        *,
        concern_id: str,
        started: dt.datetime,
        stopped: dt.datetime | None,
        owner: str | None,
        stopped_by: str | None,
    ) -> None:
        rules = self.rules
        due = hours_deadline(starts_at=started, hours=rules.triage_hours)
        outcome, reason = self._outcome(due, stopped, TRIAGE_BREACH_REASONS)
        batch.clocks.append(
            ClockRow(
                id=self._uuid(),
                subject_type=CONCERN_SUBJECT,
                subject_id=concern_id,
                kind=rules.triage_kind,
                label=rules.triage_label,
                started_at=started,
                due_at=due,
                rule=rules.triage_rule,
                rule_source=rules.triage_rule_source,
                rule_version=rules.triage_rule_version,
                owner_team_code=MASH,
                owner_user=owner,
                partner_organisation_id=None,
                stopped_at=stopped,
                stopped_by=stopped_by if stopped else None,
                outcome=outcome,
                breach_reason=reason,
                escalation_level=self._escalation(due, stopped),
                updated_at=stopped or started,
            )
        )

    def _outcome(
        self, due: dt.datetime, stopped: dt.datetime | None, reasons: Sequence[str]
    ) -> tuple[str, str]:
        if stopped is None:
            return "RUNNING", ""
        if stopped <= due:
            return "MET", ""
        return "BREACHED", self.rng.choice(reasons)

    def _referral(
        self,
        batch: PathwayBatch,
        plan: _Plan,
        *,
        concern_id: str,
        rag: str,
        owner_team: str,
        sent_by: str,
    ) -> None:
        rng = self.rng
        times = plan.times
        child = plan.child
        assert child is not None
        assert times.sent_at is not None
        assert times.due_at is not None
        recipient = self.csc_by_authority.get(child.authority, self.fallback_csc)
        social_worker = self.social_workers[recipient]
        state = plan.state
        acknowledged = times.acknowledged_at
        if state is _State.RUNNING_DUE:
            if self._first_due:
                acknowledged = None
                self._first_due = False
            elif rng.random() < 0.3:
                acknowledged = _between(rng, times.sent_at, self.now)
        if state is _State.RUNNING_OVERDUE and self._first_overdue:
            self._first_overdue = False
            if acknowledged is None:
                acknowledged = _between(rng, times.sent_at + 10 * MINUTE, times.due_at)
        decided = times.decided_at
        if decided is not None:
            status = ReferralStatus.DECIDED.value
            decision = _weighted(rng, DECISIONS[rag])
            decision_value, note = decision.value, DECISION_NOTES[decision]
        else:
            status = (
                ReferralStatus.ACKNOWLEDGED.value if acknowledged else ReferralStatus.SENT.value
            )
            decision_value, note = "", ""
        referral_id = self._uuid()
        batch.referrals.append(
            ReferralRow(
                id=referral_id,
                concern_id=concern_id,
                child_id=child.person_id,
                recipient_organisation_id=recipient,
                recipient_name=rng.choice(RECIPIENT_NAMES),
                method=_weighted(
                    rng,
                    (
                        (ReferralMethod.SECURE_EMAIL.value, 50.0),
                        (ReferralMethod.PORTAL.value, 40.0),
                        (ReferralMethod.TELEPHONE.value, 10.0),
                    ),
                ),
                reason=rng.choice(REFERRAL_REASONS).format(rag=rag.lower()),
                status=status,
                owning_team_code=owner_team,
                sent_by=sent_by,
                sent_at=times.sent_at,
                acknowledged_at=acknowledged,
                acknowledged_by=social_worker if acknowledged else None,
                decision=decision_value,
                decision_note=note,
                decided_at=decided,
                decided_by=social_worker if decided else None,
                updated_at=decided or acknowledged or times.sent_at,
            )
        )
        rules = self.rules
        outcome, reason = self._outcome(times.due_at, decided, REFERRAL_BREACH_REASONS)
        batch.clocks.append(
            ClockRow(
                id=self._uuid(),
                subject_type=REFERRAL_SUBJECT,
                subject_id=referral_id,
                kind=rules.decision_kind,
                label=rules.decision_label,
                started_at=times.sent_at,
                due_at=times.due_at,
                rule=rules.decision_rule,
                rule_source=rules.decision_rule_source,
                rule_version=rules.decision_rule_version,
                owner_team_code=owner_team,
                owner_user=sent_by,
                partner_organisation_id=recipient,
                stopped_at=decided,
                stopped_by=social_worker if decided else None,
                outcome=outcome,
                breach_reason=reason,
                escalation_level=self._escalation(times.due_at, decided),
                updated_at=decided or times.sent_at,
            )
        )

    # -- domestic abuse and Operation Encompass --

    def _can_be_domestic(self, child: ChildCandidate) -> bool:
        """Tell whether an adult at the child's home can be the victim, and a suspect found.

        Not for a pupil of a school kept out of the casework (the demo school account's).
        """
        setting = self._setting_for(child)
        if setting is not None and not setting.in_casework:
            return False
        return bool(child.adults) and (len(child.adults) >= 2 or len(self.adults) >= 2)

    def _setting_for(self, child: ChildCandidate) -> EducationSetting | None:
        """Return the school (or, for a home-educated child, the local authority) to notify."""
        if child.home_educated:
            setting_id = self.authority_settings.get(child.authority)
        else:
            setting_id = child.education_setting_id
        return self.settings.get(setting_id) if setting_id else None

    def _school_age(self, child: ChildCandidate, occurred_at: dt.datetime) -> bool:
        """Tell whether the record makes the child of Operation Encompass age on the day.

        As ``domestic.services.encompass.notification_create`` reads it: the UTC date of the
        incident, and an unknown age counts (the school is told).
        """
        on = occurred_at.date()
        age = age_on(
            on=on,
            date_of_birth=child.date_of_birth,
            estimated_age=child.estimated_age,
            estimated_on=child.estimated_on,
        )
        return school_age(on=on, date_of_birth=child.date_of_birth, age=age) not in (
            SchoolAge.BELOW_RECEPTION,
            SchoolAge.ADULT,
        )

    def _old_enough(self, child: ChildCandidate, times: _Timeline) -> bool:
        return child.age_days > (self.now - times.occurred_at).days + 14

    def _showcase_waiting(self, plans: list[_Plan], pool: list[ChildCandidate]) -> _Plan | None:
        """Make the newest concern awaiting triage a domestic-abuse incident recorded since the
        last daily run, whose child's school is still to be told: even a tiny force then has a
        notification waiting in the queue for the next 07:00 run."""
        awaiting = [p for p in plans if p.state is _State.AWAITING]
        since = last_daily_run(self.now)
        if not awaiting or not self.settings or self.now - since < 2 * MINUTE:
            return None
        created = _between(self.rng, since + MINUTE, self.now - MINUTE)
        times = _Timeline(self._before(created), created)

        def fits(child: ChildCandidate) -> bool:
            return (
                self._can_be_domestic(child)
                and self._old_enough(child, times)
                and self._school_age(child, times.occurred_at)
                and self._setting_for(child) is not None
            )

        plan = awaiting[-1]
        child = plan.child
        if child is None or not fits(child):
            child = next((c for c in pool if fits(c)), None)
            if child is None:
                return None
            pool.remove(child)
        plan.child = child
        plan.times = times
        plan.domestic = plan.notify = plan.wait_for_run = True
        return plan

    def _showcase_unrouted(
        self, plans: list[_Plan], pool: list[ChildCandidate], waiting: _Plan | None
    ) -> None:
        """Make sure one domestic-abuse incident's child is of school age with no school
        recorded, so the demo shows a notification waiting for the MASH to route it."""

        def unroutable(child: ChildCandidate | None, times: _Timeline) -> bool:
            return (
                child is not None
                and self._can_be_domestic(child)
                and self._setting_for(child) is None
                and self._school_age(child, times.occurred_at)
            )

        others = [p for p in plans if p is not waiting]
        for plan in others:
            if plan.domestic and unroutable(plan.child, plan.times):
                plan.notify = True
                return
        domestic = [p for p in others if p.domestic] or others
        if not domestic:
            return
        plan = domestic[-1]
        child = next(
            (c for c in pool if self._old_enough(c, plan.times) and unroutable(c, plan.times)),
            None,
        )
        if child is None:
            return
        pool.remove(child)
        plan.child = child
        plan.domestic = plan.notify = True

    def _child_victim_plan(self, plan: _Plan, scene: Scene) -> _ChildVictimPlan:
        """Decide how the abuse touched the child and whether (and where) a school is told.

        A few incidents are reported after the school day they were due before had started
        (the notification is then late): the incident is moved back before that day's start.
        """
        rng = self.rng
        child = plan.child
        assert child is not None
        present = bool(scene.where)
        saw = present and rng.random() < scene.saw
        heard = present and rng.random() < scene.heard
        # A child who lives there is affected whether or not they saw or heard it (s.3).
        effects = not present or not (saw or heard) or rng.random() < 0.6
        related_to = _weighted(rng, RELATED_TO)
        if plan.notify and related_to == RelatedTo.NEITHER.value:
            related_to = RelatedTo.BOTH.value
        setting = self._setting_for(child)
        related = related_to != RelatedTo.NEITHER.value
        victim_plan = _ChildVictimPlan(
            present=present,
            where_present=scene.where,
            saw=saw,
            heard=heard,
            experienced_effects=effects,
            related_to=related_to,
            setting=setting,
            notified=False,
        )
        if (
            related
            and setting is not None
            and not plan.wait_for_run
            and rng.random() < LATE_REPORT_SHARE
            and self._school_age(child, plan.times.occurred_at)
        ):
            victim_plan.late_report = self._report_late(plan.times, setting)
        victim_plan.notified = related and self._school_age(child, plan.times.occurred_at)
        return victim_plan

    def _report_late(self, times: _Timeline, setting: EducationSetting) -> bool:
        start = day_start_before(
            moment=times.created_at,
            setting=setting,
            bank_holidays=self.holidays,
            within=LATE_REPORT_WITHIN,
        )
        if start is None:
            return False
        occurred = _second(start - dt.timedelta(minutes=self.rng.uniform(15, 240)))
        if occurred < self.now - dt.timedelta(days=WINDOW_DAYS) or occurred > times.occurred_at:
            return False
        times.occurred_at = occurred
        return True

    def _incident(
        self,
        batch: PathwayBatch,
        *,
        occurrence_id: str,
        parties: tuple[str, str, str],
        recorder: OfficerRow,
        created: dt.datetime,
        circumstances: str,
    ) -> DomesticIncidentRow:
        """Record the domestic-abuse incident: recorded with the occurrence, by its officer."""
        other = ""
        if circumstances and self.rng.random() < 0.3:
            other = self.rng.choice(OTHER_INFORMATION)
        row = DomesticIncidentRow(
            id=self._uuid(),
            occurrence_id=occurrence_id,
            victim_id=parties[0],
            suspect_id=parties[1],
            relationship=parties[2],
            circumstances_for_school=circumstances,
            other_information_for_school=other,
            owning_team_code=recorder.team_code,
            recorded_by=recorder.username,
            created_at=created,
        )
        batch.da_incidents.append(row)
        return row

    def _child_victim(
        self,
        batch: PathwayBatch,
        plan: _Plan,
        *,
        incident: DomesticIncidentRow,
        victim_plan: _ChildVictimPlan,
        concern_id: str,
        voice: VoiceRow,
        recorder: OfficerRow,
    ) -> None:
        child = plan.child
        assert child is not None
        row = ChildVictimRow(
            id=self._uuid(),
            incident_id=incident.id,
            child_id=child.person_id,
            present=victim_plan.present,
            where_present=victim_plan.where_present,
            saw=victim_plan.saw,
            heard=victim_plan.heard,
            experienced_effects=victim_plan.experienced_effects,
            related_to=victim_plan.related_to,
            concern_id=concern_id,
            created_at=incident.created_at,
        )
        batch.child_victims.append(row)
        if victim_plan.notified:
            self._notification(
                batch,
                plan,
                incident=incident,
                victim=row,
                setting=victim_plan.setting,
                voice=voice,
                recorder=recorder,
            )

    def _notification(
        self,
        batch: PathwayBatch,
        plan: _Plan,
        *,
        incident: DomesticIncidentRow,
        victim: ChildVictimRow,
        setting: EducationSetting | None,
        voice: VoiceRow,
        recorder: OfficerRow,
    ) -> None:
        """Notify the child's school, as ``notification_create`` and the sending services do.

        No school recorded: unrouted, waiting for the MASH. Otherwise sent by the officer or
        by the next daily run unless that is still to come (then waiting), and acknowledged
        by the school's safeguarding lead unless sent in the last two days.
        """
        child = plan.child
        assert child is not None
        rules = self.rules.encompass
        occurred = plan.times.occurred_at
        created = incident.created_at
        notification_id = self._uuid()
        due, rule = notification_due(
            after=occurred,
            recipient=setting.recipient if setting is not None else None,
            default_day_start=rules.default_day_start,
            bank_holidays=self.holidays,
        )
        status = NotificationStatus.UNROUTED if setting is None else NotificationStatus.PENDING
        sent: dt.datetime | None = None
        sent_by: str | None = None
        channel = ""
        if setting is not None:
            moment, send_channel, by = self._send_time(
                plan, created=created, due=due, recorder=recorder
            )
            if moment < self.now:
                sent, sent_by, channel = moment, by, send_channel
                status = NotificationStatus.SENT
        reason = ""
        if sent is not None and sent > due:
            reason = (
                rules.system_late_reason
                if channel == SendChannel.DAILY_RUN.value
                else self.rng.choice(NOTIFY_BREACH_REASONS)
            )
        batch.clocks.append(
            self._encompass_clock(
                subject_id=notification_id,
                kind=rules.notify_kind,
                label=rules.notify_label,
                started=occurred,
                due=due,
                rule=(rule, rules.notify_rule_source, rules.notify_rule_version),
                partner=None,
                stopped=sent,
                stopped_by=sent_by,
                reason=reason,
            )
        )
        acknowledged: dt.datetime | None = None
        facts: NotificationFacts | None = None
        if sent is not None and setting is not None:
            acknowledged = self._acknowledgement(
                batch, notification_id, setting=setting, sent=sent, created=created
            )
            if acknowledged is not None:
                status = NotificationStatus.ACKNOWLEDGED
            facts = NotificationFacts(
                child_name=child.full_name,
                child_date_of_birth=child.date_of_birth,
                child_estimated_age=child.estimated_age,
                police_reference="",  # the loader issues it
                location=child.location,
                occurred_at=occurred,
                child_present=victim.present,
                where_present=victim.where_present,
                saw=victim.saw,
                heard=victim.heard,
                experienced_effects=victim.experienced_effects,
                voice=ChildVoice(
                    spoken_to=voice.spoken_to,
                    spoken_to_alone=voice.spoken_to_alone,
                    childs_words=voice.childs_words,
                    reason_not_spoken_to=voice.reason_not_seen_or_spoken_to,
                ),
                circumstances=incident.circumstances_for_school,
                other_information=incident.other_information_for_school,
            )
        kind = RecipientKind.LOCAL_AUTHORITY if child.home_educated else RecipientKind.SCHOOL
        batch.notifications.append(
            NotificationRow(
                id=notification_id,
                occurrence_id=incident.occurrence_id,
                incident_id=incident.id,
                child_victim_id=victim.id,
                recipient_id=setting.id if setting is not None else None,
                recipient_kind=kind.value,
                status=status.value,
                due_at=due,
                due_rule=rule,
                facts=facts,
                sent_at=sent,
                sent_by=sent_by,
                sent_channel=channel,
                acknowledged_at=acknowledged,
                acknowledged_by=setting.acknowledger if acknowledged and setting else None,
                owning_team_code=incident.owning_team_code,
                created_at=created,
                updated_at=acknowledged or sent or created,
            )
        )

    def _send_time(
        self, plan: _Plan, *, created: dt.datetime, due: dt.datetime, recorder: OfficerRow
    ) -> tuple[dt.datetime, str, str | None]:
        """Return when the notification goes, by which channel and who sent it.

        The officer sends some at once, before the school day starts where there is time;
        the daily 07:00 run sends every other one, so none waits past the first run after
        it was recorded.
        """
        rng = self.rng
        run = next_daily_run(created)
        if not plan.wait_for_run:
            late = created >= due
            share = 0.75 if late else ON_DEMAND_SHARE
            if rng.random() < share or (not late and run >= due):
                latest = min(run, created + 2 * HOUR)
                if not late:
                    latest = min(latest, due - MINUTE)
                sent = created
                if latest > created + MINUTE:
                    sent = _between(rng, created + MINUTE, latest)
                return sent, SendChannel.ON_DEMAND.value, recorder.username
        sent = _second(run + dt.timedelta(seconds=rng.uniform(5, 240)))
        return sent, SendChannel.DAILY_RUN.value, None

    def _acknowledgement(
        self,
        batch: PathwayBatch,
        notification_id: str,
        *,
        setting: EducationSetting,
        sent: dt.datetime,
        created: dt.datetime,
    ) -> dt.datetime | None:
        """Start the acknowledgement clock at sending; return when the school acknowledged.

        Due a few hours after the setting's next day starts (force policy); most schools
        acknowledge in time, some late; the last two days' notifications are not yet read.
        """
        rng = self.rng
        rules = self.rules.encompass
        day_start, _rule = notification_due(
            after=sent,
            recipient=setting.recipient,
            default_day_start=rules.default_day_start,
            bank_holidays=self.holidays,
        )
        due = day_start + dt.timedelta(hours=rules.acknowledge_hours)
        acknowledged: dt.datetime | None = None
        if setting.acknowledger and created < self.now - UNACKNOWLEDGED_WINDOW:
            if rng.random() < ACK_LATE_SHARE:
                moment = _second(due + dt.timedelta(hours=rng.uniform(0.5, 30)))
            else:
                moment = _between(rng, max(sent + 10 * MINUTE, day_start - 90 * MINUTE), due)
            if moment < self.now:
                acknowledged = moment
        batch.clocks.append(
            self._encompass_clock(
                subject_id=notification_id,
                kind=rules.acknowledge_kind,
                label=rules.acknowledge_label,
                started=sent,
                due=due,
                rule=(
                    rules.acknowledge_rule,
                    rules.acknowledge_rule_source,
                    rules.acknowledge_rule_version,
                ),
                partner=setting.id,
                stopped=acknowledged,
                stopped_by=setting.acknowledger if acknowledged else None,
                reason=rules.acknowledge_late_reason,
            )
        )
        return acknowledged

    def _encompass_clock(
        self,
        *,
        subject_id: str,
        kind: str,
        label: str,
        started: dt.datetime,
        due: dt.datetime,
        rule: tuple[str, str, str],
        partner: str | None,
        stopped: dt.datetime | None,
        stopped_by: str | None,
        reason: str,
    ) -> ClockRow:
        """Return an Operation Encompass clock: owned by the MASH (force policy), as started."""
        outcome = "RUNNING" if stopped is None else "MET" if stopped <= due else "BREACHED"
        text, source, version = rule
        return ClockRow(
            id=self._uuid(),
            subject_type=NOTIFICATION_SUBJECT,
            subject_id=subject_id,
            kind=kind,
            label=label,
            started_at=started,
            due_at=due,
            rule=text,
            rule_source=source,
            rule_version=version,
            owner_team_code=MASH,
            owner_user=None,
            partner_organisation_id=partner,
            stopped_at=stopped,
            stopped_by=stopped_by,
            outcome=outcome,
            breach_reason=reason if outcome == "BREACHED" else "",
            escalation_level=self._escalation(due, stopped),
            updated_at=stopped or started,
        )

    # -- occurrences with adults only --

    def _background(
        self, batch: PathwayBatch, count: int, start: dt.datetime, end: dt.datetime
    ) -> None:
        if count <= 0 or not self.adults:
            return
        rng = self.rng
        adults = self.adults
        low = max(0.02, (self.now - end).total_seconds() / 86_400)
        high = max(low, (self.now - start).total_seconds() / 86_400)
        kinds = [kind for kind, _ in OTHER_TYPES]
        kind_cum = list(accumulate(weight for _, weight in OTHER_TYPES))
        for _ in range(count):
            kind = kinds[bisect(kind_cum, rng.random() * kind_cum[-1])]
            first = adults[rng.randrange(len(adults))]
            parties: tuple[str, str, str] | None = None
            if kind is OccurrenceType.DOMESTIC_ABUSE:
                parties = self._adult_parties(first)
                if parties is None:
                    kind = OccurrenceType.OTHER  # nobody else in the force to be the suspect
            occurred = self._evening(low, high)
            created = min(
                _second(occurred + dt.timedelta(minutes=rng.uniform(10, 720))), self.now - MINUTE
            )
            recorder = self._recorder()
            occurrence_id = self._uuid()
            batch.occurrences.append(
                OccurrenceRow(
                    id=occurrence_id,
                    occurrence_type=kind.value,
                    occurred_at=occurred,
                    location=first.location,
                    postcode=first.postcode,
                    narrative=rng.choice(OTHER_NARRATIVES[kind]),
                    owning_team_code=recorder.team_code,
                    recorded_by=recorder.username,
                    created_at=created,
                )
            )
            roles = [(first.person_id, VICTIM)]
            if parties is not None:
                roles.append((parties[1], SUSPECT))
                self._incident(
                    batch,
                    occurrence_id=occurrence_id,
                    parties=parties,
                    recorder=recorder,
                    created=created,
                    circumstances="",  # no children: nothing for a school
                )
            else:
                if rng.random() < 0.35:
                    roles[0] = (first.person_id, REPORTING_PERSON)
                for extra in (SUSPECT, WITNESS):
                    if rng.random() < 0.3:
                        roles.append((adults[rng.randrange(len(adults))].person_id, extra))
            seen: set[tuple[str, str]] = set()
            for person_id, role in roles:
                if (person_id, role) in seen:
                    continue
                seen.add((person_id, role))
                batch.involvements.append(
                    InvolvementRow(self._uuid(), occurrence_id, person_id, role, created)
                )
        self._background_made += count

    def _adult_parties(self, victim: AdultCandidate) -> tuple[str, str, str] | None:
        """Return the victim, the suspect (the partner, or someone else) and the relationship."""
        rng = self.rng
        if victim.partner_id and victim.partner_id != victim.person_id:
            relationship = _weighted(
                rng,
                (
                    (PartyRelationship.INTIMATE_PARTNER.value, 85.0),
                    (PartyRelationship.EX_INTIMATE_PARTNER.value, 15.0),
                ),
            )
            return victim.person_id, victim.partner_id, relationship
        adults = self.adults
        suspect = adults[rng.randrange(len(adults))].person_id
        if suspect == victim.person_id:
            if len(adults) < 2:
                return None
            index = next(i for i, a in enumerate(adults) if a.person_id == suspect)
            suspect = adults[(index + 1) % len(adults)].person_id
        relationship = _weighted(
            rng,
            (
                (PartyRelationship.EX_INTIMATE_PARTNER.value, 80.0),
                (PartyRelationship.OTHER_RELATIVE.value, 20.0),
            ),
        )
        return victim.person_id, suspect, relationship
