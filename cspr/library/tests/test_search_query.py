"""What people type becomes words and phrases with no syntax of its own, and snippets are escaped."""

from cspr.library.search import marked_html, parse_query
from cspr.library.search_backends import MARK_END, MARK_START, SQLiteSearch


def test_words_and_quoted_phrases_become_terms():
    assert parse_query('"Information sharing" bruising') == [["information", "sharing"], ["bruising"]]


def test_common_words_are_left_out_of_unquoted_searches_but_kept_in_phrases():
    assert parse_query("the baby of the family") == [["baby"], ["family"]]
    assert parse_query('"was not seen"') == [["was", "not", "seen"]]


def test_a_search_of_only_common_words_still_searches_for_them():
    assert parse_query("the") == [["the"]]


def test_query_syntax_is_treated_as_words():
    assert parse_query('NEAR(father* OR -mother) AND "x"^') == [["near"], ["father"], ["mother"], ["x"]]
    assert parse_query('an "unclosed phrase') == [["unclosed", "phrase"]]
    assert parse_query('"" " ;;; *') == []


def test_the_fts5_expression_quotes_every_term():
    assert SQLiteSearch.match_expression([["near"], ["was", "not", "seen"]]) == '"near" "was not seen"'


def test_snippets_escape_the_report_text_and_mark_only_the_matches():
    start, end = MARK_START, MARK_END
    text = f"<script>alert(1)</script> the {start}baby{end} & {start}<b>{end} stray{end}"
    html = marked_html(text)
    assert html == (
        "&lt;script&gt;alert(1)&lt;/script&gt; the <mark>baby</mark> &amp; <mark>&lt;b&gt;</mark> stray"
    )
