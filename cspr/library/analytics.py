"""The learning library in figures: what the reviews are about, year by year, and how fast a partnership
meets the statutory clock.

Every figure is one `ChartData`: the chart (`cspr.library.charts` draws it), the data table beside it and
the CSV download all come from the same numbers, so they cannot disagree. Entries come in already scoped
(`LibraryEntry.objects.visible_to(user)`); only CONFIRMED themes count, because a suggestion is the
tagger's guess until a person agrees. The statutory clock figures reuse the timeliness record that every
stage writes (`cspr.deadlines.clock.timeliness_summary`), so this page and the partnership's other
reports count "on time" the same way.
"""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import ExtractYear

from cspr.deadlines.clock import timeliness_summary

from . import vocabulary
from .models import EntryTheme, ThemeState

# How many themes "themes by year" draws: more lines than this cannot be told apart.
TOP_THEMES = 5
NOT_RECORDED = "Not recorded"
# A theme in a single review is not a trend: "rising" needs at least this many in the latest full year.
RISING_AT_LEAST = 2

# The statutory steps the partnership page reports, with the words the page uses for them.
NOTIFICATION = "notification"
RAPID_REVIEW = "rapid_review"
CLOCK_STEPS = {
    NOTIFICATION: "Notifications within 5 working days",
    RAPID_REVIEW: "Rapid reviews within 15 working days",
}


@dataclass(frozen=True)
class Series:
    label: str
    values: list


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[list]


@dataclass(frozen=True)
class ChartData:
    """One figure: `categories` along the axis, one or more `series` of numbers over them.

    `kind` is "bar", "horizontal" (long category names) or "line" (several series over years).
    `percent` charts run from 0 to 100. `csv` is the download when it needs plainer columns than the
    table shown on the page (numbers rather than "4 of 5").
    """

    name: str
    title: str
    category_label: str
    categories: list[str]
    series: list[Series]
    kind: str = "bar"
    percent: bool = False
    note: str = ""
    csv_table: Table | None = None
    display_table: Table | None = None

    @property
    def is_empty(self) -> bool:
        return not any(value for series in self.series for value in series.values)

    @property
    def is_wide(self) -> bool:
        """Several series or long category names need the page's width; one short series fits in half."""
        return len(self.series) > 1 or self.kind == "horizontal"

    @property
    def table(self) -> Table:
        """The data table shown beside the chart: a row per category, a column per series."""
        if self.display_table is not None:
            return self.display_table
        columns = [self.category_label, *(series.label for series in self.series)]
        rows = [
            [category, *(series.values[index] for series in self.series)]
            for index, category in enumerate(self.categories)
        ]
        return Table(columns, rows)

    @property
    def csv(self) -> Table:
        return self.csv_table or self.table

    def summary(self) -> str:
        """The chart in one or two sentences: the `alt` text of its image and the SVG's description."""
        if self.is_empty:
            return f"{self.title}: nothing to show yet."
        if self.percent:
            parts = [
                f"{series.label}: "
                + ", ".join(
                    f"{category} {value:.0f}%"
                    for category, value in zip(self.categories, series.values, strict=True)
                    if value is not None
                )
                for series in self.series
            ]
            return f"{self.title}. " + "; ".join(parts) + "."
        if len(self.series) == 1:
            counted = zip(self.categories, self.series[0].values, strict=True)
            return f"{self.title}. " + ", ".join(f"{category}: {value}" for category, value in counted) + "."
        totals = sorted(
            ((sum(series.values), series.label) for series in self.series),
            key=lambda item: (-item[0], item[1]),
        )
        span = f"{self.categories[0]} to {self.categories[-1]}"
        listed = ", ".join(f"{label} ({total})" for total, label in totals)
        return f"{self.title}, {span}. Reviews in those years: {listed}."


def _years(counts_by_year: dict) -> list[int]:
    """Every year from the first to the last with a count, so a year with none shows as a gap at zero."""
    known = [year for year in counts_by_year if year is not None]
    return list(range(min(known), max(known) + 1)) if known else []


def _not_known_note(count: int) -> str:
    if not count:
        return ""
    if count == 1:
        return "1 review with no year recorded is not shown."
    return f"{count} reviews with no year recorded are not shown."


def reviews_by_year(entries) -> ChartData:
    counts = dict(entries.order_by().values("year").annotate(n=Count("pk")).values_list("year", "n"))
    years = _years(counts)
    return ChartData(
        name="reviews-by-year",
        title="Reviews by year published",
        category_label="Year",
        categories=[str(year) for year in years],
        series=[Series("Reviews", [counts.get(year, 0) for year in years])],
        note=_not_known_note(counts.get(None, 0)),
    )


def _theme_counts(entries) -> dict[str, Counter]:
    """Confirmed themes: label -> Counter(year -> reviews)."""
    rows = (
        EntryTheme.objects.filter(entry__in=entries, state=ThemeState.CONFIRMED, entry__year__isnull=False)
        .order_by()
        .values_list("theme__label", "entry__year")
        .annotate(n=Count("pk"))
    )
    counts: dict[str, Counter] = defaultdict(Counter)
    for label, year, number in rows:
        counts[label][year] += number
    return counts


def themes_by_year(entries) -> ChartData:
    """The most frequent confirmed themes over the years, one line each."""
    counts = _theme_counts(entries)
    top = sorted(counts, key=lambda label: (-sum(counts[label].values()), label))[:TOP_THEMES]
    years = _years({year: 1 for label in top for year in counts[label]})
    return ChartData(
        name="themes-by-year",
        title=f"The {len(top) if top else TOP_THEMES} most frequent themes by year",
        category_label="Year",
        categories=[str(year) for year in years],
        series=[
            Series(label[:1].upper() + label[1:], [counts[label][year] for year in years]) for label in top
        ],
        kind="line",
    )


@dataclass(frozen=True)
class Rising:
    label: str
    latest: int
    previous_average: float
    year: int

    def sentence(self) -> str:
        reviews = "review" if self.latest == 1 else "reviews"
        average = f"{self.previous_average:g}" if self.previous_average else "none"
        return (
            f"{self.label[:1].upper()}{self.label[1:]}: {self.latest} {reviews} in {self.year}, "
            f"against an average of {average} a year in {self.year - 2} and {self.year - 1}"
        )


def latest_full_year(today: dt.date) -> int:
    """The last year that has ended: this year's figures are still coming in."""
    return today.year - 1


def rising_themes(entries, today: dt.date) -> list[Rising]:
    """Themes up in the latest full year on the average of the two years before, the biggest rise first.

    Counts of reviews, not shares, so that a reader can check each one against the table; and at least
    `RISING_AT_LEAST` reviews in the latest year, so that one review from nowhere is not called a rise.
    """
    year = latest_full_year(today)
    found = []
    for label, by_year in _theme_counts(entries).items():
        average = (by_year[year - 1] + by_year[year - 2]) / 2
        if by_year[year] >= RISING_AT_LEAST and by_year[year] > average:
            found.append(Rising(label, by_year[year], average, year))
    return sorted(found, key=lambda rise: (-(rise.latest - rise.previous_average), rise.label))


def _by_vocabulary(entries, field_name: str, labels: dict[str, str]) -> tuple[list[str], list[int]]:
    counts = dict(entries.order_by().values(field_name).annotate(n=Count("pk")).values_list(field_name, "n"))
    categories = list(labels.values())
    values = [counts.get(code, 0) for code in labels]
    unknown = sum(number for code, number in counts.items() if code not in labels)
    if unknown:
        categories.append(NOT_RECORDED)
        values.append(unknown)
    return categories, values


def age_bands(entries) -> ChartData:
    categories, values = _by_vocabulary(entries, "age_band", vocabulary.AGE_BANDS)
    return ChartData(
        name="age-bands",
        title="Reviews by the child's age",
        category_label="Age band",
        categories=categories,
        series=[Series("Reviews", values)],
        kind="horizontal",
    )


def harm(entries) -> ChartData:
    categories, values = _by_vocabulary(entries, "harm", vocabulary.HARMS)
    return ChartData(
        name="harm",
        title="Reviews by the harm to the child",
        category_label="Harm",
        categories=categories,
        series=[Series("Reviews", values)],
    )


def review_types(entries) -> ChartData:
    categories, values = _by_vocabulary(entries, "review_type", vocabulary.REVIEW_TYPES)
    return ChartData(
        name="review-types",
        title="Reviews by type",
        category_label="Type of review",
        categories=categories,
        series=[Series("Reviews", values)],
        kind="horizontal",
    )


def on_time(completions) -> ChartData:
    """Share of notifications and rapid reviews done within their statutory time, by the year done.

    `completions` are `StepCompletion`s already scoped to the reader and filtered to one partnership. A
    year with none of a step shows as no value, not as 0% on time.
    """
    years_done = sorted(
        set(
            completions.filter(step_code__in=CLOCK_STEPS)
            .annotate(done=ExtractYear("completed_on"))
            .order_by()
            .values_list("done", flat=True)
        )
    )
    figures = {
        (code, year): timeliness_summary(completions.filter(completed_on__year=year), code)
        for code in CLOCK_STEPS
        for year in years_done
    }

    def share(code, year):
        value = figures[(code, year)].share_on_time
        return None if value is None else round(value * 100, 1)

    def in_words(code, year):
        figure = figures[(code, year)]
        if not figure.total:
            return "None done"
        return f"{figure.on_time} of {figure.total} ({share(code, year):.0f}%)"

    display = Table(
        ["Year", *CLOCK_STEPS.values()],
        [[str(year), *(in_words(code, year) for code in CLOCK_STEPS)] for year in years_done],
    )
    csv_columns = ["Year"]
    for label in CLOCK_STEPS.values():
        csv_columns += [f"{label}: on time", f"{label}: done", f"{label}: share on time (%)"]
    csv_rows = []
    for year in years_done:
        row = [year]
        for code in CLOCK_STEPS:
            figure = figures[(code, year)]
            row += [figure.on_time, figure.total, share(code, year)]
        csv_rows.append(row)
    return ChartData(
        name="on-time",
        title="Statutory steps done on time, by year",
        category_label="Year",
        categories=[str(year) for year in years_done],
        series=[
            Series(label, [share(code, year) for year in years_done]) for code, label in CLOCK_STEPS.items()
        ],
        percent=True,
        display_table=display,
        csv_table=Table(csv_columns, csv_rows),
    )


LIBRARY_CHARTS = {
    "reviews-by-year": reviews_by_year,
    "themes-by-year": themes_by_year,
    "age-bands": age_bands,
    "harm": harm,
    "review-types": review_types,
}
CLOCK_CHARTS = {"on-time": on_time}
