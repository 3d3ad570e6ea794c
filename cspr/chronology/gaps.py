"""Gaps: periods with no contact from any agency, which a chronology must state explicitly.

Each entry covers the days it may have happened on: an exact day covers that day (to its end date, if it
has one); an uncertain date covers the whole period it can mean (`dates.period`: the month of "May 2016",
the year of "2016", a week either side of "?22/05/2016"), because a gap must never be claimed where an
agency may have been in contact. Between the first and the last entry, every stretch of more than
`threshold_days` between one covered day and the next is a gap. Plain Python, no database.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .dates import display_date, period

DEFAULT_THRESHOLD_DAYS = 90


@dataclass(frozen=True)
class Gap:
    last_contact: dt.date  # the last day covered before the gap
    next_contact: dt.date  # the first day covered after it

    @property
    def days(self) -> int:
        return (self.next_contact - self.last_contact).days

    def describe(self) -> str:
        """ "No contact from any agency for 134 days: 3 March 2016 to 15 July 2016"."""
        return (
            f"No contact from any agency for {self.days} days: "
            f"{display_date(self.last_contact, 'day')} to {display_date(self.next_contact, 'day')}"
        )


def covered(on: dt.date, precision: str, end_on: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The days one entry covers: the period its start date can mean, stretched to its end date."""
    first, last = period(on, precision)
    return first, max(last, end_on) if end_on else last


def find_gaps(
    periods: Iterable[tuple[dt.date, dt.date]], threshold_days: int = DEFAULT_THRESHOLD_DAYS
) -> list[Gap]:
    """The gaps longer than `threshold_days`, in date order, given each entry's (first, last) covered day."""
    if threshold_days < 1:
        raise ValueError("the threshold must be at least one day")
    gaps = []
    covered_to = None
    for first, last in sorted(periods):
        if covered_to is not None and (first - covered_to).days > threshold_days:
            gaps.append(Gap(covered_to, first))
        if covered_to is None or last > covered_to:
            covered_to = last
    return gaps
