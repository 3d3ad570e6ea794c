"""The library's home: search and browse the reviews, no sign-in needed (`?q=&theme=&year=&area=&type=
&age=&harm=&page=`, so every search has a URL people can share). Signed-in partnership staff also find
their own partnership's drafts, marked as such; `search.search` applies `visible_to` for every query.

One GET form holds the search box and the facet checkboxes, so "Search" keeps the ticked filters and
"Apply filters" keeps the words, without JavaScript.
"""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_safe

from cspr import permissions

from .. import search as library_search

FACET_LEGENDS = {
    "themes": "Theme",
    "years": "Year published",
    "areas": "Area",
    "review_types": "Type of review",
    "age_bands": "Child's age",
    "harms": "Harm to the child",
}


def _page_number(value) -> int:
    return int(value) if value and value.isdigit() else 1


def _without(request, parameter: str, value: str) -> str:
    """This search's URL with one filter value removed (and back to page 1)."""
    query = request.GET.copy()
    query.pop("page", None)
    query.setlist(parameter, [kept for kept in query.getlist(parameter) if kept != value])
    return f"?{query.urlencode()}"


def _facet_groups(request, results) -> tuple[list[dict], list[dict]]:
    groups, selected = [], []
    for name, items in results.facets.items():
        parameter = library_search.Filters.PARAMETERS[name]
        options = [
            {"id": f"{parameter}-{index}", "value": value, "label": label, "count": count, "checked": checked}
            for index, (value, label, count, checked) in enumerate(items, start=1)
        ]
        if options:
            groups.append({"legend": FACET_LEGENDS[name], "parameter": parameter, "options": options})
        selected += [
            {
                "legend": FACET_LEGENDS[name],
                "label": option["label"],
                "url": _without(request, parameter, option["value"]),
            }
            for option in options
            if option["checked"]
        ]
    return groups, selected


def _own_analytics(user):
    """The reader's own partnership's figures page, when they may see it."""
    partnership = getattr(user, "partnership", None)
    if partnership and permissions.can_view_library_analytics(user, partnership):
        return partnership
    return None


@login_not_required
@require_safe
def search(request):
    query = request.GET.get("q", "").strip()
    results = library_search.search(
        query,
        user=request.user,
        filters=library_search.Filters.from_querydict(request.GET),
        page=_page_number(request.GET.get("page")),
    )
    groups, selected = _facet_groups(request, results)
    page_obj = Paginator(range(results.total), results.per_page).get_page(results.page)
    context = {
        "query": query,
        "results": results,
        "facet_groups": groups,
        "selected_filters": selected,
        "page_obj": page_obj,
        "first_number": (results.page - 1) * results.per_page + 1,
        "can_import": permissions.can_import_to_library(request.user),
        "can_manage_themes": permissions.can_manage_themes(request.user),
        "own_analytics": _own_analytics(request.user),
    }
    return render(request, "library/search/search.html", context)


urlpatterns = [path("", search, name="search")]
