"""Bank holiday changes by a system administrator: validated, audited and used by deadlines at once."""

import datetime as dt

import pytest
from django.urls import reverse

from cspr.audit.models import AuditAction, AuditEvent
from cspr.deadlines.clock import current_calendar, incident_deadlines
from cspr.deadlines.models import BankHolidayChange

LIST = reverse("deadlines:bank-holidays")
ADD = reverse("deadlines:bank-holiday-add")


def form_data(
    date: dt.date, change="add", name="One-off bank holiday", source="https://www.gov.uk/bank-holidays"
):
    return {
        "date_day": date.day,
        "date_month": date.month,
        "date_year": date.year,
        "change": change,
        "name": name,
        "source": source,
    }


@pytest.fixture
def admin_client(client, system_admin):
    client.force_login(system_admin)
    return client


def notification_due(incident) -> dt.date:
    return next(s.due_on for s in incident_deadlines(incident) if s.step.code == "notification")


def test_the_list_shows_shipped_changes_and_this_year_s_and_next_year_s_bank_holidays(
    admin_client, time_machine
):
    time_machine.move_to(dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC))
    page = admin_client.get(LIST).content.decode()
    assert "Bank holiday for the coronation of King Charles III" in page
    assert "Bank holidays in 2026 and 2027" in page
    assert "28 December 2026" in page  # the substitute Boxing Day
    assert "29 March 2027" in page  # Easter Monday 2027
    assert "No changes have been added" in page


def test_an_added_one_off_bank_holiday_moves_a_deadline(admin_client, system_admin, incident):
    # Aware Monday 23 November 2026: the notification is due Monday 30 November...
    assert notification_due(incident) == dt.date(2026, 11, 30)
    response = admin_client.post(
        ADD, form_data(dt.date(2026, 11, 27), name="Bank holiday for a state occasion")
    )
    assert response.status_code == 302
    # ...and with Friday 27 November a bank holiday, on Tuesday 1 December.
    assert notification_due(incident) == dt.date(2026, 12, 1)
    change = BankHolidayChange.objects.get()
    assert (change.change, change.created_by) == ("add", system_admin)
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="deadlines.bankholidaychange")
    assert event.changes["date"] == [None, "2026-11-27"]
    page = admin_client.get(LIST).content.decode()
    assert "Bank holiday for a state occasion" in page
    assert "Bank holiday added: 27 November 2026" in page


def test_a_removed_bank_holiday_becomes_a_working_day(admin_client, partnership):
    christmas = dt.date(2026, 12, 25)
    assert not current_calendar().is_working_day(christmas)
    admin_client.post(ADD, form_data(christmas, change="remove", name="Christmas Day moved"))
    assert current_calendar().is_working_day(christmas)


def test_deleting_a_change_asks_first_then_restores_the_deadline(admin_client, incident):
    admin_client.post(ADD, form_data(dt.date(2026, 11, 27)))
    change = BankHolidayChange.objects.get()
    url = reverse("deadlines:bank-holiday-delete", args=[change.pk])
    page = admin_client.get(url).content.decode()
    assert "Delete the change for 27 November 2026?" in page
    assert BankHolidayChange.objects.exists()
    response = admin_client.post(url)
    assert response.status_code == 302
    assert not BankHolidayChange.objects.exists()
    assert notification_due(incident) == dt.date(2026, 11, 30)
    event = AuditEvent.objects.get(action=AuditAction.DELETE, object_type="deadlines.bankholidaychange")
    assert event.changes["date"] == ["2026-11-27", None]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (form_data(dt.date(2026, 11, 28)), "28 November 2026 is a Saturday: bank holidays fall on weekdays"),
        (form_data(dt.date(2026, 12, 25)), "25 December 2026 is already a bank holiday"),
        (
            form_data(dt.date(2026, 11, 26), change="remove"),
            "26 November 2026 is not a bank holiday, so it cannot be removed",
        ),
        (
            form_data(dt.date(2040, 6, 1)),
            "The date must be between 1 January 2012 and 31 December 2035",
        ),
        (form_data(dt.date(2026, 11, 27), name=""), "Enter the name of the bank holiday"),
        (form_data(dt.date(2026, 11, 27), source=""), "Enter the web address where the change was announced"),
        (
            {**form_data(dt.date(2026, 11, 27)), "change": ""},
            "Select whether to add or remove a bank holiday",
        ),
        ({**form_data(dt.date(2026, 11, 27)), "date_day": ""}, "The date must include a day"),
    ],
)
def test_changes_that_would_do_nothing_or_are_incomplete_are_refused(admin_client, data, message):
    response = admin_client.post(ADD, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert message in page
    assert not BankHolidayChange.objects.exists()


def test_a_second_change_for_the_same_date_is_refused(admin_client):
    admin_client.post(ADD, form_data(dt.date(2026, 11, 27)))
    response = admin_client.post(ADD, form_data(dt.date(2026, 11, 27), change="remove"))
    assert "There is already a change for this date" in response.content.decode()
    assert BankHolidayChange.objects.count() == 1


def test_the_calendar_is_reused_while_the_changes_stay_the_same(admin_client, db):
    first = current_calendar()
    assert current_calendar() is first
    admin_client.post(ADD, form_data(dt.date(2026, 11, 27)))
    assert current_calendar() is not first


def test_business_managers_cannot_add_bank_holidays(client, business_manager):
    client.force_login(business_manager)
    assert client.post(ADD, form_data(dt.date(2026, 11, 27))).status_code == 403
    assert not BankHolidayChange.objects.exists()


def test_only_administrators_can_delete_a_change(client, business_manager):
    change = BankHolidayChange.objects.create(
        date=dt.date(2026, 11, 27), change="add", name="One-off", source="https://www.gov.uk/bank-holidays"
    )
    client.force_login(business_manager)
    assert client.post(reverse("deadlines:bank-holiday-delete", args=[change.pk])).status_code == 403
    assert BankHolidayChange.objects.exists()
