"""England and Wales bank holidays 2018 to 2030, typed in from the gov.uk list (https://www.gov.uk/bank-holidays).

Independent of the `holidays` package on purpose: the tests compare the package (plus our overrides) with
this list, and count working days against it with a deliberately slow reference. Weekdays only, as gov.uk
lists them: when Christmas Day falls on a Saturday the list has the Monday and Tuesday substitute days.
"""

import datetime as dt

D = dt.date

OFFICIAL_BANK_HOLIDAYS = {
    # 2018: Easter Sunday 1 April
    D(2018, 1, 1), D(2018, 3, 30), D(2018, 4, 2), D(2018, 5, 7), D(2018, 5, 28), D(2018, 8, 27),
    D(2018, 12, 25), D(2018, 12, 26),
    # 2019: Easter Sunday 21 April
    D(2019, 1, 1), D(2019, 4, 19), D(2019, 4, 22), D(2019, 5, 6), D(2019, 5, 27), D(2019, 8, 26),
    D(2019, 12, 25), D(2019, 12, 26),
    # 2020: Easter Sunday 12 April; early May bank holiday moved to Friday 8 May (VE day);
    # Boxing Day on a Saturday, substitute Monday 28 December
    D(2020, 1, 1), D(2020, 4, 10), D(2020, 4, 13), D(2020, 5, 8), D(2020, 5, 25), D(2020, 8, 31),
    D(2020, 12, 25), D(2020, 12, 28),
    # 2021: Easter Sunday 4 April; Christmas on a Saturday, substitutes 27 and 28 December
    D(2021, 1, 1), D(2021, 4, 2), D(2021, 4, 5), D(2021, 5, 3), D(2021, 5, 31), D(2021, 8, 30),
    D(2021, 12, 27), D(2021, 12, 28),
    # 2022: New Year's Day substitute 3 January; Easter Sunday 17 April; spring bank holiday moved to
    # Thursday 2 June, Platinum Jubilee Friday 3 June; State Funeral Monday 19 September;
    # Christmas on a Sunday, substitute Tuesday 27 December
    D(2022, 1, 3), D(2022, 4, 15), D(2022, 4, 18), D(2022, 5, 2), D(2022, 6, 2), D(2022, 6, 3),
    D(2022, 8, 29), D(2022, 9, 19), D(2022, 12, 26), D(2022, 12, 27),
    # 2023: New Year's Day substitute 2 January; Easter Sunday 9 April; coronation Monday 8 May
    D(2023, 1, 2), D(2023, 4, 7), D(2023, 4, 10), D(2023, 5, 1), D(2023, 5, 8), D(2023, 5, 29),
    D(2023, 8, 28), D(2023, 12, 25), D(2023, 12, 26),
    # 2024: Easter Sunday 31 March
    D(2024, 1, 1), D(2024, 3, 29), D(2024, 4, 1), D(2024, 5, 6), D(2024, 5, 27), D(2024, 8, 26),
    D(2024, 12, 25), D(2024, 12, 26),
    # 2025: Easter Sunday 20 April
    D(2025, 1, 1), D(2025, 4, 18), D(2025, 4, 21), D(2025, 5, 5), D(2025, 5, 26), D(2025, 8, 25),
    D(2025, 12, 25), D(2025, 12, 26),
    # 2026: Easter Sunday 5 April; Boxing Day on a Saturday, substitute Monday 28 December
    D(2026, 1, 1), D(2026, 4, 3), D(2026, 4, 6), D(2026, 5, 4), D(2026, 5, 25), D(2026, 8, 31),
    D(2026, 12, 25), D(2026, 12, 28),
    # 2027: Easter Sunday 28 March; Christmas on a Saturday, substitutes 27 and 28 December
    D(2027, 1, 1), D(2027, 3, 26), D(2027, 3, 29), D(2027, 5, 3), D(2027, 5, 31), D(2027, 8, 30),
    D(2027, 12, 27), D(2027, 12, 28),
    # 2028: New Year's Day substitute 3 January; Easter Sunday 16 April
    D(2028, 1, 3), D(2028, 4, 14), D(2028, 4, 17), D(2028, 5, 1), D(2028, 5, 29), D(2028, 8, 28),
    D(2028, 12, 25), D(2028, 12, 26),
    # 2029: Easter Sunday 1 April
    D(2029, 1, 1), D(2029, 3, 30), D(2029, 4, 2), D(2029, 5, 7), D(2029, 5, 28), D(2029, 8, 27),
    D(2029, 12, 25), D(2029, 12, 26),
    # 2030: Easter Sunday 21 April
    D(2030, 1, 1), D(2030, 4, 19), D(2030, 4, 22), D(2030, 5, 6), D(2030, 5, 27), D(2030, 8, 26),
    D(2030, 12, 25), D(2030, 12, 26),
}  # fmt: skip

# Counting 20 working days from late December 2030 reaches into January 2031.
NEW_YEAR_2031 = D(2031, 1, 1)


def is_working_day_reference(day: dt.date) -> bool:
    """The slow, obvious rule, against the typed-in list."""
    return day.weekday() < 5 and day not in OFFICIAL_BANK_HOLIDAYS and day != NEW_YEAR_2031


def first_working_days_after(start: dt.date, count: int) -> list[dt.date]:
    """The first `count` working days after `start`, found by walking one day at a time."""
    found, day = [], start
    while len(found) < count:
        day += dt.timedelta(days=1)
        if is_working_day_reference(day):
            found.append(day)
    return found
