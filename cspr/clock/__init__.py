"""The statutory clock: working days in England and the deadlines of a case review.

Plain Python, no Django: the Django layer (models, pages, reminders) passes in what lives in the database,
namely bank holiday overrides added by an administrator (`england_calendar(extra_overrides)`) and a
partnership's own lengths for local steps (`compute_deadlines(..., overrides=...)`).
"""

from .bank_holidays import BankHolidayOverride, Change, england_and_wales_bank_holidays, shipped_overrides
from .deadlines import compute_deadlines
from .errors import (
    ClockError,
    DateOutOfRange,
    InvalidOverride,
    StepNotChangeable,
    UnknownStep,
    UnknownTrigger,
)
from .steps import STEPS, TRIGGERS, Kind, Step, Trigger, Unit, add_calendar_months, get_step
from .working_days import (
    WorkingDayCalendar,
    add_working_days,
    default_calendar,
    england_calendar,
    is_working_day,
    working_days_between,
)

__all__ = [
    "STEPS",
    "TRIGGERS",
    "BankHolidayOverride",
    "Change",
    "ClockError",
    "DateOutOfRange",
    "InvalidOverride",
    "Kind",
    "Step",
    "StepNotChangeable",
    "Trigger",
    "Unit",
    "UnknownStep",
    "UnknownTrigger",
    "WorkingDayCalendar",
    "add_calendar_months",
    "add_working_days",
    "compute_deadlines",
    "default_calendar",
    "england_and_wales_bank_holidays",
    "england_calendar",
    "get_step",
    "is_working_day",
    "shipped_overrides",
    "working_days_between",
]
