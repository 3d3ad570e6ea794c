"""Which reminder an action gets on a day: plain Python, no database.

The action is due Monday 1 March 2027; Easter 2027 (Good Friday 26 March, Easter Monday 29 March) falls
inside its overdue weeks, so the working days are counted around the bank holidays.
"""

import datetime as dt

import pytest

from cspr.action_plans import rules
from cspr.action_plans.reminders import ActionReminderRules, Kind, action_reminder
from cspr.clock import default_calendar
from cspr.deadlines.reminders import Audience

D = dt.date
CALENDAR = default_calendar()
DUE = D(2027, 3, 1)  # Monday
CHASE = ActionReminderRules()
LEADS = {Audience.OWNERS}
WITH_MANAGERS = {Audience.OWNERS, Audience.BUSINESS_MANAGERS}
EVERYONE = {Audience.OWNERS, Audience.BUSINESS_MANAGERS, Audience.EXECUTIVE}
MANAGERS = {Audience.BUSINESS_MANAGERS}


def open_action(today, status=rules.ON_TRACK, chase=CHASE):
    return action_reminder(status, DUE, None, None, today, CALENDAR, chase)


@pytest.mark.parametrize(
    ("today", "kind", "stage", "audiences", "timing"),
    [
        (D(2027, 2, 12), None, None, None, None),  # 11 working days before
        (D(2027, 2, 15), Kind.DUE, "10 working days before", LEADS, "Due in 10 working days"),
        (D(2027, 2, 16), None, None, None, None),
        (D(2027, 2, 24), Kind.DUE, "3 working days before", LEADS, "Due in 3 working days"),
        (D(2027, 2, 26), None, None, None, None),  # 1 working day before: not a point for actions
        (D(2027, 3, 1), Kind.DUE, "due today", LEADS, "Due today"),
        (D(2027, 3, 2), Kind.OVERDUE, "overdue by 1 working day", LEADS, "Overdue by 1 working day"),
        (D(2027, 3, 3), None, None, None, None),  # not daily
        (D(2027, 3, 5), None, None, None, None),
        (
            D(2027, 3, 8),
            Kind.OVERDUE,
            "overdue by 5 working days",
            WITH_MANAGERS,
            "Overdue by 5 working days",
        ),
        (D(2027, 3, 9), None, None, None, None),
        (
            D(2027, 3, 15),
            Kind.OVERDUE,
            "overdue by 10 working days",
            WITH_MANAGERS,
            "Overdue by 10 working days",
        ),
        (
            D(2027, 3, 22),
            Kind.OVERDUE,
            "overdue by 15 working days",
            WITH_MANAGERS,
            "Overdue by 15 working days",
        ),
        (D(2027, 3, 29), None, None, None, None),  # Easter Monday
        (D(2027, 3, 31), Kind.OVERDUE, "overdue by 20 working days", EVERYONE, "Overdue by 20 working days"),
        (D(2027, 4, 7), Kind.OVERDUE, "overdue by 25 working days", EVERYONE, "Overdue by 25 working days"),
    ],
)
def test_an_open_action_day_by_day(today, kind, stage, audiences, timing):
    reminder = open_action(today)
    if kind is None:
        assert reminder is None
        return
    assert (reminder.kind, reminder.stage, set(reminder.audiences), reminder.timing, reminder.dated) == (
        kind,
        stage,
        audiences,
        timing,
        DUE,
    )


@pytest.mark.parametrize("status", rules.OPEN_STATUSES)
def test_every_open_status_is_reminded(status):
    assert open_action(D(2027, 3, 1), status).kind == Kind.DUE


def test_nothing_on_a_weekend_and_a_weekend_due_date_is_reminded_the_friday_before():
    assert open_action(D(2027, 3, 6)) is None  # Saturday, 5 days after the due date
    reminder = action_reminder(rules.ON_TRACK, D(2027, 3, 6), None, None, D(2027, 3, 5), CALENDAR, CHASE)
    assert reminder.timing == "Due before the next working day"


def test_the_day_a_new_audience_joins_always_reminds():
    chase = ActionReminderRules(business_managers_after=7, executive_after=12)
    joined = open_action(CALENDAR.add_working_days(DUE, 7), chase=chase)
    assert set(joined.audiences) == WITH_MANAGERS
    assert open_action(CALENDAR.add_working_days(DUE, 8), chase=chase) is None
    assert set(open_action(CALENDAR.add_working_days(DUE, 12), chase=chase).audiences) == EVERYONE
    assert set(open_action(CALENDAR.add_working_days(DUE, 10), chase=chase).audiences) == WITH_MANAGERS


def test_the_timings_come_from_the_settings(settings):
    settings.ACTION_REMINDER_WORKING_DAYS_BEFORE = (5,)
    settings.ACTION_REMINDER_OVERDUE_EVERY = 2
    chase = ActionReminderRules.from_settings()
    assert open_action(CALENDAR.add_working_days(DUE, -5), chase=chase).stage == "5 working days before"
    assert open_action(CALENDAR.add_working_days(DUE, -10), chase=chase) is None
    assert open_action(CALENDAR.add_working_days(DUE, 2), chase=chase).stage == "overdue by 2 working days"
    assert open_action(CALENDAR.add_working_days(DUE, 3), chase=chase) is None


COMPLETED = D(2027, 2, 1)  # Monday: 10 working days later is Monday 15 February


@pytest.mark.parametrize(
    ("today", "stage"),
    [
        (D(2027, 2, 12), None),
        (D(2027, 2, 15), None),  # 10 working days: not yet "more than 10"
        (D(2027, 2, 16), "awaiting assurance for 11 working days"),
        (D(2027, 2, 17), None),
        (D(2027, 2, 22), "awaiting assurance for 15 working days"),
        (D(2027, 3, 1), "awaiting assurance for 20 working days"),
    ],
)
def test_a_complete_action_waiting_for_assurance_reminds_the_business_managers(today, stage):
    reminder = action_reminder(rules.COMPLETE, DUE, COMPLETED, None, today, CALENDAR, CHASE)
    if stage is None:
        assert reminder is None
        return
    assert (reminder.kind, reminder.stage, set(reminder.audiences), reminder.dated) == (
        Kind.ASSURANCE,
        stage,
        MANAGERS,
        COMPLETED,
    )
    assert reminder.timing == stage.replace("awaiting", "Awaiting")


def test_a_complete_action_is_not_overdue_whatever_its_due_date():
    assert action_reminder(rules.COMPLETE, DUE, D(2027, 3, 2), None, D(2027, 3, 3), CALENDAR, CHASE) is None


def test_an_assured_action_reminds_the_business_managers_on_its_retest_date_only():
    retest = D(2027, 9, 1)  # Wednesday
    for day in (D(2027, 8, 31), D(2027, 9, 2), D(2027, 9, 8)):
        assert action_reminder(rules.ASSURED, DUE, COMPLETED, retest, day, CALENDAR, CHASE) is None
    reminder = action_reminder(rules.ASSURED, DUE, COMPLETED, retest, retest, CALENDAR, CHASE)
    assert (reminder.kind, reminder.stage, set(reminder.audiences), reminder.timing, reminder.dated) == (
        Kind.RETEST,
        "re-test embedding due",
        MANAGERS,
        "Re-test embedding due today",
        retest,
    )


def test_a_retest_on_a_bank_holiday_is_reminded_the_working_day_before():
    easter_monday = D(2027, 3, 29)
    reminder = action_reminder(rules.ASSURED, DUE, COMPLETED, easter_monday, D(2027, 3, 25), CALENDAR, CHASE)
    assert reminder.timing == "Re-test embedding due before the next working day"


def test_an_assured_action_without_a_retest_date_gets_nothing():
    assert action_reminder(rules.ASSURED, DUE, COMPLETED, None, DUE, CALENDAR, CHASE) is None
