"""Searching the learning library: words and "quoted phrases" over every passage a user may see, ranked by
report, with highlighted snippets, facet counts and pages; and "reviews like this one".

How a report is ranked: by its best passage, so that one paragraph squarely about "bruising in a
non-mobile baby" beats a report that mentions bruising in passing a hundred times; plus a small bonus for
breadth, 5% of the best passage's score for each doubling of the number of matching passages, so that of
two reports with equally good best passages the one that returns to the subject comes first. Ties go to
the newer report.

Filters (theme, year, area, review type, age band, harm) combine as GOV.UK finders do: any of the ticked
values within one facet, all facets together. Each facet's counts apply every OTHER facet's filters, so a
count says how many results ticking that box would add, and ticking a box never empties its own list.
Only confirmed themes count. Scoping is `LibraryEntry.objects.visible_to(user)`, applied inside the one
statement that finds the matching reports.
"""

import math
import re
from dataclasses import dataclass, field, fields

from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import vocabulary
from .models import EntryTheme, LibraryEntry, Theme, ThemeState
from .search_backends import MARK_END, MARK_START, backend

MAX_TERMS = 12
BREADTH_BONUS = 0.05
PER_PAGE = 20

# Common words left out of unquoted searches, as PostgreSQL's 'english' configuration does: on SQLite
# "the" would match nearly every passage and slow the search without narrowing it. Inside a quoted
# phrase every word counts.
STOP_WORDS = frozenset(
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "he", "her", "his", "in",
        "is", "it", "its", "of", "on", "or", "she", "that", "the", "their", "they", "this", "to", "was",
        "were", "will", "with",
    }
)  # fmt: skip
WORD = re.compile(r"\w+")
QUOTED = re.compile(r'"([^"]*)"?')


def parse_query(text: str) -> list[list[str]]:
    """The user's words and "quoted phrases" as terms (each a list of lowercased words, a phrase having
    several). Anything that is not a word character is dropped, so no input has a syntax of its own; an
    unclosed quote runs to the end. At most MAX_TERMS terms."""
    terms: list[list[str]] = []
    position = 0
    for quoted in QUOTED.finditer(text or ""):
        terms += [[word] for word in WORD.findall(text[position : quoted.start()].lower())]
        phrase = WORD.findall(quoted.group(1).lower())
        if phrase:
            terms.append(phrase)
        position = quoted.end()
    terms += [[word] for word in WORD.findall((text or "")[position:].lower())]
    meaningful = [term for term in terms if len(term) > 1 or term[0] not in STOP_WORDS]
    unique = list(dict.fromkeys(tuple(term) for term in meaningful or terms))
    return [list(term) for term in unique[:MAX_TERMS]]


@dataclass
class Filters:
    """The ticked facet values, as the search page's GET parameters carry them."""

    themes: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    review_types: list[str] = field(default_factory=list)
    age_bands: list[str] = field(default_factory=list)
    harms: list[str] = field(default_factory=list)

    PARAMETERS = {
        "themes": "theme",
        "years": "year",
        "areas": "area",
        "review_types": "type",
        "age_bands": "age",
        "harms": "harm",
    }

    @classmethod
    def from_querydict(cls, query) -> "Filters":
        """Unknown codes and malformed years are ignored rather than refused: URLs get shared and edited."""
        values = {
            name: list(dict.fromkeys(query.getlist(parameter))) for name, parameter in cls.PARAMETERS.items()
        }
        return cls(
            themes=[label for label in values["themes"] if label],
            years=[int(year) for year in values["years"] if year.isdigit() and len(year) == 4],
            areas=[area for area in values["areas"] if area],
            review_types=[code for code in values["review_types"] if code in vocabulary.REVIEW_TYPES],
            age_bands=[code for code in values["age_bands"] if code in vocabulary.AGE_BANDS],
            harms=[code for code in values["harms"] if code in vocabulary.HARMS],
        )

    def is_empty(self) -> bool:
        return not any(getattr(self, item.name) for item in fields(self))


@dataclass
class Snippet:
    number: int  # the passage's number, for the #passage-N link
    html: SafeString


@dataclass
class Hit:
    entry: LibraryEntry
    score: float
    snippets: list[Snippet]
    matching_passages: int
    themes: list[str]  # its confirmed themes' labels

    @property
    def passage_numbers(self) -> list[int]:
        return [snippet.number for snippet in self.snippets]


@dataclass
class Results:
    query: str
    terms: list[list[str]]
    filters: Filters
    hits: list[Hit]
    total: int
    facets: dict[str, list[tuple[str, str, int, bool]]]  # name -> (value, label, count, selected)
    page: int
    pages: int
    per_page: int


def marked_html(text: str) -> SafeString:
    """A backend's snippet as safe HTML: the report's text escaped, its marked words in <mark>."""
    parts = re.split(f"({MARK_START}[^{MARK_END}]*{MARK_END})", text)
    html = []
    for part in parts:
        if part.startswith(MARK_START) and part.endswith(MARK_END):
            html.append(f"<mark>{escape(part[1:-1])}</mark>")
        else:
            html.append(escape(part.replace(MARK_START, "").replace(MARK_END, "")))
    return mark_safe("".join(html))  # noqa: S308  every piece of the text was escaped above


def _score(row) -> float:
    return row.best * (1 + BREADTH_BONUS * math.log2(row.matching)) if row.matching else 0.0


# What each facet reads from an entry row, as a set of values.
FACET_VALUES = {
    "themes": lambda row: row.theme_ids,
    "years": lambda row: {row.year} if row.year else set(),
    "areas": lambda row: {row.area} if row.area else set(),
    "review_types": lambda row: {row.review_type} if row.review_type else set(),
    "age_bands": lambda row: {row.age_band} if row.age_band else set(),
    "harms": lambda row: {row.harm} if row.harm else set(),
}


def _facets(rows, wanted: dict[str, set], themes: dict[int, str]) -> dict:
    """Counts per facet value over the rows passing every other facet's filter (see the module's note):
    a row failing no filter counts in every facet, a row failing one counts in that facet only."""
    counts: dict[str, dict] = {name: {} for name in FACET_VALUES}
    active = [name for name in FACET_VALUES if wanted[name]]
    for row in rows:
        failed = [name for name in active if not FACET_VALUES[name](row) & wanted[name]]
        if len(failed) > 1:
            continue
        for name in failed or FACET_VALUES:
            facet = counts[name]
            for value in FACET_VALUES[name](row):
                facet[value] = facet.get(value, 0) + 1
    facets = {}
    for name in FACET_VALUES:
        for value in wanted[name]:
            counts[name].setdefault(value, 0)
        facets[name] = _facet_items(name, counts[name], wanted[name], themes)
    return facets


def _facet_items(name, counts, wanted, themes) -> list[tuple[str, str, int, bool]]:
    def item(value):
        return (
            str(themes[value] if name == "themes" else value),
            label(value),
            counts[value],
            value in wanted,
        )

    def label(value):
        if name == "themes":
            return themes[value]
        vocab = {
            "review_types": vocabulary.REVIEW_TYPES,
            "age_bands": vocabulary.AGE_BANDS,
            "harms": vocabulary.HARMS,
        }
        return vocab[name].get(value, value) if name in vocab else str(value)

    if name == "themes":
        order = sorted(counts, key=lambda value: (-counts[value], themes[value]))
    elif name == "years":
        order = sorted(counts, reverse=True)
    elif name == "areas":
        order = sorted(counts, key=str.casefold)
    else:
        known = list(
            {
                "review_types": vocabulary.REVIEW_TYPES,
                "age_bands": vocabulary.AGE_BANDS,
                "harms": vocabulary.HARMS,
            }[name]
        )
        order = sorted(counts, key=lambda value: known.index(value) if value in known else len(known))
    return [item(value) for value in order]


def _newness(row):
    """Sorts newest last: year, then publication date (ISO text on SQLite, a date on PostgreSQL), then the
    entry added last."""
    return (row.year or 0, str(row.published_on or ""), row.entry_id)


def search(
    query: str, *, user, filters: Filters | None = None, page: int = 1, per_page: int = PER_PAGE
) -> Results:
    """One page of the reports `user` may see that match `query` (all of them, newest first, when the
    query has no words) and `filters`, with snippets and facet counts. Never raises on odd input; a page
    past the end gives the last page."""
    filters = filters or Filters()
    terms = parse_query(query)
    search_backend = backend()
    visible_sql, visible_params = LibraryEntry.objects.visible_to(user).values("id").query.sql_with_params()
    rows = search_backend.entry_rows(terms, visible_sql, visible_params)

    themes = dict(Theme.objects.values_list("id", "label"))
    theme_ids = {label: pk for pk, label in themes.items()}
    wanted = {
        "themes": {theme_ids[label] for label in filters.themes if label in theme_ids},
        "years": set(filters.years),
        "areas": set(filters.areas),
        "review_types": set(filters.review_types),
        "age_bands": set(filters.age_bands),
        "harms": set(filters.harms),
    }
    facets = _facets(rows, wanted, themes)
    chosen = [
        row
        for row in rows
        if all(not wanted[name] or FACET_VALUES[name](row) & wanted[name] for name in FACET_VALUES)
    ]
    if terms:
        chosen.sort(key=lambda row: (_score(row), *_newness(row)), reverse=True)
    else:
        chosen.sort(key=_newness, reverse=True)

    total = len(chosen)
    pages = max(1, math.ceil(total / per_page))
    page = min(max(1, page), pages)
    on_page = chosen[(page - 1) * per_page : page * per_page]
    hits = _hits(on_page, terms, search_backend, user, themes)
    return Results(query, terms, filters, hits, total, facets, page, pages, per_page)


def _hits(rows, terms, search_backend, user, themes: dict[int, str]) -> list[Hit]:
    """The page's entries (one query; their confirmed themes came with the rows) and best snippets."""
    entries = LibraryEntry.objects.visible_to(user).in_bulk([row.entry_id for row in rows])
    snippets = search_backend.snippets(
        terms, [(row.entry_id, row.best_number) for row in rows if row.best_number]
    )
    hits = []
    for row in rows:
        entry = entries[row.entry_id]
        text = snippets.get((row.entry_id, row.best_number))
        found = [Snippet(row.best_number, marked_html(text))] if text is not None else []
        labels = sorted(themes[theme_id] for theme_id in row.theme_ids)
        hits.append(Hit(entry, _score(row), found, row.matching, labels))
    return hits


def similar_entries(entry: LibraryEntry, user, limit: int = 5) -> list[LibraryEntry]:
    """ "Reviews like this one": the reviews `user` may see sharing the most confirmed themes with `entry`,
    then those about a child of the same age band, then the same harm, newest first. None when the entry
    has no confirmed theme: a match on age or harm alone says too little about the learning."""
    theme_ids = list(
        EntryTheme.objects.filter(entry=entry, state=ThemeState.CONFIRMED).values_list("theme_id", flat=True)
    )
    if not theme_ids:
        return []
    shared = Q(entry_themes__theme_id__in=theme_ids, entry_themes__state=ThemeState.CONFIRMED)

    def same(field_name):
        value = getattr(entry, field_name)
        if not value:
            return Value(0)
        return Case(When(**{field_name: value}, then=Value(1)), default=Value(0), output_field=IntegerField())

    return list(
        LibraryEntry.objects.visible_to(user)
        .exclude(pk=entry.pk)
        .filter(shared)
        .annotate(
            shared_themes=Count("entry_themes", filter=shared),
            same_age=same("age_band"),
            same_harm=same("harm"),
        )
        .order_by("-shared_themes", "-same_age", "-same_harm", F("year").desc(nulls_last=True), "title")[
            :limit
        ]
    )


def index_size_bytes() -> int:
    """The full-text index's size on disk (the FTS5 tables, or the GIN index), for the benchmark."""
    return backend().index_size_bytes()
