"""The chronology over the API: the same capability, scope, purpose and audit as the page."""

from __future__ import annotations

from uuid import UUID

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response

from safeguard.access.rules.capabilities import Capability
from safeguard.api.views import BaseApi
from safeguard.audit.purpose import PurposeRequired
from safeguard.chronology.api.serializers import ChronologyOutput
from safeguard.chronology.selectors import chronology_get

PURPOSE_PARAMETER = OpenApiParameter(
    "purpose",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    required=False,
    description="Why you are opening this chronology (DPA 2018 s.62). Or send the X-Purpose "
    "header.",
)


class ChronologyDetailApi(BaseApi):
    required_capability = Capability.PERSON_VIEW

    @extend_schema(
        parameters=[PURPOSE_PARAMETER],
        responses=ChronologyOutput,
        operation_id="chronology_read",
        summary="Single view of the child: every linked record in time order, flags and gaps",
    )
    def get(self, request: Request, person_id: UUID) -> Response:
        purpose = request.headers.get("X-Purpose", "") or request.query_params.get("purpose", "")
        try:
            chronology = chronology_get(actor=request.user, person_id=person_id, purpose=purpose)  # type: ignore[arg-type]
        except PurposeRequired as exc:
            raise exceptions.ValidationError({"purpose": [str(exc)]}) from exc
        return Response(ChronologyOutput(chronology).data)
