"""The referral engine over the API: same capabilities, scope, clocks and audit as the web."""

from __future__ import annotations

from uuid import UUID

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response

from safeguard.access.rules.capabilities import Capability
from safeguard.accounts.acting import acting_user
from safeguard.api.views import BaseApi
from safeguard.incidents.services import OccurrenceInvalid
from safeguard.referrals.api.serializers import (
    ConcernOutput,
    ConcernRecordInput,
    ConcernTriageInput,
    PoliceProtectionInput,
    PoliceProtectionOutput,
    ProtectionEndInput,
    ProtectionNoticeInput,
    ReferralDecisionInput,
    ReferralOutput,
    ReferralSendInput,
    StrategyDiscussionInput,
    StrategyDiscussionOutput,
)
from safeguard.referrals.selectors import referral_list
from safeguard.referrals.services import (
    Attendee,
    ReferralInvalid,
    concern_record,
    concern_triage,
    police_protection_end,
    police_protection_notice_record,
    police_protection_start,
    referral_acknowledge,
    referral_decide,
    referral_send,
    strategy_discussion_record,
)

IDEMPOTENCY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="The same key from the same user twice creates one concern",
)


class ConcernRecordApi(BaseApi):
    required_capability = Capability.CONCERN_RECORD

    @extend_schema(
        request=ConcernRecordInput,
        responses={201: ConcernOutput},
        parameters=[IDEMPOTENCY],
        operation_id="referrals_concern_record",
    )
    def post(self, request: Request) -> Response:
        payload = ConcernRecordInput(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            concern = concern_record(
                actor=acting_user(request),
                details=payload.details(),
                idempotency_key=request.headers.get("Idempotency-Key", ""),
            )
        except OccurrenceInvalid as exc:
            raise exceptions.ValidationError(exc.errors) from exc
        return Response(ConcernOutput(concern).data, status=status.HTTP_201_CREATED)


class ConcernTriageApi(BaseApi):
    required_capability = Capability.TRIAGE_WORK

    @extend_schema(
        request=ConcernTriageInput, responses=ConcernOutput, operation_id="referrals_concern_triage"
    )
    def post(self, request: Request, concern_id: UUID) -> Response:
        payload = ConcernTriageInput(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            concern = concern_triage(
                actor=acting_user(request), concern_id=concern_id, **payload.validated_data
            )
        except ReferralInvalid as exc:
            raise exceptions.ValidationError(exc.errors) from exc
        return Response(ConcernOutput(concern).data)


class ReferralSendApi(BaseApi):
    required_capability = Capability.REFERRAL_SEND

    @extend_schema(
        request=ReferralSendInput, responses={201: ReferralOutput}, operation_id="referrals_send"
    )
    def post(self, request: Request, concern_id: UUID) -> Response:
        payload = ReferralSendInput(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            referral = referral_send(
                actor=acting_user(request), concern_id=concern_id, details=payload.details()
            )
        except ReferralInvalid as exc:
            raise exceptions.ValidationError(exc.errors) from exc
        return Response(ReferralOutput(referral).data, status=status.HTTP_201_CREATED)


class ReferralListApi(BaseApi):
    required_capability = Capability.REFERRAL_VIEW

    @extend_schema(responses=ReferralOutput(many=True), operation_id="referrals_list")
    def get(self, request: Request) -> Response:
        return Response(ReferralOutput(referral_list(actor=acting_user(request)), many=True).data)


class ReferralAcknowledgeApi(BaseApi):
    required_capability = Capability.REFERRAL_RESPOND

    @extend_schema(request=None, responses=ReferralOutput, operation_id="referrals_acknowledge")
    def post(self, request: Request, referral_id: UUID) -> Response:
        try:
            referral = referral_acknowledge(actor=acting_user(request), referral_id=referral_id)
        except ReferralInvalid as exc:
            raise exceptions.ValidationError(exc.errors) from exc
        return Response(ReferralOutput(referral).data)


class ReferralDecideApi(BaseApi):
    required_capability = Capability.REFERRAL_RESPOND

    @extend_schema(
        request=ReferralDecisionInput, responses=ReferralOutput, operation_id="referrals_decide"
    )
    def post(self, request: Request, referral_id: UUID) -> Response:
        payload = ReferralDecisionInput(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            referral = referral_decide(
                actor=acting_user(request), referral_id=referral_id, **payload.validated_data
            )
        except ReferralInvalid as exc:
            raise exceptions.ValidationError(exc.errors) from exc
        return Response(ReferralOutput(referral).data)


class StrategyDiscussionRecordApi(BaseApi):
    required_capability = Capability.STRATEGY_RECORD

    @extend_schema(
        request=StrategyDiscussionInput,
        responses={201: StrategyDiscussionOutput},
        operation_id="referrals_strategy_discussion_record",
    )
    def post(self, request: Request, referral_id: UUID) -> Response:
        payload = StrategyDiscussionInput(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        try:
            discussion = strategy_discussion_record(
                actor=acting_user(request),
                referral_id=referral_id,
                held_at=data["held_at"],
                attendees=[Attendee(a["name"], a["agency"]) for a in data["attendees"]],
                police_actions=data["police_actions"],
                outcome=data["outcome"],
            )
        except ReferralInvalid as exc:
            raise exceptions.ValidationError(exc.errors) from exc
        return Response(StrategyDiscussionOutput(discussion).data, status=status.HTTP_201_CREATED)


class PoliceProtectionStartApi(BaseApi):
    required_capability = Capability.POLICE_PROTECTION_RECORD

    @extend_schema(
        request=PoliceProtectionInput,
        responses={201: PoliceProtectionOutput},
        operation_id="referrals_police_protection_start",
    )
    def post(self, request: Request) -> Response:
        payload = PoliceProtectionInput(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            protection = police_protection_start(
                actor=acting_user(request), **payload.validated_data
            )
        except ReferralInvalid as exc:
            raise exceptions.ValidationError(exc.errors) from exc
        return Response(PoliceProtectionOutput(protection).data, status=status.HTTP_201_CREATED)


class ProtectionNoticeApi(BaseApi):
    required_capability = Capability.POLICE_PROTECTION_RECORD

    @extend_schema(
        request=ProtectionNoticeInput,
        responses={201: None},
        operation_id="referrals_police_protection_notice",
    )
    def post(self, request: Request, protection_id: UUID) -> Response:
        payload = ProtectionNoticeInput(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            police_protection_notice_record(
                actor=acting_user(request), protection_id=protection_id, **payload.validated_data
            )
        except ReferralInvalid as exc:
            raise exceptions.ValidationError(exc.errors) from exc
        return Response(status=status.HTTP_201_CREATED)


class ProtectionEndApi(BaseApi):
    required_capability = Capability.POLICE_PROTECTION_RECORD

    @extend_schema(
        request=ProtectionEndInput,
        responses=PoliceProtectionOutput,
        operation_id="referrals_police_protection_end",
    )
    def post(self, request: Request, protection_id: UUID) -> Response:
        payload = ProtectionEndInput(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            protection = police_protection_end(
                actor=acting_user(request), protection_id=protection_id, **payload.validated_data
            )
        except ReferralInvalid as exc:
            raise exceptions.ValidationError(exc.errors) from exc
        return Response(PoliceProtectionOutput(protection).data)
