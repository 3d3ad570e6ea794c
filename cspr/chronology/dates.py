"""Start dates as agencies write them in their records, with how much of the date is known.

Records are often vague about when something happened: "?22/05/2016", "c. 22/05/2016", "May 2016",
"2016". A chronology keeps such a date with its precision (the strings of `DatePrecision` in
`cspr.chronology.models`: day, approximate, month, year) and the text as written, and orders it by the
first day it can mean. Plain Python: the upload, the entry form, the duplicate finder and the gap finder
all use it, and it is tested without a database.

Ordering rule (`sort_key`): entries sort by the first day their date can mean; on the same day, the less
certain entry comes first (year only, then month only, then an approximate day, then the exact day), and
on the same day and precision an entry without a time comes before the timed ones, which sort by time. So
"2016" sorts at the start of 2016, "May 2016" at the start of May 2016 before every exact day of that
month, and "?22/05/2016" just before the exact entries of 22 May 2016.
"""

import datetime as dt
import re
from dataclasses import dataclass

DAY = "day"
APPROXIMATE = "approximate"
MONTH = "month"
YEAR = "year"
PRECISIONS = (DAY, APPROXIMATE, MONTH, YEAR)
# Less certain first when two entries start on the same day (see the module's ordering rule).
PRECISION_RANK = {YEAR: 0, MONTH: 1, APPROXIMATE: 2, DAY: 3}
# An approximate day ("?22/05/2016") may be this many days either side of the day written.
APPROXIMATE_DAYS = 7
EARLIEST_YEAR = 1900
ACCEPTED_FORMATS = "22/05/2016, 2016-05-22, 22 May 2016, ?22/05/2016 (approximate), May 2016, 05/2016 or 2016"

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTHS_BY_NAME = {
    name: number for number, month in enumerate(MONTH_NAMES, 1) for name in (month.lower(), month[:3].lower())
} | {"sept": 9}

# "?22/05/2016", "c. 22/05/2016", "circa 2016", "approx. May 2016", "about 22 May 2016", "22/05/2016?"
_APPROXIMATE_PREFIX = re.compile(
    r"^(?:\?|~|c\.|c(?=\s)|ca\.|circa\b|approx\.?|approximately\b|about\b|around\b)\s*", re.IGNORECASE
)
_NUMERIC_DAY = re.compile(r"^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{2,4})$")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NAMED_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{2,4})$", re.IGNORECASE)
_NAMED_DAY_US = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{2,4})$", re.IGNORECASE)
_NAMED_MONTH = re.compile(r"^([a-z]+)\.?,?\s+(\d{2,4})$", re.IGNORECASE)
_NUMERIC_MONTH = re.compile(r"^(\d{1,2})\s*[/.-]\s*(\d{2,4})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_YEAR = re.compile(r"^(\d{2,4})$")
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?::(\d{2}))?$")


class DateError(ValueError):
    """A date that cannot be read; the message says why, quoting the text ("'31/02/2021' is not a real
    date"), so the upload can prefix it with the row and column."""


@dataclass(frozen=True)
class StartDate:
    on: dt.date  # the first day the date can mean: the one used for ordering
    precision: str
    as_written: str


def parse_start_date(text: str, *, today: dt.date | None = None) -> StartDate:
    """Read a start date as an agency wrote it. Raises DateError with a message that quotes the text.

    With `today`, a date that starts after today is refused: a chronology records what has happened.
    """
    written = " ".join(str(text).split())
    if not written:
        raise DateError("enter the date")
    body, approximate = _strip_approximate(written)
    on, precision = _parse_body(body, written)
    if approximate and precision == DAY:
        precision = APPROXIMATE
    if on.year < EARLIEST_YEAR:
        raise DateError(f"'{written}' is before {EARLIEST_YEAR}: check the year")
    if today is not None and on > today:
        raise DateError(f"'{written}' is in the future")
    return StartDate(on, precision, written)


def parse_exact_date(text: str) -> dt.date:
    """An exact day (an end date): the day formats of `parse_start_date`, nothing vaguer."""
    written = " ".join(str(text).split())
    if not written:
        raise DateError("enter the date")
    body, approximate = _strip_approximate(written)
    on, precision = _parse_body(body, written)
    if approximate or precision != DAY:
        raise DateError(f"'{written}' must be an exact day, like 22/05/2016")
    if on.year < EARLIEST_YEAR:
        raise DateError(f"'{written}' is before {EARLIEST_YEAR}: check the year")
    return on


def parse_time(text: str) -> dt.time:
    """A time on the 24-hour clock: "14:30", "9:05", "14.30", "14:30:00" (as spreadsheets write it)."""
    written = str(text).strip()
    match = _TIME.match(written)
    if not match:
        raise DateError(f"'{written}' is not a time: use the 24-hour clock, like 14:30")
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise DateError(f"'{written}' is not a real time: use the 24-hour clock, like 14:30")
    return dt.time(hour, minute)


def sort_key(on: dt.date, precision: str, time: dt.time | None = None) -> tuple:
    """The order of the integrated chronology (the module docstring states the rule)."""
    return (on, PRECISION_RANK[precision], time is not None, time or dt.time.min)


def period(on: dt.date, precision: str) -> tuple[dt.date, dt.date]:
    """The first and last day a date can mean: one day, a week either side, a month or a year."""
    if precision == DAY:
        return on, on
    if precision == APPROXIMATE:
        slack = dt.timedelta(days=APPROXIMATE_DAYS)
        return on - slack, on + slack
    if precision == MONTH:
        return on, _last_day_of_month(on.year, on.month)
    if precision == YEAR:
        return on, dt.date(on.year, 12, 31)
    raise ValueError(f"unknown precision {precision!r}")


def display_date(on: dt.date, precision: str) -> str:
    """ "22 May 2016", "about 22 May 2016", "May 2016" or "2016"."""
    if precision == YEAR:
        return str(on.year)
    if precision == MONTH:
        return f"{MONTH_NAMES[on.month - 1]} {on.year}"
    day = f"{on.day} {MONTH_NAMES[on.month - 1]} {on.year}"
    return f"about {day}" if precision == APPROXIMATE else day


def _strip_approximate(written: str) -> tuple[str, bool]:
    body = _APPROXIMATE_PREFIX.sub("", written, count=1)
    approximate = body != written
    if body.endswith("?"):
        body, approximate = body[:-1].rstrip(), True
    return body, approximate


def _parse_body(body: str, written: str) -> tuple[dt.date, str]:
    if match := _NUMERIC_DAY.match(body):
        return _day(int(match[4]), int(match[3]), int(match[1]), match[4], written), DAY
    if match := _ISO_DAY.match(body):
        return _day(int(match[1]), int(match[2]), int(match[3]), match[1], written), DAY
    if match := _NAMED_DAY.match(body):
        month = _month_number(match[2], written)
        return _day(int(match[3]), month, int(match[1]), match[3], written), DAY
    if match := _NAMED_DAY_US.match(body):
        month = _month_number(match[1], written)
        return _day(int(match[3]), month, int(match[2]), match[3], written), DAY
    if match := _NAMED_MONTH.match(body):
        month = _month_number(match[1], written)
        return _first_of_month(_year(match[2], written), month, written), MONTH
    if match := _ISO_MONTH.match(body):
        return _first_of_month(_year(match[1], written), int(match[2]), written), MONTH
    if match := _NUMERIC_MONTH.match(body):
        return _first_of_month(_year(match[2], written), int(match[1]), written), MONTH
    if match := _YEAR.match(body):
        return dt.date(_year(match[1], written), 1, 1), YEAR
    raise DateError(f"'{written}' is not a date in a format we accept, such as {ACCEPTED_FORMATS}")


def _year(digits: str, written: str) -> int:
    if len(digits) != 4:
        raise DateError(f"'{written}' needs a year of 4 digits, like 2016")
    return int(digits)


def _day(year: int, month: int, day: int, year_digits: str, written: str) -> dt.date:
    _year(year_digits, written)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(f"'{written}' is not a real date") from None


def _first_of_month(year: int, month: int, written: str) -> dt.date:
    if not 1 <= month <= 12:
        raise DateError(f"'{written}' is not a real date")
    return dt.date(year, month, 1)


def _month_number(name: str, written: str) -> int:
    number = MONTHS_BY_NAME.get(name.lower().rstrip("."))
    if number is None:
        raise DateError(f"'{written}' is not a date in a format we accept, such as {ACCEPTED_FORMATS}")
    return number


def _last_day_of_month(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)
