"""The SQL behind library search, one class per database: SQLite's FTS5 table and PostgreSQL's GIN index
(both made by migration 0005_search_index).

Each backend answers three questions with as few statements as it can, because search runs on every
keystroke-and-enter of a practitioner and the library holds about half a million passages:
- `entry_rows`: every visible entry that matches (or all visible entries when browsing), with its best
  passage's score and number, how many passages match, and the metadata the facets count, in ONE statement;
- `snippets`: the best passage of each report on the page, with the matched words marked (one statement
  looking up those passages only: snippets of a report's other passages would cost a second pass over
  all its matches);
- `index_size_bytes`: what the index costs on disk.

User input never reaches the query language as such: `cspr.library.search.parse_query` reduces it to words
and phrases, and the backends quote each one (FTS5) or pass it as a parameter to `phraseto_tsquery`
(PostgreSQL), so no input can raise a syntax error or widen the query.
"""

from dataclasses import dataclass

from django.db import connection

# On SQLite a passage's FTS rowid is `entry_id << 24 | number` (see the migration): the entry of a match
# is `rowid >> 24`, with no lookup.
KEY_BITS = 24
NUMBER_MASK = (1 << KEY_BITS) - 1

# Marks a backend puts around matched words; `search.marked_html` escapes the text and turns them into
# <mark> elements. Control characters, so that no report's text can forge one.
MARK_START = "\x02"
MARK_END = "\x03"
SNIPPET_WORDS = 32

ENTRY_COLUMNS = "e.year, e.area, e.review_type, e.age_band, e.harm, e.published_on, e.title"


@dataclass(frozen=True)
class EntryRow:
    """What search needs to know about one matching entry before it picks a page of them."""

    entry_id: int
    best: float  # the best passage's relevance: higher is better (0 when browsing)
    best_number: int | None
    matching: int  # how many of its passages match
    year: int | None
    area: str
    review_type: str
    age_band: str
    harm: str
    published_on: object
    title: str
    theme_ids: frozenset


def _row(values, theme_list) -> EntryRow:
    entry_id, best, number, matching, *fields = values
    themes = frozenset(int(theme_id) for theme_id in (theme_list or "").split(",") if theme_id)
    return EntryRow(entry_id, float(best or 0), number, matching, *fields, theme_ids=themes)


class SQLiteSearch:
    """FTS5 with the porter stemmer; bm25 (FTS5's `rank`, lower is better) negated into a score."""

    @staticmethod
    def match_expression(terms: list[list[str]]) -> str:
        # Every word is a quoted FTS5 string (words hold no quotes: `parse_query` keeps only word
        # characters); a phrase is one quoted string of its words. Terms side by side must all match.
        return " ".join('"' + " ".join(words) + '"' for words in terms)

    def entry_rows(self, terms, visible_sql, visible_params) -> list[EntryRow]:
        themes = """(SELECT group_concat(t.theme_id) FROM library_entrytheme t
            WHERE t.entry_id = e.id AND t.state = 'confirmed')"""
        if not terms:
            sql = f"""SELECT e.id, 0, NULL, 0, {ENTRY_COLUMNS}, {themes}
                FROM library_libraryentry e WHERE e.id IN ({visible_sql})"""  # noqa: S608
            params = list(visible_params)
        else:
            # The bare columns beside MIN(rank) come from the row with the lowest rank: the best passage.
            sql = f"""WITH hits AS (
                    SELECT rowid >> {KEY_BITS} AS entry_id, MIN(rank) AS best,
                        rowid & {NUMBER_MASK} AS number, COUNT(*) AS matching
                    FROM library_passage_fts WHERE library_passage_fts MATCH %s
                    GROUP BY rowid >> {KEY_BITS}
                )
                SELECT e.id, -h.best, h.number, h.matching, {ENTRY_COLUMNS}, {themes}
                FROM hits h JOIN library_libraryentry e ON e.id = h.entry_id
                WHERE e.id IN ({visible_sql})"""  # noqa: S608
            params = [self.match_expression(terms), *visible_params]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [_row(values[:-1], values[-1]) for values in cursor.fetchall()]

    def snippets(self, terms, passages: list[tuple[int, int]]) -> dict[tuple[int, int], str]:
        """{(entry_id, number): the passage's snippet}, with MARK_START/MARK_END around matched words."""
        if not terms or not passages:
            return {}
        keys = [(entry_id << KEY_BITS) | number for entry_id, number in passages]
        sql = f"""SELECT rowid >> {KEY_BITS}, rowid & {NUMBER_MASK},
                snippet(library_passage_fts, 0, char(2), char(3), '…', {SNIPPET_WORDS})
            FROM library_passage_fts
            WHERE library_passage_fts MATCH %s AND rowid IN ({", ".join(["%s"] * len(keys))})"""  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.match_expression(terms), *keys])
            return {(entry_id, number): text for entry_id, number, text in cursor.fetchall()}

    def index_size_bytes(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name LIKE 'library_passage_fts%'"
            )
            return int(cursor.fetchone()[0])


class PostgreSQLSearch:
    """`to_tsvector('english', text)` (the GIN index's expression, so the index serves `@@`) and ts_rank
    divided by 1 + the log of the passage's length, as bm25 also prefers the shorter of two passages."""

    @staticmethod
    def tsquery(terms) -> tuple[str, list[str]]:
        # phraseto_tsquery takes any text and never raises; a single word is a phrase of one word.
        sql = " && ".join(["phraseto_tsquery('english', %s)"] * len(terms))
        return sql, [" ".join(words) for words in terms]

    def entry_rows(self, terms, visible_sql, visible_params) -> list[EntryRow]:
        themes = """(SELECT string_agg(t.theme_id::text, ',') FROM library_entrytheme t
            WHERE t.entry_id = e.id AND t.state = 'confirmed')"""
        if not terms:
            sql = f"""SELECT e.id, 0, NULL, 0, {ENTRY_COLUMNS}, {themes}
                FROM library_libraryentry e WHERE e.id IN ({visible_sql})"""  # noqa: S608
            params = list(visible_params)
        else:
            query_sql, query_params = self.tsquery(terms)
            sql = f"""WITH query AS (SELECT {query_sql} AS q),
                matches AS (
                    SELECT p.entry_id, p.number, ts_rank(to_tsvector('english', p.text), query.q, 1) AS score
                    FROM library_librarypassage p, query
                    WHERE to_tsvector('english', p.text) @@ query.q
                ),
                hits AS (
                    SELECT DISTINCT ON (entry_id) entry_id, score AS best, number,
                        COUNT(*) OVER (PARTITION BY entry_id) AS matching
                    FROM matches ORDER BY entry_id, score DESC, number
                )
                SELECT e.id, h.best, h.number, h.matching, {ENTRY_COLUMNS}, {themes}
                FROM hits h JOIN library_libraryentry e ON e.id = h.entry_id
                WHERE e.id IN ({visible_sql})"""  # noqa: S608
            params = [*query_params, *visible_params]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [_row(values[:-1], values[-1]) for values in cursor.fetchall()]

    def snippets(self, terms, passages: list[tuple[int, int]]) -> dict[tuple[int, int], str]:
        if not terms or not passages:
            return {}
        query_sql, query_params = self.tsquery(terms)
        options = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords={SNIPPET_WORDS}, MinWords=12"
        wanted = " OR ".join(["(p.entry_id = %s AND p.number = %s)"] * len(passages))
        sql = f"""SELECT p.entry_id, p.number, ts_headline('english', p.text, {query_sql}, %s)
            FROM library_librarypassage p WHERE {wanted}"""  # noqa: S608
        params = [*query_params, options]
        for pair in passages:
            params += list(pair)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return {(entry_id, number): text for entry_id, number, text in cursor.fetchall()}

    def index_size_bytes(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_relation_size('library_passage_text_search')")
            return int(cursor.fetchone()[0])


def backend():
    return PostgreSQLSearch() if connection.vendor == "postgresql" else SQLiteSearch()
