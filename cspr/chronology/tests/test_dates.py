"""Start dates as agencies write them: formats, precisions, errors, ordering and display."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cspr.chronology import dates
from cspr.chronology.dates import APPROXIMATE, DAY, MONTH, YEAR, DateError, parse_start_date, sort_key
from cspr.chronology.models import DatePrecision


@pytest.mark.parametrize(
    ("written", "on", "precision"),
    [
        ("22/05/2016", dt.date(2016, 5, 22), DAY),
        ("22-05-2016", dt.date(2016, 5, 22), DAY),
        ("22.05.2016", dt.date(2016, 5, 22), DAY),
        ("2/5/2016", dt.date(2016, 5, 2), DAY),
        ("2016-05-22", dt.date(2016, 5, 22), DAY),
        ("22 May 2016", dt.date(2016, 5, 22), DAY),
        ("22nd May 2016", dt.date(2016, 5, 22), DAY),
        ("22 Sept 2016", dt.date(2016, 9, 22), DAY),
        ("May 22, 2016", dt.date(2016, 5, 22), DAY),
        ("?22/05/2016", dt.date(2016, 5, 22), APPROXIMATE),
        ("22/05/2016?", dt.date(2016, 5, 22), APPROXIMATE),
        ("c. 22/05/2016", dt.date(2016, 5, 22), APPROXIMATE),
        ("c 22/05/2016", dt.date(2016, 5, 22), APPROXIMATE),
        ("circa 22 May 2016", dt.date(2016, 5, 22), APPROXIMATE),
        ("approx 22/05/2016", dt.date(2016, 5, 22), APPROXIMATE),
        ("Approx. 22/05/2016", dt.date(2016, 5, 22), APPROXIMATE),
        ("about 22/05/2016", dt.date(2016, 5, 22), APPROXIMATE),
        ("?22 May 2016", dt.date(2016, 5, 22), APPROXIMATE),
        ("May 2016", dt.date(2016, 5, 1), MONTH),
        ("may 2016", dt.date(2016, 5, 1), MONTH),
        ("Sep 2016", dt.date(2016, 9, 1), MONTH),
        ("05/2016", dt.date(2016, 5, 1), MONTH),
        ("5-2016", dt.date(2016, 5, 1), MONTH),
        ("2016-05", dt.date(2016, 5, 1), MONTH),
        ("?May 2016", dt.date(2016, 5, 1), MONTH),
        ("2016", dt.date(2016, 1, 1), YEAR),
        ("c. 2016", dt.date(2016, 1, 1), YEAR),
        ("  22 /05/ 2016 ", dt.date(2016, 5, 22), DAY),
    ],
)
def test_accepted_formats(written, on, precision):
    parsed = parse_start_date(written)
    assert (parsed.on, parsed.precision) == (on, precision)
    assert parsed.as_written == " ".join(written.split())


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("31/02/2021", "'31/02/2021' is not a real date"),
        ("29/02/2023", "'29/02/2023' is not a real date"),
        ("13/2021", "'13/2021' is not a real date"),
        ("22/05/16", "'22/05/16' needs a year of 4 digits, like 2016"),
        ("16", "'16' needs a year of 4 digits, like 2016"),
        ("1850", "'1850' is before 1900: check the year"),
        ("", "enter the date"),
        (
            "next Tuesday",
            "'next Tuesday' is not a date in a format we accept, such as " + dates.ACCEPTED_FORMATS,
        ),
        (
            "22 Maybe 2016",
            "'22 Maybe 2016' is not a date in a format we accept, such as " + dates.ACCEPTED_FORMATS,
        ),
        ("?", "'?' is not a date in a format we accept, such as " + dates.ACCEPTED_FORMATS),
    ],
)
def test_errors_quote_the_text(written, message):
    with pytest.raises(DateError) as error:
        parse_start_date(written)
    assert str(error.value) == message


def test_leap_day_is_real():
    assert parse_start_date("29/02/2024").on == dt.date(2024, 2, 29)


def test_future_dates_refused_only_when_today_is_given():
    today = dt.date(2026, 11, 26)
    assert parse_start_date("27/11/2026").on == dt.date(2026, 11, 27)
    with pytest.raises(DateError, match="'27/11/2026' is in the future"):
        parse_start_date("27/11/2026", today=today)
    assert parse_start_date("November 2026", today=today).precision == MONTH
    with pytest.raises(DateError, match="is in the future"):
        parse_start_date("December 2026", today=today)


def test_precisions_are_the_models_choices():
    assert set(dates.PRECISIONS) == set(DatePrecision.values)


def test_exact_date_refuses_uncertain_dates():
    assert dates.parse_exact_date("24/05/2016") == dt.date(2016, 5, 24)
    for written in ("?24/05/2016", "May 2016", "2016"):
        with pytest.raises(DateError, match=f"'{written}' must be an exact day, like 22/05/2016"):
            dates.parse_exact_date(written)


@pytest.mark.parametrize(
    ("written", "time"),
    [
        ("14:30", dt.time(14, 30)),
        ("9:05", dt.time(9, 5)),
        ("14.30", dt.time(14, 30)),
        ("14:30:00", dt.time(14, 30)),
    ],
)
def test_times(written, time):
    assert dates.parse_time(written) == time


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("25:00", "'25:00' is not a real time: use the 24-hour clock, like 14:30"),
        ("2.30pm", "'2.30pm' is not a time: use the 24-hour clock, like 14:30"),
        ("noon", "'noon' is not a time: use the 24-hour clock, like 14:30"),
    ],
)
def test_time_errors(written, message):
    with pytest.raises(DateError) as error:
        dates.parse_time(written)
    assert str(error.value) == message


def test_uncertain_dates_sort_at_the_start_of_their_period_less_certain_first():
    written = ["22/05/2016", "?22/05/2016", "May 2016", "01/05/2016", "2016", "30/04/2016", "June 2016"]
    keys = {text: sort_key(parse_start_date(text).on, parse_start_date(text).precision) for text in written}
    ordered = sorted(written, key=keys.get)
    assert ordered == [
        "2016",
        "30/04/2016",
        "May 2016",
        "01/05/2016",
        "?22/05/2016",
        "22/05/2016",
        "June 2016",
    ]


def test_on_the_same_day_untimed_entries_come_before_timed_ones():
    day = dt.date(2016, 5, 22)
    keys = [sort_key(day, DAY, dt.time(9, 0)), sort_key(day, DAY, None), sort_key(day, DAY, dt.time(8, 0))]
    assert sorted(keys) == [keys[1], keys[2], keys[0]]


@pytest.mark.parametrize(
    ("precision", "shown"),
    [(DAY, "22 May 2016"), (APPROXIMATE, "about 22 May 2016"), (MONTH, "May 2016"), (YEAR, "2016")],
)
def test_display(precision, shown):
    on = dt.date(2016, 5, 22) if precision in (DAY, APPROXIMATE) else dt.date(2016, 5, 1)
    if precision == YEAR:
        on = dt.date(2016, 1, 1)
    assert dates.display_date(on, precision) == shown


def test_periods():
    assert dates.period(dt.date(2016, 2, 1), MONTH) == (dt.date(2016, 2, 1), dt.date(2016, 2, 29))
    assert dates.period(dt.date(2016, 12, 1), MONTH) == (dt.date(2016, 12, 1), dt.date(2016, 12, 31))
    assert dates.period(dt.date(2016, 1, 1), YEAR) == (dt.date(2016, 1, 1), dt.date(2016, 12, 31))
    assert dates.period(dt.date(2016, 5, 22), APPROXIMATE) == (dt.date(2016, 5, 15), dt.date(2016, 5, 29))
    assert dates.period(dt.date(2016, 5, 22), DAY) == (dt.date(2016, 5, 22), dt.date(2016, 5, 22))


real_days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


@given(real_days)
def test_every_real_day_reads_back_in_every_day_format(day):
    for written in (f"{day:%d/%m/%Y}", f"{day:%d-%m-%Y}", day.isoformat(), dates.display_date(day, DAY)):
        assert parse_start_date(written) == dates.StartDate(day, DAY, written)
    assert parse_start_date(f"?{day:%d/%m/%Y}").precision == APPROXIMATE


@given(real_days)
def test_display_reads_back_for_every_precision(day):
    for precision, on in (
        (MONTH, day.replace(day=1)),
        (YEAR, day.replace(month=1, day=1)),
        (APPROXIMATE, day),
    ):
        parsed = parse_start_date(dates.display_date(on, precision))
        assert (parsed.on, parsed.precision) == (on, precision)


@given(real_days, st.sampled_from(dates.PRECISIONS))
def test_an_entry_sorts_within_its_period_and_no_later_than_exact_days_it_may_mean(day, precision):
    on = {MONTH: day.replace(day=1), YEAR: day.replace(month=1, day=1)}.get(precision, day)
    first, last = dates.period(on, precision)
    assert first <= on <= last
    if precision in (MONTH, YEAR):
        assert sort_key(on, precision) < sort_key(on, DAY)


@given(st.integers(1, 31), st.integers(1, 12), st.integers(1900, 2100))
def test_numeric_days_parse_exactly_when_the_date_is_real(day, month, year):
    written = f"{day:02d}/{month:02d}/{year}"
    try:
        expected = dt.date(year, month, day)
    except ValueError:
        with pytest.raises(DateError, match=f"'{written}' is not a real date"):
            parse_start_date(written)
    else:
        assert parse_start_date(written).on == expected
