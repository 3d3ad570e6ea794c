"""Search over the library's passages: stemming, phrases, ranking by report, filters and their counts,
pages, scoping to what each person may see, and the index kept right as passages come and go. Runs on
SQLite (FTS5) and, under scripts/with-postgres, PostgreSQL (GIN)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from cspr.library.models import EntryStatus, LibraryEntry, LibraryPassage
from cspr.library.search import Filters, index_size_bytes, search, similar_entries
from cspr.library.tests.records import make_entry

pytestmark = pytest.mark.django_db

ANYONE = AnonymousUser()


def titles(results) -> list[str]:
    return [hit.entry.title for hit in results.hits]


def test_words_match_other_forms_of_the_same_word():
    make_entry(None, title="Bruising review", passages=["The baby was bruised on two occasions."])
    make_entry(None, title="Unrelated", passages=["The school raised concerns about attendance."])
    assert titles(search("bruising", user=ANYONE)) == ["Bruising review"]


def test_a_quoted_phrase_needs_its_words_together():
    make_entry(None, title="Shared", passages=["Information sharing between agencies was poor."])
    make_entry(None, title="Apart", passages=["Sharing of records was poor; information was lost."])
    assert titles(search('"information sharing"', user=ANYONE)) == ["Shared"]
    assert sorted(titles(search("information sharing", user=ANYONE))) == ["Apart", "Shared"]


def test_reports_rank_by_their_best_passage_with_a_bonus_for_more_matching_passages():
    long_passage = "The family moved house twice and the school changed. " * 6 + "Neglect was mentioned once."
    make_entry(None, title="In passing", passages=[long_passage])
    make_entry(
        None, title="About neglect", passages=["Neglect. Chronic neglect.", "The neglect went unseen."]
    )
    results = search("neglect", user=ANYONE)
    assert titles(results) == ["About neglect", "In passing"]
    assert results.hits[0].score > results.hits[1].score
    assert results.hits[0].matching_passages == 2


def test_snippets_mark_the_words_found_escape_the_text_and_point_to_their_passages():
    make_entry(
        None,
        title="Child A",
        passages=["Background only.", "<img src=x onerror=alert(1)> The father was not seen by the GP."],
    )
    hit = search("father", user=ANYONE).hits[0]
    assert hit.passage_numbers == [2]
    html = str(hit.snippets[0].html)
    assert "<mark>father</mark>" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img" not in html


def test_the_snippet_is_from_the_best_passage_with_a_count_of_the_others():
    make_entry(
        None,
        title="Many",
        passages=[
            "Housing was poor in the flat the family rented for years.",
            "Housing, housing.",
            "The housing officer visited the family at the flat twice.",
        ],
    )
    hit = search("housing", user=ANYONE).hits[0]
    assert hit.passage_numbers == [2]
    assert hit.matching_passages == 3


@pytest.mark.parametrize(
    "query", ['"', "AND OR NOT", "NEAR(a b, 2)", "col:text", "*", "^x", "'; DROP TABLE x;--"]
)
def test_odd_input_never_raises(query):
    make_entry(None, title="Any", passages=["Some text about near misses and a col in the text."])
    results = search(query, user=ANYONE)
    assert results.total >= 0


def test_no_words_lists_every_visible_review_newest_first():
    make_entry(None, title="Older", year=2019)
    make_entry(None, title="Newer", year=2023)
    make_entry(None, title="Year not known", year=None)
    results = search("", user=ANYONE)
    assert titles(results) == ["Newer", "Older", "Year not known"]
    assert results.hits[0].snippets == []


def test_drafts_are_found_only_by_their_partnership(partnership, business_manager, other_business_manager):
    make_entry(
        partnership, title="Our draft", status=EntryStatus.DRAFT, passages=["Cannabis use by the carer."]
    )
    make_entry(None, title="Public one", passages=["Cannabis use was known to the GP."])
    assert sorted(titles(search("cannabis", user=business_manager))) == ["Our draft", "Public one"]
    assert titles(search("cannabis", user=other_business_manager)) == ["Public one"]
    assert titles(search("cannabis", user=ANYONE)) == ["Public one"]
    assert search("", user=ANYONE).facets["areas"] == [("Elsewhere", "Elsewhere", 1, False)]


def test_filters_combine_any_within_a_facet_and_all_across_facets():
    make_entry(None, title="A", year=2021, harm="death", themes=["neglect"])
    make_entry(None, title="B", year=2022, harm="death", themes=["domestic abuse"])
    make_entry(None, title="C", year=2022, harm="serious_harm", themes=["neglect", "domestic abuse"])
    both_years = search("", user=ANYONE, filters=Filters(years=[2021, 2022], harms=["death"]))
    assert sorted(titles(both_years)) == ["A", "B"]
    themed = search("", user=ANYONE, filters=Filters(themes=["neglect"], years=[2022]))
    assert titles(themed) == ["C"]


def test_facet_counts_apply_the_other_facets_filters_and_show_what_is_ticked():
    make_entry(None, title="A", year=2021, harm="death", themes=["neglect"])
    make_entry(None, title="B", year=2022, harm="death", themes=["neglect"])
    make_entry(None, title="C", year=2022, harm="serious_harm")
    facets = search("", user=ANYONE, filters=Filters(years=[2022])).facets
    # Years count everything (their own filter is not applied): ticking 2021 would add A.
    assert facets["years"] == [("2022", "2022", 2, True), ("2021", "2021", 1, False)]
    # Harms and themes count within 2022.
    assert facets["harms"] == [("death", "Death", 1, False), ("serious_harm", "Serious harm", 1, False)]
    assert facets["themes"] == [("neglect", "neglect", 1, False)]


def test_only_confirmed_themes_are_counted_or_filtered():
    make_entry(None, title="Suggested only", suggested={"neglect": ["The home was neglected."]})
    results = search("", user=ANYONE, filters=Filters(themes=["neglect"]))
    assert results.total == 0
    assert results.facets["themes"] == [("neglect", "neglect", 0, True)]


def test_unknown_filter_values_are_ignored():
    make_entry(None, title="A")
    filters = Filters.from_querydict(_querydict("type=nonsense&year=20x1&age=under_1&theme=&harm=death"))
    assert filters == Filters(age_bands=["under_1"], harms=["death"])


def test_pages_of_twenty_and_a_page_past_the_end_gives_the_last():
    for number in range(23):
        make_entry(None, title=f"Report {number:02}", passages=[f"Parental mental health, report {number}."])
    first = search("mental health", user=ANYONE)
    assert (first.total, first.pages, len(first.hits)) == (23, 2, 20)
    last = search("mental health", user=ANYONE, page=9)
    assert (last.page, len(last.hits)) == (2, 3)
    assert not set(titles(first)) & set(titles(last))


def test_the_index_follows_passages_added_changed_and_deleted():
    entry = make_entry(None, title="Kept in step", passages=["The nursery noticed the bruise."])
    assert search("nursery", user=ANYONE).total == 1
    LibraryPassage.objects.filter(entry=entry).update(text="The childminder noticed the bruise.")
    assert search("nursery", user=ANYONE).total == 0
    assert search("childminder", user=ANYONE).total == 1
    LibraryPassage.objects.create(entry=entry, number=2, text="Then the health visitor called.")
    assert search('"health visitor"', user=ANYONE).hits[0].passage_numbers == [2]
    LibraryEntry.objects.filter(pk=entry.pk).delete()
    assert search("childminder", user=ANYONE).total == 0
    assert index_size_bytes() > 0


def test_similar_reviews_share_the_most_confirmed_themes_then_age_band_and_harm(
    partnership, other_business_manager
):
    this = make_entry(
        None, title="This", themes=["neglect", "domestic abuse"], age_band="under_1", harm="death"
    )
    make_entry(None, title="One theme, same age", themes=["neglect"], age_band="under_1")
    make_entry(None, title="One theme", themes=["neglect"], age_band="5_10")
    make_entry(None, title="Two themes", themes=["neglect", "domestic abuse"], age_band="11_15")
    make_entry(None, title="Nothing shared", themes=["online harm"], age_band="under_1", harm="death")
    make_entry(None, title="Only suggested", suggested={"neglect": ["Neglect."]})
    make_entry(partnership, title="A draft", status=EntryStatus.DRAFT, themes=["neglect", "domestic abuse"])
    found = similar_entries(this, other_business_manager)
    assert [entry.title for entry in found] == ["Two themes", "One theme, same age", "One theme"]
    assert [entry.title for entry in similar_entries(this, ANYONE, limit=1)] == ["Two themes"]


def test_a_review_without_confirmed_themes_has_no_similar_reviews():
    this = make_entry(None, title="Bare")
    make_entry(None, title="Other", themes=["neglect"])
    assert similar_entries(this, ANYONE) == []


def _querydict(text):
    from django.http import QueryDict

    return QueryDict(text)
