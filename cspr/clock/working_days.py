"""Working days in England: Monday to Friday, not a bank holiday in England and Wales.

Every statutory clock in a case review counts working days ("notify the Panel within 5 working days of
becoming aware", "rapid review within 15 working days"), and pages list many deadlines for many cases, so
`WorkingDayCalendar` answers each question by table lookup instead of walking day by day.
"""

import contextlib
import datetime as dt
import functools
from collections.abc import Iterable

from .bank_holidays import BankHolidayOverride, england_and_wales_bank_holidays, shipped_overrides
from .errors import DateOutOfRange

# Years whose bank holidays we trust. Later years would be the package's guess: one-off bank holidays are only
# announced months ahead. Move LAST_YEAR on (after checking gov.uk) as the years pass.
FIRST_YEAR = 2012
LAST_YEAR = 2035


class WorkingDayCalendar:
    """Counts working days between `first` and `last` (inclusive), given the bank holidays.

    Precomputed tables, one entry per calendar day, make every question O(1):
    `_working_up_to[i]` is how many working days fall on or before day i, `_is_working[i]` says whether day i
    is one, and `_working_dates[k]` is the k-th working day. Counting n working days from a date is then one
    index into `_working_dates`. Any date outside the range raises `DateOutOfRange`, naming the date.
    """

    def __init__(self, bank_holidays: Iterable[dt.date], first: dt.date, last: dt.date) -> None:
        self.first, self.last = first, last
        self.bank_holidays = frozenset(day for day in bank_holidays if first <= day <= last)
        self._first_ordinal = first.toordinal()
        self._span = last.toordinal() - self._first_ordinal + 1
        days = [first + dt.timedelta(days=i) for i in range(self._span)]
        self._is_working = [day.weekday() < 5 and day not in self.bank_holidays for day in days]
        self._working_dates = [day for day, working in zip(days, self._is_working, strict=True) if working]
        self._working_up_to = _running_total(self._is_working)
        self._working_count = len(self._working_dates)
        self._answers: dict[int, dict[dt.date, dt.date]] = {}
        # Deadline plans compiled against this calendar by cspr.clock.deadlines, kept here so that they live
        # and die with it (a global cache would keep replaced calendars and their tables alive).
        self.compiled_plans: dict[object, object] = {}

    def __repr__(self) -> str:
        return f"<WorkingDayCalendar {self.first} to {self.last}, {len(self.bank_holidays)} bank holidays>"

    def _index(self, day: dt.date) -> int:
        index = day.toordinal() - self._first_ordinal
        if index < 0 or index >= self._span:
            raise DateOutOfRange(day, self.first, self.last)
        return index

    def is_working_day(self, day: dt.date) -> bool:
        """True on Monday to Friday unless it is a bank holiday in England."""
        return self._is_working[self._index(day)]

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day after `start` (day 0 is `start` itself, whatever day it is).

        `start` need not be a working day: 1 working day after Saturday is the Monday (or the Tuesday after a
        bank holiday Monday). Negative n gives the n-th working day before `start`: -1 from a Saturday is the
        Friday. So "5 working days of becoming aware" on Friday 28 April 2023 is Tuesday 9 May 2023.
        """
        # The hot path of every deadline page and of bench/clock.py: one lookup, no helper calls.
        index = start.toordinal() - self._first_ordinal
        if index < 0 or index >= self._span:
            raise DateOutOfRange(start, self.first, self.last)
        if n > 0:
            target = self._working_up_to[index] - 1 + n
        elif n < 0:
            target = self._working_up_to[index] - self._is_working[index] + n
        else:
            return start
        if 0 <= target < self._working_count:
            return self._working_dates[target]
        raise DateOutOfRange(start, self.first, self.last, counting=n)

    def answers(self, n: int) -> dict[dt.date, dt.date]:
        """`add_working_days(day, n)` for every day in range whose answer is in range (read-only, cached).

        Why: `compute_deadlines` asks the same few questions (5, 10, 15 working days) for every case, and one
        dict lookup is several times faster than a Python call. A day missing from the table (out of range,
        or a datetime) must go through `add_working_days`, which answers or raises `DateOutOfRange`.
        """
        if n not in self._answers:
            self._answers[n] = self._build_answers(n)
        return self._answers[n]

    def _build_answers(self, n: int) -> dict[dt.date, dt.date]:
        answers = {}
        for i in range(self._span):
            day = self.first + dt.timedelta(days=i)
            with contextlib.suppress(DateOutOfRange):
                answers[day] = self.add_working_days(day, n)
        return answers

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        """How many working days d satisfy a < d <= b; negative (counted the other way) when b is before a.

        For n >= 0, `working_days_between(d, add_working_days(d, n)) == n`; for negative n only when d is a
        working day (from a Saturday, -1 gives Friday, yet no working day lies in (Friday, Saturday]).
        """
        return self._working_up_to[self._index(b)] - self._working_up_to[self._index(a)]


def _running_total(flags: list[bool]) -> list[int]:
    total, totals = 0, []
    for flag in flags:
        total += flag
        totals.append(total)
    return totals


@functools.lru_cache(maxsize=16)
def _cached_england_calendar(
    extra_overrides: tuple[BankHolidayOverride, ...], first_year: int, last_year: int
) -> WorkingDayCalendar:
    overrides = shipped_overrides() + extra_overrides
    bank_holidays = england_and_wales_bank_holidays(first_year, last_year, overrides)
    return WorkingDayCalendar(bank_holidays, dt.date(first_year, 1, 1), dt.date(last_year, 12, 31))


def england_calendar(
    extra_overrides: Iterable[BankHolidayOverride] = (),
    first_year: int = FIRST_YEAR,
    last_year: int = LAST_YEAR,
) -> WorkingDayCalendar:
    """The working-day calendar for England: the package's bank holidays, the shipped overrides, then yours.

    The Django layer passes the administrator's override rows as `extra_overrides`; calendars are cached on
    the exact overrides, so an edited row gives a fresh calendar and an unchanged one costs nothing.
    """
    return _cached_england_calendar(tuple(extra_overrides), first_year, last_year)


def default_calendar() -> WorkingDayCalendar:
    """The calendar with the shipped overrides only, for callers with no administrator overrides."""
    return england_calendar()


def add_working_days(start: dt.date, n: int) -> dt.date:
    """`WorkingDayCalendar.add_working_days` on the default calendar."""
    return default_calendar().add_working_days(start, n)


def working_days_between(a: dt.date, b: dt.date) -> int:
    """`WorkingDayCalendar.working_days_between` on the default calendar."""
    return default_calendar().working_days_between(a, b)


def is_working_day(day: dt.date) -> bool:
    """`WorkingDayCalendar.is_working_day` on the default calendar."""
    return default_calendar().is_working_day(day)
