"""Which reminder an open deadline gets on a day: plain Python, no database."""

import datetime as dt

import pytest

from cspr.clock import default_calendar
from cspr.deadlines.reminders import LAST_WORKING_DAY, Audience, ReminderRules, reminder_for

D = dt.date
CALENDAR = default_calendar()
DUE = D(2026, 11, 30)  # Monday
RULES = ReminderRules()
OWNERS = {Audience.OWNERS}
WITH_MANAGERS = {Audience.OWNERS, Audience.BUSINESS_MANAGERS}
EVERYONE = {Audience.OWNERS, Audience.BUSINESS_MANAGERS, Audience.EXECUTIVE}


@pytest.mark.parametrize(
    ("today", "stage", "audiences", "timing"),
    [
        (D(2026, 11, 24), None, None, None),  # 4 working days before
        (D(2026, 11, 25), "3 working days before", OWNERS, "Due in 3 working days"),
        (D(2026, 11, 26), None, None, None),  # 2 working days before
        (D(2026, 11, 27), "1 working day before", OWNERS, "Due in 1 working day"),
        (D(2026, 11, 28), None, None, None),  # Saturday
        (D(2026, 11, 29), None, None, None),  # Sunday
        (D(2026, 11, 30), "due today", OWNERS, "Due today"),
        (D(2026, 12, 1), "overdue by 1 working day", WITH_MANAGERS, "Overdue by 1 working day"),
        (D(2026, 12, 2), "overdue by 2 working days", WITH_MANAGERS, "Overdue by 2 working days"),
        (D(2026, 12, 3), "overdue by 3 working days", EVERYONE, "Overdue by 3 working days"),
        (D(2026, 12, 5), None, None, None),  # Saturday: nothing, Monday catches up
        (D(2026, 12, 7), "overdue by 5 working days", EVERYONE, "Overdue by 5 working days"),
    ],
)
def test_default_reminders_day_by_day(today, stage, audiences, timing):
    reminder = reminder_for(DUE, today, CALENDAR, RULES)
    if stage is None:
        assert reminder is None
        return
    assert (reminder.stage, set(reminder.audiences), reminder.timing) == (stage, audiences, timing)
    assert reminder.overdue == (today > DUE)


def test_nothing_is_sent_on_a_bank_holiday():
    # Monday 28 December 2026 is the substitute Boxing Day.
    assert reminder_for(D(2026, 12, 29), D(2026, 12, 28), CALENDAR, RULES) is None
    assert reminder_for(D(2026, 12, 29), D(2026, 12, 24), CALENDAR, RULES).stage == "1 working day before"


def test_a_deadline_on_a_saturday_is_reminded_on_the_friday_before():
    saturday = D(2026, 12, 5)
    friday = reminder_for(saturday, D(2026, 12, 4), CALENDAR, RULES)
    assert (friday.stage, friday.working_days, friday.timing) == (
        LAST_WORKING_DAY,
        0,
        "Due before the next working day",
    )
    monday = reminder_for(saturday, D(2026, 12, 7), CALENDAR, RULES)
    assert (monday.stage, set(monday.audiences)) == ("overdue by 1 working day", WITH_MANAGERS)


def test_the_points_before_are_configurable():
    rules = ReminderRules(working_days_before=(5,))
    assert reminder_for(DUE, D(2026, 11, 23), CALENDAR, rules).stage == "5 working days before"
    assert reminder_for(DUE, D(2026, 11, 25), CALENDAR, rules) is None
    assert reminder_for(DUE, D(2026, 11, 27), CALENDAR, rules) is None


def test_the_due_day_reminder_can_be_turned_off():
    assert reminder_for(DUE, DUE, CALENDAR, ReminderRules(on_due_day=False)) is None


def test_escalation_thresholds_are_configurable():
    rules = ReminderRules(business_managers_after=2, executive_after=5)
    assert set(reminder_for(DUE, D(2026, 12, 1), CALENDAR, rules).audiences) == OWNERS
    assert set(reminder_for(DUE, D(2026, 12, 2), CALENDAR, rules).audiences) == WITH_MANAGERS
    assert set(reminder_for(DUE, D(2026, 12, 4), CALENDAR, rules).audiences) == WITH_MANAGERS
    assert set(reminder_for(DUE, D(2026, 12, 7), CALENDAR, rules).audiences) == EVERYONE


def test_without_daily_overdue_reminders_only_escalation_days_are_sent():
    rules = ReminderRules(while_overdue=False)
    sent = [
        day
        for day in (D(2026, 12, 1), D(2026, 12, 2), D(2026, 12, 3), D(2026, 12, 4), D(2026, 12, 7))
        if reminder_for(DUE, day, CALENDAR, rules)
    ]
    assert sent == [D(2026, 12, 1), D(2026, 12, 3)]


def test_rules_come_from_settings(settings):
    settings.REMINDER_WORKING_DAYS_BEFORE = (7, 2)
    settings.REMINDER_ON_DUE_DAY = False
    settings.REMINDER_WHILE_OVERDUE = False
    settings.REMINDER_BUSINESS_MANAGERS_AFTER = 2
    settings.REMINDER_EXECUTIVE_AFTER = 4
    assert ReminderRules.from_settings() == ReminderRules((7, 2), False, False, 2, 4)
