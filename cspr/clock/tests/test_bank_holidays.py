"""The bank holiday list: the `holidays` package and our overrides against the typed-in gov.uk list."""

import datetime as dt

import holidays
import pytest

from cspr.clock import (
    BankHolidayOverride,
    Change,
    InvalidOverride,
    england_and_wales_bank_holidays,
    england_calendar,
    is_working_day,
    shipped_overrides,
)
from cspr.clock.bank_holidays import parse_overrides

from .official_bank_holidays import OFFICIAL_BANK_HOLIDAYS

D = dt.date


def bank_holidays_2018_to_2030(overrides=()):
    return set(england_and_wales_bank_holidays(2018, 2030, overrides))


def test_holidays_package_alone_matches_the_official_list_2018_to_2030():
    package = holidays.country_holidays("GB", subdiv="ENG", years=range(2018, 2031))
    assert {day for day in package if day.weekday() < 5} == OFFICIAL_BANK_HOLIDAYS


def test_package_with_shipped_overrides_matches_the_official_list_2018_to_2030():
    assert bank_holidays_2018_to_2030(shipped_overrides()) == OFFICIAL_BANK_HOLIDAYS


def test_weekend_dates_the_package_lists_are_dropped():
    # The package lists Christmas Day on Saturday 25 December 2021 as well as its Monday substitute.
    assert D(2021, 12, 25) in holidays.country_holidays("GB", subdiv="ENG", years=2021)
    assert D(2021, 12, 25) not in bank_holidays_2018_to_2030()


@pytest.mark.parametrize(
    "day",
    [D(2022, 6, 3), D(2022, 9, 19), D(2023, 5, 8)],
    ids=["platinum_jubilee", "state_funeral_of_queen_elizabeth_ii", "coronation_of_king_charles_iii"],
)
def test_one_off_bank_holidays_are_not_working_days(day):
    assert day.weekday() < 5
    assert not is_working_day(day)


def test_spring_bank_holiday_2022_moved_to_thursday_2_june():
    assert not is_working_day(D(2022, 6, 2))
    assert is_working_day(D(2022, 5, 30))


def test_early_may_bank_holiday_2020_moved_to_ve_day_friday_8_may():
    assert not is_working_day(D(2020, 5, 8))
    assert is_working_day(D(2020, 5, 4))


def test_diamond_jubilee_2012_and_the_moved_spring_bank_holiday():
    assert not is_working_day(D(2012, 6, 4))
    assert not is_working_day(D(2012, 6, 5))
    assert is_working_day(D(2012, 5, 28))


@pytest.mark.parametrize(
    "good_friday, easter_monday", [(D(2024, 3, 29), D(2024, 4, 1)), (D(2025, 4, 18), D(2025, 4, 21))]
)
def test_good_friday_and_easter_monday_are_not_working_days(good_friday, easter_monday):
    assert not is_working_day(good_friday)
    assert not is_working_day(easter_monday)
    assert is_working_day(good_friday - dt.timedelta(days=1))
    assert is_working_day(easter_monday + dt.timedelta(days=1))


@pytest.mark.parametrize(
    "substitute",
    [D(2020, 12, 28), D(2021, 12, 27), D(2021, 12, 28), D(2022, 12, 27), D(2026, 12, 28), D(2027, 12, 28)],
)
def test_christmas_and_boxing_day_substitute_days_are_not_working_days(substitute):
    assert not is_working_day(substitute)


@pytest.mark.parametrize("substitute", [D(2022, 1, 3), D(2023, 1, 2), D(2028, 1, 3)])
def test_new_years_day_substitute_days_are_not_working_days(substitute):
    assert not is_working_day(substitute)


def test_christmas_2022_on_sunday_gives_monday_and_tuesday_off():
    assert [is_working_day(D(2022, 12, day)) for day in (23, 26, 27, 28)] == [True, False, False, True]


def test_shipped_overrides_file_parses_and_agrees_with_the_package():
    overrides = shipped_overrides()
    assert {o.date for o in overrides if o.change is Change.ADD} >= {
        D(2022, 6, 3),
        D(2022, 9, 19),
        D(2023, 5, 8),
    }
    with_overrides = england_and_wales_bank_holidays(2012, 2035, overrides)
    assert with_overrides.keys() == england_and_wales_bank_holidays(2012, 2035).keys()


def test_an_added_override_is_a_bank_holiday_and_a_removed_one_is_not():
    added = BankHolidayOverride(D(2029, 6, 1), Change.ADD, "One-off bank holiday", "test")
    removed = BankHolidayOverride(D(2029, 5, 28), Change.REMOVE, "Spring bank holiday moved", "test")
    calendar = england_calendar([added, removed])
    assert not calendar.is_working_day(D(2029, 6, 1))
    assert calendar.is_working_day(D(2029, 5, 28))
    assert is_working_day(D(2029, 6, 1))  # the default calendar is untouched


def test_calendars_are_cached_on_their_overrides():
    added = BankHolidayOverride(D(2029, 6, 1), Change.ADD, "One-off bank holiday", "test")
    assert england_calendar([added]) is england_calendar((added,))
    assert england_calendar([added]) is not england_calendar()


def test_redundant_overrides_are_harmless():
    again = BankHolidayOverride(D(2023, 5, 8), Change.ADD, "Coronation", "test")
    missing = BankHolidayOverride(D(2023, 5, 9), Change.REMOVE, "Not a bank holiday", "test")
    assert bank_holidays_2018_to_2030([again, missing]) == OFFICIAL_BANK_HOLIDAYS


def test_override_on_a_weekend_is_refused():
    with pytest.raises(InvalidOverride, match="2023-05-06 is a Saturday"):
        BankHolidayOverride(D(2023, 5, 6), "add", "Typo", "test")


def test_override_change_must_be_add_or_remove():
    with pytest.raises(InvalidOverride, match="'move' is not a bank holiday change"):
        BankHolidayOverride(D(2023, 5, 5), "move", "Typo", "test")


def test_override_change_given_as_text_becomes_a_change():
    assert BankHolidayOverride(D(2023, 5, 5), "add", "x", "test").change is Change.ADD


def test_override_file_errors_name_the_line():
    lines = ["date,change,name,source\n", "2023-05-05,add,Fine,test\n", "2023-02-30,add,Bad,test\n"]
    with pytest.raises(InvalidOverride, match="extra.csv line 3"):
        parse_overrides(lines, "extra.csv")


def test_override_file_needs_the_header():
    with pytest.raises(InvalidOverride, match="the header must be date,change,name,source"):
        parse_overrides(["2023-05-05,add,Fine,test\n"], "extra.csv")
