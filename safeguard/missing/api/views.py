"""Missing children over the API: the same services, scope and audit as the web (issue 5).

Police report, grade, find and debrief; children's social care sees only the return
interviews requested from it, without police-only information; carers keep their own
Philomena Protocol profiles. Anything out of scope answers 404, as a missing record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.accounts.acting import acting_user
from safeguard.api.views import BaseApi
from safeguard.audit.purpose import PurposeRequired
from safeguard.audit.services import Subject
from safeguard.clocks.selectors import clock_list_for_subject
from safeguard.missing.api.serializers import (
    AlreadyMissingOutput,
    ChildRescueAlertInput,
    EpisodeFoundInput,
    EpisodeGradeInput,
    EpisodeGradeOutput,
    EpisodeListQueryInput,
    EpisodeOutput,
    EpisodeRecordOutput,
    EpisodeReviewInput,
    EpisodeSummaryOutput,
    ExploitationScreeningOutput,
    MissingInvalidOutput,
    MissingReportInput,
    MissingRiskInformationAddInput,
    MissingRiskInformationOutput,
    NrmDecisionInput,
    NrmReferralInput,
    NrmReferralOutput,
    PhilomenaProfileInput,
    PhilomenaProfileOutput,
    PhilomenaProfileSummaryOutput,
    PreventionInterviewInput,
    RepeatMissingPromptOutput,
    RepeatStrategyDiscussionInput,
    ReturnInterviewInput,
    ReturnInterviewOutput,
    ScreeningCompleteInput,
)
from safeguard.missing.models import MissingEpisode
from safeguard.missing.policies import EPISODE_SUBJECT_TYPE
from safeguard.missing.selectors import (
    episode_get,
    episode_list,
    profile_get,
    profile_list,
    return_interview_get,
    return_interview_inbox,
)
from safeguard.missing.services import (
    RETURN_INTERVIEW_CLOCK,
    REVIEW_CLOCK,
    AlreadyMissing,
    EpisodeInvalid,
    NrmDetails,
    child_rescue_alert_record,
    episode_found,
    episode_grade,
    episode_review,
    missing_report_record,
    nrm_decision_record,
    nrm_referral_record,
    philomena_profile_save,
    prevention_interview_record,
    return_interview_record,
    risk_information_add,
    screening_complete,
    strategy_discussion_record,
)
from safeguard.risk.models import RiskAssessment
from safeguard.risk.services import (
    ANSWER_ERROR_PREFIX,
    RiskAssessmentAlreadyReviewed,
    RiskAssessmentInvalid,
    RiskAssessmentSelfReview,
)

PURPOSE_PARAMETER = OpenApiParameter(
    "purpose",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    required=False,
    description="Why you are opening this record (DPA 2018 s.62). Or send the X-Purpose header.",
)
IDEMPOTENCY_PARAMETER = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="The same key from the same user twice records one episode",
)
INVALID = {400: MissingInvalidOutput}


def _purpose(request: Request) -> str:
    return request.headers.get("X-Purpose", "") or request.query_params.get("purpose", "")


# Service error keys named by the API's own field names.
API_FIELD_NAMES = {
    "placing_authority": "placing_authority_id",
    "condition": "found_condition",
    "return_interview_organisation": "return_interview_organisation_id",
}


def _invalid(exc: EpisodeInvalid) -> exceptions.ValidationError:
    return exceptions.ValidationError(
        {API_FIELD_NAMES.get(key, key): messages for key, messages in exc.errors.items()}
    )


def _risk_invalid(exc: RiskAssessmentInvalid) -> exceptions.ValidationError:
    """Nest answer errors under ``answers``, as DRF does for a dict field."""
    errors: dict[str, Any] = {}
    for key, messages in exc.errors.items():
        if key.startswith(ANSWER_ERROR_PREFIX):
            errors.setdefault("answers", {})[key.removeprefix(ANSWER_ERROR_PREFIX)] = messages
        else:
            errors[key] = messages
    return exceptions.ValidationError(errors)


def _clock_due(episode_id: UUID, kind: str) -> tuple[dt.datetime | None, bool]:
    """Return the due time of the latest clock of ``kind`` on the episode, and its urgency.

    Clocks hold no personal data; callers have already passed the episode's scope check.
    """
    clocks = [
        c.clock
        for c in clock_list_for_subject(subject=Subject(EPISODE_SUBJECT_TYPE, str(episode_id)))
        if c.clock.kind == kind
    ]
    if not clocks:
        return None, False
    latest = clocks[-1]
    return latest.due_at, latest.urgent


@dataclass(frozen=True)
class _ReturnInterviewRow:
    episode: MissingEpisode
    due_at: dt.datetime | None


def _return_interview_row(episode: MissingEpisode) -> _ReturnInterviewRow:
    return _ReturnInterviewRow(episode, _clock_due(episode.pk, RETURN_INTERVIEW_CLOCK)[0])


class EpisodeListApi(BaseApi):
    """Police: the list of episodes, and a new missing report."""

    required_capability = Capability.MISSING_VIEW

    @extend_schema(
        parameters=[EpisodeListQueryInput],
        responses={200: EpisodeSummaryOutput(many=True), **INVALID},
        operation_id="missing_episodes_list",
        description="Episodes in your scope, missing now first, then the latest; at most 50.",
    )
    def get(self, request: Request) -> Response:
        query = EpisodeListQueryInput(data=request.query_params)
        query.is_valid(raise_exception=True)
        rows = episode_list(
            actor=acting_user(request), status=query.validated_data["status"] or None
        )
        return Response(EpisodeSummaryOutput(rows, many=True).data)

    @extend_schema(
        parameters=[IDEMPOTENCY_PARAMETER],
        request=MissingReportInput,
        responses={201: EpisodeOutput, 409: AlreadyMissingOutput, **INVALID},
        operation_id="missing_episodes_report",
        description=(
            "Report a child missing (or away from placement) with the core information set and "
            "each piece of risk information with who supplied it, their contact and when it "
            "was obtained. Every error comes back at once. A 409 names the child's open "
            "episode: add to it instead."
        ),
    )
    def post(self, request: Request) -> Response:
        actor = acting_user(request)
        require_capability(actor, Capability.MISSING_RECORD)
        payload = MissingReportInput(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            episode = missing_report_record(
                actor=actor,
                details=payload.details(),
                risk_information=payload.risk_information_details(),
                idempotency_key=request.headers.get("Idempotency-Key", ""),
            )
        except EpisodeInvalid as exc:
            raise _invalid(exc) from exc
        except AlreadyMissing as exc:
            body = {
                "detail": str(exc),
                "open_episode_id": str(exc.episode_id),
                "open_episode_reference": exc.reference,
            }
            return Response(body, status=status.HTTP_409_CONFLICT)
        return Response(EpisodeOutput(episode).data, status=status.HTTP_201_CREATED)


class EpisodeDetailApi(BaseApi):
    required_capability = Capability.MISSING_VIEW

    @extend_schema(
        parameters=[PURPOSE_PARAMETER],
        responses={200: EpisodeRecordOutput, **INVALID},
        operation_id="missing_episodes_read",
    )
    def get(self, request: Request, episode_id: UUID) -> Response:
        try:
            record = episode_get(
                actor=acting_user(request), episode_id=episode_id, purpose=_purpose(request)
            )
        except PurposeRequired as exc:
            raise exceptions.ValidationError({"purpose": [str(exc)]}) from exc
        return Response(EpisodeRecordOutput(record).data)


class RiskInformationAddApi(BaseApi):
    required_capability = Capability.MISSING_RECORD

    @extend_schema(
        request=MissingRiskInformationAddInput,
        responses={201: MissingRiskInformationOutput(many=True), **INVALID},
        operation_id="missing_risk_information_add",
    )
    def post(self, request: Request, episode_id: UUID) -> Response:
        payload = MissingRiskInformationAddInput(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            rows = risk_information_add(
                actor=acting_user(request), episode_id=episode_id, items=payload.items()
            )
        except EpisodeInvalid as exc:
            raise _invalid(exc) from exc
        return Response(
            MissingRiskInformationOutput(rows, many=True).data, status=status.HTTP_201_CREATED
        )


class EpisodeGradeApi(BaseApi):
    required_capability = Capability.MISSING_RECORD

    @extend_schema(
        request=EpisodeGradeInput,
        responses={201: EpisodeGradeOutput, **INVALID},
        operation_id="missing_episodes_grade",
        description=(
            "Grade (or re-grade) the child's risk on the MISSING_APP instrument "
            "(GET /api/v1/risk/instruments/ lists its questions). Each grading sets the time "
            "of the next review; a review made late needs `delay_reason`."
        ),
    )
    def post(self, request: Request, episode_id: UUID) -> Response:
        payload = EpisodeGradeInput(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        try:
            assessment = episode_grade(
                actor=acting_user(request),
                episode_id=episode_id,
                answers=data["answers"],
                officer_level=data["officer_level"],
                rationale=data["rationale"],
                delay_reason=data["delay_reason"],
            )
        except RiskAssessmentInvalid as exc:
            raise _risk_invalid(exc) from exc
        except EpisodeInvalid as exc:
            raise _invalid(exc) from exc
        return Response(_grading(episode_id, assessment), status=status.HTTP_201_CREATED)


def _grading(episode_id: UUID, assessment: RiskAssessment) -> Any:
    """The grading as it now stands, with the time of the next review it set."""
    due_at, urgent = _clock_due(episode_id, REVIEW_CLOCK)
    body = {
        "assessment": assessment,
        "level": assessment.current_level,
        "next_review_due_at": due_at,
        "review_urgent": urgent,
    }
    return EpisodeGradeOutput(body).data


class ChildRescueAlertApi(BaseApi):
    required_capability = Capability.MISSING_RECORD

    @extend_schema(
        request=ChildRescueAlertInput,
        responses={200: EpisodeOutput, **INVALID},
        operation_id="missing_child_rescue_alert_record",
    )
    def post(self, request: Request, episode_id: UUID) -> Response:
        payload = ChildRescueAlertInput(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            episode = child_rescue_alert_record(
                actor=acting_user(request),
                episode_id=episode_id,
                decision=payload.validated_data["cra_decision"],
                reason=payload.validated_data["cra_reason"],
            )
        except EpisodeInvalid as exc:
            raise _invalid(exc) from exc
        return Response(EpisodeOutput(episode).data)


class EpisodeFoundApi(BaseApi):
    required_capability = Capability.MISSING_RECORD

    @extend_schema(
        request=EpisodeFoundInput,
        responses={200: EpisodeOutput, **INVALID},
        operation_id="missing_episodes_found",
        description=(
            "Record the child found. The return interview is requested from children's social "
            "care at once (due within 72 hours of return)."
        ),
    )
    def post(self, request: Request, episode_id: UUID) -> Response:
        payload = EpisodeFoundInput(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            episode = episode_found(
                actor=acting_user(request), episode_id=episode_id, details=payload.details()
            )
        except EpisodeInvalid as exc:
            raise _invalid(exc) from exc
        return Response(EpisodeOutput(episode).data)


class PreventionInterviewApi(BaseApi):
    required_capability = Capability.MISSING_RECORD

    @extend_schema(
        request=PreventionInterviewInput,
        responses={200: EpisodeOutput, **INVALID},
        operation_id="missing_prevention_interview_record",
    )
    def post(self, request: Request, episode_id: UUID) -> Response:
        payload = PreventionInterviewInput(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        try:
            episode = prevention_interview_record(
                actor=acting_user(request),
                episode_id=episode_id,
                held_at=data["held_at"],
                summary=data["summary"],
                debrief_intelligence=data["debrief_intelligence"],
                exploitation_indicators=data["exploitation_indicators"],
                delay_reason=data["delay_reason"],
            )
        except EpisodeInvalid as exc:
            raise _invalid(exc) from exc
        return Response(EpisodeOutput(episode).data)


class ReturnInterviewInboxApi(BaseApi):
    """Children's social care: the return interviews requested from its organisation."""

    required_capability = Capability.RETURN_INTERVIEW_RESPOND

    @extend_schema(
        responses=ReturnInterviewOutput(many=True), operation_id="missing_return_interviews_list"
    )
    def get(self, request: Request) -> Response:
        rows = return_interview_inbox(actor=acting_user(request))
        return Response(
            ReturnInterviewOutput([_return_interview_row(e) for e in rows], many=True).data
        )


class ReturnInterviewApi(BaseApi):
    required_capability = Capability.RETURN_INTERVIEW_RESPOND

    @extend_schema(responses=ReturnInterviewOutput, operation_id="missing_return_interviews_read")
    def get(self, request: Request, episode_id: UUID) -> Response:
        episode, clocks = return_interview_get(actor=acting_user(request), episode_id=episode_id)
        due_at = clocks[-1].clock.due_at if clocks else None
        return Response(ReturnInterviewOutput(_ReturnInterviewRow(episode, due_at)).data)

    @extend_schema(
        request=ReturnInterviewInput,
        responses={200: ReturnInterviewOutput, **INVALID},
        operation_id="missing_return_interviews_record",
        description=(
            "Record the return interview: completed, refused by the child, or not held "
            "(refused and not held need the reason in `note`). A late outcome needs "
            "`delay_reason`."
        ),
    )
    def post(self, request: Request, episode_id: UUID) -> Response:
        payload = ReturnInterviewInput(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        try:
            episode = return_interview_record(
                actor=acting_user(request),
                episode_id=episode_id,
                outcome=data["outcome"],
                note=data["note"],
                delay_reason=data["delay_reason"],
            )
        except EpisodeInvalid as exc:
            raise _invalid(exc) from exc
        return Response(ReturnInterviewOutput(_return_interview_row(episode)).data)


class PhilomenaProfileListApi(BaseApi):
    """Carers: their organisation's Philomena Protocol profiles, and a new one."""

    required_capability = Capability.PHILOMENA_MANAGE

    @extend_schema(
        responses=PhilomenaProfileSummaryOutput(many=True),
        operation_id="missing_philomena_profiles_list",
    )
    def get(self, request: Request) -> Response:
        rows = profile_list(actor=acting_user(request))
        return Response(PhilomenaProfileSummaryOutput(rows, many=True).data)

    @extend_schema(
        request=PhilomenaProfileInput,
        responses={201: PhilomenaProfileOutput, **INVALID},
        operation_id="missing_philomena_profiles_create",
    )
    def post(self, request: Request) -> Response:
        payload = PhilomenaProfileInput(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            profile = philomena_profile_save(
                actor=acting_user(request),
                details=payload.details(),
                locations=payload.location_details(),
            )
        except EpisodeInvalid as exc:
            raise _invalid(exc) from exc
        return Response(PhilomenaProfileOutput(profile).data, status=status.HTTP_201_CREATED)


class PhilomenaProfileDetailApi(BaseApi):
    required_capability = Capability.PHILOMENA_MANAGE

    @extend_schema(responses=PhilomenaProfileOutput, operation_id="missing_philomena_profiles_read")
    def get(self, request: Request, profile_id: UUID) -> Response:
        profile = profile_get(actor=acting_user(request), profile_id=profile_id)
        return Response(PhilomenaProfileOutput(profile).data)

    @extend_schema(
        request=PhilomenaProfileInput,
        responses={200: PhilomenaProfileOutput, **INVALID},
        operation_id="missing_philomena_profiles_update",
        description="Replace the profile's part 1 and its risk-assessed locations.",
    )
    def put(self, request: Request, profile_id: UUID) -> Response:
        payload = PhilomenaProfileInput(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            profile = philomena_profile_save(
                actor=acting_user(request),
                details=payload.details(),
                locations=payload.location_details(),
                profile_id=profile_id,
            )
        except EpisodeInvalid as exc:
            raise _invalid(exc) from exc
        return Response(PhilomenaProfileOutput(profile).data)


class EpisodeReviewApi(BaseApi):
    required_capability = Capability.RISK_REVIEW

    @extend_schema(
        request=EpisodeReviewInput,
        responses={200: EpisodeGradeOutput, **INVALID},
        operation_id="missing_episodes_review",
        description=(
            "A supervisor reviews the current grading: agree, or change the level with a note. "
            "The review sets the time of the next one; a late review needs `delay_reason`. "
            "Never one's own grading."
        ),
    )
    def post(self, request: Request, episode_id: UUID) -> Response:
        payload = EpisodeReviewInput(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        try:
            assessment = episode_review(
                actor=acting_user(request),
                episode_id=episode_id,
                assessment_id=data["assessment_id"],
                agreed=data["agreed"],
                level=data["level"] or None,
                note=data["note"],
                delay_reason=data["delay_reason"],
            )
        except RiskAssessmentInvalid as exc:
            raise _risk_invalid(exc) from exc
        except (RiskAssessmentSelfReview, RiskAssessmentAlreadyReviewed) as exc:
            raise exceptions.ValidationError({"assessment_id": [str(exc)]}) from exc
        except EpisodeInvalid as exc:
            raise _invalid(exc) from exc
        return Response(_grading(episode_id, assessment))


class StrategyDiscussionApi(BaseApi):
    required_capability = Capability.STRATEGY_RECORD

    @extend_schema(
        request=RepeatStrategyDiscussionInput,
        responses={200: RepeatMissingPromptOutput, **INVALID},
        operation_id="missing_strategy_discussion_record",
        description="Record the strategy discussion a repeat-missing prompt called for.",
    )
    def post(self, request: Request, prompt_id: UUID) -> Response:
        payload = RepeatStrategyDiscussionInput(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            prompt = strategy_discussion_record(
                actor=acting_user(request),
                prompt_id=prompt_id,
                held_at=payload.validated_data["held_at"],
                note=payload.validated_data["note"],
            )
        except EpisodeInvalid as exc:
            raise _invalid(exc) from exc
        return Response(RepeatMissingPromptOutput(prompt).data)


class ScreeningCompleteApi(BaseApi):
    required_capability = Capability.EXPLOITATION_SCREEN

    @extend_schema(
        request=ScreeningCompleteInput,
        responses={200: ExploitationScreeningOutput, **INVALID},
        operation_id="missing_screening_complete",
    )
    def post(self, request: Request, screening_id: UUID) -> Response:
        payload = ScreeningCompleteInput(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            screening = screening_complete(
                actor=acting_user(request),
                screening_id=screening_id,
                outcome=payload.validated_data["outcome"],
                note=payload.validated_data["note"],
            )
        except EpisodeInvalid as exc:
            raise _invalid(exc) from exc
        return Response(ExploitationScreeningOutput(screening).data)


class NrmReferralApi(BaseApi):
    required_capability = Capability.EXPLOITATION_SCREEN

    @extend_schema(
        request=NrmReferralInput,
        responses={201: NrmReferralOutput, **INVALID},
        operation_id="missing_nrm_referral_record",
        description="Record a National Referral Mechanism referral for the episode's child.",
    )
    def post(self, request: Request, episode_id: UUID) -> Response:
        payload = NrmReferralInput(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        try:
            referral = nrm_referral_record(
                actor=acting_user(request),
                episode_id=episode_id,
                details=NrmDetails(
                    exploitation_type=data["exploitation_type"],
                    referred_on=data["referred_on"],
                    first_responder=data["first_responder"],
                    nrm_reference=data["nrm_reference"],
                    reasonable_grounds=data["reasonable_grounds"],
                    reasonable_grounds_on=data["reasonable_grounds_on"],
                    conclusive_grounds=data["conclusive_grounds"],
                    conclusive_grounds_on=data["conclusive_grounds_on"],
                    ictg_referred_on=data["ictg_referred_on"],
                    victim_not_offender=data["victim_not_offender"],
                ),
            )
        except EpisodeInvalid as exc:
            raise _invalid(exc) from exc
        return Response(NrmReferralOutput(referral).data, status=status.HTTP_201_CREATED)


class NrmDecisionApi(BaseApi):
    required_capability = Capability.EXPLOITATION_SCREEN

    @extend_schema(
        request=NrmDecisionInput,
        responses={200: NrmReferralOutput, **INVALID},
        operation_id="missing_nrm_decision_record",
        description="Record the reasonable- and conclusive-grounds decisions as they arrive.",
    )
    def post(self, request: Request, referral_id: UUID) -> Response:
        payload = NrmDecisionInput(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        try:
            referral = nrm_decision_record(
                actor=acting_user(request),
                referral_id=referral_id,
                reasonable_grounds=data["reasonable_grounds"],
                reasonable_grounds_on=data["reasonable_grounds_on"],
                conclusive_grounds=data["conclusive_grounds"],
                conclusive_grounds_on=data["conclusive_grounds_on"],
                ictg_referred_on=data["ictg_referred_on"],
            )
        except EpisodeInvalid as exc:
            raise _invalid(exc) from exc
        return Response(NrmReferralOutput(referral).data)
