"""The statutory clock applied to records in the database: one entry point for every page and command.

`incident_deadlines(incident)` is what the case page, the register, reminders and calendar feeds show;
`record_step_completion` is what every stage calls when it finishes a step, so the timeliness record is
written in one way.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Avg, Count, Q
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
    return england_calendar(extra_overrides=admin_overrides())


def admin_overrides() -> tuple[BankHolidayOverride, ...]:
    """The administrator's bank holiday changes, in date order, as the plain clock's overrides."""
    rows = BankHolidayChange.objects.order_by("date").values_list("date", "change", "name", "source")
    return tuple(
        BankHolidayOverride(date=date, change=Change(change), name=name, source=source)
        for date, change, name, source in rows
    )


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
    completed = dict(
        StepCompletion.objects.filter(incident=incident).values_list("step_code", "completed_on")
    )
    return _statuses(incident, local_lengths(incident.partnership_id), completed, today, calendar)


@dataclass(frozen=True)
class IncidentDeadline:
    """One deadline of one incident, for the lists, reminders and feeds that cover many incidents."""

    incident: object
    status: DeadlineStatus


def deadlines_of(
    incidents: Iterable, today: dt.date | None = None, calendar: WorkingDayCalendar | None = None
) -> list[IncidentDeadline]:
    """Every tracked deadline of these incidents, soonest first, in two queries whatever their number.

    The same answer as `incident_deadlines` for each incident; lists of many incidents use this so a page
    or the nightly reminders do not ask the database twice per incident.
    """
    calendar = calendar or current_calendar()
    today = today or timezone.localdate()
    incidents = list(incidents)
    completed: dict[int, dict[str, dt.date]] = defaultdict(dict)
    rows = StepCompletion.objects.filter(incident__in=[incident.pk for incident in incidents])
    for incident_id, code, done in rows.values_list("incident_id", "step_code", "completed_on"):
        completed[incident_id][code] = done
    lengths: dict[int, dict[str, int]] = defaultdict(dict)
    rows = LocalStepLength.objects.filter(partnership__in={incident.partnership_id for incident in incidents})
    for partnership_id, code, length in rows.values_list("partnership_id", "step_code", "length"):
        lengths[partnership_id][code] = length
    found = [
        IncidentDeadline(incident, status)
        for incident in incidents
        for status in _statuses(
            incident, lengths[incident.partnership_id], completed[incident.pk], today, calendar
        )
    ]
    return sorted(found, key=lambda item: item.status.due_on)


def _statuses(incident, lengths, completed, today, calendar) -> list[DeadlineStatus]:
    triggers = incident.clock_triggers()
    due = compute_deadlines(triggers, lengths, calendar)
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


@dataclass(frozen=True)
class Timeliness:
    """How one step went across many incidents: the figures a partnership reports on."""

    on_time: int
    late: int
    mean_working_days_late: float | None

    @property
    def total(self) -> int:
        return self.on_time + self.late

    @property
    def share_on_time(self) -> float | None:
        """From 0 to 1; None when nothing has been recorded, which is not the same as 0% on time."""
        return self.on_time / self.total if self.total else None


def timeliness_summary(queryset, step_code: str) -> Timeliness:
    """On time, late, share on time and mean working days late (of the late ones) for one step.

    `queryset` is of `StepCompletion`, already scoped (`StepCompletion.objects.visible_to(user)`), so a
    report counts only what its reader may see.
    """
    figures = queryset.filter(step_code=step_code).aggregate(
        on_time=Count("pk", filter=Q(working_days_late__lte=0)),
        late=Count("pk", filter=Q(working_days_late__gt=0)),
        mean_late=Avg("working_days_late", filter=Q(working_days_late__gt=0)),
    )
    return Timeliness(figures["on_time"], figures["late"], figures["mean_late"])
