"""Where a deadline stands on a day: every state, every boundary, and the words pages and emails show.

Dates are around May 2023, whose Mondays 1, 8 and 29 May were bank holidays (the 8th for the coronation).
"""

import datetime as dt

import pytest

from cspr.clock import Kind, Step, Unit, default_calendar, get_step
from cspr.clock.status import (
    DUE_SOON_WORKING_DAYS,
    TAG_COLOURS,
    DeadlineState,
    DeadlineStatus,
    deadline_status,
    plural_working_days,
    working_days_late,
)

D = dt.date
CALENDAR = default_calendar()
STEP = get_step("notification")
DUE = D(2023, 5, 9)  # Tuesday, the day after the coronation bank holiday
FRIDAY = D(2023, 5, 12)


def status(today, completed_on=None, due_on=DUE, **kwargs):
    return deadline_status(STEP, due_on, completed_on, today, CALENDAR, **kwargs)


@pytest.mark.parametrize(
    ("today", "state", "working_days", "description"),
    [
        (D(2023, 4, 28), DeadlineState.DUE, 5, "Due in 5 working days"),  # Friday before two bank holidays
        (D(2023, 5, 2), DeadlineState.DUE, 4, "Due in 4 working days"),
        (D(2023, 5, 3), DeadlineState.DUE_SOON, 3, "Due in 3 working days"),
        (D(2023, 5, 4), DeadlineState.DUE_SOON, 2, "Due in 2 working days"),
        (D(2023, 5, 5), DeadlineState.DUE_SOON, 1, "Due in 1 working day"),
        (D(2023, 5, 6), DeadlineState.DUE_SOON, 1, "Due in 1 working day"),  # Saturday
        (D(2023, 5, 8), DeadlineState.DUE_SOON, 1, "Due in 1 working day"),  # bank holiday
        (D(2023, 5, 9), DeadlineState.DUE_SOON, 0, "Due today"),
        (D(2023, 5, 10), DeadlineState.OVERDUE, 1, "Overdue by 1 working day"),
        (D(2023, 5, 11), DeadlineState.OVERDUE, 2, "Overdue by 2 working days"),
        (D(2023, 5, 13), DeadlineState.OVERDUE, 3, "Overdue by 3 working days"),  # Saturday
        (D(2023, 5, 15), DeadlineState.OVERDUE, 4, "Overdue by 4 working days"),
    ],
)
def test_open_deadline_day_by_day(today, state, working_days, description):
    result = status(today)
    assert (result.state, result.working_days, result.description) == (state, working_days, description)
    assert result.is_open
    assert result.completed_on is None


def test_due_soon_starts_exactly_at_the_threshold():
    assert DUE_SOON_WORKING_DAYS == 3
    due = CALENDAR.add_working_days(D(2023, 6, 1), DUE_SOON_WORKING_DAYS + 1)
    assert status(D(2023, 6, 1), due_on=due).state is DeadlineState.DUE
    assert status(D(2023, 6, 2), due_on=due).state is DeadlineState.DUE_SOON


def test_a_friday_deadline_is_one_working_day_overdue_all_weekend():
    for today in (D(2023, 5, 13), D(2023, 5, 14), D(2023, 5, 15)):
        result = status(today, due_on=FRIDAY)
        assert result.state is DeadlineState.OVERDUE
        assert result.working_days == 1, today
    assert status(D(2023, 5, 16), due_on=FRIDAY).working_days == 2


def test_a_deadline_on_a_saturday_is_not_called_due_today_on_the_friday_before():
    saturday = D(2023, 5, 13)
    friday = status(FRIDAY, due_on=saturday)
    assert (friday.state, friday.working_days) == (DeadlineState.DUE_SOON, 0)
    assert friday.description == "Last working day before it is due"
    assert status(saturday, due_on=saturday).description == "Due today"
    monday = status(D(2023, 5, 15), due_on=saturday)
    assert (monday.state, monday.description) == (DeadlineState.OVERDUE, "Overdue by 1 working day")


@pytest.mark.parametrize(
    ("completed_on", "state", "late", "description"),
    [
        (D(2023, 5, 2), DeadlineState.MET, -4, "Met on time"),
        (D(2023, 5, 8), DeadlineState.MET, -1, "Met on time"),  # on the bank holiday before
        (D(2023, 5, 9), DeadlineState.MET, 0, "Met on time"),
        (D(2023, 5, 10), DeadlineState.MET_LATE, 1, "Met 1 working day late"),
        (D(2023, 5, 12), DeadlineState.MET_LATE, 3, "Met 3 working days late"),
        (D(2023, 5, 13), DeadlineState.MET_LATE, 3, "Met 3 working days late"),  # Saturday
    ],
)
def test_completed_deadline(completed_on, state, late, description):
    # The day it is looked at does not matter once a step is done.
    for today in (D(2023, 5, 1), D(2023, 5, 9), D(2023, 6, 30)):
        result = status(today, completed_on=completed_on)
        assert (result.state, result.working_days, result.description) == (state, late, description)
        assert not result.is_open


def test_done_on_the_weekend_after_a_friday_deadline_is_one_working_day_late_not_zero():
    assert working_days_late(FRIDAY, D(2023, 5, 13), CALENDAR) == 1
    assert working_days_late(FRIDAY, D(2023, 5, 14), CALENDAR) == 1
    assert status(D(2023, 5, 20), completed_on=D(2023, 5, 14), due_on=FRIDAY).state is DeadlineState.MET_LATE


@pytest.mark.parametrize(
    ("done_on", "expected"),
    [
        (D(2023, 5, 9), 0),
        (D(2023, 5, 5), -1),  # the Friday before, across the weekend and the bank holiday
        (D(2023, 5, 6), -1),  # Saturday before: still one working day early
        (D(2023, 5, 10), 1),
        (D(2023, 5, 16), 5),
    ],
)
def test_working_days_late(done_on, expected):
    assert working_days_late(DUE, done_on, CALENDAR) == expected


@pytest.mark.parametrize(
    ("state", "colour", "text"),
    [
        (DeadlineState.DUE, "blue", "Due"),
        (DeadlineState.DUE_SOON, "yellow", "Due soon"),
        (DeadlineState.OVERDUE, "red", "Overdue"),
        (DeadlineState.MET, "green", "Met on time"),
        (DeadlineState.MET_LATE, "orange", "Met late"),
    ],
)
def test_tag_colour_and_text_for_every_state(state, colour, text):
    result = DeadlineStatus(STEP, DUE, None, state, 2)
    assert (result.tag_colour, result.tag_text) == (colour, text)


def test_every_state_has_a_tag_colour():
    assert set(TAG_COLOURS) == set(DeadlineState)


def test_assumed_and_today_are_carried_through():
    result = status(D(2023, 5, 2), assumed=True)
    assert result.assumed
    assert result.today == D(2023, 5, 2)
    assert not status(D(2023, 5, 2)).assumed


def test_a_status_made_without_today_still_describes_itself():
    assert DeadlineStatus(STEP, DUE, None, DeadlineState.DUE_SOON, 0).description == "Due today"


def test_plural_working_days():
    assert [plural_working_days(n) for n in (0, 1, 2)] == [
        "0 working days",
        "1 working day",
        "2 working days",
    ]


def test_calendar_month_steps_are_classified_in_working_days_too():
    step = Step(
        code="example",
        title="Example",
        trigger="aware",
        length=1,
        unit=Unit.CALENDAR_MONTHS,
        responsible="safeguarding partners",
        source="test",
        kind=Kind.LOCAL,
        partnership_may_change=True,
    )
    result = deadline_status(step, D(2023, 5, 31), None, D(2023, 5, 26), CALENDAR)
    # Friday 26 May to Wednesday 31 May over the spring bank holiday: Tue 30, Wed 31.
    assert (result.state, result.working_days) == (DeadlineState.DUE_SOON, 2)
