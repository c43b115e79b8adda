"""Where an entry's record has its own page (for the page and the API)."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from safeguard.chronology.rules.timeline import Entry


def entry_path(entry: Entry) -> str | None:
    """Return the path of the entry's record page, or None when it has none."""
    if not entry.link_name:
        return None
    try:
        return reverse(entry.link_name, kwargs=dict(entry.link_kwargs))
    except NoReverseMatch:
        # An app renamed a route: show the entry without its link rather than fail the page.
        return None
