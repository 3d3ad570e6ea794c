"""The figures behind the library analytics: what is counted (public reviews, confirmed themes), which
themes are on the rise, and the statutory clock shares from the timeliness record."""

import datetime as dt

import pytest

from conftest import make_incident
from cspr.deadlines.clock import record_step_completion
from cspr.deadlines.models import StepCompletion
from cspr.library import analytics
from cspr.library.models import EntryStatus, LibraryEntry, Theme

from .records import make_entry

# Monday 3 March 2025: a notification sent by Monday 10 March is within 5 working days.
AWARE = dt.date(2025, 3, 3)
TODAY = dt.date(2026, 6, 1)


def notified_incident(partnership, reference, notified_on, *, rapid_review_on=None):
    """An incident whose steps were recorded through the statutory clock, as the stages record them."""
    incident = make_incident(partnership, reference=reference, aware_on=AWARE, notified_on=notified_on)
    record_step_completion(incident, "notification", notified_on, actor=None)
    if rapid_review_on is not None:
        record_step_completion(incident, "rapid_review", rapid_review_on, actor=None)
    return incident


def public():
    return LibraryEntry.objects.public()


@pytest.mark.django_db
def test_reviews_by_year_fills_the_years_between_and_says_how_many_have_no_year():
    make_entry(None, title="A", year=2021)
    make_entry(None, title="B", year=2023)
    make_entry(None, title="C", year=2023)
    make_entry(None, title="D", year=None)

    chart = analytics.reviews_by_year(public())

    assert chart.categories == ["2021", "2022", "2023"]
    assert chart.series[0].values == [1, 0, 2]
    assert chart.note == "1 review with no year recorded is not shown."
    assert chart.table.rows == [["2021", 1], ["2022", 0], ["2023", 2]]


@pytest.mark.django_db
def test_only_public_reviews_are_counted_when_given_public_entries(partnership):
    make_entry(None, title="Public", year=2024)
    make_entry(partnership, title="Draft", year=2024, status=EntryStatus.DRAFT)

    assert analytics.reviews_by_year(public()).series[0].values == [1]


@pytest.mark.django_db
def test_themes_by_year_count_confirmed_themes_only_and_draw_the_most_frequent():
    make_entry(None, title="A", year=2023, themes=["neglect", "domestic abuse"])
    make_entry(None, title="B", year=2024, themes=["neglect"], suggested={"parental mental health": ["x"]})
    make_entry(None, title="C", year=2024, themes=["neglect", "domestic abuse"])

    chart = analytics.themes_by_year(public())

    assert [series.label for series in chart.series] == ["Neglect", "Domestic abuse"]
    assert chart.categories == ["2023", "2024"]
    assert chart.series[0].values == [1, 2]
    assert chart.series[1].values == [1, 1]
    assert chart.kind == "line"


@pytest.mark.django_db
def test_themes_by_year_draws_at_most_five_themes():
    labels = list(Theme.objects.values_list("label", flat=True)[:6])
    for index, label in enumerate(labels):
        for copy in range(6 - index):
            make_entry(None, title=f"{label} {copy}", year=2024, themes=[label])

    chart = analytics.themes_by_year(public())

    assert chart.title == "The 5 most frequent themes by year"
    assert [series.label.lower() for series in chart.series] == [label.lower() for label in labels[:5]]


@pytest.mark.django_db
def test_a_theme_is_rising_when_the_latest_full_year_beats_the_average_of_the_two_before():
    for year, count in ((2023, 1), (2024, 2), (2025, 3), (2026, 9)):
        for copy in range(count):
            make_entry(None, title=f"Neglect {year} {copy}", year=year, themes=["neglect"])
    for year in (2023, 2024, 2025):
        make_entry(None, title=f"Flat {year}", year=year, themes=["domestic abuse"])

    rising = analytics.rising_themes(public(), TODAY)

    assert [rise.label for rise in rising] == ["neglect"]
    assert (
        rising[0].sentence()
        == "Neglect: 3 reviews in 2025, against an average of 1.5 a year in 2023 and 2024"
    )


@pytest.mark.django_db
def test_a_theme_new_in_the_latest_full_year_is_rising_from_none_once_in_two_reviews():
    make_entry(None, title="New 1", year=2025, themes=["neglect"])
    make_entry(None, title="New 2", year=2025, themes=["neglect"])
    make_entry(None, title="Once", year=2025, themes=["domestic abuse"])

    (rise,) = analytics.rising_themes(public(), TODAY)

    assert rise.sentence() == "Neglect: 2 reviews in 2025, against an average of none a year in 2023 and 2024"


@pytest.mark.django_db
def test_age_bands_harm_and_types_follow_the_vocabulary_with_not_recorded_last():
    make_entry(None, title="A", age_band="under_1", harm="death", review_type="scr")
    make_entry(None, title="B", age_band="under_1", harm="", review_type="cspr")
    make_entry(None, title="C", age_band="", harm="serious_harm", review_type="cspr")

    ages = analytics.age_bands(public())
    harms = analytics.harm(public())
    types = analytics.review_types(public())

    assert ages.categories == ["Under 1", "1 to 4", "5 to 10", "11 to 15", "16 to 17", "Not recorded"]
    assert ages.series[0].values == [2, 0, 0, 0, 0, 1]
    assert harms.table.rows == [["Death", 1], ["Serious harm", 1], ["Not recorded", 1]]
    assert dict(zip(types.categories, types.series[0].values, strict=True))["Serious case review"] == 1
    assert "Not recorded" not in types.categories


@pytest.mark.django_db
def test_on_time_shares_come_from_the_timeliness_record_by_the_year_done(partnership):
    # 7 March is 4 working days after awareness (on time); 14 March is 9 (late).
    notified_incident(partnership, "2025/001", dt.date(2025, 3, 7), rapid_review_on=dt.date(2025, 3, 20))
    notified_incident(partnership, "2025/002", dt.date(2025, 3, 14))

    chart = analytics.on_time(StepCompletion.objects.filter(partnership=partnership))

    assert chart.categories == ["2025"]
    assert [series.values for series in chart.series] == [[50.0], [100.0]]
    assert chart.table.rows == [["2025", "1 of 2 (50%)", "1 of 1 (100%)"]]
    assert chart.csv.rows == [[2025, 1, 2, 50.0, 1, 1, 100.0]]
    assert chart.summary() == (
        "Statutory steps done on time, by year. Notifications within 5 working days: 2025 50%; "
        "Rapid reviews within 15 working days: 2025 100%."
    )


@pytest.mark.django_db
def test_a_year_without_a_step_is_no_value_not_zero_percent(partnership):
    notified_incident(partnership, "2025/001", dt.date(2025, 3, 7))

    chart = analytics.on_time(StepCompletion.objects.filter(partnership=partnership))

    assert chart.series[1].values == [None]
    assert chart.table.rows[0][2] == "None done"


@pytest.mark.django_db
def test_with_nothing_recorded_every_chart_is_empty_and_says_so(partnership):
    for build in analytics.LIBRARY_CHARTS.values():
        chart = build(public())
        assert chart.is_empty
        assert chart.summary().endswith("nothing to show yet.")
    assert analytics.on_time(StepCompletion.objects.none()).is_empty
