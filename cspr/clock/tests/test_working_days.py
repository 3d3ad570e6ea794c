"""Working days: exhaustive agreement with a slow reference, named cases, properties and the range edges."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cspr.clock import (
    DateOutOfRange,
    add_working_days,
    default_calendar,
    is_working_day,
    working_days_between,
)

from .official_bank_holidays import first_working_days_after, is_working_day_reference

D = dt.date
EVERY_DAY_2018_TO_2030 = [
    D(2018, 1, 1) + dt.timedelta(days=i) for i in range((D(2030, 12, 31) - D(2018, 1, 1)).days + 1)
]


def test_every_start_2018_to_2030_and_n_0_to_20_agrees_with_the_reference():
    calendar = default_calendar()
    for start in EVERY_DAY_2018_TO_2030:
        expected = [start, *first_working_days_after(start, 20)]
        assert [calendar.add_working_days(start, n) for n in range(21)] == expected, start
        assert [calendar.working_days_between(start, day) for day in expected[1:]] == list(range(1, 21)), (
            start
        )


def test_every_day_2018_to_2030_is_a_working_day_exactly_when_the_reference_says_so():
    calendar = default_calendar()
    assert [calendar.is_working_day(day) for day in EVERY_DAY_2018_TO_2030] == [
        is_working_day_reference(day) for day in EVERY_DAY_2018_TO_2030
    ]


def test_notification_5_working_days_from_friday_28_april_2023_skips_two_bank_holiday_mondays():
    assert add_working_days(D(2023, 4, 28), 5) == D(2023, 5, 9)
    assert working_days_between(D(2023, 4, 28), D(2023, 5, 9)) == 5


def test_one_working_day_after_a_saturday_is_the_monday():
    assert add_working_days(D(2023, 6, 3), 1) == D(2023, 6, 5)


def test_one_working_day_after_the_saturday_before_a_bank_holiday_monday_is_the_tuesday():
    assert add_working_days(D(2023, 5, 6), 1) == D(2023, 5, 9)


def test_day_0_is_the_start_even_on_a_weekend():
    assert add_working_days(D(2023, 6, 3), 0) == D(2023, 6, 3)


def test_negative_n_counts_back():
    assert add_working_days(D(2023, 6, 3), -1) == D(2023, 6, 2)  # Saturday back to Friday
    assert add_working_days(D(2023, 5, 9), -1) == D(2023, 5, 5)  # over the coronation Monday
    assert add_working_days(D(2023, 1, 3), -2) == D(2022, 12, 29)  # over New Year and Christmas substitutes


def test_working_days_between_is_negative_backwards_and_zero_on_the_same_day():
    assert working_days_between(D(2023, 5, 9), D(2023, 4, 28)) == -5
    assert working_days_between(D(2023, 5, 9), D(2023, 5, 9)) == 0
    assert working_days_between(D(2023, 6, 3), D(2023, 6, 4)) == 0  # a weekend


def test_christmas_2022_to_new_year_2023():
    assert add_working_days(D(2022, 12, 23), 1) == D(2022, 12, 28)
    assert working_days_between(D(2022, 12, 23), D(2023, 1, 3)) == 4  # 28, 29, 30 December and 3 January


days_in_range = st.dates(min_value=D(2012, 1, 1), max_value=D(2034, 12, 31))
# No example database (nothing written into the working tree) and no deadline (the first example may build the
# default calendar, which takes a few hundred milliseconds).
quietly = settings(database=None, deadline=None)


@quietly
@given(day=days_in_range, n=st.integers(min_value=0, max_value=250))
def test_working_days_between_undoes_add_working_days(day, n):
    assert working_days_between(day, add_working_days(day, n)) == n


# From 2013, so that 250 working days back stays inside the known range.
@quietly
@given(
    day=st.dates(min_value=D(2013, 1, 1), max_value=D(2035, 12, 31)).filter(is_working_day),
    n=st.integers(-250, 0),
)
def test_working_days_between_undoes_add_working_days_backwards_from_a_working_day(day, n):
    assert working_days_between(day, add_working_days(day, n)) == n


@quietly
@given(a=days_in_range, b=days_in_range.filter(is_working_day))
def test_add_working_days_reaches_any_later_working_day(a, b):
    if b > a:
        assert add_working_days(a, working_days_between(a, b)) == b


def test_precomputed_answers_agree_with_add_working_days_and_stop_at_the_range():
    calendar = default_calendar()
    for n in (-7, 1, 5, 15):
        answers = calendar.answers(n)
        assert [answers[day] for day in EVERY_DAY_2018_TO_2030] == [
            calendar.add_working_days(day, n) for day in EVERY_DAY_2018_TO_2030
        ]
    assert D(2035, 12, 20) in calendar.answers(5)
    assert D(2035, 12, 28) not in calendar.answers(5)


@pytest.mark.parametrize(
    "ask",
    [
        lambda: add_working_days(D(2011, 12, 30), 1),
        lambda: add_working_days(D(2036, 1, 2), 1),
        lambda: working_days_between(D(2023, 1, 1), D(2040, 1, 1)),
        lambda: is_working_day(D(1999, 12, 31)),
    ],
    ids=["add_before", "add_after", "between", "is_working_day"],
)
def test_dates_outside_the_known_years_are_refused_not_guessed(ask):
    with pytest.raises(DateOutOfRange, match=r"is outside the known range: the bank holiday calendar covers"):
        ask()


def test_out_of_range_message_names_the_date():
    with pytest.raises(DateOutOfRange, match="^2036-01-02 is outside the known range"):
        add_working_days(D(2036, 1, 2), 1)


def test_counting_past_the_last_known_year_is_refused_naming_the_start_and_count():
    assert add_working_days(D(2035, 12, 27), 1) == D(2035, 12, 28)
    with pytest.raises(DateOutOfRange, match="^20 working days from 2035-12-20 is outside the known range"):
        add_working_days(D(2035, 12, 20), 20)
    with pytest.raises(DateOutOfRange, match="^-5 working days from 2012-01-04"):
        add_working_days(D(2012, 1, 4), -5)


def test_out_of_range_is_a_value_error_for_forms():
    assert issubclass(DateOutOfRange, ValueError)
