"""Risk over the API: the instruments, recording an assessment and reviewing one."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response

from safeguard.access.rules.capabilities import Capability
from safeguard.api.views import BaseApi
from safeguard.audit.services import Subject
from safeguard.risk.api.serializers import (
    RiskAssessmentOutput,
    RiskAssessmentRecordInput,
    RiskAssessmentReviewInput,
    RiskInstrumentOutput,
)
from safeguard.risk.catalogue import instrument_list
from safeguard.risk.services import (
    ANSWER_ERROR_PREFIX,
    RiskAssessmentInvalid,
    risk_assessment_record,
    risk_assessment_review,
)


def _field_errors(exc: RiskAssessmentInvalid) -> exceptions.ValidationError:
    """Nest answer errors under ``answers``, as DRF does for a dict field."""
    errors: dict[str, Any] = {}
    for key, messages in exc.errors.items():
        if key.startswith(ANSWER_ERROR_PREFIX):
            errors.setdefault("answers", {})[key.removeprefix(ANSWER_ERROR_PREFIX)] = messages
        else:
            errors[key] = messages
    return exceptions.ValidationError(errors)


class RiskInstrumentListApi(BaseApi):
    required_capability = Capability.RISK_ASSESS

    @extend_schema(responses=RiskInstrumentOutput(many=True), operation_id="risk_instruments_list")
    def get(self, request: Request) -> Response:
        return Response(RiskInstrumentOutput(instrument_list(), many=True).data)


class RiskAssessmentRecordApi(BaseApi):
    required_capability = Capability.RISK_ASSESS

    @extend_schema(
        request=RiskAssessmentRecordInput,
        responses={201: RiskAssessmentOutput},
        operation_id="risk_assessments_record",
    )
    def post(self, request: Request) -> Response:
        payload = RiskAssessmentRecordInput(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        try:
            assessment = risk_assessment_record(
                actor=request.user,  # type: ignore[arg-type]
                subject=Subject(data["subject_type"], data["subject_id"]),
                instrument_code=data["instrument_code"],
                instrument_version=data["instrument_version"],
                answers=data["answers"],
                officer_level=data["officer_level"],
                rationale=data["rationale"],
            )
        except RiskAssessmentInvalid as exc:
            raise _field_errors(exc) from exc
        return Response(RiskAssessmentOutput(assessment).data, status=status.HTTP_201_CREATED)


class RiskAssessmentReviewApi(BaseApi):
    required_capability = Capability.RISK_REVIEW

    @extend_schema(
        request=RiskAssessmentReviewInput,
        responses={200: RiskAssessmentOutput},
        operation_id="risk_assessments_review",
    )
    def post(self, request: Request, assessment_id: UUID) -> Response:
        payload = RiskAssessmentReviewInput(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        try:
            assessment = risk_assessment_review(
                actor=request.user,  # type: ignore[arg-type]
                assessment_id=assessment_id,
                agreed=data["agreed"],
                level=data["level"],
                note=data["note"],
            )
        except RiskAssessmentInvalid as exc:
            raise _field_errors(exc) from exc
        return Response(RiskAssessmentOutput(assessment).data)
