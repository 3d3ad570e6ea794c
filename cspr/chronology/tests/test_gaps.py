"""Gaps: periods with no contact from any agency longer than the threshold."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cspr.chronology.gaps import Gap, covered, find_gaps


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def test_a_gap_longer_than_the_threshold_is_found_and_described():
    periods = [
        covered(day("2016-01-10"), "day"),
        covered(day("2016-03-03"), "day"),
        covered(day("2016-07-15"), "day"),
    ]
    gaps = find_gaps(periods, 90)
    assert gaps == [Gap(day("2016-03-03"), day("2016-07-15"))]
    assert gaps[0].days == 134
    assert gaps[0].describe() == "No contact from any agency for 134 days: 3 March 2016 to 15 July 2016"


def test_exactly_the_threshold_is_not_a_gap():
    periods = [covered(day("2016-01-01"), "day"), covered(day("2016-03-31"), "day")]
    assert find_gaps(periods, 90) == []
    assert find_gaps(periods, 89) == [Gap(day("2016-01-01"), day("2016-03-31"))]


def test_order_of_entries_does_not_matter_and_nothing_before_the_first_or_after_the_last():
    periods = [covered(day("2017-01-01"), "day"), covered(day("2016-01-01"), "day")]
    assert find_gaps(periods, 30) == [Gap(day("2016-01-01"), day("2017-01-01"))]
    assert find_gaps([covered(day("2016-01-01"), "day")], 30) == []
    assert find_gaps([], 30) == []


def test_uncertain_dates_cover_their_whole_period():
    periods = [
        covered(day("2016-03-01"), "day"),
        covered(day("2016-05-01"), "month"),
        covered(day("2016-09-30"), "day"),
    ]
    assert find_gaps(periods, 90) == [Gap(day("2016-05-31"), day("2016-09-30"))]
    # A year-only entry: no gap may be claimed anywhere in that year.
    periods = [
        covered(day("2016-01-05"), "day"),
        covered(day("2016-01-01"), "year"),
        covered(day("2016-12-20"), "day"),
    ]
    assert find_gaps(periods, 30) == []


def test_an_approximate_day_covers_a_week_either_side():
    periods = [covered(day("2016-01-01"), "day"), covered(day("2016-04-08"), "approximate")]
    assert find_gaps(periods, 90) == [Gap(day("2016-01-01"), day("2016-04-01"))]


def test_an_entry_with_an_end_date_covers_until_then():
    periods = [covered(day("2016-01-01"), "day", day("2016-06-30")), covered(day("2016-08-01"), "day")]
    assert find_gaps(periods, 30) == [Gap(day("2016-06-30"), day("2016-08-01"))]
    assert find_gaps(periods, 32) == []


def test_a_long_entry_hides_the_short_ones_inside_it():
    periods = [
        covered(day("2016-01-01"), "day", day("2016-12-31")),
        covered(day("2016-02-01"), "day"),
        covered(day("2017-06-01"), "day"),
    ]
    assert find_gaps(periods, 90) == [Gap(day("2016-12-31"), day("2017-06-01"))]


def test_threshold_must_be_positive():
    with pytest.raises(ValueError, match="at least one day"):
        find_gaps([], 0)


@given(
    st.lists(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 1, 1)), max_size=40),
    st.integers(1, 400),
)
def test_gaps_are_exactly_the_long_stretches_between_consecutive_days(days, threshold):
    expected = [
        Gap(first, second)
        for first, second in zip(sorted(days), sorted(days)[1:], strict=False)
        if (second - first).days > threshold
    ]
    assert find_gaps([covered(on, "day") for on in days], threshold) == expected
