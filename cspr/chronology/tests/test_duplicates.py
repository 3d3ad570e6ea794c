"""Flagging likely duplicates: the same event reported by two different agencies."""

import datetime as dt
import itertools
import random
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from cspr.chronology.dates import APPROXIMATE, DAY, MONTH, PRECISIONS, YEAR, sort_key
from cspr.chronology.duplicates import (
    Entry,
    _facts_similarity,
    dates_compatible,
    find_duplicates,
    significant_words,
    types_similar,
)

POLICE, SOCIAL_CARE, GP = 1, 2, 3
FACTS = "Strategy discussion held with police and children's social care about the bruise to Child K's arm"
OTHER_WORDING = (
    "Strategy discussion held with children's social care and police about bruise on Child K's arm"
)
UNRELATED = "Mother attended the GP surgery for a repeat prescription of inhalers"
MAY_22 = dt.date(2016, 5, 22)


def entry(id, agency, on=MAY_22, precision=DAY, event_type="strategy_discussion", facts=FACTS):
    return Entry(id, agency, on, precision, event_type, facts)


def test_same_event_from_two_agencies_on_the_same_day_is_flagged_with_a_reason():
    pairs = find_duplicates(
        [entry(1, POLICE), entry(2, SOCIAL_CARE, facts=OTHER_WORDING)],
        type_labels={"strategy_discussion": "Strategy discussion or meeting"},
    )
    assert len(pairs) == 1
    pair = pairs[0]
    assert (pair.first_id, pair.second_id) == (1, 2)
    assert pair.reason.startswith(
        "Same day (22 May 2016), same event type (Strategy discussion or meeting), facts "
    )
    assert pair.reason.endswith("% alike")
    assert pair.similarity >= 0.5


def test_the_same_agency_twice_is_not_flagged():
    assert find_duplicates([entry(1, POLICE), entry(2, POLICE)]) == []


def test_different_facts_are_not_flagged():
    assert find_duplicates([entry(1, POLICE), entry(2, SOCIAL_CARE, facts=UNRELATED)]) == []


def test_empty_facts_are_not_flagged():
    assert find_duplicates([entry(1, POLICE, facts="the"), entry(2, SOCIAL_CARE, facts="the")]) == []


def test_unrelated_event_types_are_not_flagged():
    assert find_duplicates([entry(1, POLICE), entry(2, SOCIAL_CARE, event_type="hospital")]) == []


def test_related_or_other_event_types_are_flagged():
    assert types_similar("strategy_discussion", "meeting")
    assert types_similar("other", "hospital")
    assert not types_similar("hospital", "education")
    pairs = find_duplicates([entry(1, POLICE), entry(2, SOCIAL_CARE, event_type="conference")])
    assert "Strategy discussion or meeting" not in pairs[0].reason
    assert "strategy_discussion and conference" in pairs[0].reason


def test_a_day_apart_is_near_enough_two_days_is_not():
    next_day = find_duplicates([entry(1, POLICE), entry(2, SOCIAL_CARE, on=MAY_22 + dt.timedelta(days=1))])
    assert next_day[0].reason.startswith("Dates a day apart")
    assert find_duplicates([entry(1, POLICE), entry(2, SOCIAL_CARE, on=MAY_22 + dt.timedelta(days=2))]) == []


def test_the_earlier_entry_is_first_whatever_the_order_given():
    pairs = find_duplicates([entry(7, POLICE, on=MAY_22 + dt.timedelta(days=1)), entry(9, SOCIAL_CARE)])
    assert (pairs[0].first_id, pairs[0].second_id) == (9, 7)


def test_uncertain_dates_match_within_their_period():
    month = entry(1, POLICE, on=dt.date(2016, 5, 1), precision=MONTH)
    assert find_duplicates([month, entry(2, SOCIAL_CARE, on=dt.date(2016, 5, 31))])[0].reason.startswith(
        "Compatible dates (May 2016 and 31 May 2016)"
    )
    assert find_duplicates([month, entry(2, SOCIAL_CARE, on=dt.date(2016, 6, 1))]) == []
    year = entry(1, POLICE, on=dt.date(2016, 1, 1), precision=YEAR)
    assert len(find_duplicates([year, entry(2, SOCIAL_CARE, on=dt.date(2016, 12, 31))])) == 1
    assert find_duplicates([year, entry(2, SOCIAL_CARE, on=dt.date(2017, 1, 1))]) == []
    approximate = entry(1, POLICE, precision=APPROXIMATE)
    assert len(find_duplicates([approximate, entry(2, SOCIAL_CARE, on=MAY_22 + dt.timedelta(days=7))])) == 1
    assert find_duplicates([approximate, entry(2, SOCIAL_CARE, on=MAY_22 + dt.timedelta(days=8))]) == []


def test_approximate_day_near_the_end_of_a_month_matches_the_month():
    month = entry(1, POLICE, on=dt.date(2016, 5, 1), precision=MONTH)
    approximate = entry(2, SOCIAL_CARE, on=dt.date(2016, 6, 5), precision=APPROXIMATE)
    assert len(find_duplicates([month, approximate])) == 1


def test_uncertain_dates_need_more_alike_facts():
    alike = "Police held strategy discussion with children's social care; bruise to arm; nursery staff told"
    assert len(find_duplicates([entry(1, POLICE), entry(2, SOCIAL_CARE, facts=alike)])) == 1
    month = entry(1, POLICE, on=dt.date(2016, 5, 1), precision=MONTH)
    assert find_duplicates([month, entry(2, SOCIAL_CARE, facts=alike)]) == []


def test_decided_pairs_are_not_flagged_again_in_either_order():
    entries = [entry(1, POLICE), entry(2, SOCIAL_CARE), entry(3, GP)]
    assert len(find_duplicates(entries)) == 3
    remaining = find_duplicates(entries, decided=[(2, 1), (1, 3)])
    assert [(pair.first_id, pair.second_id) for pair in remaining] == [(2, 3)]


def test_significant_words_leave_out_little_words():
    assert significant_words("The police and a GP saw Child K at 10") == frozenset(
        {"police", "gp", "saw", "child", "10"}
    )


precisions = st.sampled_from(PRECISIONS)
entries_strategy = st.lists(
    st.builds(
        lambda agency, days, precision, event_type, words: (agency, days, precision, event_type, words),
        st.integers(1, 3),
        st.integers(0, 120),
        precisions,
        st.sampled_from(["home_visit", "strategy_discussion", "meeting", "hospital", "other"]),
        st.lists(
            st.sampled_from(
                ["bruise", "arm", "police", "visit", "nursery", "mother", "school", "cot", "heater"]
            ),
            min_size=1,
        ),
    ),
    max_size=25,
)


def _entries(raw) -> list[Entry]:
    entries = []
    for id, (agency, days, precision, event_type, words) in enumerate(raw, 1):
        on = dt.date(2016, 1, 1) + dt.timedelta(days=days)
        on = {MONTH: on.replace(day=1), YEAR: on.replace(month=1, day=1)}.get(precision, on)
        entries.append(Entry(id, agency, on, precision, event_type, " ".join(words)))
    return entries


@settings(max_examples=200, deadline=None)
@given(entries_strategy)
def test_the_fast_search_finds_exactly_what_comparing_all_pairs_finds(raw):
    """Bucketing and word prefixes never lose a pair: check against every pair, compared naively."""
    entries = _entries(raw)
    words = {entry.id: significant_words(entry.facts) for entry in entries}
    found = {(pair.first_id, pair.second_id) for pair in find_duplicates(entries)}
    expected = {
        tuple(sorted((first.id, second.id)))
        for first, second in itertools.combinations(entries, 2)
        if first.agency_id != second.agency_id
        and types_similar(first.event_type, second.event_type)
        and _facts_similarity(first, second, words) is not None
    }
    assert {tuple(sorted(pair)) for pair in found} == expected
    for first_id, second_id in found:
        first, second = entries[first_id - 1], entries[second_id - 1]
        assert dates_compatible(first, second)
        assert sort_key(first.on, first.precision) <= sort_key(second.on, second.precision)


def test_fast_for_five_thousand_entries():
    rng = random.Random(5)
    vocabulary = [f"word{index}" for index in range(400)]
    entries = [
        Entry(
            index,
            rng.randint(1, 12),
            dt.date(2016, 1, 1) + dt.timedelta(days=rng.randint(0, 3650)),
            rng.choice([DAY] * 18 + [APPROXIMATE, MONTH]),
            rng.choice(["home_visit", "meeting", "hospital"]),
            " ".join(rng.sample(vocabulary, 8)),
        )
        for index in range(5000)
    ]
    started = time.perf_counter()
    find_duplicates(entries)
    assert time.perf_counter() - started < 2
