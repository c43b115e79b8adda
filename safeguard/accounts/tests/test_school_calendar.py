from __future__ import annotations

import datetime as dt

import pytest

from safeguard.accounts.models import Organisation, OrganisationKind, SchoolClosure, SchoolTerm
from safeguard.accounts.selectors import education_setting_choices, school_calendar
from safeguard.core.rules.bank_holidays import england_and_wales_bank_holidays
from safeguard.core.rules.deadlines import next_school_day_start

pytestmark = pytest.mark.django_db


class TestSchoolCalendar:
    def test_builds_the_calendar_the_deadline_rules_use(self) -> None:
        # given a school with an autumn term, a training day and an 08:45 start
        school = Organisation.objects.create(
            name="Castle Primary (fictional)",
            kind=OrganisationKind.SCHOOL,
            urn="900001",
            day_starts_at=dt.time(8, 45),
        )
        SchoolTerm.objects.create(
            organisation=school, starts_on=dt.date(2026, 9, 2), ends_on=dt.date(2026, 10, 23)
        )
        SchoolTerm.objects.create(
            organisation=school, starts_on=dt.date(2026, 11, 2), ends_on=dt.date(2026, 12, 18)
        )
        SchoolClosure.objects.create(
            organisation=school, closed_on=dt.date(2026, 11, 2), reason="Training day"
        )
        # when an incident happens on Friday night before half-term ends
        calendar = school_calendar(organisation_id=school.pk)
        due = next_school_day_start(
            after=dt.datetime(2026, 10, 30, 22, 0, tzinfo=dt.UTC),
            calendar=calendar,
            bank_holidays=england_and_wales_bank_holidays(years=[2026]),
        )
        # then the notification is due at the start of Tuesday 3 November (Monday is a training day), GMT
        assert due == dt.datetime(2026, 11, 3, 8, 45, tzinfo=dt.UTC)
        assert [t.starts_on for t in calendar.terms] == [dt.date(2026, 9, 2), dt.date(2026, 11, 2)]
        assert education_setting_choices() == [(str(school.pk), "Castle Primary (fictional)")]
