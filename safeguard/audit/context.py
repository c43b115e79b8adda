"""The current request's id, visible to services that write audit events."""

from __future__ import annotations

from contextvars import ContextVar

request_id_var: ContextVar[str] = ContextVar("safeguard_request_id", default="")
