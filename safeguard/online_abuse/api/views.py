"""Online CSEA referrals over the API (issue 7): the same services, scope and audit as the
web. A package with problems answers 400 with every problem; a repeat answers 409."""

from __future__ import annotations

import json
from uuid import UUID

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response

from safeguard.access.rules.capabilities import Capability
from safeguard.api.views import BaseApi
from safeguard.audit.purpose import PurposeRequired
from safeguard.online_abuse.api.serializers import (
    OnlineAdvanceInput,
    OnlineChildDecisionInput,
    OnlineChildOutput,
    OnlineGradeInput,
    OnlineGradeOutput,
    OnlineImportReportOutput,
    OnlinePackageInput,
    OnlineReferralRecordOutput,
    OnlineReferralSummaryOutput,
)
from safeguard.online_abuse.rules.codes import ChildDecision, Stage
from safeguard.online_abuse.rules.package import PackageInvalid
from safeguard.online_abuse.selectors import referral_get, referral_queue
from safeguard.online_abuse.services import (
    CaseworkRefused,
    ImportFileInvalid,
    ReferralDuplicate,
    child_decide,
    referral_advance,
    referral_grade,
    referral_receive,
    referrals_import,
)
from safeguard.risk.services import RiskAssessmentInvalid

PURPOSE = OpenApiParameter(
    "purpose",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    required=False,
    description="Why you are opening this referral (DPA 2018 s.62). Or the X-Purpose header.",
)


class OnlineReferralListApi(BaseApi):
    required_capability = Capability.ONLINE_REFERRAL_VIEW

    @extend_schema(
        responses=OnlineReferralSummaryOutput(many=True), operation_id="online_referrals_list"
    )
    def get(self, request: Request) -> Response:
        rows = referral_queue(actor=request.user)  # type: ignore[arg-type]
        return Response(OnlineReferralSummaryOutput([r.referral for r in rows], many=True).data)

    @extend_schema(
        request=OnlinePackageInput,
        responses={
            201: OnlineReferralSummaryOutput,
            400: OpenApiResponse(description="Every problem with the package"),
            409: OpenApiResponse(description="Received before: the earlier reference"),
        },
        operation_id="online_referrals_receive",
    )
    def post(self, request: Request) -> Response:
        try:
            referral = referral_receive(actor=request.user, data=request.data)  # type: ignore[arg-type]
        except PackageInvalid as exc:
            raise exceptions.ValidationError({"package": exc.errors}) from exc
        except ReferralDuplicate as exc:
            return Response(
                {"detail": str(exc), "code": "duplicate", "reference": exc.reference},
                status=status.HTTP_409_CONFLICT,
            )
        return Response(OnlineReferralSummaryOutput(referral).data, status=status.HTTP_201_CREATED)


class OnlineImportApi(BaseApi):
    required_capability = Capability.ONLINE_REFERRAL_RECORD

    @extend_schema(
        request=OnlinePackageInput,
        responses={200: OnlineImportReportOutput},
        operation_id="online_referrals_import",
    )
    def post(self, request: Request) -> Response:
        try:
            report = referrals_import(actor=request.user, text=json.dumps(request.data))  # type: ignore[arg-type]
        except ImportFileInvalid as exc:
            raise exceptions.ValidationError({"file": [str(exc)]}) from exc
        return Response(
            OnlineImportReportOutput(
                {
                    "recorded": report.recorded,
                    "duplicates": [[str(n), ref] for n, ref in report.duplicates],
                    "refused": [{"position": n, "errors": e} for n, e in report.refused],
                }
            ).data
        )


def _purpose(request: Request) -> str:
    return request.headers.get("X-Purpose", "") or request.query_params.get("purpose", "")


class OnlineReferralDetailApi(BaseApi):
    required_capability = Capability.ONLINE_REFERRAL_VIEW

    @extend_schema(
        parameters=[PURPOSE],
        responses=OnlineReferralRecordOutput,
        operation_id="online_referrals_read",
    )
    def get(self, request: Request, referral_id: UUID) -> Response:
        try:
            purpose = _purpose(request)
            actor = request.user
            record = referral_get(actor=actor, referral_id=referral_id, purpose=purpose)  # type: ignore[arg-type]
        except PurposeRequired as exc:
            raise exceptions.ValidationError({"purpose": [str(exc)]}) from exc
        return Response(OnlineReferralRecordOutput(record).data)


def _refused(exc: CaseworkRefused | RiskAssessmentInvalid) -> exceptions.ValidationError:
    return exceptions.ValidationError(exc.errors)


class OnlineGradeApi(BaseApi):
    required_capability = Capability.ONLINE_REFERRAL_RECORD

    @extend_schema(
        request=OnlineGradeInput,
        responses={200: OnlineGradeOutput},
        operation_id="online_referrals_grade",
    )
    def post(self, request: Request, referral_id: UUID) -> Response:
        payload = OnlineGradeInput(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        try:
            assessment = referral_grade(
                actor=request.user,  # type: ignore[arg-type]
                referral_id=referral_id,
                answers=data["answers"],
                officer_level=data["officer_level"] or None,
                rationale=data["rationale"],
            )
        except (CaseworkRefused, RiskAssessmentInvalid) as exc:
            raise _refused(exc) from exc
        return Response(OnlineGradeOutput(assessment).data)


class OnlineAdvanceApi(BaseApi):
    required_capability = Capability.ONLINE_REFERRAL_RECORD

    @extend_schema(
        request=OnlineAdvanceInput,
        responses={200: OnlineReferralSummaryOutput},
        operation_id="online_referrals_advance",
    )
    def post(self, request: Request, referral_id: UUID) -> Response:
        payload = OnlineAdvanceInput(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        try:
            referral = referral_advance(
                actor=request.user,  # type: ignore[arg-type]
                referral_id=referral_id,
                stage=Stage(data["stage"]),
                occurred_at=data["occurred_at"],
                note=data["note"],
            )
        except CaseworkRefused as exc:
            raise _refused(exc) from exc
        return Response(OnlineReferralSummaryOutput(referral).data)


class OnlineChildDecisionApi(BaseApi):
    required_capability = Capability.ONLINE_REFERRAL_RECORD

    @extend_schema(
        request=OnlineChildDecisionInput,
        responses={200: OnlineChildOutput},
        operation_id="online_referrals_child_decide",
    )
    def post(self, request: Request, row_id: UUID) -> Response:
        payload = OnlineChildDecisionInput(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            row = child_decide(
                actor=request.user,  # type: ignore[arg-type]
                child_row_id=row_id,
                decision=ChildDecision(payload.validated_data["decision"]),
                reason=payload.validated_data["reason"],
            )
        except CaseworkRefused as exc:
            raise _refused(exc) from exc
        return Response(OnlineChildOutput(row).data)
