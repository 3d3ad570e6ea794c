"""The integrated chronology of one rapid review: every agency's entries in date order, with the flagged
duplicates, the gaps and the timeline, computed from light rows (`values_list` tuples, not model
instances) so that thousands of entries stay fast. The pages and exports call these with querysets the
view has already scoped with `visible_to(user)`."""

import datetime as dt
import hashlib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Case, Count, F, IntegerField, Max, Value, When

from . import gaps as gap_finder
from .dates import PRECISION_RANK
from .duplicates import Entry, FlaggedPair, find_duplicates
from .models import EventType
from .timeline_svg import Timeline, build_timeline

DUPLICATES_CACHE_SECONDS = 3600


def in_order(entries):
    """The chronology's order (`dates.sort_key`) in the database: date, the less certain first, untimed
    before timed, then time."""
    rank = Case(
        *(When(start_precision=precision, then=Value(rank)) for precision, rank in PRECISION_RANK.items()),
        output_field=IntegerField(),
    )
    return entries.alias(precision_rank=rank).order_by(
        "start_on", "precision_rank", F("start_time").asc(nulls_first=True), "pk"
    )


def flagged_duplicates(entries, decisions) -> list[FlaggedPair]:
    """Likely duplicates among `entries` (not merged), leaving out the pairs in `decisions`.

    Kept in the cache until the entries or decisions change: the rapid review page and the chronology
    pages ask for them on every view, and a chronology of many thousand entries takes seconds to search.
    The key holds the query itself (so two scopes never share a result) and a fingerprint of the rows
    (how many, the newest change, the highest id), which any addition, change, deletion or merge moves.
    """
    entries = entries.filter(merged_into__isnull=True)
    fingerprint = (
        str(entries.query),
        str(decisions.query),
        tuple(entries.aggregate(count=Count("pk"), changed=Max("updated_at"), top=Max("pk")).values()),
        tuple(decisions.aggregate(count=Count("pk"), top=Max("pk")).values()),
    )
    key = "chronology-duplicates:" + hashlib.sha256(repr(fingerprint).encode()).hexdigest()
    pairs = cache.get(key)
    if pairs is None:
        rows = entries.values_list("pk", "agency_id", "start_on", "start_precision", "event_type", "facts")
        pairs = find_duplicates(
            (Entry(*row) for row in rows.iterator(chunk_size=2000)),
            decided=decisions.values_list("first_id", "second_id"),
            type_labels=dict(EventType.choices),
        )
        cache.set(key, pairs, DUPLICATES_CACHE_SECONDS)
    return pairs


def find_gaps(entries, threshold_days: int) -> list[gap_finder.Gap]:
    """Gaps in contact from any agency, over all the entries passed in (not merged)."""
    rows = entries.filter(merged_into__isnull=True).values_list("start_on", "start_precision", "end_on")
    return gap_finder.find_gaps(
        (gap_finder.covered(*row) for row in rows.iterator(chunk_size=5000)), threshold_days
    )


def timeline(entries) -> Timeline | None:
    """The timeline picture and its table, from the entries as filtered."""
    rows = entries.values_list("agency__name", "start_on", "key_practice_episode")
    return build_timeline(rows.iterator(chunk_size=5000))


@dataclass(frozen=True)
class Row:
    """A line of the integrated chronology's table: an entry, or a gap before the next entry."""

    entry: object = None
    gap: gap_finder.Gap | None = None
    pairs: tuple[FlaggedPair, ...] = ()


def rows_with_gaps(
    page_entries: list,
    gaps: list[gap_finder.Gap],
    pairs: list[FlaggedPair],
    *,
    previous_on: dt.date | None,
    is_last_page: bool,
) -> list[Row]:
    """The page's entries with each gap placed before the first entry after it (and the gaps after the
    last entry at the end of the last page); each entry carries the flagged pairs it belongs to."""
    by_entry: dict[int, list[FlaggedPair]] = {}
    for pair in pairs:
        by_entry.setdefault(pair.first_id, []).append(pair)
        by_entry.setdefault(pair.second_id, []).append(pair)
    starts = [gap.next_contact for gap in gaps]
    rows = []
    after = previous_on
    for entry in page_entries:
        low = bisect_right(starts, after) if after else 0
        high = bisect_right(starts, entry.start_on)
        rows += [Row(gap=gap) for gap in gaps[low:high]]
        rows.append(Row(entry=entry, pairs=tuple(by_entry.get(entry.pk, ()))))
        after = entry.start_on
    if is_last_page:
        low = bisect_right(starts, after) if after else 0
        rows += [Row(gap=gap) for gap in gaps[low:]]
    return rows


def gaps_in_period(gaps: list[gap_finder.Gap], period_from, period_to) -> list[gap_finder.Gap]:
    """The gaps that overlap the period filtered on."""
    if period_from:
        gaps = gaps[bisect_left([gap.next_contact for gap in gaps], period_from) :]
    if period_to:
        gaps = [gap for gap in gaps if gap.last_contact <= period_to]
    return gaps
