"""The timeline picture of the integrated chronology: contacts per agency over time, as SVG.

One row per agency, one column per month (per quarter or year when the chronology spans many years), a bar
whose height grows with the number of entries in that period, and a red diamond above it where the period
holds a key practice episode. Rendered on the server with presentation attributes only (fill, stroke,
font-size): the Content Security Policy forbids inline styles. It is an image (`role="img"`, with a
<title> and a <desc> that says what it shows) and the page gives the same counts as a table
(`Timeline.table()`). Plain Python: text is escaped with `html.escape`.
"""

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape

from .dates import MONTH_NAMES

MAX_COLUMNS = 180
WIDTH = 960
LABEL_WIDTH = 230
TOP = 34
ROW_HEIGHT = 30
LEGEND_HEIGHT = 44
BAR_COLOUR = "#1d70b8"  # GOV.UK blue
KEY_COLOUR = "#d4351c"  # GOV.UK red
TEXT_COLOUR = "#0b0c0c"
GRID_COLOUR = "#b1b4b6"
FONT = 'font-family="Arial, sans-serif"'


@dataclass
class Timeline:
    agencies: list[str]
    first: dt.date
    last: dt.date
    months_per_bin: int
    counts: Counter = field(default_factory=Counter)  # (agency, bin) -> entries
    key_counts: Counter = field(default_factory=Counter)  # (agency, bin) -> key practice episodes
    year_counts: Counter = field(default_factory=Counter)  # (agency, year) -> entries

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def key_total(self) -> int:
        return sum(self.key_counts.values())

    @property
    def bins(self) -> int:
        return _bin(self.last, self.first, self.months_per_bin) + 1

    def bin_label(self, index: int) -> str:
        month = _add_months(self.first, index * self.months_per_bin)
        if self.months_per_bin == 12:
            return str(month.year)
        if self.months_per_bin == 3:
            return f"{MONTH_NAMES[month.month - 1][:3]} to {MONTH_NAMES[month.month + 1][:3]} {month.year}"
        return f"{MONTH_NAMES[month.month - 1]} {month.year}"

    def svg(self, *, title: str = "Contacts per agency over time", element_id: str = "timeline") -> str:
        plot_width = WIDTH - LABEL_WIDTH - 10
        column = plot_width / self.bins
        height = TOP + ROW_HEIGHT * len(self.agencies) + LEGEND_HEIGHT
        peak = max(self.counts.values(), default=1)
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {height}" '
            f'width="100%" aria-labelledby="{element_id}-title {element_id}-desc" '
            f'class="chronology-timeline" {FONT} font-size="14" fill="{TEXT_COLOUR}">',
            f'<title id="{element_id}-title">{escape(title)}</title>',
            f'<desc id="{element_id}-desc">{escape(self.description())}</desc>',
        ]
        parts += self._year_lines(column, height - LEGEND_HEIGHT)
        for row, agency in enumerate(self.agencies):
            y = TOP + row * ROW_HEIGHT
            parts.append(
                f'<text x="{LABEL_WIDTH - 8}" y="{y + ROW_HEIGHT - 10}" text-anchor="end">'
                f"{escape(_shorten(agency, 30))}</text>"
            )
            parts.append(
                f'<line x1="{LABEL_WIDTH}" y1="{y + ROW_HEIGHT - 4}" x2="{WIDTH - 10}" '
                f'y2="{y + ROW_HEIGHT - 4}" stroke="{GRID_COLOUR}" stroke-width="1"/>'
            )
            parts += self._marks(agency, y, column, peak)
        parts += self._legend(height - LEGEND_HEIGHT + 12)
        parts.append("</svg>")
        return "".join(parts)

    def description(self) -> str:
        unit = {1: "month", 3: "quarter", 12: "year"}[self.months_per_bin]
        if not self.agencies:
            return "No entries to show."
        busiest, busiest_count = max(
            (
                (agency, sum(self.year_counts[(agency, year)] for year in self.years()))
                for agency in self.agencies
            ),
            key=lambda item: item[1],
        )
        return (
            f"Entries per {unit} for {len(self.agencies)} agenc{'y' if len(self.agencies) == 1 else 'ies'} "
            f"from {MONTH_NAMES[self.first.month - 1]} {self.first.year} to "
            f"{MONTH_NAMES[self.last.month - 1]} {self.last.year}: {self.total} entries, of which "
            f"{self.key_total} key practice episodes. Most entries: {busiest} ({busiest_count}). "
            "The table that follows gives the entries of each agency per year."
        )

    def years(self) -> list[int]:
        return list(range(self.first.year, self.last.year + 1))

    def table(self) -> tuple[list[str], list[tuple[str, list[int], int, int]]]:
        """The table alternative: a column per year; a row per agency with its counts, total and key
        practice episodes, then a row of totals."""
        years = self.years()
        rows = []
        for agency in self.agencies:
            counts = [self.year_counts[(agency, year)] for year in years]
            key = sum(count for (name, _), count in self.key_counts.items() if name == agency)
            rows.append((agency, counts, sum(counts), key))
        totals = [sum(row[1][index] for row in rows) for index in range(len(years))]
        rows.append(("All agencies", totals, sum(totals), self.key_total))
        return [str(year) for year in years], rows

    def _year_lines(self, column: float, bottom: int) -> list[str]:
        parts = []
        years = self.years()
        step = max(1, round(len(years) / max(1, (WIDTH - LABEL_WIDTH) // 48)))
        for index, year in enumerate(years):
            january = dt.date(year, 1, 1)
            position = 0 if january < self.first else _bin(january, self.first, self.months_per_bin)
            x = LABEL_WIDTH + position * column
            if index % step == 0:
                parts.append(f'<text x="{x + 2:.1f}" y="{TOP - 14}" font-size="13">{year}</text>')
            parts.append(
                f'<line x1="{x:.1f}" y1="{TOP - 8}" x2="{x:.1f}" y2="{bottom}" '
                f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
            )
        return parts

    def _marks(self, agency: str, y: int, column: float, peak: int) -> list[str]:
        parts = []
        bar_width = max(1.0, column * 0.8)
        for index in range(self.bins):
            count = self.counts.get((agency, index))
            if not count:
                continue
            x = LABEL_WIDTH + index * column + (column - bar_width) / 2
            bar = 3 + (ROW_HEIGHT - 16) * count / peak
            key = self.key_counts.get((agency, index), 0)
            label = f"{agency}, {self.bin_label(index)}: {count} entr{'y' if count == 1 else 'ies'}"
            if key:
                label += f", {key} key practice episode{'' if key == 1 else 's'}"
            parts.append(
                f'<rect x="{x:.1f}" y="{y + ROW_HEIGHT - 4 - bar:.1f}" width="{bar_width:.1f}" '
                f'height="{bar:.1f}" fill="{BAR_COLOUR}"><title>{escape(label)}</title></rect>'
            )
            if key:
                centre, top = x + bar_width / 2, y + ROW_HEIGHT - 4 - bar - 2
                parts.append(_diamond(centre, top - 4, 4))
        return parts

    def _legend(self, y: int) -> list[str]:
        x = LABEL_WIDTH
        return [
            f'<rect x="{x}" y="{y}" width="10" height="16" fill="{BAR_COLOUR}"/>',
            f'<text x="{x + 16}" y="{y + 13}">Entries (the taller, the more)</text>',
            _diamond(x + 265, y + 8, 6),
            f'<text x="{x + 277}" y="{y + 13}">Key practice episode</text>',
        ]


def build_timeline(entries: Iterable[tuple[str, dt.date, bool]]) -> Timeline | None:
    """Aggregate (agency name, start date, key practice episode) rows; None when there are none."""
    entries = list(entries)
    if not entries:
        return None
    first = min(on for _, on, _ in entries).replace(day=1)
    last = max(on for _, on, _ in entries).replace(day=1)
    months = _months_between(first, last) + 1
    months_per_bin = next(size for size in (1, 3, 12) if months / size <= MAX_COLUMNS or size == 12)
    if months_per_bin == 3:
        first = first.replace(month=(first.month - 1) // 3 * 3 + 1)
    elif months_per_bin == 12:
        first = first.replace(month=1)
    timeline = Timeline(sorted({agency for agency, _, _ in entries}), first, last, months_per_bin)
    for agency, on, key in entries:
        index = _bin(on, first, months_per_bin)
        timeline.counts[(agency, index)] += 1
        timeline.year_counts[(agency, on.year)] += 1
        if key:
            timeline.key_counts[(agency, index)] += 1
    return timeline


def _diamond(x: float, y: float, size: float) -> str:
    points = f"{x:.1f},{y - size:.1f} {x + size:.1f},{y:.1f} {x:.1f},{y + size:.1f} {x - size:.1f},{y:.1f}"
    return f'<polygon points="{points}" fill="{KEY_COLOUR}" stroke="{TEXT_COLOUR}" stroke-width="0.5"/>'


def _months_between(first: dt.date, last: dt.date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month


def _bin(on: dt.date, first: dt.date, months_per_bin: int) -> int:
    return _months_between(first, on) // months_per_bin


def _add_months(on: dt.date, months: int) -> dt.date:
    index = on.month - 1 + months
    return dt.date(on.year + index // 12, index % 12 + 1, 1)


def _shorten(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
