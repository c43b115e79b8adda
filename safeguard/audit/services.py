"""The one way to write to the s.62 log. Call it inside the same transaction as the change."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models, transaction

from safeguard.audit.context import request_id_var
from safeguard.audit.models import AuditChainHead, AuditEvent, AuditSubject, RequestLog
from safeguard.audit.rules.chain import GENESIS, event_digest
from safeguard.audit.rules.operations import Operation, check_event
from safeguard.core import clock

if TYPE_CHECKING:
    from safeguard.accounts.models import User


@dataclass(frozen=True)
class Subject:
    """A record an event is about, such as ``Subject("people.person", "<uuid>")``."""

    type: str
    id: str

    @classmethod
    def of(cls, instance: models.Model) -> Subject:
        meta = instance._meta
        return cls(f"{meta.app_label}.{meta.model_name}", str(instance.pk))


def _actor_context(actor: User | None) -> tuple[str, str, str]:
    if actor is None:
        return "system", "", ""
    roles = ", ".join(sorted(actor.groups.values_list("name", flat=True)))
    if actor.team_id is not None and actor.team is not None:
        team = actor.team.name
    elif actor.organisation_id is not None and actor.organisation is not None:
        team = actor.organisation.name
    else:
        team = ""
    return actor.get_username(), roles, team


@transaction.atomic
def audit_event_record(
    *,
    actor: User | None,
    operation: Operation,
    event_type: str,
    subjects: Sequence[Subject] = (),
    justification: str = "",
    recipients: Iterable[str] = (),
    changes: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the log, chained to the one before.

    ``actor`` None means the system itself (a scheduled job or the demo generator).

    :raises MissingJustification: a consultation or disclosure without a justification
    :raises MissingRecipients: a disclosure without recipients
    """
    recipient_list = tuple(recipients)
    check_event(operation=operation, justification=justification, recipients=recipient_list)
    username, roles, team = _actor_context(actor)
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        head = AuditChainHead.objects.create(pk=1, last_sequence=0, last_digest=GENESIS)
    event = AuditEvent(
        sequence=head.last_sequence + 1,
        occurred_at=clock.now(),
        actor=actor,
        actor_username=username,
        actor_roles=roles,
        actor_team=team,
        operation=operation.value,
        event_type=event_type,
        subjects=[{"type": s.type, "id": s.id} for s in subjects],
        justification=justification,
        recipients=list(recipient_list),
        changes=dict(changes or {}),
        request_id=request_id_var.get(),
        previous_digest=head.last_digest,
        digest="",
    )
    event.digest = event_digest(previous_digest=head.last_digest, payload=event.chain_payload())
    event.save(force_insert=True)
    AuditSubject.objects.bulk_create(
        [AuditSubject(event=event, subject_type=s.type, subject_id=s.id) for s in subjects]
    )
    head.last_sequence = event.sequence
    head.last_digest = event.digest
    head.save(update_fields=["last_sequence", "last_digest"])
    return event


def request_log_record(
    *,
    user_id: str,
    username: str,
    method: str,
    route: str,
    path: str,
    status_code: int,
    request_id: str,
) -> None:
    """Write the per-request safety-net row (synchronously, never from a background job)."""
    RequestLog.objects.create(
        occurred_at=clock.now(),
        user_id=user_id,
        username=username,
        method=method,
        route=route[:200],
        path=path[:500],
        status_code=status_code,
        request_id=request_id,
    )


def access_log_csv_rows(
    *, actor: User, events: Iterable[AuditEvent], justification: str
) -> list[list[str]]:
    """Return the access log as CSV rows and log the export itself as a *disclosure*.

    The recipient is the exporting auditor; the justification is theirs.

    :raises MissingJustification: no justification given
    """
    rows = [
        [
            "sequence",
            "occurred_at",
            "actor",
            "roles",
            "team",
            "operation",
            "event_type",
            "subjects",
            "justification",
            "recipients",
            "request_id",
        ]
    ]
    subjects: list[Subject] = []
    for event in events:
        rows.append(
            [
                str(event.sequence),
                event.occurred_at.isoformat(),
                event.actor_username,
                event.actor_roles,
                event.actor_team,
                event.operation,
                event.event_type,
                " ".join(f"{s['type']}:{s['id']}" for s in event.subjects),
                event.justification,
                " ".join(event.recipients),
                event.request_id,
            ]
        )
        subjects.extend(Subject(s["type"], s["id"]) for s in event.subjects)
    unique_subjects = list(dict.fromkeys(subjects))
    audit_event_record(
        actor=actor,
        operation=Operation.DISCLOSURE,
        event_type="audit.access_log_exported",
        subjects=unique_subjects,
        justification=justification,
        recipients=[actor.get_username()],
        changes={"rows": len(rows) - 1},
    )
    return rows
