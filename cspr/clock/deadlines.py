"""Every deadline that follows from the dates known about a case, computed from the steps table.

The Django layer calls `compute_deadlines` with a case's recorded dates, the partnership's local step lengths
and a calendar that includes the administrator's bank holiday overrides; the command line calls it with dates
typed in. Both get the same answer because both read `cspr.clock.steps.STEPS`.
"""

import datetime as dt
import functools
from collections.abc import Callable, Mapping

from .errors import ClockError, StepNotChangeable, UnknownTrigger
from .steps import STEPS, TRIGGERS, Step, Trigger, Unit, add_calendar_months, get_step
from .working_days import WorkingDayCalendar, default_calendar

DueFrom = Callable[[dt.date], dt.date]
# Per trigger, in TRIGGERS order: the steps it starts, as (code, precomputed answers by trigger date, due date
# function for dates not in the answers), and the triggers to assume from those steps' due dates, as
# (assumed trigger, step code).
_PlanStep = tuple[str, Mapping[dt.date, dt.date], DueFrom]
_PlanEntry = tuple[str, tuple[_PlanStep, ...], tuple[tuple[str, str], ...]]
_NO_ANSWERS: Mapping[dt.date, dt.date] = {}


def compute_deadlines(
    triggers: Mapping[str, dt.date | None],
    overrides: Mapping[str, int] | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> dict[str, dt.date]:
    """Due dates, by step code, for every step whose trigger date is known or can be assumed.

    `triggers` maps trigger names (see `TRIGGERS`: `aware`, `notified`, `practice_review_decided`, ...) to
    dates; None means not known yet. A trigger with `assumed_from` defaults to that step's due date, so
    `{"aware": 28 April 2023}` gives the notification due 9 May 2023 and the rapid review due 15 working days
    after that (31 May 2023), as if the notification were sent on the day it is due. `overrides` are a
    partnership's own lengths for the steps it may change (lengths count away from the trigger, so 10 for
    `final_report_to_panel` means 10 working days before publication). Unknown names raise a `ClockError`.
    """
    plan = _plan(calendar or default_calendar(), _checked_overrides(overrides) if overrides else None)
    known = _checked_triggers(triggers)
    due: dict[str, dt.date] = {}
    for trigger, steps, assumptions in plan:
        start = known.get(trigger)
        if start is None:
            continue
        for code, answers, due_from in steps:
            due[code] = answers.get(start) or due_from(start)
        for assumed, code in assumptions:
            if known.get(assumed) is None:
                known[assumed] = due[code]
    return due


def _plan(
    calendar: WorkingDayCalendar, overrides: frozenset[tuple[str, int]] | None
) -> tuple[_PlanEntry, ...]:
    """The steps table compiled for one calendar and one set of lengths, so each case only looks dates up.

    Kept on the calendar, by overrides: a partnership's plan is compiled once per calendar. Triggers are
    evaluated in `TRIGGERS` order, which puts every trigger after the step it may be assumed from.
    """
    plan = calendar.compiled_plans.get(overrides)
    if plan is None:
        lengths = dict(overrides or ())
        plan = tuple(_plan_entry(trigger, calendar, lengths) for trigger in TRIGGERS.values())
        calendar.compiled_plans[overrides] = plan
    return plan


def _plan_entry(trigger: Trigger, calendar: WorkingDayCalendar, lengths: dict[str, int]) -> _PlanEntry:
    steps = tuple(
        _plan_step(step, calendar, lengths.get(step.code, step.length))
        for step in STEPS
        if step.trigger == trigger.name
    )
    assumptions = tuple(
        (other.name, other.assumed_from)
        for other in TRIGGERS.values()
        if other.assumed_from and get_step(other.assumed_from).trigger == trigger.name
    )
    return trigger.name, steps, assumptions


def _plan_step(step: Step, calendar: WorkingDayCalendar, length: int) -> _PlanStep:
    amount = -length if step.before else length
    if step.unit is Unit.WORKING_DAYS:
        return step.code, calendar.answers(amount), functools.partial(calendar.add_working_days, n=amount)
    if step.unit is Unit.CALENDAR_DAYS:
        return step.code, _NO_ANSWERS, functools.partial(_add_calendar_days, days=amount)
    return step.code, _NO_ANSWERS, functools.partial(add_calendar_months, months=amount)


def _add_calendar_days(start: dt.date, days: int) -> dt.date:
    return start + dt.timedelta(days=days)


def _checked_triggers(triggers: Mapping[str, dt.date | None]) -> dict[str, dt.date | None]:
    known = dict(triggers)
    if not known.keys() <= TRIGGERS.keys():
        raise UnknownTrigger(sorted(known.keys() - TRIGGERS.keys())[0])
    return known


def _checked_overrides(overrides: Mapping[str, int]) -> frozenset[tuple[str, int]]:
    """Refuse lengths for unknown steps, for steps fixed by statute, and lengths that are not whole days."""
    for code, length in overrides.items():
        if not get_step(code).partnership_may_change:
            raise StepNotChangeable(code)
        if not isinstance(length, int) or isinstance(length, bool) or length < 0:
            raise ClockError(f"the length of step {code!r} must be a whole number, 0 or more, not {length!r}")
    return frozenset(overrides.items())
