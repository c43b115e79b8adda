"""Where each kind of record opens, so lists of clocks and notifications can link to it."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

SUBJECT_ROUTES: dict[str, tuple[str, str]] = {
    "referrals.referral": ("referrals:referral-detail", "referral_id"),
    "referrals.childconcern": ("referrals:concern-detail", "concern_id"),
    "referrals.policeprotection": ("referrals:protection-detail", "protection_id"),
    "incidents.occurrence": ("incidents:occurrence-detail", "occurrence_id"),
    "people.person": ("people:person-detail", "person_id"),
    "domestic.domesticabuseincident": ("domestic:incident-detail", "incident_id"),
    "domestic.encompassnotification": ("domestic:notification-detail", "notification_id"),
    "missing.missingepisode": ("missing:episode-detail", "episode_id"),
    "online_abuse.onlinereferral": ("online_abuse:referral-detail", "referral_id"),
    "child_deaths.childdeathresponse": ("child_deaths:response-detail", "response_id"),
    "places.businessconcern": ("places:concern-detail", "concern_id"),
}


def subject_url(subject_type: str, subject_id: object) -> str:
    """Return the page of a record, or an empty string for a kind with no page yet."""
    route = SUBJECT_ROUTES.get(subject_type)
    if route is None:
        return ""
    try:
        return reverse(route[0], kwargs={route[1]: subject_id})
    except NoReverseMatch:
        return ""
