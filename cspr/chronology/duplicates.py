"""Likely duplicates: the same event reported by two different agencies.

When the police and children's social care both attend a strategy discussion, each records it: the
integrated chronology then shows the event twice. A pair is flagged for the reviewer to merge or keep when

- the two entries come from DIFFERENT agencies (an agency's own repeated entries are its business),
- their dates are compatible: exact days at most `NEAR_DAYS` apart; an uncertain date ("?22/05/2016",
  "May 2016", "2016") is compatible with any date in the period it can mean (`dates.period`),
- their event types are similar: the same, in one family of related types, or either is "other",
- and their facts are alike: the share of significant words they have in common (Jaccard) is at least
  `WORDS_ALIKE`, or, in the band just below it (from `WORDS_MAYBE`), the two texts compared word by word
  (difflib's ratio: the same words in much the same order) are at least `TEXT_ALIKE` alike. When either
  date is uncertain, the date says less, so the facts must say more (`UNCERTAIN_WORDS_ALIKE`, from
  `UNCERTAIN_WORDS_MAYBE`).

To stay fast for thousands of entries, never all pairs are compared: each entry is compared only with the
entries of its date window that share one of its rarer words (see `_compatible_pairs`). Pairs the reviewer
has already decided, and entries already merged, are left out by the caller (`decided` and the entries
passed in). Plain Python, no database.
"""

import datetime as dt
import difflib
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .dates import APPROXIMATE_DAYS, DAY, display_date, period, sort_key

NEAR_DAYS = 1
WORDS_ALIKE = 0.5
WORDS_MAYBE = 0.3
UNCERTAIN_WORDS_ALIKE = 0.7
UNCERTAIN_WORDS_MAYBE = 0.5
TEXT_ALIKE = 0.7
# Families of event types an agency may label differently for the same event.
RELATED_TYPES = (
    frozenset({"strategy_discussion", "conference", "meeting"}),
    frozenset({"phone_call", "letter", "information_sharing", "referral"}),
    frozenset({"appointment", "not_brought", "assessment", "home_visit"}),
    frozenset({"hospital", "police_incident"}),
)
_STOP_WORDS_TEXT = """a an and are as at be by for from had has have he her him his in is it of on or she
that the their them they this to was were with who not no"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Entry:
    """What the finder needs of a chronology entry."""

    id: int
    agency_id: int
    on: dt.date
    precision: str
    event_type: str
    facts: str


@dataclass(frozen=True)
class FlaggedPair:
    first_id: int  # the entry that sorts first: "merge into the first" keeps this one
    second_id: int
    reason: str
    similarity: float


def significant_words(text: str) -> frozenset[str]:
    return frozenset(word for word in _WORD.findall(text.lower()) if word not in STOP_WORDS and len(word) > 1)


_RELATED_PAIRS = frozenset(
    (first, second) for family in RELATED_TYPES for first in family for second in family
)


def types_similar(first: str, second: str) -> bool:
    return first == second or first == "other" or second == "other" or (first, second) in _RELATED_PAIRS


def find_duplicates(
    entries: Iterable[Entry],
    *,
    decided: Iterable[tuple[int, int]] = (),
    type_labels: Mapping[str, str] | None = None,
) -> list[FlaggedPair]:
    """Pairs of entries that probably report the same event, in chronology order of their first entry."""
    entries = list(entries)
    decided_pairs = {(min(pair), max(pair)) for pair in decided}
    labels = type_labels or {}
    words = {entry.id: significant_words(entry.facts) for entry in entries}
    by_id = {entry.id: entry for entry in entries}
    found: dict[tuple[int, int], FlaggedPair] = {}
    for first, second in _compatible_pairs(entries, words):
        if not types_similar(first.event_type, second.event_type):
            continue
        key = (first.id, second.id) if first.id < second.id else (second.id, first.id)
        if key in found or key in decided_pairs:
            continue
        similarity = _facts_similarity(first, second, words)
        if similarity is None:
            continue
        earlier, later = sorted(
            (first, second), key=lambda entry: (sort_key(entry.on, entry.precision), entry.id)
        )
        found[key] = FlaggedPair(
            earlier.id, later.id, _reason(earlier, later, similarity, labels), similarity
        )
    return sorted(
        found.values(),
        key=lambda pair: (sort_key(by_id[pair.first_id].on, by_id[pair.first_id].precision), pair.first_id),
    )


def _compatible_pairs(entries: list[Entry], words: dict[int, frozenset[str]]):
    """Candidate pairs: every pair whose dates may be compatible and whose facts may be alike enough (and a
    few more, which `find_duplicates` then drops). Never all pairs:

    - by date: each entry looks only at entries starting in its window (an exact day: that day and the
      next NEAR_DAYS; an approximate day: two weeks either side; a month or a year: the month or year and a
      week either side). Each compatible pair falls in the window of one of its two entries at least.
    - by words (prefix filtering): two entries at least t alike (Jaccard) must share one of the rarest
      `n - ceil(t * n) + 1` of the first entry's n words, so an entry looks only at the entries holding one
      of those words (t is WORDS_MAYBE for an exact day, UNCERTAIN_WORDS_MAYBE otherwise).
    """
    frequency = Counter(word for entry in entries for word in words[entry.id])
    postings: dict[str, list[Entry]] = defaultdict(list)
    for entry in sorted(entries, key=lambda entry: entry.on):
        for word in words[entry.id]:
            postings[word].append(entry)
    starts = {word: [entry.on.toordinal() for entry in listed] for word, listed in postings.items()}
    for entry in entries:
        low, high = _window(entry)
        threshold = WORDS_MAYBE if entry.precision == DAY else UNCERTAIN_WORDS_MAYBE
        seen = {entry.id}
        agency_id = entry.agency_id
        for word in _rarest_words(words[entry.id], frequency, threshold):
            ordinals = starts[word]
            for other in postings[word][bisect_left(ordinals, low) : bisect_right(ordinals, high)]:
                # Two agencies only; and each pair once, from one side, where both sides would find it.
                if other.agency_id != agency_id and other.id not in seen:
                    seen.add(other.id)
                    yield entry, other


def _window(entry: Entry) -> tuple[int, int]:
    """The ordinals between which the other entries this one must look at start."""
    if entry.precision == DAY:
        return entry.on.toordinal(), entry.on.toordinal() + NEAR_DAYS
    first, last = period(entry.on, entry.precision)
    return first.toordinal() - APPROXIMATE_DAYS, last.toordinal() + APPROXIMATE_DAYS


def _rarest_words(entry_words: frozenset[str], frequency: Counter, threshold: float) -> list[str]:
    """The words of which an entry at least `threshold` alike must share one."""
    needed = math.ceil(threshold * len(entry_words) - 1e-9)
    ordered = sorted(entry_words, key=lambda word: (frequency[word], word))
    return ordered[: len(entry_words) - needed + 1]


def dates_compatible(first: Entry, second: Entry) -> bool:
    if first.precision == DAY and second.precision == DAY:
        return abs((first.on - second.on).days) <= NEAR_DAYS
    first_start, first_end = period(first.on, first.precision)
    second_start, second_end = period(second.on, second.precision)
    return first_start <= second_end and second_start <= first_end


def _facts_similarity(first: Entry, second: Entry, words: dict[int, frozenset[str]]) -> float | None:
    if not dates_compatible(first, second):
        return None
    first_words, second_words = words[first.id], words[second.id]
    if not first_words or not second_words:
        return None
    shared = len(first_words & second_words) / len(first_words | second_words)
    # Uncertain dates say less about whether two entries are the same event, so the facts must say more.
    near = first.precision == DAY and second.precision == DAY
    alike, maybe = (WORDS_ALIKE, WORDS_MAYBE) if near else (UNCERTAIN_WORDS_ALIKE, UNCERTAIN_WORDS_MAYBE)
    if shared >= alike:
        return shared
    if shared < maybe:
        return None
    # The same words in much the same order: compared word by word, which is fast and ignores spelling noise.
    matcher = difflib.SequenceMatcher(
        None, _WORD.findall(first.facts.lower()), _WORD.findall(second.facts.lower())
    )
    if matcher.real_quick_ratio() < TEXT_ALIKE or matcher.quick_ratio() < TEXT_ALIKE:
        return None
    ratio = matcher.ratio()
    return ratio if ratio >= TEXT_ALIKE else None


def _reason(first: Entry, second: Entry, similarity: float, labels: Mapping[str, str]) -> str:
    if first.precision == DAY and second.precision == DAY:
        when = f"same day ({display_date(first.on, DAY)})" if first.on == second.on else "dates a day apart"
    else:
        when = (
            f"compatible dates ({display_date(first.on, first.precision)} and "
            f"{display_date(second.on, second.precision)})"
        )
    first_type, second_type = (labels.get(code, code) for code in (first.event_type, second.event_type))
    kind = (
        f"same event type ({first_type})" if first_type == second_type else f"{first_type} and {second_type}"
    )
    return f"{when[0].upper()}{when[1:]}, {kind}, facts {round(similarity * 100)}% alike"
