"""England and Wales bank holidays: the `holidays` package plus official overrides.

Why two sources: the package computes the regular rules (Easter, the May and August Mondays, substitute days)
and records the one-offs it knows about; `bank_holiday_overrides.csv` pins the one-offs and moved days we rely
on, and lets an administrator add a newly announced one-off without a release. The Django layer passes the
administrator's database rows in as the same `BankHolidayOverride` structure.
"""

import csv
import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from .errors import InvalidOverride

SHIPPED_OVERRIDES = Path(__file__).with_name("bank_holiday_overrides.csv")
OVERRIDE_COLUMNS = ("date", "change", "name", "source")


class Change(StrEnum):
    ADD = "add"
    REMOVE = "remove"


@dataclass(frozen=True)
class BankHolidayOverride:
    """One official change to the package's list: a one-off bank holiday added, or a moved one removed.

    Frozen (hashable) so a calendar built from a set of overrides can be cached on them.
    """

    date: dt.date
    change: Change
    name: str
    source: str

    def __post_init__(self) -> None:
        if self.change not in tuple(Change):
            raise InvalidOverride(f"{self.change!r} is not a bank holiday change: use 'add' or 'remove'")
        object.__setattr__(self, "change", Change(self.change))
        if self.date.weekday() >= 5:
            # gov.uk lists only weekdays; a weekend date is almost certainly a typing mistake.
            raise InvalidOverride(
                f"{self.date.isoformat()} is a {self.date:%A}: bank holidays fall on weekdays"
            )


def parse_overrides(lines: Iterable[str], origin: str) -> tuple[BankHolidayOverride, ...]:
    """Read overrides from CSV text (header `date,change,name,source`); errors name `origin` and the line."""
    reader = csv.DictReader(lines)
    if tuple(reader.fieldnames or ()) != OVERRIDE_COLUMNS:
        raise InvalidOverride(f"{origin}: the header must be {','.join(OVERRIDE_COLUMNS)}")
    return tuple(_parse_override_row(row, origin, reader.line_num) for row in reader)


def _parse_override_row(row: dict[str, str], origin: str, line: int) -> BankHolidayOverride:
    try:
        return BankHolidayOverride(
            date=dt.date.fromisoformat(row["date"]),
            change=row["change"],
            name=row["name"],
            source=row["source"],
        )
    except (ValueError, TypeError) as error:
        raise InvalidOverride(f"{origin} line {line}: {error}") from None


@functools.cache
def shipped_overrides() -> tuple[BankHolidayOverride, ...]:
    """The overrides shipped with the code (cached: the file only changes with a release)."""
    with SHIPPED_OVERRIDES.open(newline="", encoding="utf-8") as file:
        return parse_overrides(file, SHIPPED_OVERRIDES.name)


def england_and_wales_bank_holidays(
    first_year: int, last_year: int, overrides: Iterable[BankHolidayOverride] = ()
) -> dict[dt.date, str]:
    """Bank holidays in England and Wales for the given years, as gov.uk lists them: weekdays only.

    The package also lists the weekend date (e.g. Christmas Day on Saturday 25 December 2021) next to its
    substitute day; we drop weekend dates so the result matches the official list exactly. Overrides are
    applied in order; adding an existing holiday or removing a missing one is a no-op, so an override stays
    harmless when a later package release catches up with it. Overrides outside the years are ignored.
    """
    # Imported here: it loads ~280 country modules, which a CLI refusing a bad date need not wait for.
    import holidays

    years = range(first_year, last_year + 1)
    package = holidays.country_holidays("GB", subdiv="ENG", years=years)
    found = {day: name for day, name in package.items() if day.year in years and day.weekday() < 5}
    for override in overrides:
        if override.date.year not in years:
            continue
        if override.change is Change.ADD:
            found[override.date] = override.name
        else:
            found.pop(override.date, None)
    return dict(sorted(found.items()))
