"""Operation Encompass pages: the police queue, sending and routing; the school's inbox."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from safeguard.access.policies import has_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.accounts.acting import acting_user
from safeguard.domestic.rules.codes import NotificationStatus
from safeguard.domestic.selectors import encompass_inbox, encompass_queue, notification_get
from safeguard.domestic.services import (
    NotificationInvalid,
    encompass_acknowledge,
    encompass_send,
    notification_route,
)
from safeguard.domestic.web.forms import RouteForm, SendForm
from safeguard.web.views import CapabilityView


def _back(request: HttpRequest, notification_id: UUID) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(
        reverse("domestic:notification-detail", kwargs={"notification_id": notification_id})
    )


class EncompassQueueView(CapabilityView):
    required_capability = Capability.ENCOMPASS_SEND

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(
            request,
            "domestic/encompass_queue.html",
            {
                "notifications": encompass_queue(actor=acting_user(request)),
                "route_form": RouteForm(),
                "send_form": SendForm(),
            },
        )


class NotificationSendView(CapabilityView):
    required_capability = Capability.ENCOMPASS_SEND

    def post(self, request: HttpRequest, notification_id: UUID) -> HttpResponse:
        form = SendForm(request.POST)
        reason = form.cleaned_data["delay_reason"] if form.is_valid() else ""
        try:
            notification = encompass_send(
                actor=acting_user(request), notification_id=notification_id, delay_reason=reason
            )
        except NotificationInvalid as exc:
            messages.error(request, " ".join(m for ms in exc.errors.values() for m in ms))
        else:
            messages.success(request, f"Notification {notification.reference} sent.")
        return _back(request, notification_id)


class NotificationRouteView(CapabilityView):
    required_capability = Capability.ENCOMPASS_SEND

    def post(self, request: HttpRequest, notification_id: UUID) -> HttpResponse:
        form = RouteForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Choose a school or local authority from the list.")
            return _back(request, notification_id)
        try:
            notification_route(
                actor=acting_user(request),
                notification_id=notification_id,
                recipient_id=UUID(form.cleaned_data["recipient"]),
            )
        except NotificationInvalid as exc:
            messages.error(request, " ".join(m for ms in exc.errors.values() for m in ms))
        else:
            messages.success(request, "Recipient recorded; the notification can now be sent.")
        return _back(request, notification_id)


class EncompassInboxView(CapabilityView):
    """The school DSL's list of notifications sent to their own setting."""

    required_capability = Capability.ENCOMPASS_ACKNOWLEDGE

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(
            request,
            "domestic/encompass_inbox.html",
            {"notifications": encompass_inbox(actor=acting_user(request))},
        )


class EncompassNotificationView(CapabilityView):
    required_capability = Capability.ENCOMPASS_VIEW

    def get(self, request: HttpRequest, notification_id: UUID) -> HttpResponse:
        actor = acting_user(request)
        notification = notification_get(actor=actor, notification_id=notification_id)
        return render(
            request,
            "domestic/notification_detail.html",
            {
                "notification": notification,
                "can_acknowledge": has_capability(actor, Capability.ENCOMPASS_ACKNOWLEDGE)
                and notification.status == NotificationStatus.SENT,
                "can_send": has_capability(actor, Capability.ENCOMPASS_SEND)
                and notification.status == NotificationStatus.PENDING,
                "send_form": SendForm(),
            },
        )


class EncompassAcknowledgeView(CapabilityView):
    required_capability = Capability.ENCOMPASS_ACKNOWLEDGE

    def post(self, request: HttpRequest, notification_id: UUID) -> HttpResponse:
        encompass_acknowledge(actor=acting_user(request), notification_id=notification_id)
        messages.success(request, "Thank you: the notification is acknowledged.")
        return HttpResponseRedirect(
            reverse("domestic:notification-detail", kwargs={"notification_id": notification_id})
        )
