"""`cspr library search "QUERY" [--theme T ...] [--year Y ...] [--type CODE] [--page N] [--json]`: the
library search from the command line, over the public reviews only (what anyone may read), with the same
ranking, snippets and filters as the search page."""

import html
import json
import re

from django.contrib.auth.models import AnonymousUser

from .. import search as library_search
from .. import vocabulary


def add_arguments(parser):
    parser.add_argument("query", help='Words, or "a quoted phrase"; empty to list every review')
    parser.add_argument("--theme", action="append", default=[], help="A theme's label (repeat for several)")
    parser.add_argument("--year", action="append", type=int, default=[], help="A year (repeat for several)")
    parser.add_argument("--type", action="append", default=[], choices=list(vocabulary.REVIEW_TYPES))
    parser.add_argument("--page", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="Print the results as JSON")


def _plain(snippet, mark: str = "") -> str:
    text = re.sub(r"</?mark>", mark, str(snippet.html))
    return html.unescape(text)


def run(options, out):
    filters = library_search.Filters(
        themes=options["theme"], years=options["year"], review_types=options["type"]
    )
    results = library_search.search(
        options["query"], user=AnonymousUser(), filters=filters, page=options["page"]
    )
    if options["json"]:
        out.write(json.dumps(_as_json(results), indent=2, ensure_ascii=False))
        return
    out.write(f"{results.total} review(s); page {results.page} of {results.pages}")
    for place, hit in enumerate(results.hits, start=(results.page - 1) * results.per_page + 1):
        entry = hit.entry
        out.write(
            f"\n{place}. {entry.title} ({entry.area}, {entry.year or 'year not known'}) [{hit.score:.2f}]"
        )
        if hit.themes:
            out.write(f"   Themes: {', '.join(hit.themes)}")
        for snippet in hit.snippets:
            out.write(f"   Passage {snippet.number}: {_plain(snippet, '**')}")


def _as_json(results) -> dict:
    return {
        "query": results.query,
        "total": results.total,
        "page": results.page,
        "pages": results.pages,
        "results": [
            {
                "id": hit.entry.pk,
                "title": hit.entry.title,
                "area": hit.entry.area,
                "year": hit.entry.year,
                "review_type": hit.entry.review_type,
                "themes": hit.themes,
                "score": round(hit.score, 4),
                "url": hit.entry.get_absolute_url(),
                "matching_passages": hit.matching_passages,
                "passages": [
                    {"number": snippet.number, "snippet": _plain(snippet), "snippet_html": str(snippet.html)}
                    for snippet in hit.snippets
                ],
            }
            for hit in results.hits
        ],
        "facets": {
            name: [{"value": value, "label": label, "count": count} for value, label, count, _ in items]
            for name, items in results.facets.items()
        },
    }
