"""Occurrences over the API: the same capability, scope, validation and audit as the web."""

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
from safeguard.audit.purpose import PurposeRequired
from safeguard.incidents.api.serializers import (
    OccurrenceOutput,
    OccurrenceRecordInput,
    OccurrenceSummaryOutput,
)
from safeguard.incidents.selectors import occurrence_get
from safeguard.incidents.services import OccurrenceInvalid, occurrence_record


class OccurrenceRecordApi(BaseApi):
    required_capability = Capability.INCIDENT_RECORD

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                required=False,
                description="The same key from the same user twice records one occurrence",
            )
        ],
        request=OccurrenceRecordInput,
        responses={201: OccurrenceSummaryOutput},
        operation_id="incidents_record",
    )
    def post(self, request: Request) -> Response:
        payload = OccurrenceRecordInput(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            occurrence = occurrence_record(
                actor=acting_user(request),
                details=payload.details(),
                involvements=payload.involvement_details(),
                idempotency_key=request.headers.get("Idempotency-Key", ""),
            )
        except OccurrenceInvalid as exc:
            raise exceptions.ValidationError(exc.errors) from exc
        return Response(OccurrenceSummaryOutput(occurrence).data, status=status.HTTP_201_CREATED)


class OccurrenceDetailApi(BaseApi):
    required_capability = Capability.INCIDENT_VIEW

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "purpose",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                required=False,
                description="Why you are opening it (or the X-Purpose header)",
            )
        ],
        responses=OccurrenceOutput,
        operation_id="incidents_read",
    )
    def get(self, request: Request, occurrence_id: UUID) -> Response:
        purpose = request.headers.get("X-Purpose", "") or request.query_params.get("purpose", "")
        try:
            occurrence = occurrence_get(
                actor=acting_user(request), occurrence_id=occurrence_id, purpose=purpose
            )
        except PurposeRequired as exc:
            raise exceptions.ValidationError({"purpose": [str(exc)]}) from exc
        return Response(OccurrenceOutput(occurrence).data)
