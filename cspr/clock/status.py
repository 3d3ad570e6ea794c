"""Where a deadline stands on a given day: due, due soon, overdue, met on time or met late.

Plain Python so the register, the case page, reminders and the calendar feed all say the same thing.
Lateness is counted in working days; a step finished (or still open) on a weekend after a Friday deadline
counts as 1 working day late, because a deadline missed is never "0 days late".
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from .steps import Step
from .working_days import WorkingDayCalendar

# A deadline this many working days away or fewer is "due soon".
DUE_SOON_WORKING_DAYS = 3


class DeadlineState(StrEnum):
    DUE = "due"
    DUE_SOON = "due soon"
    OVERDUE = "overdue"
    MET = "met on time"
    MET_LATE = "met late"


# GOV.UK tag colour modifier for each state.
TAG_COLOURS = {
    DeadlineState.DUE: "blue",
    DeadlineState.DUE_SOON: "yellow",
    DeadlineState.OVERDUE: "red",
    DeadlineState.MET: "green",
    DeadlineState.MET_LATE: "orange",
}


@dataclass(frozen=True)
class DeadlineStatus:
    """One step of one case on one day.

    `working_days` is the working days left while open (0 on the due day), the working days overdue when
    overdue, and for a completed step how many working days late it was (0 or less means on time).
    `assumed` is true when the due date rests on an assumed trigger (see `Trigger.assumed_from`).
    `today` is the day the status describes, so a deadline on a weekend is not called "due today" on the
    Friday before it.
    """

    step: Step
    due_on: dt.date
    completed_on: dt.date | None
    state: DeadlineState
    working_days: int
    assumed: bool = False
    today: dt.date | None = None

    @property
    def is_open(self) -> bool:
        return self.completed_on is None

    @property
    def tag_colour(self) -> str:
        return TAG_COLOURS[self.state]

    @property
    def tag_text(self) -> str:
        return self.state.value.capitalize()

    @property
    def description(self) -> str:
        """ "Due in 4 working days", "Due today", "Overdue by 2 working days", "Met 3 working days late"."""
        if self.state is DeadlineState.MET:
            return "Met on time"
        if self.state is DeadlineState.MET_LATE:
            return f"Met {plural_working_days(self.working_days)} late"
        if self.state is DeadlineState.OVERDUE:
            return f"Overdue by {plural_working_days(self.working_days)}"
        if self.working_days == 0 and self.today is not None and self.today < self.due_on:
            return "Last working day before it is due"
        if self.working_days == 0:
            return "Due today"
        return f"Due in {plural_working_days(self.working_days)}"


def plural_working_days(n: int) -> str:
    return f"{n} working day" if n == 1 else f"{n} working days"


def working_days_late(due_on: dt.date, done_on: dt.date, calendar: WorkingDayCalendar) -> int:
    """Working days from the deadline to `done_on`: 0 or negative when on time, at least 1 when late."""
    if done_on <= due_on:
        return calendar.working_days_between(due_on, done_on)
    return max(1, calendar.working_days_between(due_on, done_on))


def deadline_status(
    step: Step,
    due_on: dt.date,
    completed_on: dt.date | None,
    today: dt.date,
    calendar: WorkingDayCalendar,
    *,
    assumed: bool = False,
) -> DeadlineStatus:
    """Classify one deadline on `today`."""
    if completed_on is not None:
        late = working_days_late(due_on, completed_on, calendar)
        state = DeadlineState.MET if late <= 0 else DeadlineState.MET_LATE
        return DeadlineStatus(step, due_on, completed_on, state, late, assumed, today)
    if today > due_on:
        overdue = working_days_late(due_on, today, calendar)
        return DeadlineStatus(step, due_on, None, DeadlineState.OVERDUE, overdue, assumed, today)
    left = calendar.working_days_between(today, due_on)
    state = DeadlineState.DUE_SOON if left <= DUE_SOON_WORKING_DAYS else DeadlineState.DUE
    return DeadlineStatus(step, due_on, None, state, left, assumed, today)
