from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from safeguard.access.rules.capabilities import Capability
from safeguard.api.views import BaseApi
from safeguard.audit.api.serializers import AccessLogQueryInput, AuditEventOutput
from safeguard.audit.selectors import ACCESS_LOG_LIMIT, AccessLogQuery, access_log_events


class AccessLogApi(BaseApi):
    required_capability = Capability.AUDIT_LOG_VIEW

    @extend_schema(
        parameters=[AccessLogQueryInput],
        responses=AuditEventOutput(many=True),
        operation_id="audit_access_log",
    )
    def get(self, request: Request) -> Response:
        query = AccessLogQueryInput(data=request.query_params)
        query.is_valid(raise_exception=True)
        events = access_log_events(AccessLogQuery(**query.validated_data))[:ACCESS_LOG_LIMIT]
        return Response(AuditEventOutput(events, many=True).data)
