"""API shapes for missing children (unique module-level names, STYLE.md §4.5).

Police shapes carry the whole episode; the return-interview shape is what children's social
care may read, and nothing more: no risk information, no circumstances, no debrief.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

from safeguard.missing.models import (
    ExploitationScreening,
    MissingEpisode,
    NrmReferral,
    PhilomenaProfile,
    RepeatMissingPrompt,
    RiskAssessedLocation,
    RiskInformation,
)
from safeguard.missing.rules.codes import (
    CATEGORY_LABELS,
    CRA_DECISION_LABELS,
    EPISODE_STATUS_LABELS,
    EXPLOITATION_INDICATOR_LABELS,
    EXPLOITATION_TYPE_LABELS,
    FOUND_CONDITION_LABELS,
    MISSING_FROM_LABELS,
    NRM_DECISION_LABELS,
    SCREENING_OUTCOME_LABELS,
    NrmDecision,
)
from safeguard.missing.services import (
    FoundDetails,
    LocationDetails,
    ProfileDetails,
    ReportDetails,
    RiskInformationDetails,
)
from safeguard.missing.services.report import MAX_TEXT
from safeguard.people.api.serializers import PersonSummaryOutput
from safeguard.risk.api.serializers import RiskAssessmentOutput
from safeguard.risk.rules.instruments import CODE_PATTERN

MAX_REASON = 2000
MAX_RISK_INFORMATION = 50
MAX_LOCATIONS = 50


def _choices(labels: dict[Any, str]) -> list[tuple[str, str]]:
    return [(k.value, v) for k, v in labels.items()]


def _text(max_length: int = MAX_TEXT) -> serializers.CharField:
    return serializers.CharField(
        max_length=max_length, required=False, allow_blank=True, default=""
    )


def _indicators() -> serializers.ListField:
    return serializers.ListField(
        child=serializers.ChoiceField(choices=_choices(EXPLOITATION_INDICATOR_LABELS)),
        required=False,
        default=list,
        max_length=len(EXPLOITATION_INDICATOR_LABELS),
        help_text="Exploitation indicators seen; any raise a CSE/CCE screening",
    )


def _delay_reason() -> serializers.CharField:
    return serializers.CharField(
        max_length=MAX_REASON,
        required=False,
        allow_blank=True,
        default="",
        help_text="Why this is late; needed only when its time limit has passed",
    )


# Inputs ------------------------------------------------------------------------------------


class MissingRiskInformationInput(serializers.Serializer[Any]):
    """One piece of risk information, who supplied it, their contact and when (APP)."""

    information = _text()
    supplied_by = _text(200)
    supplied_by_contact = _text(200)
    obtained_at = serializers.DateTimeField(required=False, allow_null=True, default=None)

    @staticmethod
    def details(item: dict[str, Any]) -> RiskInformationDetails:
        return RiskInformationDetails(
            information=item["information"],
            supplied_by=item["supplied_by"],
            supplied_by_contact=item["supplied_by_contact"],
            obtained_at=item["obtained_at"],
        )


def _risk_information_list() -> serializers.ListField:
    return serializers.ListField(
        child=MissingRiskInformationInput(),
        required=False,
        default=list,
        max_length=MAX_RISK_INFORMATION,
        help_text="Each piece with who supplied it, their contact and when it was obtained",
    )


class MissingReportInput(serializers.Serializer[Any]):
    """The core information set (a blank the reporter cannot answer is written "Not known")."""

    child_id = serializers.UUIDField()
    category = serializers.ChoiceField(choices=_choices(CATEGORY_LABELS))
    missing_from = serializers.ChoiceField(choices=_choices(MISSING_FROM_LABELS))
    placing_authority_id = serializers.UUIDField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The placing authority's children's social care (a child missing from care)",
    )
    reported_at = serializers.DateTimeField()
    last_seen_at = serializers.DateTimeField()
    reported_by_name = _text(200)
    reported_by_relationship = _text(100)
    reported_by_contact = _text(200)
    last_seen_place = _text(300)
    location_missing_from = _text(300)
    circumstances = _text()
    description = _text()
    clothing = _text()
    phones = _text()
    social_media = _text()
    possessions = _text()
    transport = _text()
    medical_needs = _text()
    likely_destinations = _text()
    philomena_reference = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        default="",
        help_text="The carer's Philomena Protocol profile reference, e.g. PP-ABCD-EFGH",
    )
    exploitation_indicators = _indicators()
    is_restricted = serializers.BooleanField(required=False, default=False)
    risk_information = _risk_information_list()

    def details(self) -> ReportDetails:
        data = dict(self.validated_data)
        data.pop("risk_information")
        data["exploitation_indicators"] = tuple(data["exploitation_indicators"])
        return ReportDetails(**data)

    def risk_information_details(self) -> list[RiskInformationDetails]:
        return [
            MissingRiskInformationInput.details(item)
            for item in self.validated_data["risk_information"]
        ]


class MissingRiskInformationAddInput(serializers.Serializer[Any]):
    risk_information = _risk_information_list()

    def items(self) -> list[RiskInformationDetails]:
        return [
            MissingRiskInformationInput.details(item)
            for item in self.validated_data["risk_information"]
        ]


class EpisodeGradeInput(serializers.Serializer[Any]):
    answers = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=MAX_TEXT),
        help_text="Answer per question code of the MISSING_APP instrument (YES or NO)",
    )
    officer_level = serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        default="",
        max_length=20,
        help_text="Your own level, if different from the computed one",
    )
    # Length limits are checked by the risk rules, with the message officers see in the form.
    rationale = serializers.CharField(required=False, allow_blank=True, default="")
    delay_reason = _delay_reason()

    def validate_answers(self, value: dict[str, str]) -> dict[str, str]:
        # Keys are echoed back in the risk rules' messages: refuse anything but a code first.
        if any(not CODE_PATTERN.fullmatch(key) for key in value):
            raise serializers.ValidationError(
                "Key each answer by its question code, such as EXPLOITATION_RISK"
            )
        return value


class ChildRescueAlertInput(serializers.Serializer[Any]):
    cra_decision = serializers.ChoiceField(choices=_choices(CRA_DECISION_LABELS))
    cra_reason = serializers.CharField(max_length=MAX_TEXT)


class EpisodeFoundInput(serializers.Serializer[Any]):
    found_at = serializers.DateTimeField()
    found_place = _text(300)
    found_by = _text(200)
    found_condition = serializers.ChoiceField(choices=_choices(FOUND_CONDITION_LABELS))
    return_interview_organisation_id = serializers.UUIDField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Children's social care to hold the return interview (for a child missing "
        "from care, the placing authority when left out)",
    )
    exploitation_indicators = _indicators()

    def details(self) -> FoundDetails:
        data = self.validated_data
        return FoundDetails(
            found_at=data["found_at"],
            found_place=data["found_place"],
            found_by=data["found_by"],
            condition=data["found_condition"],
            return_interview_organisation_id=data["return_interview_organisation_id"],
            exploitation_indicators=tuple(data["exploitation_indicators"]),
        )


class PreventionInterviewInput(serializers.Serializer[Any]):
    held_at = serializers.DateTimeField()
    summary = serializers.CharField(max_length=MAX_TEXT)
    debrief_intelligence = _text()
    exploitation_indicators = _indicators()
    delay_reason = _delay_reason()


class EpisodeReviewInput(serializers.Serializer[Any]):
    assessment_id = serializers.UUIDField(help_text="The grading under review")
    agreed = serializers.BooleanField()
    level = serializers.CharField(
        max_length=40, required=False, allow_blank=True, default="", help_text="When changed"
    )
    note = _text()
    delay_reason = _delay_reason()


class RepeatStrategyDiscussionInput(serializers.Serializer[Any]):
    held_at = serializers.DateTimeField()
    note = serializers.CharField(max_length=MAX_TEXT)


# Text, not enums, for the same reason as the return-interview outcome below: the names
# already belong to other choice sets in the schema; the services refuse unknown values.
class ScreeningCompleteInput(serializers.Serializer[Any]):
    outcome = serializers.CharField(
        max_length=8, help_text=", ".join(o.value for o in SCREENING_OUTCOME_LABELS)
    )
    note = serializers.CharField(max_length=MAX_TEXT)


DECISION_HELP = ", ".join(d.value for d in NRM_DECISION_LABELS)


def _decision() -> serializers.CharField:
    return serializers.CharField(
        max_length=10, required=False, default=NrmDecision.PENDING.value, help_text=DECISION_HELP
    )


def _date() -> serializers.DateField:
    return serializers.DateField(required=False, allow_null=True, default=None)


class NrmDecisionInput(serializers.Serializer[Any]):
    reasonable_grounds = _decision()
    reasonable_grounds_on = _date()
    conclusive_grounds = _decision()
    conclusive_grounds_on = _date()
    ictg_referred_on = _date()


class NrmReferralInput(NrmDecisionInput):
    exploitation_type = serializers.CharField(
        max_length=16, help_text=", ".join(t.value for t in EXPLOITATION_TYPE_LABELS)
    )
    referred_on = serializers.DateField()
    first_responder = serializers.CharField(max_length=200)
    nrm_reference = _text(60)
    victim_not_offender = serializers.BooleanField(default=True)


# "outcome" is described as text, not an enum: the name already belongs to another choice
# set in the schema, and the service refuses an unknown outcome with its own message.
OUTCOME_HELP = "COMPLETED, REFUSED (by the child) or NOT_HELD"


class ReturnInterviewInput(serializers.Serializer[Any]):
    outcome = serializers.CharField(max_length=10, help_text=OUTCOME_HELP)
    note = _text()
    delay_reason = _delay_reason()


class EpisodeListQueryInput(serializers.Serializer[Any]):
    status = serializers.ChoiceField(
        choices=_choices(EPISODE_STATUS_LABELS), required=False, allow_blank=True, default=""
    )


class PhilomenaLocationInput(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=200, allow_blank=True)
    address = _text(300)
    risk = serializers.CharField(max_length=MAX_TEXT, allow_blank=True)


class PhilomenaProfileInput(serializers.Serializer[Any]):
    """Part 1 of the Philomena Protocol, kept by the carer before the child goes missing."""

    child_name = serializers.CharField(max_length=200)
    child_date_of_birth = serializers.DateField()
    physical_description = serializers.CharField(max_length=MAX_TEXT)
    photo_reference = _text(300)
    associates = _text()
    places = _text()
    previous_missing = _text()
    vulnerabilities = _text()
    medical = _text()
    financial = _text()
    phones = _text()
    social_media = _text()
    transport = _text()
    locations = serializers.ListField(
        child=PhilomenaLocationInput(),
        required=False,
        default=list,
        max_length=MAX_LOCATIONS,
        help_text="Places the child may go, each with the risk assessed there",
    )

    def details(self) -> ProfileDetails:
        data = dict(self.validated_data)
        data.pop("locations")
        return ProfileDetails(**data)

    def location_details(self) -> list[LocationDetails]:
        return [LocationDetails(**item) for item in self.validated_data["locations"]]


# Outputs -----------------------------------------------------------------------------------

# "errors" is a Serializer attribute, so the error bodies are described inline.
MissingInvalidOutput = inline_serializer(
    name="MissingInvalid",
    fields={
        "detail": serializers.CharField(),
        "errors": serializers.DictField(child=serializers.JSONField()),
    },
)
AlreadyMissingOutput = inline_serializer(
    name="AlreadyMissing",
    fields={
        "detail": serializers.CharField(),
        "open_episode_id": serializers.UUIDField(),
        "open_episode_reference": serializers.CharField(),
    },
)


class EpisodeOutput(serializers.ModelSerializer[MissingEpisode]):
    """The episode as police hold it."""

    child = serializers.UUIDField(source="child_id")
    placing_authority = serializers.UUIDField(source="placing_authority_id", allow_null=True)
    philomena_profile = serializers.UUIDField(source="philomena_profile_id", allow_null=True)
    return_interview_organisation = serializers.UUIDField(
        source="return_interview_organisation_id", allow_null=True
    )
    philomena_filled = serializers.ListField(
        child=serializers.CharField(), help_text="Report fields filled from the Philomena profile"
    )
    exploitation_indicators = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = MissingEpisode
        fields = [
            "id",
            "reference",
            "status",
            "child",
            "category",
            "missing_from",
            "placing_authority",
            "reported_by_name",
            "reported_by_relationship",
            "reported_by_contact",
            "reported_at",
            "last_seen_at",
            "last_seen_place",
            "location_missing_from",
            "circumstances",
            "description",
            "clothing",
            "phones",
            "social_media",
            "possessions",
            "transport",
            "medical_needs",
            "likely_destinations",
            "philomena_profile",
            "philomena_filled",
            "exploitation_indicators",
            "cra_decision",
            "cra_reason",
            "cra_decided_at",
            "found_at",
            "found_place",
            "found_by",
            "found_condition",
            "prevention_interview_at",
            "prevention_interview_summary",
            "debrief_intelligence",
            "return_interview_organisation",
            "return_interview_requested_at",
            "return_interview_outcome",
            "return_interview_outcome_at",
            "return_interview_note",
            "is_restricted",
            "created_at",
            "updated_at",
        ]


class EpisodeSummaryOutput(serializers.ModelSerializer[MissingEpisode]):
    child = PersonSummaryOutput()

    class Meta:
        model = MissingEpisode
        fields = [
            "id",
            "reference",
            "status",
            "category",
            "missing_from",
            "child",
            "last_seen_at",
            "found_at",
        ]


class MissingRiskInformationOutput(serializers.ModelSerializer[RiskInformation]):
    class Meta:
        model = RiskInformation
        fields = ["id", "information", "supplied_by", "supplied_by_contact", "obtained_at"]


class EpisodeClockOutput(serializers.Serializer[Any]):
    kind = serializers.CharField(source="clock.kind")
    name = serializers.CharField(source="clock.label")
    started_at = serializers.DateTimeField(source="clock.started_at")
    due_at = serializers.DateTimeField(source="clock.due_at")
    stopped_at = serializers.DateTimeField(source="clock.stopped_at", allow_null=True)
    rule = serializers.CharField(source="clock.rule")
    state = serializers.CharField(
        source="status", help_text="RUNNING, DUE_SOON, OVERDUE, MET or BREACHED"
    )


class RepeatMissingPromptOutput(serializers.ModelSerializer[RepeatMissingPrompt]):
    class Meta:
        model = RepeatMissingPrompt
        fields = [
            "id",
            "episodes_in_window",
            "threshold",
            "window_days",
            "discussion_held_at",
            "discussion_note",
        ]


class ExploitationScreeningOutput(serializers.ModelSerializer[ExploitationScreening]):
    indicators = serializers.ListField(child=serializers.CharField())
    outcome = serializers.CharField(help_text="Blank until the screening is completed")

    class Meta:
        model = ExploitationScreening
        fields = ["id", "indicators", "outcome", "note", "completed_at"]


class NrmReferralOutput(serializers.ModelSerializer[NrmReferral]):
    exploitation_type = serializers.CharField()
    reasonable_grounds = serializers.CharField(help_text="PENDING, POSITIVE or NEGATIVE")
    conclusive_grounds = serializers.CharField(help_text="PENDING, POSITIVE or NEGATIVE")

    class Meta:
        model = NrmReferral
        fields = [
            "id",
            "exploitation_type",
            "referred_on",
            "nrm_reference",
            "first_responder",
            "reasonable_grounds",
            "reasonable_grounds_on",
            "conclusive_grounds",
            "conclusive_grounds_on",
            "ictg_referred_on",
            "victim_not_offender",
        ]


class EpisodeGapOutput(serializers.Serializer[Any]):
    code = serializers.CharField()
    field = serializers.CharField()
    message = serializers.CharField()


class EarlierEpisodeOutput(serializers.ModelSerializer[MissingEpisode]):
    class Meta:
        model = MissingEpisode
        fields = ["id", "reference", "status", "category", "last_seen_at", "found_at"]


class EpisodeRecordOutput(serializers.Serializer[Any]):
    """Everything recorded about one episode (the read is audited with its purpose)."""

    episode = EpisodeOutput()
    child = PersonSummaryOutput(source="episode.child")
    risk_information = MissingRiskInformationOutput(many=True)
    gradings = RiskAssessmentOutput(many=True, help_text="Latest first")
    clocks = EpisodeClockOutput(many=True)
    repeat_prompt = RepeatMissingPromptOutput(allow_null=True)
    screenings = ExploitationScreeningOutput(many=True)
    nrm_referrals = NrmReferralOutput(many=True)
    gaps = EpisodeGapOutput(many=True, help_text="What the record lacks now")
    earlier_episodes = EarlierEpisodeOutput(many=True)


class EpisodeGradeOutput(serializers.Serializer[Any]):
    assessment = RiskAssessmentOutput()
    level = serializers.CharField(help_text="The level graded (VERY_LOW, LOW, MEDIUM or HIGH)")
    next_review_due_at = serializers.DateTimeField(
        allow_null=True, help_text="When the grading must next be reviewed"
    )
    review_urgent = serializers.BooleanField(
        help_text="A high-risk review: shown on the out-of-hours board before it falls due"
    )


class ReturnInterviewOutput(serializers.Serializer[Any]):
    """What children's social care may read of the episode, and no more."""

    id = serializers.UUIDField(source="episode.pk")
    reference = serializers.CharField(source="episode.reference")
    child_name = serializers.CharField(source="episode.child.full_name")
    child_date_of_birth = serializers.DateField(
        source="episode.child.date_of_birth", allow_null=True
    )
    found_at = serializers.DateTimeField(source="episode.found_at", allow_null=True)
    found_place = serializers.CharField(source="episode.found_place")
    requested_at = serializers.DateTimeField(
        source="episode.return_interview_requested_at", allow_null=True
    )
    due_at = serializers.DateTimeField(
        allow_null=True, help_text="When the return interview falls due (72 hours after return)"
    )
    outcome = serializers.CharField(
        source="episode.return_interview_outcome",
        allow_blank=True,
        help_text=f"{OUTCOME_HELP}; blank until recorded",
    )


class PhilomenaLocationOutput(serializers.ModelSerializer[RiskAssessedLocation]):
    class Meta:
        model = RiskAssessedLocation
        fields = ["name", "address", "risk"]


class PhilomenaProfileOutput(serializers.ModelSerializer[PhilomenaProfile]):
    locations = PhilomenaLocationOutput(many=True)

    class Meta:
        model = PhilomenaProfile
        fields = [
            "id",
            "reference",
            "child_name",
            "child_date_of_birth",
            "physical_description",
            "photo_reference",
            "associates",
            "places",
            "previous_missing",
            "vulnerabilities",
            "medical",
            "financial",
            "phones",
            "social_media",
            "transport",
            "locations",
            "created_at",
            "updated_at",
        ]


class PhilomenaProfileSummaryOutput(serializers.ModelSerializer[PhilomenaProfile]):
    class Meta:
        model = PhilomenaProfile
        fields = ["id", "reference", "child_name", "child_date_of_birth", "updated_at"]
