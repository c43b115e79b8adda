"""Operation Encompass: create, route, send (on demand or by the daily run), acknowledge.

Sending is a *disclosure* to the school (DPA 2018 s.62; DOMAIN.md §3.2 [S]): the content is
fixed at that moment and kept, the school may read it from then on, and a clock asks for
acknowledgement. Both ways of sending are idempotent: a notification already sent is never
sent twice, whoever asks and however often.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import TYPE_CHECKING
from uuid import UUID

from django.db import transaction

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.accounts.models import Organisation, OrganisationKind
from safeguard.accounts.selectors import school_calendar
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import Subject, audit_event_record
from safeguard.clocks.services import BreachReasonRequired, ClockNotRunning, clock_start, clock_stop
from safeguard.core import clock
from safeguard.core.exceptions import DomainError
from safeguard.core.policy import force_policy
from safeguard.core.rules.bank_holidays import england_and_wales_bank_holidays
from safeguard.core.services import reference_issue
from safeguard.domestic.models import ChildVictim, EncompassNotification
from safeguard.domestic.policies import notification_in_scope
from safeguard.domestic.rules.codes import NotificationStatus, RecipientKind, SendChannel
from safeguard.domestic.rules.encompass import (
    ChildVoice,
    NotificationFacts,
    Recipient,
    SchoolAge,
    notification_content,
    school_age,
)
from safeguard.domestic.rules.encompass import notification_due as notification_due_rule
from safeguard.people.rules.age import age_on
from safeguard.referrals.services import mash_team

if TYPE_CHECKING:
    from safeguard.accounts.models import Team, User

NOTIFY_CLOCK = "encompass.notify"
ACKNOWLEDGE_CLOCK = "encompass.acknowledge"
NOTIFY_RULE_SOURCE = (
    "DOMAIN.md §3.2 [S] (scheme standard; the statute says 'as soon as reasonably practicable')"
)
SYSTEM_LATE_REASON = "Sent by the daily dispatch run after the deadline had passed"
ACK_LATE_REASON = "Acknowledged by the school after the time asked"


class NotificationInvalid(DomainError):
    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("The notification cannot be changed like that.")
        self.errors = errors


def _holidays(at: dt.datetime) -> frozenset[dt.date]:
    return england_and_wales_bank_holidays(years=[at.year, at.year + 1])


def _default_day_start() -> dt.time:
    return dt.time.fromisoformat(str(force_policy("ENCOMPASS_DEFAULT_DAY_START")))


def notification_due(
    *, after: dt.datetime, recipient: Organisation | None
) -> tuple[dt.datetime, str]:
    """Return when a notification to ``recipient`` is due, and the rule that says so.

    Reads the school's calendar and the force's default day start, then applies
    :func:`safeguard.domestic.rules.encompass.notification_due`.
    """
    target = None
    if recipient is not None:
        is_school = recipient.kind == OrganisationKind.SCHOOL
        target = Recipient(
            name=recipient.name,
            is_school=is_school,
            day_starts_at=recipient.day_starts_at,
            calendar=school_calendar(organisation_id=recipient.pk) if is_school else None,
        )
    return notification_due_rule(
        after=after,
        recipient=target,
        default_day_start=_default_day_start(),
        bank_holidays=_holidays(after),
    )


def _owner_team(actor: User | None, fallback: Team | None = None) -> Team | None:
    """The MASH owns Encompass work (force policy); else the sender's or the recorder's team."""
    return mash_team() or (actor.team if actor is not None else None) or fallback


def notification_create(
    *,
    actor: User,
    child_victim: ChildVictim,
    setting: Organisation | None,
    home_educated: bool,
    unlisted_setting_name: str,
) -> EncompassNotification | None:
    """Create the notification for a related child of school age, with its clock.

    Returns None for a child below reception age or 18 and over. A child whose school is
    unknown gets an ``UNROUTED`` notification naming what the officer typed, so nothing is
    lost while the MASH finds the school.
    """
    incident = child_victim.incident
    occurrence = incident.occurrence
    child = child_victim.child
    on = occurrence.occurred_at.date()
    age = age_on(
        on=on,
        date_of_birth=child.date_of_birth,
        estimated_age=child.estimated_age,
        estimated_on=child.estimated_on,
    )
    if school_age(on=on, date_of_birth=child.date_of_birth, age=age) in {
        SchoolAge.BELOW_RECEPTION,
        SchoolAge.ADULT,
    }:
        return None
    kind = RecipientKind.LOCAL_AUTHORITY if home_educated else RecipientKind.SCHOOL
    due_at, rule = notification_due(after=occurrence.occurred_at, recipient=setting)
    now = clock.now()
    notification = EncompassNotification.objects.create(
        reference=reference_issue(prefix="OE", year=now.year)[0],
        incident=incident,
        child_victim=child_victim,
        recipient=setting,
        recipient_kind=kind,
        unlisted_setting_name=unlisted_setting_name[:200],
        status=NotificationStatus.PENDING if setting else NotificationStatus.UNROUTED,
        due_at=due_at,
        due_rule=rule,
        owning_team=incident.owning_team,
        is_restricted=incident.is_restricted,
        created_at=now,
        updated_at=now,
    )
    owner = _owner_team(actor)
    assert owner is not None
    clock_start(
        subject=Subject.of(notification),
        kind=NOTIFY_CLOCK,
        label="Operation Encompass notification",
        # The duty runs from the incident, however late it is recorded.
        started_at=occurrence.occurred_at,
        due_at=due_at,
        rule=rule,
        rule_source=NOTIFY_RULE_SOURCE,
        rule_version="encompass-next-school-day-v1",
        owner_team=owner,
    )
    return notification


@transaction.atomic
def notification_route(
    *, actor: User, notification_id: UUID, recipient_id: UUID
) -> EncompassNotification:
    """Give an unrouted notification its school or local authority; it then waits to be sent.

    The due time stays as set at the incident (a school found late does not move it).

    :raises NotFoundOrForbidden: no such notification in scope
    :raises NotificationInvalid: it is already routed, or the recipient is not a school or LA
    """
    require_capability(actor, Capability.ENCOMPASS_SEND)
    notification = notification_in_scope(actor, notification_id)
    notification = EncompassNotification.objects.select_for_update(of=("self",)).get(
        pk=notification.pk
    )
    recipient = Organisation.objects.filter(
        pk=recipient_id, kind__in=[OrganisationKind.SCHOOL, OrganisationKind.LOCAL_AUTHORITY]
    ).first()
    errors: dict[str, list[str]] = {}
    if notification.status != NotificationStatus.UNROUTED:
        errors["status"] = ["This notification already has a recipient"]
    if recipient is None:
        errors["recipient_id"] = ["Choose a school or local authority from the list"]
    if errors:
        raise NotificationInvalid(errors)
    assert recipient is not None
    notification.recipient = recipient
    notification.recipient_kind = (
        RecipientKind.SCHOOL
        if recipient.kind == OrganisationKind.SCHOOL
        else RecipientKind.LOCAL_AUTHORITY
    )
    notification.status = NotificationStatus.PENDING
    notification.updated_at = clock.now()
    notification.save(update_fields=["recipient", "recipient_kind", "status", "updated_at"])
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="encompass.routed",
        subjects=[Subject.of(notification)],
        changes={"recipient": recipient.name},
    )
    return notification


def _facts(notification: EncompassNotification) -> NotificationFacts:
    victim = notification.child_victim
    incident = notification.incident
    occurrence = incident.occurrence
    child = victim.child
    involvement = occurrence.involvements.filter(person=child).select_related("voice").first()
    voice = getattr(involvement, "voice", None) if involvement is not None else None
    return NotificationFacts(
        child_name=child.full_name,
        child_date_of_birth=child.date_of_birth,
        child_estimated_age=child.estimated_age,
        police_reference=occurrence.reference,
        location=occurrence.location,
        occurred_at=occurrence.occurred_at,
        child_present=victim.present,
        where_present=victim.where_present,
        saw=victim.saw,
        heard=victim.heard,
        experienced_effects=victim.experienced_effects,
        voice=ChildVoice(
            spoken_to=voice.spoken_to if voice else None,
            spoken_to_alone=voice.spoken_to_alone if voice else None,
            childs_words=voice.childs_words if voice else "",
            reason_not_spoken_to=voice.reason_not_seen_or_spoken_to if voice else "",
        ),
        circumstances=incident.circumstances_for_school,
        other_information=incident.other_information_for_school,
    )


def _acknowledge_due(sent_at: dt.datetime, recipient: Organisation) -> dt.datetime:
    hours = int(force_policy("ENCOMPASS_ACKNOWLEDGE_HOURS"))
    day_start, _rule = notification_due(after=sent_at, recipient=recipient)
    return day_start + dt.timedelta(hours=hours)


def _send(
    notification: EncompassNotification,
    *,
    actor: User | None,
    channel: SendChannel,
    now: dt.datetime,
    delay_reason: str,
) -> bool:
    """Send one locked, pending notification; return False if it was not pending."""
    if notification.status != NotificationStatus.PENDING or notification.recipient is None:
        return False
    recipient = notification.recipient
    try:
        clock_stop(
            actor=actor,
            subject=Subject.of(notification),
            kind=NOTIFY_CLOCK,
            stopped_at=now,
            breach_reason=delay_reason,
        )
    except ClockNotRunning:
        pass
    except BreachReasonRequired as exc:
        raise NotificationInvalid({"delay_reason": [str(exc)]}) from exc
    notification.content = notification_content(_facts(notification))
    notification.status = NotificationStatus.SENT
    notification.shared_with = recipient
    notification.sent_at = now
    notification.sent_by = actor
    notification.sent_channel = channel
    notification.updated_at = now
    notification.save()
    owner = _owner_team(actor, notification.owning_team)
    assert owner is not None
    hours = int(force_policy("ENCOMPASS_ACKNOWLEDGE_HOURS"))
    clock_start(
        subject=Subject.of(notification),
        kind=ACKNOWLEDGE_CLOCK,
        label="School acknowledges the Operation Encompass notification",
        started_at=now,
        due_at=_acknowledge_due(now, recipient),
        rule=f"Force policy: acknowledged within {hours} hours of the setting's next day start",
        rule_source="DOMAIN.md §3.2 [U] (acknowledgement times are local practice)",
        rule_version=f"encompass-ack-{hours}h-v1",
        owner_team=owner,
        partner_organisation=recipient,
    )
    audit_event_record(
        actor=actor,
        operation=Operation.DISCLOSURE,
        event_type="encompass.sent",
        subjects=[Subject.of(notification), Subject.of(notification.child_victim.child)],
        justification=(
            "Operation Encompass: notifying the child's education setting "
            "(Domestic Abuse Act 2021 s.49A)"
        ),
        recipients=[recipient.name],
        changes={"reference": notification.reference, "channel": channel.value},
    )
    return True


@transaction.atomic
def encompass_send(
    *, actor: User, notification_id: UUID, delay_reason: str = ""
) -> EncompassNotification:
    """Send one notification now (on demand). Sending one already sent changes nothing.

    :raises NotFoundOrForbidden: no such notification in scope
    :raises NotificationInvalid: no recipient yet, or late without a delay reason
    """
    require_capability(actor, Capability.ENCOMPASS_SEND)
    notification_in_scope(actor, notification_id)
    notification = (
        EncompassNotification.objects.select_for_update(of=("self",))
        .select_related("recipient", "incident__occurrence", "child_victim__child")
        .get(pk=notification_id)
    )
    if notification.status == NotificationStatus.UNROUTED:
        raise NotificationInvalid({"recipient_id": ["Choose the school before sending"]})
    _send(
        notification,
        actor=actor,
        channel=SendChannel.ON_DEMAND,
        now=clock.now(),
        delay_reason=delay_reason.strip(),
    )
    return notification


def encompass_dispatch(*, now: dt.datetime, batch: int = 200) -> int:
    """Send every routed notification still waiting (the daily 07:00 run); return how many.

    Each notification is sent in its own transaction with its row locked, so a run that
    overlaps another, or an on-demand send, never sends one twice.
    """
    sent = 0
    while True:
        ids = list(
            EncompassNotification.objects.filter(status=NotificationStatus.PENDING)
            .order_by("due_at")
            .values_list("pk", flat=True)[:batch]
        )
        if not ids:
            return sent
        progressed = 0
        for notification_id in ids:
            with transaction.atomic():
                notification = (
                    EncompassNotification.objects.select_for_update(of=("self",))
                    .select_related("recipient", "incident__occurrence", "child_victim__child")
                    .get(pk=notification_id)
                )
                if _send(
                    notification,
                    actor=None,
                    channel=SendChannel.DAILY_RUN,
                    now=now,
                    delay_reason=SYSTEM_LATE_REASON,
                ):
                    progressed += 1
        sent += progressed
        if progressed == 0:
            return sent


@transaction.atomic
def encompass_acknowledge(*, actor: User, notification_id: UUID) -> EncompassNotification:
    """The school's DSL confirms they have read the notification. Twice changes nothing.

    :raises NotFoundOrForbidden: not a notification sent to the actor's organisation
    """
    require_capability(actor, Capability.ENCOMPASS_ACKNOWLEDGE)
    notification_in_scope(actor, notification_id)
    notification = EncompassNotification.objects.select_for_update(of=("self",)).get(
        pk=notification_id
    )
    if notification.status != NotificationStatus.SENT:
        return notification
    now = clock.now()
    with contextlib.suppress(ClockNotRunning):
        clock_stop(
            actor=actor,
            subject=Subject.of(notification),
            kind=ACKNOWLEDGE_CLOCK,
            stopped_at=now,
            breach_reason=ACK_LATE_REASON,
        )
    notification.status = NotificationStatus.ACKNOWLEDGED
    notification.acknowledged_at = now
    notification.acknowledged_by = actor
    notification.updated_at = now
    notification.save(update_fields=["status", "acknowledged_at", "acknowledged_by", "updated_at"])
    audit_event_record(
        actor=actor,
        operation=Operation.ALTERATION,
        event_type="encompass.acknowledged",
        subjects=[Subject.of(notification)],
        changes={"reference": notification.reference},
    )
    return notification
