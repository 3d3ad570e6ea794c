"""The action plan rules (`cspr.action_plans.rules`), every branch, without a database."""

import datetime as dt

import pytest

from cspr.action_plans import rules
from cspr.clock import england_calendar

FRIDAY = dt.date(2027, 3, 5)
CALENDAR = england_calendar()


@pytest.mark.parametrize("status", rules.OPEN_STATUSES)
def test_an_open_action_is_overdue_from_the_day_after_its_due_date(status):
    assert not rules.is_overdue(status, FRIDAY, FRIDAY)
    assert rules.is_overdue(status, FRIDAY, FRIDAY + dt.timedelta(days=1))
    assert rules.display_status(status, FRIDAY, FRIDAY + dt.timedelta(days=1)) == rules.OVERDUE
    assert rules.display_status(status, FRIDAY, FRIDAY) == status


@pytest.mark.parametrize("status", [rules.COMPLETE, rules.ASSURED])
def test_complete_and_assured_actions_are_never_overdue(status):
    assert not rules.is_overdue(status, FRIDAY, FRIDAY + dt.timedelta(days=300))
    assert rules.display_status(status, FRIDAY, FRIDAY + dt.timedelta(days=300)) == status


@pytest.mark.parametrize(
    ("current", "new", "refused"),
    [
        (rules.NOT_STARTED, rules.ON_TRACK, ""),
        (rules.ON_TRACK, rules.AT_RISK, ""),
        (rules.AT_RISK, rules.COMPLETE, ""),
        (rules.COMPLETE, rules.ON_TRACK, ""),
        (rules.ASSURED, rules.ON_TRACK, "assured as embedded and can no longer be changed"),
        (rules.COMPLETE, rules.ASSURED, "Only the business manager or review group can assure"),
        (rules.ON_TRACK, rules.OVERDUE, "Overdue is worked out from the due date"),
        (rules.ON_TRACK, "done", "Choose not started, on track, at risk or complete"),
    ],
)
def test_what_an_agency_may_report(current, new, refused):
    error = rules.agency_update_error(current, new)
    assert (refused in error) if refused else error == ""


def test_only_complete_actions_can_be_assured_or_sent_back():
    assert rules.assurance_error(rules.COMPLETE) == ""
    assert "already been assured" in rules.assurance_error(rules.ASSURED)
    for status in rules.OPEN_STATUSES:
        assert "marked complete" in rules.assurance_error(status)


def test_a_recommendation_closes_when_every_action_is_assured():
    assert rules.is_closed([rules.ASSURED, rules.ASSURED])
    assert not rules.is_closed([rules.ASSURED, rules.COMPLETE])
    assert not rules.is_closed([])


def test_overdue_first_then_at_risk_then_by_due_date():
    today = dt.date(2027, 3, 10)
    actions = [
        ("assured", rules.ASSURED, dt.date(2027, 1, 1)),
        ("later", rules.ON_TRACK, dt.date(2027, 5, 1)),
        ("at risk", rules.AT_RISK, dt.date(2027, 6, 1)),
        ("long overdue", rules.NOT_STARTED, dt.date(2027, 1, 1)),
        ("overdue", rules.ON_TRACK, dt.date(2027, 3, 1)),
        ("complete", rules.COMPLETE, dt.date(2027, 2, 1)),
    ]
    ordered = sorted(actions, key=lambda row: rules.overdue_first(row[1], row[2], today))
    assert [name for name, _, _ in ordered] == [
        "long overdue", "overdue", "at risk", "later", "complete", "assured",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2027, 3, 1), "Due in 4 working days"),
        (dt.date(2027, 3, 4), "Due in 1 working day"),
        (FRIDAY, "Due today"),
        (dt.date(2027, 3, 6), "Overdue by 1 working day"),  # Saturday: Monday is the first day late
        (dt.date(2027, 3, 8), "Overdue by 1 working day"),
        (dt.date(2027, 3, 9), "Overdue by 2 working days"),
    ],
)
def test_timing_counts_working_days(today, expected):
    assert rules.deadline_timing(rules.AT_RISK, FRIDAY, today, CALENDAR) == expected


def test_timing_of_a_date_on_a_weekend_and_of_finished_actions():
    sunday = dt.date(2027, 3, 7)
    assert rules.deadline_timing(rules.ON_TRACK, sunday, dt.date(2027, 3, 6), CALENDAR) == (
        "Due before the next working day"
    )
    assert rules.deadline_timing(rules.COMPLETE, FRIDAY, dt.date(2027, 3, 9), CALENDAR) == ""
    assert rules.deadline_timing(rules.ASSURED, FRIDAY, dt.date(2027, 3, 9), CALENDAR) == ""


def test_timing_across_a_bank_holiday():
    # Good Friday 26 March and Easter Monday 29 March 2027 are not working days.
    assert rules.deadline_timing(rules.ON_TRACK, dt.date(2027, 3, 30), dt.date(2027, 3, 25), CALENDAR) == (
        "Due in 1 working day"
    )
