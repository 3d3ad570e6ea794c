"""The statutory clock applied to records in the database: one entry point for every page and command.

`incident_deadlines(incident)` is what the case page, the register, reminders and calendar feeds show;
`record_step_completion` is what every stage calls when it finishes a step, so the timeliness record is
written in one way.
"""

import datetime as dt

from django.utils import timezone

from cspr.audit.log import record
from cspr.audit.models import AuditAction
from cspr.clock import (
    BankHolidayOverride,
    Change,
    WorkingDayCalendar,
    compute_deadlines,
    england_calendar,
    get_step,
)
from cspr.clock.status import DeadlineStatus, deadline_status, working_days_late

from .models import BankHolidayChange, LocalStepLength, StepCompletion


def current_calendar() -> WorkingDayCalendar:
    """England's working days with the shipped overrides and those an administrator added since."""
    rows = BankHolidayChange.objects.order_by("date").values_list("date", "change", "name", "source")
    overrides = tuple(
        BankHolidayOverride(date=date, change=Change(change), name=name, source=source)
        for date, change, name, source in rows
    )
    return england_calendar(extra_overrides=overrides)


def local_lengths(partnership_id: int) -> dict[str, int]:
    """This partnership's own lengths for the steps it may change."""
    return dict(
        LocalStepLength.objects.filter(partnership_id=partnership_id).values_list("step_code", "length")
    )


def incident_deadlines(
    incident, today: dt.date | None = None, calendar: WorkingDayCalendar | None = None
) -> list[DeadlineStatus]:
    """Every tracked deadline of this incident on `today`, soonest first."""
    calendar = calendar or current_calendar()
    today = today or timezone.localdate()
    triggers = incident.clock_triggers()
    due = compute_deadlines(triggers, local_lengths(incident.partnership_id), calendar)
    completed = dict(
        StepCompletion.objects.filter(incident=incident).values_list("step_code", "completed_on")
    )
    statuses = []
    for code in incident.tracked_step_codes():
        if code not in due:
            continue
        step = get_step(code)
        assumed = triggers.get(step.trigger) is None
        statuses.append(
            deadline_status(step, due[code], completed.get(code), today, calendar, assumed=assumed)
        )
    return sorted(statuses, key=lambda status: status.due_on)


def next_open_deadline(incident, today: dt.date | None = None, calendar=None) -> DeadlineStatus | None:
    """The earliest deadline not yet met, for sorting the register and for the "next deadline" column."""
    return next((s for s in incident_deadlines(incident, today, calendar) if s.is_open), None)


def record_step_completion(incident, step_code: str, completed_on: dt.date, *, actor, request=None):
    """Store when a step was done and how many working days late it was (or update a corrected date)."""
    calendar = current_calendar()
    due = compute_deadlines(incident.clock_triggers(), local_lengths(incident.partnership_id), calendar)
    due_on = due[step_code]
    late = working_days_late(due_on, completed_on, calendar)
    completion, created = StepCompletion.objects.update_or_create(
        incident=incident,
        step_code=step_code,
        defaults={
            "partnership_id": incident.partnership_id,
            "due_on": due_on,
            "completed_on": completed_on,
            "working_days_late": late,
        },
    )
    record(
        AuditAction.CREATE if created else AuditAction.CHANGE,
        actor=actor,
        request=request,
        obj=completion,
        changes={"due_on": due_on, "completed_on": completed_on, "working_days_late": late},
    )
    return completion
