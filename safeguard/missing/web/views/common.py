"""Shared helpers for the missing-children pages."""

from __future__ import annotations

from collections.abc import Mapping
from uuid import UUID

from django import forms
from django.http import HttpResponseRedirect
from django.urls import reverse

FIELD_ALIASES = {"child_id": "child_reference"}


def apply_errors(form: forms.Form, errors: Mapping[str, list[str]]) -> None:
    """Show a service's field errors on the form; unknown fields become form-level errors."""
    for key, messages in errors.items():
        name = FIELD_ALIASES.get(key, key.split(".", 1)[0])
        target = name if name in form.fields else None
        for message in messages:
            form.add_error(target, message)


def to_episode(episode_id: UUID) -> HttpResponseRedirect:
    return HttpResponseRedirect(
        reverse("missing:episode-detail", kwargs={"episode_id": episode_id})
    )


def optional_uuid(value: object) -> UUID | None:
    try:
        return UUID(str(value)) if value else None
    except ValueError:
        return None
