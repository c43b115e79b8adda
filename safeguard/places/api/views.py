"""Places and business concerns over the API (issue 10): the same services, scope and audit
as the web.

A business reporter submits concerns about its own organisation's places and reads its own
submissions' status; police with the place capability read a place's history with a
purpose. Anyone else, another organisation's place or concern, and a missing one all
answer the same 404 (DESIGN.md invariants 3 and 4). A concern with problems answers 400
with every problem by field.
"""

from __future__ import annotations

from uuid import UUID

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response

from safeguard.access.rules.capabilities import Capability
from safeguard.api.views import BaseApi
from safeguard.audit.purpose import PurposeRequired
from safeguard.places.api.serializers import (
    PlacesConcernInput,
    PlacesConcernReceiptOutput,
    PlacesHistoryOutput,
    PlacesSubmittedConcernOutput,
)
from safeguard.places.rules.codes import submitter_status
from safeguard.places.selectors import (
    concerns_of_organisation,
    place_history,
    submitted_concern_get,
)
from safeguard.places.services import ConcernInvalid, concern_submit

PURPOSE = OpenApiParameter(
    "purpose",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    required=False,
    description="Why you are opening this place's history (DPA 2018 s.62). Or the X-Purpose "
    "header.",
)
NOT_FOUND = OpenApiResponse(description="No such record you may see")


class PlacesConcernListApi(BaseApi):
    required_capability = Capability.BUSINESS_CONCERN_SUBMIT

    @extend_schema(
        responses={200: PlacesSubmittedConcernOutput(many=True), 404: NOT_FOUND},
        operation_id="places_concerns_list",
        summary="Your organisation's concerns, newest first: reference, time, place, status",
    )
    def get(self, request: Request) -> Response:
        rows = concerns_of_organisation(actor=request.user)  # type: ignore[arg-type]
        return Response(PlacesSubmittedConcernOutput(rows, many=True).data)

    @extend_schema(
        request=PlacesConcernInput,
        responses={
            201: PlacesConcernReceiptOutput,
            400: OpenApiResponse(description="Every problem with the concern, by field"),
            404: NOT_FOUND,
        },
        operation_id="places_concerns_submit",
        summary="Submit a Makesafe concern about one of your organisation's places",
    )
    def post(self, request: Request) -> Response:
        payload = PlacesConcernInput(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            concern = concern_submit(
                actor=request.user,  # type: ignore[arg-type]
                place_id=payload.validated_data["place"],
                details=payload.details(),
            )
        except ConcernInvalid as exc:
            raise exceptions.ValidationError(exc.errors) from exc
        receipt = {
            "id": concern.pk,
            "reference": concern.reference,
            "status": concern.status,
            "status_label": submitter_status(concern.status),
            "urgent": concern.urgent,
        }
        return Response(PlacesConcernReceiptOutput(receipt).data, status=status.HTTP_201_CREATED)


class PlacesConcernDetailApi(BaseApi):
    required_capability = Capability.BUSINESS_CONCERN_SUBMIT

    @extend_schema(
        responses={200: PlacesSubmittedConcernOutput, 404: NOT_FOUND},
        operation_id="places_concerns_read",
        summary="One of your organisation's concerns: reference, time, place, status",
    )
    def get(self, request: Request, concern_id: UUID) -> Response:
        row = submitted_concern_get(actor=request.user, concern_id=concern_id)  # type: ignore[arg-type]
        return Response(PlacesSubmittedConcernOutput(row).data)


class PlacesHistoryApi(BaseApi):
    required_capability = Capability.PLACE_VIEW

    @extend_schema(
        parameters=[PURPOSE],
        responses={
            200: PlacesHistoryOutput,
            400: OpenApiResponse(description="No purpose was given"),
            404: NOT_FOUND,
        },
        operation_id="places_history_read",
        summary="Every record linked to the place that you may see, newest first",
    )
    def get(self, request: Request, place_id: UUID) -> Response:
        purpose = request.headers.get("X-Purpose", "") or request.query_params.get("purpose", "")
        try:
            history = place_history(actor=request.user, place_id=place_id, purpose=purpose)  # type: ignore[arg-type]
        except PurposeRequired as exc:
            raise exceptions.ValidationError({"purpose": [str(exc)]}) from exc
        place = history.place
        body = {
            "place": {
                "id": place.pk,
                "reference": place.reference,
                "name": place.name,
                "kind": place.kind,
                "postcode": place.postcode,
                "flagged": any(f.lowered_at is None for f in history.flags),
            },
            "entries": history.entries,
            "withheld": history.withheld,
        }
        return Response(PlacesHistoryOutput(body).data)
