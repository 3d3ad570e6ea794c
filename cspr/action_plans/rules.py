"""The rules of an action plan, in plain Python: an action's status, when it is overdue, who may move it
where, and when a recommendation is closed.

An agency reports its own progress (not started, on track, at risk, complete). "Overdue" is never
stored: an open action is overdue from the day after its due date, so no nightly job is needed and the
dashboard can never disagree with the calendar. "Assured as embedded" is set only by assurance (the
business manager or the review group, having reviewed the evidence), never by the agency. A
recommendation is closed when every one of its actions is assured.
"""

import datetime as dt

from cspr.clock import DateOutOfRange, WorkingDayCalendar
from cspr.clock.status import plural_working_days, working_days_late

NOT_STARTED = "not_started"
ON_TRACK = "on_track"
AT_RISK = "at_risk"
COMPLETE = "complete"
ASSURED = "assured"
OVERDUE = "overdue"

STATUS_LABELS = {
    NOT_STARTED: "Not started",
    ON_TRACK: "On track",
    AT_RISK: "At risk",
    OVERDUE: "Overdue",
    COMPLETE: "Complete: awaiting assurance",
    ASSURED: "Assured as embedded",
}
# GOV.UK tag colours, so a list reads at a glance.
STATUS_COLOURS = {
    NOT_STARTED: "grey",
    ON_TRACK: "blue",
    AT_RISK: "yellow",
    OVERDUE: "red",
    COMPLETE: "purple",
    ASSURED: "green",
}
# Stored statuses, in the order an action moves through them.
STORED_STATUSES = (NOT_STARTED, ON_TRACK, AT_RISK, COMPLETE, ASSURED)
# What an agency may report; the order of the choices on its update form and spreadsheet.
AGENCY_STATUSES = (NOT_STARTED, ON_TRACK, AT_RISK, COMPLETE)
# Still being worked on: these become overdue after their due date and are reminded about.
OPEN_STATUSES = (NOT_STARTED, ON_TRACK, AT_RISK)
# Every status a person can filter by, overdue included, in the order the dashboard shows them.
DISPLAY_STATUSES = (OVERDUE, AT_RISK, NOT_STARTED, ON_TRACK, COMPLETE, ASSURED)


def is_overdue(status: str, due_on: dt.date, today: dt.date) -> bool:
    """An open action is overdue from the day after its due date; complete and assured ones never are."""
    return status in OPEN_STATUSES and due_on < today


def display_status(status: str, due_on: dt.date, today: dt.date) -> str:
    """The status people see: the stored one, or "overdue" when an open action is past its date."""
    return OVERDUE if is_overdue(status, due_on, today) else status


def agency_update_error(current: str, new: str) -> str:
    """Why an agency's update from `current` to `new` is refused, or "" when it is allowed."""
    if current == ASSURED:
        return "This action has been assured as embedded and can no longer be changed"
    if new == ASSURED:
        return "Only the business manager or review group can assure an action, after reviewing its evidence"
    if new == OVERDUE:
        return "Overdue is worked out from the due date: choose not started, on track, at risk or complete"
    if new not in AGENCY_STATUSES:
        return "Choose not started, on track, at risk or complete"
    return ""


def assurance_error(current: str) -> str:
    """Why an action cannot be assured or sent back now, or "" when it can: only complete actions can."""
    if current == ASSURED:
        return "This action has already been assured"
    if current != COMPLETE:
        return "Only an action its agency has marked complete can be assured or sent back"
    return ""


def is_closed(statuses: list[str]) -> bool:
    """A recommendation is closed when it has actions and every one of them is assured as embedded."""
    return bool(statuses) and all(status == ASSURED for status in statuses)


def overdue_first(status: str, due_on: dt.date, today: dt.date) -> tuple:
    """Sort key of the dashboard's default order: overdue first (longest overdue at the top), then at
    risk, then the rest by due date; complete and assured ones last."""
    shown = display_status(status, due_on, today)
    return (DISPLAY_STATUSES.index(shown), due_on)


def deadline_timing(status: str, due_on: dt.date, today: dt.date, calendar: WorkingDayCalendar) -> str:
    """ "Due in 4 working days", "Due today", "Overdue by 3 working days" for an open action, counted in
    working days by the clock; nothing once the agency has marked it complete, or beyond the calendar."""
    if status not in OPEN_STATUSES:
        return ""
    try:
        if is_overdue(status, due_on, today):
            return f"Overdue by {plural_working_days(working_days_late(due_on, today, calendar))}"
        left = calendar.working_days_between(today, due_on)
    except DateOutOfRange:
        return ""
    if due_on == today:
        return "Due today"
    if left == 0:
        return "Due before the next working day"
    return f"Due in {plural_working_days(left)}"
