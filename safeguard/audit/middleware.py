"""Gives every request an id and writes the per-request log row (STYLE.md §4.8 safety net)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from safeguard.audit.context import request_id_var
from safeguard.audit.services import request_log_record

_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestAuditMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        offered = request.headers.get("X-Request-ID", "")
        request_id = offered if _SAFE_REQUEST_ID.match(offered) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        user = getattr(request, "user", None)
        authenticated = bool(user is not None and user.is_authenticated)
        match = getattr(request, "resolver_match", None)
        request_log_record(
            user_id=str(user.pk) if authenticated and user is not None else "",
            username=user.get_username() if authenticated and user is not None else "",
            method=request.method or "",
            route=match.view_name if match else "",
            path=request.path,
            status_code=response.status_code,
            request_id=request_id,
        )
        return response
