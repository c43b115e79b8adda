"""One JSON error shape for the whole API: {"errors": {field: [messages]}, "detail": ...}."""

from __future__ import annotations

from typing import Any

from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from safeguard.core.exceptions import (
    CapabilityMissing,
    DomainError,
    EditConflict,
    NotFoundOrForbidden,
)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Translate domain errors and DRF errors into the API's JSON error shape."""
    if isinstance(exc, (NotFoundOrForbidden, CapabilityMissing)):
        exc = exceptions.NotFound()
    elif isinstance(exc, EditConflict):
        return Response({"detail": str(exc), "code": "conflict"}, status=status.HTTP_409_CONFLICT)
    elif isinstance(exc, DomainError):
        return Response(
            {"detail": str(exc), "errors": {"non_field_errors": [str(exc)]}},
            status=status.HTTP_400_BAD_REQUEST,
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = (
            response.data
            if isinstance(response.data, dict)
            else {"non_field_errors": response.data}
        )
        response.data = {"detail": "The request has errors.", "errors": errors}
    elif isinstance(exc, exceptions.ParseError):
        response.data = {
            "detail": "The request body is not valid JSON.",
            "errors": {"non_field_errors": [str(exc.detail)]},
        }
    return response
