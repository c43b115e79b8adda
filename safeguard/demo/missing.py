"""The synthetic force's missing children: a children's home, its Philomena profiles, episodes.

:class:`MissingPlanner` plans, from its own seeded ``random.Random``, what the missing-children
pathway (``safeguard.missing``) would hold after a year: the carer's Philomena Protocol
profiles for the children at the demo children's home, and missing episodes step by step,
each step an instant and the service call an officer, a supervisor, a specialist, a carer
or a social worker would have made then. ``safeguard.demo.loader`` makes every call through
the services under a fixed clock set to the step's instant, so clocks, references, risk
gradings and the audit trail are the services' own.

Every size has the showcase: a child from the home who went missing three times in 90
days with a strategy discussion, an exploitation screening completed and an NRM referral,
another with the prompt still unanswered, a child away from placement found quickly, one
missing now, graded high, whose review is overdue (on the out-of-hours board), and children
missing from home with every after-care outcome: return interviews completed in 72 hours,
late, refused and not held, a screening still open, late reviews with their reason, and two
more children missing now. Larger sizes add episodes in proportion to the force
(:class:`MissingSpec`), some children going missing again and again.

The demo "socialcare" account's authority places most of the home's children and holds most
return interviews, so the account sees the requests, each already answered (in time, late,
refused, not held). The showcase's two awaited requests (one overdue, one not yet due) go to
the other authority, so that the first awaited request in the account's list is the one a
walkthrough makes (``tests/journeys/test_missing_child.py``), as the demo school's Operation
Encompass inbox starts empty for its walkthrough.

No database and no clock: the same seed, size and ``now`` give the same plan. The times
follow the rules the services apply (:class:`MissingRules`, read from force policy by the
loader), so a step is late exactly when the plan gives it a delay reason.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from safeguard.core.rules.calendar import LONDON
from safeguard.missing.rules.codes import (
    Category,
    CraDecision,
    ExploitationIndicator,
    ExploitationType,
    FoundCondition,
    MissingFrom,
    NrmDecision,
    ReturnInterviewOutcome,
    ScreeningOutcome,
)
from safeguard.missing.rules.patterns import episodes_in_window
from safeguard.people.rules.age import age_on
from safeguard.risk.rules.dash import NOT_KNOWN
from safeguard.risk.rules.instruments import NO, YES
from safeguard.risk.rules.missing_person import INDICATORS_V1, QUESTIONS_V1, MissingRiskLevel

UTC = dt.UTC
MINUTE = dt.timedelta(minutes=1)
HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)
WINDOW_DAYS = 365
# Background episodes start at least this long before now, so most are found by now.
BACKGROUND_LATEST = dt.timedelta(days=4)
MIN_AGE = 10
MAX_REVIEWS = 10
# A step is never planned later than this before now.
MARGIN = MINUTE

CARE_HOME_NAME = "Meadow View Children's Home (fictional)"
PROFILE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

HIGH = MissingRiskLevel.HIGH.value
MEDIUM = MissingRiskLevel.MEDIUM.value
LOW = MissingRiskLevel.LOW.value
VERY_LOW = MissingRiskLevel.VERY_LOW.value
MISSING = Category.MISSING.value
AWAY = Category.AWAY_WITHOUT_AUTHORISATION.value
HOME = MissingFrom.HOME.value
CARE = MissingFrom.CARE.value
COMPLETED = ReturnInterviewOutcome.COMPLETED.value
REFUSED = ReturnInterviewOutcome.REFUSED.value
NOT_HELD = ReturnInterviewOutcome.NOT_HELD.value

OLDER_ASSOCIATES = ExploitationIndicator.OLDER_ASSOCIATES.value
FOUND_AT_HOTEL = ExploitationIndicator.FOUND_AT_HOTEL.value
KNOWN_LOCATION = ExploitationIndicator.FOUND_AT_KNOWN_LOCATION.value
NEW_PHONE_OR_MONEY = ExploitationIndicator.NEW_PHONE_OR_MONEY.value
TRAVEL_OUT_OF_AREA = ExploitationIndicator.TRAVEL_OUT_OF_AREA.value
DRUGS_OR_WEAPONS = ExploitationIndicator.DRUGS_OR_WEAPONS.value
SEXUAL_SIGNS = frozenset({OLDER_ASSOCIATES, FOUND_AT_HOTEL})
CRIMINAL_SIGNS = frozenset({KNOWN_LOCATION, TRAVEL_OUT_OF_AREA, DRUGS_OR_WEAPONS})


# --- Sizes and rules ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MissingSpec:
    """Missing episodes a size has beyond the showcase, which every size has.

    ``background_episodes`` a year: the demo size has about four per thousand people (the
    demo's own scale [U]); see ``generator.SIZES`` for why force-year has fewer.
    """

    background_episodes: int = 0


@dataclass(frozen=True)
class MissingRules:
    """Force policy the missing-children services apply (read by the loader)."""

    review_hours: Mapping[str, float]
    prevention_hours: int
    return_interview_hours: int
    repeat_threshold: int
    repeat_window_days: int


# --- People ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MissingCandidate:
    """A child the generator kept for the missing pathway, as recorded."""

    person_id: str
    given_name: str
    family_name: str
    full_name: str
    gender: str
    date_of_birth: dt.date
    looked_after: bool
    placing_authority: str
    location: str
    postcode: str
    authority: str
    # The household: "family", "foster", "childrens_home", or "care_home" (the demo's own).
    home: str
    placed_on: dt.date | None = None


@dataclass(frozen=True)
class MissingPeople:
    """Who does the work (usernames) and the organisations involved (ids)."""

    officer: str
    supervisor: str
    specialist: str
    carer: str
    care_provider_id: str
    # Children's social care by local authority ("Staffordshire"), and who answers for each.
    csc_by_authority: Mapping[str, str]
    social_workers: Mapping[str, str]
    # The demo "socialcare" account's organisation (places most of the home's children).
    demo_csc_id: str
    hotels: tuple[str, ...] = ()


# --- Steps --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RiskInformationRow:
    information: str
    supplied_by: str
    supplied_by_contact: str
    obtained_at: dt.datetime


@dataclass(frozen=True, slots=True)
class ProfileStep:
    """The carer records the child's Philomena Protocol part 1."""

    at: dt.datetime
    actor: str
    key: str
    reference: str
    child_id: str
    child_name: str
    child_date_of_birth: dt.date
    physical_description: str
    photo_reference: str
    associates: str
    places: str
    previous_missing: str
    vulnerabilities: str
    medical: str
    financial: str
    phones: str
    social_media: str
    transport: str
    locations: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True, slots=True)
class ReportStep:
    at: dt.datetime
    actor: str
    child_id: str
    category: str
    missing_from: str
    placing_authority_id: str | None
    reported_at: dt.datetime
    last_seen_at: dt.datetime
    reported_by_name: str
    reported_by_relationship: str
    reported_by_contact: str
    last_seen_place: str
    location_missing_from: str
    circumstances: str
    clothing: str
    # Left blank when the carer's profile is quoted: the report fills them from part 1.
    description: str
    phones: str
    social_media: str
    possessions: str
    transport: str
    medical_needs: str
    likely_destinations: str
    profile_key: str | None
    exploitation_indicators: tuple[str, ...]
    risk_information: tuple[RiskInformationRow, ...]


@dataclass(frozen=True, slots=True)
class GradeStep:
    at: dt.datetime
    actor: str
    answers: tuple[tuple[str, str], ...]
    officer_level: str
    rationale: str
    delay_reason: str
    level: str


@dataclass(frozen=True, slots=True)
class ReviewStep:
    """A supervisor reviews the latest grading and agrees."""

    at: dt.datetime
    actor: str
    note: str
    delay_reason: str


@dataclass(frozen=True, slots=True)
class AlertStep:
    """A Child Rescue Alert considered for a child graded high."""

    at: dt.datetime
    actor: str
    decision: str
    reason: str


@dataclass(frozen=True, slots=True)
class FoundStep:
    at: dt.datetime
    actor: str
    found_at: dt.datetime
    found_place: str
    found_by: str
    condition: str
    # None for a child missing from care: the placing authority holds the interview.
    return_interview_organisation_id: str | None
    exploitation_indicators: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PreventionStep:
    at: dt.datetime
    actor: str
    held_at: dt.datetime
    summary: str
    debrief_intelligence: str
    exploitation_indicators: tuple[str, ...]
    delay_reason: str


@dataclass(frozen=True, slots=True)
class ReturnInterviewStep:
    at: dt.datetime
    actor: str
    outcome: str
    note: str
    delay_reason: str


@dataclass(frozen=True, slots=True)
class StrategyStep:
    """The strategy discussion the repeat-missing prompt on this episode called for."""

    at: dt.datetime
    actor: str
    held_at: dt.datetime
    note: str


@dataclass(frozen=True, slots=True)
class ScreeningStep:
    """The exploitation screening raised in this episode is completed."""

    at: dt.datetime
    actor: str
    outcome: str
    note: str


@dataclass(frozen=True, slots=True)
class NrmStep:
    at: dt.datetime
    actor: str
    exploitation_type: str
    referred_on: dt.date
    first_responder: str
    reasonable_grounds: str
    reasonable_grounds_on: dt.date | None


EpisodeStep = (
    GradeStep
    | ReviewStep
    | AlertStep
    | FoundStep
    | PreventionStep
    | ReturnInterviewStep
    | StrategyStep
    | ScreeningStep
    | NrmStep
)
Step = ProfileStep | ReportStep | EpisodeStep


@dataclass(frozen=True)
class EpisodePlan:
    """One episode: the report and every later step, in time order, all before now."""

    key: int
    child_id: str
    story: str
    report: ReportStep
    steps: tuple[EpisodeStep, ...]
    # What the plan expects the services to do: raise a repeat prompt at the report.
    repeat_prompt: bool = False

    @property
    def status(self) -> str:
        """OPEN, FOUND or CLOSED, as the services will leave it."""
        kinds = {type(s) for s in self.steps}
        if FoundStep not in kinds:
            return "OPEN"
        if PreventionStep in kinds and ReturnInterviewStep in kinds:
            return "CLOSED"
        return "FOUND"


@dataclass(frozen=True)
class Event:
    """One service call: at this instant, for this episode (or profile)."""

    at: dt.datetime
    episode_key: int | None
    step: Step


@dataclass
class MissingPlan:
    profiles: list[ProfileStep] = field(default_factory=list)
    episodes: list[EpisodePlan] = field(default_factory=list)

    def timeline(self) -> list[Event]:
        """Every step of every episode and profile, oldest first (stable for equal times)."""
        events = [Event(p.at, None, p) for p in self.profiles]
        for episode in self.episodes:
            events.append(Event(episode.report.at, episode.key, episode.report))
            events.extend(Event(s.at, episode.key, s) for s in episode.steps)
        order = {id(e): index for index, e in enumerate(events)}
        return sorted(events, key=lambda e: (e.at, order[id(e)]))

    def actors(self) -> set[str]:
        return {e.step.actor for e in self.timeline()}


# --- Text ---------------------------------------------------------------------------------------

HEIGHTS = ("4ft 11in", "5ft", "5ft 2in", "5ft 3in", "5ft 4in", "5ft 6in", "5ft 8in", "5ft 10in")
BUILDS = ("slim", "slight", "medium", "stocky", "heavy", "athletic")
HAIR = (
    "long dark hair, usually tied back",
    "short brown hair, shaved at the sides",
    "shoulder-length blonde hair",
    "black curly hair",
    "red hair in a ponytail",
    "dyed pink hair, dark roots",
    "mousey brown hair with a fringe",
)
MARKS = (
    "pierced ears",
    "a small scar above the left eyebrow",
    "braces on the top teeth",
    "freckles",
    "glasses with black frames (often not worn)",
    "a tattoo of a star on the right wrist",
    "no marks known",
)
CLOTHING = (
    "Black puffer coat, grey joggers, white trainers",
    "Navy school hoodie, black leggings, pink sliders",
    "Green parka with fur hood, blue jeans, black Nike trainers",
    "Grey tracksuit, black bomber jacket, white Air Force trainers",
    "Black North Face jacket, black joggers, black trainers, cross-body bag",
    "School uniform: black blazer, white shirt, grey trousers",
    "Oversized denim jacket, black crop top, ripped jeans, Converse",
    "Not known: the carer did not see what they left in",
)
HOME_CIRCUMSTANCES = (
    "Went out after tea saying they were meeting friends in town; did not come home by the "
    "10pm curfew and their phone goes to voicemail.",
    "Left the house after an argument with a parent about school; took their coat and phone.",
    "Did not return from school; friends say they left at lunchtime with an older boy.",
    "Went to the shop at 8pm and did not come back; their bike was found by the garages.",
    "Climbed out of their bedroom window some time after 11pm; the family found the bed empty.",
    "Went to a party at an address the family does not know and stopped answering messages.",
)
CARE_CIRCUMSTANCES = (
    "Left the home after staff took their phone at bedtime; said they were going to a friend's.",
    "Did not return from an agreed hour of free time in town; messages unanswered.",
    "Walked out during a disagreement with another young person; last seen heading for the bus "
    "stop.",
    "Collected from the end of the drive by a car the staff did not recognise.",
    "Not in their room at the 1am check; the window was open.",
)
AWAY_CIRCUMSTANCES = (
    "Went to their mother's address against the placement plan; mother confirms they are "
    "there and refuses to bring them back.",
    "At a friend's flat in town, location known from their phone; refusing to return tonight.",
    "Staying at their older sibling's address without agreement; sibling answered the phone.",
)
POSSESSIONS = (
    "Phone, about £10 cash, bank card",
    "Phone only; no cash known",
    "Phone, vape, house keys",
    "Rucksack with a change of clothes, phone charger, about £20",
    "Not known",
)
TRANSPORT = (
    "Buses (has a bus pass); no car access",
    "On foot or bike",
    "Trains to Stoke and Birmingham; has used taxis paid for by others",
    "Lifts from friends; does not drive",
)
MEDICAL = (
    "None known",
    "Asthma: blue inhaler (has it with them)",
    "ADHD: takes medication each morning (missed tonight's dose is not an issue)",
    "Type 1 diabetes: insulin pen with them, needs food regularly",
    "Anxiety; self-harmed in the past",
)
DESTINATIONS = (
    "Friend's house in {town}; the town centre and the retail park",
    "Boyfriend's address (name known to family) in {town}",
    "Grandparents' house; the skate park in {town}",
    "The bus station and McDonald's in {town}",
    "Not known",
)
SOCIAL_MEDIA = (
    "Snapchat and TikTok (usernames with the family)",
    "Instagram and Snapchat; location sharing turned off",
    "None known",
)
RELATIVES = (
    ("Mother", "F"),
    ("Father", "M"),
    ("Mother", "F"),
    ("Stepfather", "M"),
    ("Grandmother", "F"),
)
RISK_INFORMATION: dict[str, tuple[str, ...]] = {
    HIGH: (
        "Has been seen getting into cars with older men near the bus station",
        "Sent a friend a message tonight saying they wanted to end it all",
        "Has been linked to a county-lines group; found with cash and two phones last month",
        "Needs insulin and did not take the pen with them",
    ),
    MEDIUM: (
        "Has never gone missing before; this is out of character",
        "Was assaulted by a stranger the last time they went missing",
        "Wearing only a T-shirt; it is below freezing tonight",
    ),
    LOW: (
        "Has stayed out late before and come home the next morning",
        "Friends think they are at a sleepover but nobody has confirmed it",
        "Family are worried because they are not answering their phone",
    ),
}
FOUND_PLACES = (
    "Returned home on their own",
    "Friend's address, {town}",
    "{town} bus station",
    "Stafford railway station",
    "Hanley bus station, Stoke-on-Trent",
    "Park near the home address, {town}",
    "McDonald's, {town} retail park",
)
FOUND_BY = (
    "Returned of their own accord",
    "PC on patrol",
    "Friend's parent brought them back",
    "British Transport Police",
    "Family member found them",
)
PREVENTION_SUMMARIES = (
    "Spoke alone. Stayed at a friend's house; says nobody hurt them. Agreed to keep their phone "
    "on. No harm disclosed.",
    "Seen with their carer present at their request. Went to town with friends and lost track "
    "of time; no concerns disclosed.",
    "Spoke alone. Upset about contact arrangements with their dad; went to clear their head. "
    "Offered the return interview and support.",
    "Tired and reluctant to talk. Says they were with 'mates' in the park. No injuries seen; "
    "safe and well check done.",
    "Spoke alone. Says they walked around all night and slept at the bus station. Advice given "
    "on staying safe; school informed by social care.",
)
DEBRIEF_INTELLIGENCE = (
    "Was given a lift by a man in his twenties driving a silver Audi; partial plate noted.",
    "Went to a flat above the takeaway on the high street where older boys 'hang out'.",
    "Mentioned a new friend who buys them vapes and food; first name only.",
    "Travelled to Birmingham by train with two older boys; tickets bought for them.",
    "",
    "",
    "",
)
RHI_COMPLETED = (
    "Independent return interview worker saw them at school. Push factors: arguments at home. "
    "Agreed a safety plan and a weekly check-in.",
    "Seen at home, alone. No harm disclosed. Referred to the youth service for activities.",
    "Return interview held at the home with their keyworker nearby. Talked about friends in "
    "town; shared with the exploitation team.",
    "Seen at a café of their choice. Wants more contact with their sister; raised with their "
    "social worker.",
)
RHI_REFUSED = (
    "Offered three times (in person, by phone, by text); the child declined each time and "
    "does not want to talk about it. Carer informed.",
    "Child refused to see the independent worker; agreed to talk to their teacher instead.",
)
RHI_NOT_HELD = (
    "Not held: the child moved to a placement out of area the next day; the new authority "
    "was told and will offer one.",
    "Not held: child admitted to hospital after return; the ward's social worker will follow up.",
)
DELAY_REVIEW = (
    "Duty inspector dealing with a serious collision; review done as soon as free.",
    "Supervisor tied up with a custody emergency; review delayed.",
    "Night shift handover; the review was missed and done on the morning shift.",
)
DELAY_GRADING = ("Call handler queue: several missing reports at once; graded when allocated.",)
DELAY_PREVENTION = (
    "Child asleep and refused to speak until the afternoon; visit rearranged.",
    "No officer free on the late shift; interview done the next day.",
    "Child went straight to a hospital appointment; interview held afterwards.",
)
DELAY_RHI = (
    "Child at a family funeral for two days; interview held on their return.",
    "Return interview worker off sick; no cover until after the weekend.",
    "Child would only meet after school on Friday, past the 72 hours.",
)
STRATEGY_NOTES = (
    "Strategy discussion: police (MASH), children's social care, the home's manager and "
    "school. Agreed an exploitation risk assessment, a disruption plan for the associates and "
    "a new safety plan with the child.",
    "Strategy discussion held by phone: social worker, police and the child's school. Agreed "
    "daily contact, a return-home plan and a referral to the specialist exploitation team.",
)
CRA_NOT_ISSUED = (
    "Considered: no evidence the child has been abducted and the criteria for a Child Rescue "
    "Alert are not met; intensive local enquiries instead.",
    "Considered with the duty superintendent: not issued because there is not enough "
    "information to help the public find the child; kept under review.",
)
VERY_LOW_RATIONALE = (
    "Known to be at a friend's house with an adult present; the parent has spoken to them and "
    "expects them home tonight. Very low risk of harm.",
    "Late home from town after missing the last bus; in touch by message and on the way "
    "back. Very low risk of harm.",
)
REVIEW_NOTES = (
    "Grading agreed; enquiries are proportionate.",
    "Agree with the grading; keep trying the phone and the friends' addresses.",
    "Agreed. Next review as set; escalate if any new risk information.",
)
SCREENING_NOTES: dict[str, tuple[str, ...]] = {
    ScreeningOutcome.CSE_RISK.value: (
        "Older male associates, gifts and a hotel: at risk of sexual exploitation. Referred to "
        "the exploitation panel; disruption notices being considered.",
    ),
    ScreeningOutcome.CCE_RISK.value: (
        "Travel out of area and cash with no explanation: at risk of criminal exploitation "
        "(county lines). Shared with the county-lines team.",
    ),
    ScreeningOutcome.CSE_AND_CCE_RISK.value: (
        "Signs of both sexual and criminal exploitation; multi-agency exploitation meeting "
        "booked and a safety plan agreed.",
    ),
    ScreeningOutcome.NO_EXPLOITATION_FOUND.value: (
        "Screened with the child, carer and school: the hotel was a family booking and the "
        "adults were relatives. No exploitation found.",
        "Screened: the older friend is a cousin known to social care; no exploitation found.",
    ),
}
PROFILE_ASSOCIATES = (
    "{friend} (school friend); an older boy called 'J' who drives a black car",
    "Friends from the skate park; {friend} and her older brother",
    "{friend} from their last placement; a man in his twenties known only by a nickname",
)
PROFILE_PLACES = (
    "Hanley bus station; Stafford town centre; the retail park",
    "Mother's address in Stoke-on-Trent; a friend's flat off the high street",
    "Stafford railway station; the canal towpath by the marina",
)
PROFILE_VULNERABILITIES = (
    "Easily led by older peers; has been offered cannabis and vapes",
    "History of self-harm when upset; low mood since the last placement ended",
    "Learning difficulty: may not understand danger; trusts strangers quickly",
    "Has been contacted online by adults asking for photographs",
)
PROFILE_FINANCIAL = (
    "Bank card (Monzo) held by the young person; about £15 pocket money a week",
    "No bank card; small amounts of cash only",
    "Bank card kept in the office; has had unexplained cash in the past",
)
PROFILE_PHONES = (
    "07700 900{n:03d} (iPhone, cracked screen)",
    "07700 900{n:03d} (Samsung); has had a second SIM before",
)
PROFILE_LOCATIONS = (
    (
        "Hanley bus station",
        "Parliament Row, Stoke-on-Trent",
        "Older males approach young people here; staff to call police if seen there.",
    ),
    (
        "Friend's flat",
        "Greengate Street, Stafford",
        "Adults use drugs at the address; do not collect the child from there alone.",
    ),
    (
        "Mother's address",
        "Fictional Road, Stoke-on-Trent",
        "Contact is supervised; mother's partner is a risk to children.",
    ),
)


# --- Helpers ------------------------------------------------------------------------------------

_T = TypeVar("_T")


def _second(value: dt.datetime) -> dt.datetime:
    return value.replace(microsecond=0)


def _weighted(rng: random.Random, choices: Sequence[tuple[_T, float]]) -> _T:
    total = sum(w for _, w in choices)
    point = rng.random() * total
    for value, weight in choices:
        point -= weight
        if point < 0:
            return value
    return choices[-1][0]


def _minutes(rng: random.Random, low: float, high: float) -> dt.timedelta:
    return dt.timedelta(seconds=round(rng.uniform(low, high) * 60))


def _hours(rng: random.Random, low: float, high: float) -> dt.timedelta:
    return dt.timedelta(seconds=round(rng.uniform(low, high) * 3600))


def _town(location: str) -> str:
    return location.rsplit(", ", 1)[-1] if location else "town"


def screening_outcome_for(indicators: Sequence[str]) -> str:
    """Return the screening outcome the signs point to (the demo's judgement, not a rule)."""
    given = set(indicators)
    sexual = bool(given & SEXUAL_SIGNS)
    criminal = bool(given & CRIMINAL_SIGNS)
    if sexual and criminal:
        return ScreeningOutcome.CSE_AND_CCE_RISK.value
    if criminal:
        return ScreeningOutcome.CCE_RISK.value
    if sexual or given:
        return ScreeningOutcome.CSE_RISK.value
    return ScreeningOutcome.NO_EXPLOITATION_FOUND.value


@dataclass
class _Shape:
    """How one episode goes; :meth:`MissingPlanner._episode` turns it into steps."""

    child: MissingCandidate
    story: str
    last_seen_at: dt.datetime
    category: str = MISSING
    missing_from: str = HOME
    placing_authority_id: str | None = None
    return_interview_organisation_id: str | None = None
    report_after: dt.timedelta = HOUR
    # None: not graded yet.
    level: str | None = LOW
    # The APP question "at risk of exploitation" answered yes (so graded high).
    exploitation_risk: bool = False
    grade_late: bool = False
    late_reviews: frozenset[int] = frozenset()
    late_review_share: float = 0.0
    review_before_due: dt.timedelta | None = None
    # None: still missing now.
    missing_for: dt.timedelta | None = dt.timedelta(hours=6)
    found_place: str = ""
    found_by: str = ""
    condition: str = FoundCondition.SAFE_AND_WELL.value
    report_indicators: tuple[str, ...] = ()
    found_indicators: tuple[str, ...] = ()
    prevention_indicators: tuple[str, ...] = ()
    # After the child was found; None: not held yet.
    prevention_after: dt.timedelta | None = dt.timedelta(hours=5)
    intelligence: str = ""
    rhi_outcome: str | None = COMPLETED
    rhi_after: dt.timedelta = dt.timedelta(hours=40)
    # After the screening was raised; None: still open.
    screening_after: dt.timedelta | None = None
    screening_outcome: str | None = None
    strategy_after: dt.timedelta | None = None
    alert: bool = True
    nrm: bool = False
    profile_key: str | None = None


# --- The planner --------------------------------------------------------------------------------


class MissingPlanner:
    """Plan the carer's profiles and a year of missing episodes, before ``now``."""

    def __init__(
        self,
        *,
        rng: random.Random,
        spec: MissingSpec,
        now: dt.datetime,
        rules: MissingRules,
        candidates: Sequence[MissingCandidate],
        residents: Sequence[MissingCandidate],
        people: MissingPeople,
        names: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]] = (
            ("Dana",),
            ("Sam",),
            ("Fictional",),
        ),
    ) -> None:
        """Plan from these children, the home's residents and these people.

        ``names`` are (female given, male given, family) names for carers, relatives and
        friends named in the records.
        """
        if now.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        self.rng = rng
        self.spec = spec
        self.now = _second(now.astimezone(UTC))
        self.latest = self.now - MARGIN
        self.rules = rules
        self.candidates = list(candidates)
        self.residents = list(residents)
        self.people = people
        self.female_names, self.male_names, self.family_names = names
        self.plan = MissingPlan()
        self._profile_of: dict[str, str] = {}
        self._episodes_of: dict[str, list[dt.datetime]] = {}
        self._missing_days: dict[str, list[dt.date]] = {}

    # -- entry point --

    def make(self) -> MissingPlan:
        """Return the whole plan: the showcase, then the background in proportion."""
        self._profiles_for_home()
        self._showcase_care_home()
        self._showcase_home()
        self._background()
        self.plan.episodes.sort(key=lambda e: (e.report.at, e.key))
        return self.plan

    # -- times --

    def _evening(self, days_ago: int, hour: int, minute: int) -> dt.datetime:
        """Return ``hour:minute`` London time on the day ``days_ago`` days before now."""
        day = self.now.astimezone(LONDON).date() - dt.timedelta(days=days_ago)
        local = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LONDON)
        return min(_second(local.astimezone(UTC)), self.latest)

    def _age(self, child: MissingCandidate, at: dt.datetime) -> int:
        age = age_on(on=at.astimezone(LONDON).date(), date_of_birth=child.date_of_birth)
        assert age is not None
        return age

    def _eligible(self, child: MissingCandidate, at: dt.datetime) -> bool:
        return MIN_AGE <= self._age(child, at) < 18

    # -- organisations and people --

    def _csc_for(self, child: MissingCandidate) -> str:
        """The children's social care that holds the child's return interview.

        From home: the authority the child lives in. From care: the placing authority when it
        is one of the force's own; a child placed from further away is recorded against the
        authority hosting the placement, which holds the interview here.
        """
        by_authority = self.people.csc_by_authority
        if child.looked_after:
            for authority, org in by_authority.items():
                if child.placing_authority.startswith(authority):
                    return org
        return by_authority.get(child.authority, self.people.demo_csc_id)

    def _social_worker(self, organisation_id: str) -> str | None:
        return self.people.social_workers.get(organisation_id)

    def _reporter(self, child: MissingCandidate) -> tuple[str, str, str]:
        """(name, relationship, contact) of whoever reports the child missing."""
        rng = self.rng
        number = f"{rng.randrange(1000):03d}"
        if child.home == "care_home":
            name = (
                f"{rng.choice(self.female_names + self.male_names)} {rng.choice(self.family_names)}"
            )
            return name, "Keyworker, " + CARE_HOME_NAME, f"01632 960{number}"
        if child.home == "foster":
            name = f"{rng.choice(self.female_names)} {rng.choice(self.family_names)}"
            return name, "Foster carer", f"07700 900{number}"
        if child.home == "childrens_home":
            name = (
                f"{rng.choice(self.female_names + self.male_names)} {rng.choice(self.family_names)}"
            )
            return name, "Residential care worker", f"01632 960{number}"
        relationship, gender = rng.choice(RELATIVES)
        pool = self.female_names if gender == "F" else self.male_names
        return f"{rng.choice(pool)} {child.family_name}", relationship, f"07700 900{number}"

    # -- profiles --

    def _profiles_for_home(self) -> None:
        """The carer records part 1 for every child at the home soon after placement."""
        for index, child in enumerate(self.residents):
            placed = child.placed_on or (self.now - dt.timedelta(days=200)).date()
            day = placed + dt.timedelta(days=self.rng.randint(1, 6))
            at = min(
                _second(
                    dt.datetime.combine(day, dt.time(10, self.rng.randrange(60)), tzinfo=LONDON)
                ).astimezone(UTC),
                self.latest,
            )
            self._profile(f"P{index + 1}", child, at)

    def _profile(self, key: str, child: MissingCandidate, at: dt.datetime) -> ProfileStep:
        rng = self.rng
        reference_body = "".join(rng.choice(PROFILE_ALPHABET) for _ in range(8))
        friend = f"{rng.choice(self.female_names + self.male_names)} (surname not known)"
        locations = tuple(rng.sample(PROFILE_LOCATIONS, rng.randint(1, 2)))
        profile = ProfileStep(
            at=at,
            actor=self.people.carer,
            key=key,
            reference=f"PP-{reference_body[:4]}-{reference_body[4:]}",
            child_id=child.person_id,
            child_name=child.full_name,
            child_date_of_birth=child.date_of_birth,
            physical_description=self._description(child),
            photo_reference="Photograph held in the home's office safe (updated each term)",
            associates=rng.choice(PROFILE_ASSOCIATES).format(friend=friend),
            places=rng.choice(PROFILE_PLACES),
            previous_missing=rng.choice(
                (
                    "None before this placement",
                    "Went missing four times from the last placement (Walsall)",
                    "Missing twice last year from home; found in Stoke both times",
                )
            ),
            vulnerabilities=rng.choice(PROFILE_VULNERABILITIES),
            medical=rng.choice(MEDICAL),
            financial=rng.choice(PROFILE_FINANCIAL),
            phones=rng.choice(PROFILE_PHONES).format(n=rng.randrange(1000)),
            social_media=rng.choice(SOCIAL_MEDIA[:2]),
            transport=rng.choice(TRANSPORT),
            locations=locations,
        )
        self.plan.profiles.append(profile)
        self._profile_of[child.person_id] = key
        return profile

    def _description(self, child: MissingCandidate) -> str:
        rng = self.rng
        return (
            f"{rng.choice(HEIGHTS)}, {rng.choice(BUILDS)} build, {rng.choice(HAIR)}; "
            f"{rng.choice(MARKS)}"
        )

    # -- the showcase --

    def _home_pool(self) -> list[MissingCandidate]:
        """Children living with their families, the socialcare account's authority first."""
        authority = next(
            (
                a
                for a, org in self.people.csc_by_authority.items()
                if org == self.people.demo_csc_id
            ),
            "",
        )
        family = [c for c in self.candidates if c.home == "family" and not c.looked_after]
        return sorted(family, key=lambda c: c.authority != authority)

    def _showcase_care_home(self) -> None:
        """The children's home: repeat missing, away from placement, missing now."""
        residents = self.residents
        hotel = self.people.hotels[0] if self.people.hotels else "The Swan Hotel, Stafford"
        if len(residents) < 4:
            return
        repeat, unanswered, away, now_missing = residents[:4]

        def care(child: MissingCandidate, **changes: object) -> _Shape:
            shape = _Shape(
                child=child,
                story="",
                last_seen_at=self.now,
                missing_from=CARE,
                placing_authority_id=self._csc_for(child),
                profile_key=self._profile_of.get(child.person_id),
                report_after=_minutes(self.rng, 45, 90),
            )
            for name, value in changes.items():
                setattr(shape, name, value)
            return shape

        # Three times in 90 days, with a strategy discussion, a screening and an NRM referral.
        self._episode(
            care(
                repeat,
                story="repeat missing (1 of 3): found next morning",
                last_seen_at=self._evening(80, 21, 40),
                level=MEDIUM,
                missing_for=_hours(self.rng, 9, 10),
                found_place="Friend's address, Stafford",
                found_by="Returned of their own accord",
                rhi_after=_hours(self.rng, 30, 50),
            )
        )
        self._episode(
            care(
                repeat,
                story="repeat missing (2 of 3): return interview refused",
                last_seen_at=self._evening(52, 22, 15),
                level=MEDIUM,
                missing_for=_hours(self.rng, 20, 26),
                late_reviews=frozenset({1}),
                condition=FoundCondition.UNDER_INFLUENCE.value,
                found_place="Hanley bus station, Stoke-on-Trent",
                found_by="PC on patrol",
                rhi_outcome=REFUSED,
                rhi_after=_hours(self.rng, 40, 60),
            )
        )
        self._episode(
            care(
                repeat,
                story="repeat missing (3 of 3): high risk, found at a hotel, strategy "
                "discussion, screening and NRM referral",
                last_seen_at=self._evening(24, 19, 30),
                level=HIGH,
                report_indicators=(OLDER_ASSOCIATES,),
                missing_for=_hours(self.rng, 6, 8),
                found_place=hotel,
                found_by="PC on patrol, called by hotel staff",
                found_indicators=(FOUND_AT_HOTEL, NEW_PHONE_OR_MONEY),
                prevention_after=_hours(self.rng, 2, 4),
                intelligence=DEBRIEF_INTELLIGENCE[0],
                rhi_after=_hours(self.rng, 44, 56),
                strategy_after=_hours(self.rng, 40, 54),
                screening_after=_hours(self.rng, 70, 80),
                screening_outcome=ScreeningOutcome.CSE_RISK.value,
                nrm=True,
            ),
            expect_prompt=True,
        )
        # Three times in 90 days: the prompt is raised and nobody has held the discussion.
        self._episode(
            care(
                unanswered,
                story="repeat missing (1 of 3): return interview late",
                last_seen_at=self._evening(70, 23, 5),
                level=LOW,
                missing_for=_hours(self.rng, 5, 7),
                found_place="Stafford railway station",
                found_by="British Transport Police",
                rhi_after=_hours(self.rng, 96, 110),
            )
        )
        self._episode(
            care(
                unanswered,
                story="repeat missing (2 of 3): prevention interview late",
                last_seen_at=self._evening(40, 20, 0),
                level=MEDIUM,
                missing_for=_hours(self.rng, 12, 14),
                found_place="Park near the home, Stafford",
                found_by="Member of staff from the home",
                prevention_after=_hours(self.rng, 28, 34),
                rhi_after=_hours(self.rng, 48, 60),
            )
        )
        self._episode(
            care(
                unanswered,
                story="repeat missing (3 of 3): no strategy discussion, return interview overdue",
                last_seen_at=self._evening(6, 18, 30),
                level=MEDIUM,
                missing_for=_hours(self.rng, 16, 20),
                found_place="Friend's address, Stone",
                found_by="Friend's parent brought them back",
                rhi_outcome=None,
            ),
            expect_prompt=True,
        )
        # Away from placement (whereabouts known), back within two hours.
        self._episode(
            care(
                away,
                story="away from placement: found quickly",
                category=AWAY,
                last_seen_at=self._evening(15, 16, 0),
                report_after=_minutes(self.rng, 20, 40),
                level=LOW,
                missing_for=_minutes(self.rng, 100, 120),
                found_place="Mother's address, Stoke-on-Trent",
                found_by="Carer collected them",
                prevention_after=_hours(self.rng, 1, 2),
                rhi_after=_hours(self.rng, 20, 30),
            )
        )
        # Missing now, graded high; the last review was due 25 to 40 minutes ago.
        seen = self.now - _hours(self.rng, 5, 5.5)
        self._episode(
            care(
                now_missing,
                story="missing now: high risk, review overdue",
                last_seen_at=seen,
                report_after=_minutes(self.rng, 15, 25),
                level=HIGH,
                report_indicators=(OLDER_ASSOCIATES,),
                missing_for=None,
                review_before_due=_minutes(self.rng, 5, 15),
            ),
            overdue_by=_minutes(self.rng, 25, 40),
        )

    def _showcase_home(self) -> None:
        """Children missing from home, with every after-care outcome and two missing now."""
        pool = self._home_pool()
        if not pool:
            return
        rng = self.rng
        # Stories for children still missing first, so they get children of their own.
        stories: list[tuple[str, dict[str, object]]] = [
            (
                "missing now: graded medium",
                {
                    "last_seen_at": self.now - _hours(rng, 3, 3.5),
                    "level": MEDIUM,
                    "missing_for": None,
                    "report_after": _minutes(rng, 40, 50),
                },
            ),
            (
                "missing now: just reported, not graded yet",
                {
                    "last_seen_at": self.now - _minutes(rng, 80, 95),
                    "level": None,
                    "missing_for": None,
                    "report_after": _minutes(rng, 45, 55),
                },
            ),
            (
                "found yesterday: return interview requested, not yet due",
                {
                    "last_seen_at": self._evening(2, 20, 0),
                    "level": MEDIUM,
                    "missing_for": _hours(rng, 16, 18),
                    "found_place": "Returned home on their own",
                    "found_by": "Returned of their own accord",
                    "prevention_after": _hours(rng, 2, 3),
                    "rhi_outcome": None,
                },
            ),
            (
                "found at a hotel: screening found no exploitation, return interview not held",
                {
                    "last_seen_at": self._evening(30, 19, 0),
                    "level": LOW,
                    "missing_for": _hours(rng, 14, 16),
                    "found_place": self.people.hotels[-1] if self.people.hotels else "Hotel",
                    "found_by": "Hotel manager called police",
                    "found_indicators": (FOUND_AT_HOTEL,),
                    "screening_after": _hours(rng, 90, 100),
                    "screening_outcome": ScreeningOutcome.NO_EXPLOITATION_FOUND.value,
                    "rhi_outcome": NOT_HELD,
                },
            ),
            (
                "return interview refused",
                {
                    "last_seen_at": self._evening(95, 22, 30),
                    "level": LOW,
                    "missing_for": _hours(rng, 9, 11),
                    "found_place": "Friend's address",
                    "found_by": "Family member found them",
                    "rhi_outcome": REFUSED,
                    "rhi_after": _hours(rng, 50, 60),
                },
            ),
            (
                "late reviews, prevention interview late, return interview late",
                {
                    "last_seen_at": self._evening(130, 21, 0),
                    "level": MEDIUM,
                    "late_reviews": frozenset({0, 2}),
                    "missing_for": _hours(rng, 22, 24),
                    "found_place": "Hanley bus station, Stoke-on-Trent",
                    "found_by": "PC on patrol",
                    "prevention_after": _hours(rng, 30, 36),
                    "rhi_after": _hours(rng, 90, 100),
                },
            ),
            (
                "very low risk by the officer's judgement: back within two hours",
                {
                    "last_seen_at": self._evening(200, 17, 30),
                    "level": VERY_LOW,
                    "missing_for": _minutes(rng, 95, 110),
                    "found_place": "Returned home on their own",
                    "found_by": "Returned of their own accord",
                    "prevention_after": _hours(rng, 15, 20),
                    "rhi_after": _hours(rng, 26, 34),
                },
            ),
        ]
        for index, (story, changes) in enumerate(stories):
            # A child of their own where the force has enough; otherwise one whose earlier
            # episodes this one does not overlap (nor make a repeat-missing child of).
            order = pool[index:] + pool[:index]
            if "rhi_outcome" in changes and changes["rhi_outcome"] is None:
                # An awaited return interview goes to the other authority (see the module).
                order.sort(key=lambda c: self._csc_for(c) == self.people.demo_csc_id)
            fresh = [c for c in order if c.person_id not in self._episodes_of]
            used = [c for c in order if c.person_id in self._episodes_of]
            for child in fresh + used:
                shape = _Shape(
                    child=child,
                    story=story,
                    last_seen_at=self.now,
                    return_interview_organisation_id=self._csc_for(child),
                )
                for name, value in changes.items():
                    setattr(shape, name, value)
                if not self._clashes(child, shape):
                    self._episode(shape)
                    break

    def _clashes(self, child: MissingCandidate, shape: _Shape) -> bool:
        """Tell whether the episode would overlap one the child already has, or make the child
        a repeat-missing child by accident (only possible in a force with very few children)."""
        if not self._eligible(child, shape.last_seen_at):
            return True
        earlier = self._episodes_of.get(child.person_id, [])
        if shape.missing_for is None and any(e >= shape.last_seen_at - 3 * DAY for e in earlier):
            return True
        if any(abs(t - shape.last_seen_at) < 5 * DAY for t in earlier):
            return True
        starts = [t.astimezone(LONDON).date() for t in [*earlier, shape.last_seen_at]]
        window = self.rules.repeat_window_days
        return any(
            episodes_in_window(starts, on=on, window_days=window) >= self.rules.repeat_threshold
            for on in starts
        )

    # -- the background --

    def _background(self) -> None:
        """Episodes in proportion to the force: most children once, some again and again."""
        target = self.spec.background_episodes
        if not target:
            return
        rng = self.rng
        used = set(self._episodes_of)
        pool = [c for c in self.candidates if c.person_id not in used]
        rng.shuffle(pool)
        start = self.now - dt.timedelta(days=WINDOW_DAYS - 5)
        end = self.now - BACKGROUND_LATEST
        made = 0
        for child in pool:
            if made >= target:
                break
            count = _weighted(rng, ((1, 70.0), (2, 15.0), (3, 8.0), (4, 5.0), (6, 2.0)))
            seen = start + (end - start) * rng.random()
            for _ in range(count):
                if seen > end or made >= target:
                    break
                if self._eligible(child, seen):
                    self._episode(self._background_shape(child, _second(seen)))
                    made += 1
                seen += dt.timedelta(days=rng.uniform(6, 35))

    def _background_shape(self, child: MissingCandidate, seen: dt.datetime) -> _Shape:
        rng = self.rng
        # Most children go missing in the evening.
        hour = _weighted(rng, ((15, 1.0), (17, 2.0), (19, 3.0), (21, 4.0), (23, 2.0), (1, 1.0)))
        local = seen.astimezone(LONDON).replace(hour=hour, minute=rng.randrange(60))
        seen = min(_second(local.astimezone(UTC)), self.now - BACKGROUND_LATEST)
        from_care = child.looked_after
        category = AWAY if from_care and rng.random() < 0.2 else MISSING
        level = _weighted(rng, ((HIGH, 8.0), (MEDIUM, 42.0), (LOW, 42.0), (VERY_LOW, 8.0)))
        exploited = level == HIGH and rng.random() < 0.5
        report_indicators = (OLDER_ASSOCIATES,) if exploited and rng.random() < 0.6 else ()
        found_indicators: tuple[str, ...] = ()
        if rng.random() < (0.35 if exploited else 0.06):
            signs = sorted(SEXUAL_SIGNS | CRIMINAL_SIGNS)
            found_indicators = tuple(sorted(rng.sample(signs, rng.randint(1, 2))))
        low, high = (1.0, 8.0) if category == AWAY else HOURS_MISSING[level]
        missing_for = _hours(rng, low, high)
        # Reported while still missing: within half the time the child was away.
        report_after = _minutes(rng, 15, max(20.0, min(360.0, missing_for.total_seconds() / 120)))
        csc = self._csc_for(child)
        town = _town(child.location)
        hotel = FOUND_AT_HOTEL in found_indicators and bool(self.people.hotels)
        place = rng.choice(self.people.hotels) if hotel else rng.choice(FOUND_PLACES)
        # Return interviews: most completed within 72 hours, as DOMAIN.md §2.2 reports (63%).
        rhi = _weighted(
            rng,
            (("in_time", 62.0), ("late", 13.0), (REFUSED, 15.0), (NOT_HELD, 6.0), ("none", 4.0)),
        )
        indicators = (*report_indicators, *found_indicators)
        outcome = screening_outcome_for(indicators)
        if rng.random() < 0.3:
            outcome = ScreeningOutcome.NO_EXPLOITATION_FOUND.value
        return _Shape(
            child=child,
            story="background",
            last_seen_at=seen,
            category=category,
            missing_from=CARE if from_care else HOME,
            placing_authority_id=csc if from_care else None,
            return_interview_organisation_id=None if from_care else csc,
            report_after=report_after,
            level=level,
            exploitation_risk=exploited,
            grade_late=rng.random() < 0.03,
            late_review_share=0.1,
            missing_for=missing_for,
            found_place=place.format(town=town),
            found_by=rng.choice(FOUND_BY),
            condition=_weighted(rng, CONDITIONS),
            report_indicators=report_indicators,
            found_indicators=found_indicators,
            prevention_after=(_hours(rng, 26, 60) if rng.random() < 0.12 else _hours(rng, 1, 20)),
            intelligence=rng.choice(DEBRIEF_INTELLIGENCE),
            rhi_outcome=(
                None if rhi == "none" else COMPLETED if rhi in ("in_time", "late") else rhi
            ),
            rhi_after=_hours(rng, 76, 200) if rhi == "late" else _hours(rng, 8, 70),
            screening_after=_hours(rng, 48, 300) if rng.random() < 0.85 else None,
            screening_outcome=outcome,
            strategy_after=_hours(rng, 24, 170) if rng.random() < 0.75 else None,
            alert=rng.random() < 0.9,
            nrm=outcome != ScreeningOutcome.NO_EXPLOITATION_FOUND.value and rng.random() < 0.25,
        )

    # -- one episode --

    def _episode(  # noqa: PLR0912, PLR0915 - one episode, step by step, in time order
        self,
        shape: _Shape,
        *,
        expect_prompt: bool = False,
        overdue_by: dt.timedelta | None = None,
    ) -> EpisodePlan:
        rng = self.rng
        people = self.people
        rules = self.rules
        child = shape.child
        seen = _second(shape.last_seen_at)
        reported_at = min(_second(seen + shape.report_after), self.latest)
        report_at = min(_second(reported_at + _minutes(rng, 5, 20)), self.latest)
        found_at = None if shape.missing_for is None else _second(seen + shape.missing_for)
        found_recorded = None
        if found_at is not None:
            found_recorded = _second(found_at + _minutes(rng, 10, 50))
            if found_at <= report_at:
                # Found before the report was typed up: recorded as found just after.
                found_at = _second(report_at + _minutes(rng, 10, 30))
                found_recorded = _second(found_at + _minutes(rng, 5, 20))
            if found_recorded > self.latest:
                found_at = found_recorded = None
        report = self._report(shape, seen=seen, reported_at=reported_at, at=report_at)
        steps: list[EpisodeStep] = []

        # Graded (the first review was timed as for a high-risk child), then reviewed in turn
        # by the supervisor and re-graded by the officer while the child is missing.
        if shape.level is not None:
            answers, officer_level, rationale = self._answers(
                shape.level, shape.exploitation_risk or bool(shape.report_indicators)
            )
            first_due = report_at + self._review_hours(HIGH)
            if shape.grade_late:
                graded = first_due + _minutes(rng, 10, 60)
            else:
                graded = report_at + _minutes(rng, 10, 50)
            if found_at is not None and graded >= found_at - 2 * MINUTE:
                graded = report_at + (found_at - report_at) / 2
            graded = _second(graded)
            if graded > report_at and graded <= self.latest:
                steps.append(
                    GradeStep(
                        at=graded,
                        actor=people.officer,
                        answers=answers,
                        officer_level=officer_level,
                        rationale=rationale,
                        delay_reason=rng.choice(DELAY_GRADING) if graded > first_due else "",
                        level=shape.level,
                    )
                )
                alert_at = _second(graded + _minutes(rng, 5, 20))
                still_missing = found_at is None or alert_at < found_at
                if (
                    shape.level == HIGH
                    and shape.alert
                    and still_missing
                    and alert_at <= self.latest
                ):
                    steps.append(
                        AlertStep(
                            at=alert_at,
                            actor=people.supervisor,
                            decision=CraDecision.NOT_ISSUED.value,
                            reason=rng.choice(CRA_NOT_ISSUED),
                        )
                    )
                steps.extend(
                    self._reviews(
                        shape,
                        graded=graded,
                        answers=answers,
                        officer_level=officer_level,
                        rationale=rationale,
                        found_at=found_at,
                        overdue_by=overdue_by,
                    )
                )

        screening_raised: dt.datetime | None = report_at if shape.report_indicators else None
        if found_at is not None and found_recorded is not None:
            steps.append(
                FoundStep(
                    at=found_recorded,
                    actor=people.officer,
                    found_at=found_at,
                    found_place=shape.found_place or "Returned on their own",
                    found_by=shape.found_by or "Returned of their own accord",
                    condition=shape.condition,
                    return_interview_organisation_id=(
                        None
                        if shape.missing_from == CARE
                        else shape.return_interview_organisation_id
                    ),
                    exploitation_indicators=shape.found_indicators,
                )
            )
            if shape.found_indicators and screening_raised is None:
                screening_raised = found_recorded
            steps.extend(self._after_care(shape, found_at, found_recorded))
            prevention = next((s for s in steps if isinstance(s, PreventionStep)), None)
            if prevention and shape.prevention_indicators and screening_raised is None:
                screening_raised = prevention.at
        if screening_raised is not None:
            steps.extend(self._screening(shape, screening_raised))

        # Repeat missing: the services raise the prompt as the report is recorded.
        day = seen.astimezone(LONDON).date()
        starts = [*self._missing_starts(child), day] if shape.category == MISSING else []
        prompt = shape.category == MISSING and (
            episodes_in_window(starts, on=day, window_days=rules.repeat_window_days)
            >= rules.repeat_threshold
        )
        if expect_prompt and not prompt:
            raise RuntimeError(f"The showcase expected a repeat-missing prompt: {shape.story}")
        if prompt and shape.strategy_after is not None:
            at = _second(report_at + shape.strategy_after)
            if at <= self.latest:
                held = max(report_at, _second(at - _hours(rng, 1, 3)))
                steps.append(
                    StrategyStep(
                        at=at,
                        actor=people.specialist,
                        held_at=held,
                        note=rng.choice(STRATEGY_NOTES),
                    )
                )

        steps.sort(key=lambda s: s.at)
        episode = EpisodePlan(
            key=len(self.plan.episodes) + 1,
            child_id=child.person_id,
            story=shape.story,
            report=report,
            steps=tuple(steps),
            repeat_prompt=prompt,
        )
        self.plan.episodes.append(episode)
        self._episodes_of.setdefault(child.person_id, []).append(seen)
        if shape.category == MISSING:
            self._missing_days.setdefault(child.person_id, []).append(day)
        return episode

    def _missing_starts(self, child: MissingCandidate) -> list[dt.date]:
        return list(self._missing_days.get(child.person_id, []))

    def _review_hours(self, level: str) -> dt.timedelta:
        return dt.timedelta(hours=float(self.rules.review_hours[level]))

    def _reviews(
        self,
        shape: _Shape,
        *,
        graded: dt.datetime,
        answers: tuple[tuple[str, str], ...],
        officer_level: str,
        rationale: str,
        found_at: dt.datetime | None,
        overdue_by: dt.timedelta | None,
    ) -> list[EpisodeStep]:
        """Reviews while the child is missing: each decision sets the time of the next."""
        rng = self.rng
        assert shape.level is not None
        interval = self._review_hours(shape.level)
        steps: list[EpisodeStep] = []
        last = graded
        for index in range(MAX_REVIEWS):
            due = last + interval
            late = index in shape.late_reviews or rng.random() < shape.late_review_share
            before = shape.review_before_due or _minutes(rng, 5, 40)
            at = _second(due + _minutes(rng, 15, 120) if late else due - before)
            final = False
            if overdue_by is not None and at + interval > self.now - overdue_by:
                # The last review before now, timed so that the next is overdue by now.
                at = _second(self.now - overdue_by - interval)
                late, final = False, True
                if not last + MINUTE < at <= due:
                    break
            if found_at is not None and at >= found_at - 5 * MINUTE:
                break
            if at > self.latest:
                break
            delay = rng.choice(DELAY_REVIEW) if late else ""
            if index % 2 == 0:
                steps.append(
                    ReviewStep(
                        at=at,
                        actor=self.people.supervisor,
                        note=rng.choice(REVIEW_NOTES),
                        delay_reason=delay,
                    )
                )
            else:
                steps.append(
                    GradeStep(
                        at=at,
                        actor=self.people.officer,
                        answers=answers,
                        officer_level=officer_level,
                        rationale=rationale,
                        delay_reason=delay,
                        level=shape.level,
                    )
                )
            last = at
            if final:
                break
        return steps

    def _after_care(
        self, shape: _Shape, found_at: dt.datetime, found_recorded: dt.datetime
    ) -> list[EpisodeStep]:
        """The police prevention interview and the local authority's return interview."""
        rng = self.rng
        rules = self.rules
        steps: list[EpisodeStep] = []
        if shape.prevention_after is not None:
            held = max(_second(found_at + shape.prevention_after), found_recorded + 10 * MINUTE)
            at = _second(held + _minutes(rng, 15, 60))
            if at <= self.latest:
                late = held > found_at + dt.timedelta(hours=rules.prevention_hours)
                steps.append(
                    PreventionStep(
                        at=at,
                        actor=self.people.officer,
                        held_at=held,
                        summary=rng.choice(PREVENTION_SUMMARIES),
                        debrief_intelligence=shape.intelligence,
                        exploitation_indicators=shape.prevention_indicators,
                        delay_reason=rng.choice(DELAY_PREVENTION) if late else "",
                    )
                )
        organisation = (
            shape.placing_authority_id
            if shape.missing_from == CARE
            else shape.return_interview_organisation_id
        )
        worker = self._social_worker(organisation) if organisation else None
        if shape.rhi_outcome and worker:
            at = max(_second(found_at + shape.rhi_after), found_recorded + 30 * MINUTE)
            if at <= self.latest:
                late = at > found_at + dt.timedelta(hours=rules.return_interview_hours)
                notes = {COMPLETED: RHI_COMPLETED, REFUSED: RHI_REFUSED, NOT_HELD: RHI_NOT_HELD}
                steps.append(
                    ReturnInterviewStep(
                        at=at,
                        actor=worker,
                        outcome=shape.rhi_outcome,
                        note=rng.choice(notes[shape.rhi_outcome]),
                        delay_reason=rng.choice(DELAY_RHI) if late else "",
                    )
                )
        return steps

    def _screening(self, shape: _Shape, raised: dt.datetime) -> list[EpisodeStep]:
        """Complete the screening the indicators raised; refer to the NRM where it points."""
        rng = self.rng
        if shape.screening_after is None:
            return []
        at = _second(raised + shape.screening_after)
        if at > self.latest:
            return []
        indicators = (*shape.report_indicators, *shape.found_indicators)
        outcome = shape.screening_outcome or screening_outcome_for(indicators)
        steps: list[EpisodeStep] = [
            ScreeningStep(
                at=at,
                actor=self.people.specialist,
                outcome=outcome,
                note=rng.choice(SCREENING_NOTES[outcome]),
            )
        ]
        if shape.nrm and outcome != ScreeningOutcome.NO_EXPLOITATION_FOUND.value:
            referred = _second(at + _hours(rng, 20, 60))
            if referred <= self.latest:
                kind = {
                    ScreeningOutcome.CCE_RISK.value: ExploitationType.COUNTY_LINES.value,
                }.get(outcome, ExploitationType.CSE.value)
                steps.append(
                    NrmStep(
                        at=referred,
                        actor=self.people.specialist,
                        exploitation_type=kind,
                        referred_on=referred.astimezone(LONDON).date(),
                        first_responder="Police: MASH exploitation team",
                        # Recorded as it is made: the Single Competent Authority decides later.
                        reasonable_grounds=NrmDecision.PENDING.value,
                        reasonable_grounds_on=None,
                    )
                )
        return steps

    def _answers(
        self, level: str, exploitation: bool
    ) -> tuple[tuple[tuple[str, str], ...], str, str]:
        """Answers to the APP questions that give ``level``; very low is the officer's call."""
        rng = self.rng
        answers = dict.fromkeys(QUESTION_CODES, NO)
        officer_level = ""
        rationale = ""
        if level == HIGH:
            code = "EXPLOITATION_RISK" if exploitation else rng.choice(HIGH_QUESTIONS)
            answers[code] = YES
            answers["REPORTER_CONCERNED"] = YES
        elif level == MEDIUM:
            answers[rng.choice(MEDIUM_QUESTIONS)] = YES
            if rng.random() < 0.7:
                answers["REPORTER_CONCERNED"] = YES
        elif level == LOW:
            if rng.random() < 0.6:
                answers["REPORTER_CONCERNED"] = YES
        else:
            officer_level = VERY_LOW
            rationale = rng.choice(VERY_LOW_RATIONALE)
        if level != VERY_LOW and rng.random() < 0.3:
            # "Not known" is an answer too (it raises nothing).
            answers[rng.choice([c for c, a in answers.items() if a == NO])] = NOT_KNOWN
        return tuple(answers.items()), officer_level, rationale

    def _report(
        self, shape: _Shape, *, seen: dt.datetime, reported_at: dt.datetime, at: dt.datetime
    ) -> ReportStep:
        rng = self.rng
        child = shape.child
        town = _town(child.location)
        name, relationship, contact = self._reporter(child)
        at_home = child.home == "care_home"
        location = f"{CARE_HOME_NAME}, {child.location}" if at_home else child.location
        if shape.category == AWAY:
            circumstances = rng.choice(AWAY_CIRCUMSTANCES)
        elif shape.missing_from == CARE:
            circumstances = rng.choice(CARE_CIRCUMSTANCES)
        else:
            circumstances = rng.choice(HOME_CIRCUMSTANCES)
        level = shape.level if shape.level in RISK_INFORMATION else LOW
        pieces = rng.sample(RISK_INFORMATION[level], min(2, len(RISK_INFORMATION[level])))
        if shape.report_indicators:
            pieces[0] = RISK_INFORMATION[HIGH][0]
        suppliers = [
            (name, contact),
            ("Designated safeguarding lead, the child's school", "01632 960" + contact[-3:]),
        ]
        information = tuple(
            RiskInformationRow(
                information=piece,
                supplied_by=suppliers[index][0],
                supplied_by_contact=suppliers[index][1],
                obtained_at=_second(seen + (reported_at - seen) * rng.random()),
            )
            for index, piece in enumerate(pieces[: rng.randint(1, 2)])
        )
        profile = shape.profile_key is not None
        return ReportStep(
            at=at,
            actor=self.people.officer,
            child_id=child.person_id,
            category=shape.category,
            missing_from=shape.missing_from,
            placing_authority_id=shape.placing_authority_id,
            reported_at=reported_at,
            last_seen_at=seen,
            reported_by_name=name,
            reported_by_relationship=relationship,
            reported_by_contact=contact,
            last_seen_place=(
                rng.choice(("Front door of the home", "Lounge at the home", "End of the drive"))
                if at_home
                else rng.choice(("At home", f"{town} town centre", "Outside the local shop"))
            ),
            location_missing_from=location or "Address not recorded",
            circumstances=circumstances,
            clothing=rng.choice(CLOTHING),
            description="" if profile else self._description(child),
            phones="" if profile else f"07700 900{rng.randrange(1000):03d}",
            social_media="" if profile else rng.choice(SOCIAL_MEDIA),
            possessions="" if profile else rng.choice(POSSESSIONS),
            transport="" if profile else rng.choice(TRANSPORT),
            medical_needs="" if profile else rng.choice(MEDICAL),
            likely_destinations="" if profile else rng.choice(DESTINATIONS).format(town=town),
            profile_key=shape.profile_key,
            exploitation_indicators=shape.report_indicators,
            risk_information=information,
        )


QUESTION_CODES = tuple(q.code for q in QUESTIONS_V1)
HIGH_QUESTIONS = tuple(c for c, level in INDICATORS_V1.items() if level == HIGH)
MEDIUM_QUESTIONS = tuple(c for c, level in INDICATORS_V1.items() if level == MEDIUM)
HOURS_MISSING: dict[str, tuple[float, float]] = {
    HIGH: (1.0, 12.0),
    MEDIUM: (2.0, 36.0),
    LOW: (1.0, 40.0),
    VERY_LOW: (1.0, 20.0),
}
CONDITIONS: tuple[tuple[str, float], ...] = (
    (FoundCondition.SAFE_AND_WELL.value, 85.0),
    (FoundCondition.UNDER_INFLUENCE.value, 6.0),
    (FoundCondition.INJURED.value, 4.0),
    (FoundCondition.HOSPITAL.value, 3.0),
    (FoundCondition.ARRESTED.value, 2.0),
)
