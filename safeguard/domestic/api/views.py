"""Domestic-abuse incidents and Operation Encompass over the API: the same rules as the web."""

from __future__ import annotations

import dataclasses
from uuid import UUID

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response

from safeguard.access.rules.capabilities import Capability
from safeguard.accounts.acting import acting_user
from safeguard.api.views import BaseApi
from safeguard.domestic.api.serializers import (
    IncidentInvalidOutput,
    IncidentRecordInput,
    IncidentSummaryOutput,
    NotificationOutput,
    NotificationSummaryOutput,
    SendInput,
)
from safeguard.domestic.selectors import encompass_inbox, notification_get
from safeguard.domestic.services import (
    IncidentInvalid,
    NotificationInvalid,
    da_incident_record,
    encompass_acknowledge,
    encompass_send,
)


class IncidentRecordApi(BaseApi):
    required_capability = Capability.INCIDENT_RECORD

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                required=False,
                description="The same key from the same user twice records one incident",
            )
        ],
        request=IncidentRecordInput,
        responses={201: IncidentSummaryOutput, 400: IncidentInvalidOutput},
        operation_id="domestic_abuse_record",
        description=(
            "Record a domestic-abuse incident. A 400 lists in `detected_children` every child "
            "the system found (known at the address, related to a party, or in the narrative); "
            "send a `resolutions` entry for each key in `unresolved`, naming the `children` rows "
            "it is, or dismissing it with a reason."
        ),
    )
    def post(self, request: Request) -> Response:
        payload = IncidentRecordInput(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            incident = da_incident_record(
                actor=acting_user(request),
                details=payload.details(),
                children=payload.children_details(),
                choices=payload.choices(),
                idempotency_key=request.headers.get("Idempotency-Key", ""),
            )
        except IncidentInvalid as exc:
            body = {
                "detail": "The incident has errors.",
                "errors": exc.errors,
                "detected_children": [dataclasses.asdict(d) for d in exc.detected],
                "unresolved": [d.key for d in exc.unresolved],
            }
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        return Response(IncidentSummaryOutput(incident).data, status=status.HTTP_201_CREATED)


class EncompassInboxApi(BaseApi):
    """The school's notifications (only those sent to its own setting)."""

    required_capability = Capability.ENCOMPASS_ACKNOWLEDGE

    @extend_schema(responses=NotificationSummaryOutput(many=True), operation_id="encompass_inbox")
    def get(self, request: Request) -> Response:
        rows = encompass_inbox(actor=acting_user(request))
        return Response(NotificationSummaryOutput(rows, many=True).data)


class NotificationDetailApi(BaseApi):
    required_capability = Capability.ENCOMPASS_VIEW

    @extend_schema(responses=NotificationOutput, operation_id="encompass_read")
    def get(self, request: Request, notification_id: UUID) -> Response:
        notification = notification_get(actor=acting_user(request), notification_id=notification_id)
        return Response(NotificationOutput(notification).data)


class NotificationAcknowledgeApi(BaseApi):
    required_capability = Capability.ENCOMPASS_ACKNOWLEDGE

    @extend_schema(request=None, responses=NotificationOutput, operation_id="encompass_acknowledge")
    def post(self, request: Request, notification_id: UUID) -> Response:
        notification = encompass_acknowledge(
            actor=acting_user(request), notification_id=notification_id
        )
        return Response(NotificationOutput(notification).data)


class NotificationSendApi(BaseApi):
    required_capability = Capability.ENCOMPASS_SEND

    @extend_schema(request=SendInput, responses=NotificationOutput, operation_id="encompass_send")
    def post(self, request: Request, notification_id: UUID) -> Response:
        payload = SendInput(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            notification = encompass_send(
                actor=acting_user(request),
                notification_id=notification_id,
                delay_reason=payload.validated_data["delay_reason"],
            )
        except NotificationInvalid as exc:
            raise exceptions.ValidationError(exc.errors) from exc
        return Response(NotificationOutput(notification).data)
