"""The audit tables refuse UPDATE and DELETE in the database itself, and tampering is caught."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from safeguard.audit.models import AuditEvent
from safeguard.audit.rules.operations import Operation
from safeguard.audit.selectors import audit_chain_first_break
from safeguard.audit.services import Subject, audit_event_record

pytestmark = pytest.mark.django_db


def _write_events(count: int) -> list[AuditEvent]:
    return [
        audit_event_record(
            actor=None,
            operation=Operation.CONSULTATION,
            event_type="test.consulted",
            subjects=[Subject("people.person", f"00000000-0000-0000-0000-{n:012d}")],
            justification=f"Safeguarding enquiry {n}",
        )
        for n in range(count)
    ]


def _disable_append_only() -> None:
    """Tamper as an attacker with DDL rights would: drop the protection inside this test's transaction."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_append_only"
            )
        else:
            cursor.execute("DROP TRIGGER audit_auditevent_no_update")
            cursor.execute("DROP TRIGGER audit_auditevent_no_delete")


class TestAppendOnly:
    @pytest.mark.parametrize(
        "table", ["audit_auditevent", "audit_auditsubject", "audit_requestlog"]
    )
    def test_refuses_update_in_the_database(self, table: str) -> None:
        _write_events(1)
        from safeguard.audit.services import request_log_record

        request_log_record(
            user_id="",
            username="",
            method="GET",
            route="r",
            path="/",
            status_code=200,
            request_id="abcdefgh",
        )
        column = {
            "audit_auditevent": "justification",
            "audit_auditsubject": "subject_id",
            "audit_requestlog": "path",
        }[table]
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(f"UPDATE {table} SET {column} = 'changed'")  # noqa: S608 - fixed table names

    @pytest.mark.parametrize("table", ["audit_auditevent", "audit_auditsubject"])
    def test_refuses_delete_in_the_database(self, table: str) -> None:
        _write_events(1)
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names

    def test_refuses_orm_update(self) -> None:
        _write_events(1)
        with pytest.raises(DatabaseError), transaction.atomic():
            AuditEvent.objects.update(justification="rewritten")

    def test_refuses_clearing_the_whole_table(self) -> None:
        # PostgreSQL has TRUNCATE; SQLite clears tables with an unqualified DELETE.
        _write_events(1)
        statement = (
            "TRUNCATE audit_auditevent CASCADE"
            if connection.vendor == "postgresql"
            else "DELETE FROM audit_auditevent"
        )
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)
        assert AuditEvent.objects.count() >= 1


class TestAuditVerify:
    def test_reports_an_intact_log(self, capsys: pytest.CaptureFixture[str]) -> None:
        _write_events(3)
        call_command("audit_verify")
        assert "intact" in capsys.readouterr().out

    def test_detects_an_edited_row_and_names_it(self) -> None:
        events = _write_events(5)
        target = events[2]
        _disable_append_only()
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE audit_auditevent SET justification = %s WHERE sequence = %s",
                ["nothing to see here", target.sequence],
            )
        broken = audit_chain_first_break()
        assert broken is not None
        assert broken.sequence == target.sequence
        with pytest.raises(CommandError, match=f"#{target.sequence}"):
            call_command("audit_verify")

    def test_detects_a_deleted_row(self) -> None:
        events = _write_events(4)
        _disable_append_only()
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_auditevent WHERE sequence = %s", [events[1].sequence])
        broken = audit_chain_first_break()
        assert broken is not None
        assert broken.sequence == events[2].sequence

    def test_detects_a_forged_subject_index_row(self) -> None:
        events = _write_events(2)
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO audit_auditsubject (event_id, subject_type, subject_id) VALUES (%s, %s, %s)",
                [events[0].sequence, "people.person", "someone-else"],
            )
        broken = audit_chain_first_break()
        assert broken is not None
        assert broken.sequence == events[0].sequence


class TestSubjectIndex:
    def test_detects_index_rows_for_an_event_that_does_not_exist(self) -> None:
        _write_events(1)
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO audit_auditsubject (event_id, subject_type, subject_id) VALUES (%s, %s, %s)",
                [999_999, "people.person", "ghost"],
            )
        broken = audit_chain_first_break()
        assert broken is not None
        assert broken.reason == "subject index names an event that does not exist"

    def test_records_staff_without_a_team_with_an_empty_team(self, django_user_model) -> None:
        user = django_user_model.objects.create_user(username="teamless", password="x" * 20)
        event = audit_event_record(
            actor=user, operation=Operation.COLLECTION, event_type="test.teamless"
        )
        assert (event.actor_username, event.actor_team) == ("teamless", "")
