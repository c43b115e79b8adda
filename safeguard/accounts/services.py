"""Writes for accounts: second-factor devices and demo users."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import audit_event_record

if TYPE_CHECKING:
    from safeguard.accounts.models import User


def totp_device_pending(*, user: User) -> TOTPDevice:
    """Return the user's unconfirmed authenticator (creating one), for set-up."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, user: User, device: TOTPDevice) -> None:
    """Mark the authenticator confirmed once the user has proved it with a code."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_event_record(
        actor=user,
        operation=Operation.ALTERATION,
        event_type="account.second_factor_enrolled",
        changes={"device": device.persistent_id},
    )
