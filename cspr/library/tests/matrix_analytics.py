"""Permission matrix entries (tests/test_permission_matrix.py) for the library analytics pages: the
national picture is for everyone, signed in or not; a partnership's page (with its statutory clock
figures) for its partnership-wide roles and the Panel. A partnership's charts (`?partnership=slug`) are
checked in test_analytics_access.py, as the matrix has no query strings."""

from cspr.core.tests.matrix_rules import everyone, only

PARTNERSHIP_FIGURES = only(
    {"business_manager": 200, "review_group_member": 200, "executive_member": 200, "panel_member": 200}, 403
)


def partnership_kwargs(ctx) -> dict:
    return {"slug": ctx["partnership"].slug}


def chart_kwargs(ctx) -> dict:
    return {"name": "reviews-by-year"}


ENTRIES: dict = {
    "library:analytics": ("get", None, everyone(200)),
    "library:partnership_analytics": ("get", partnership_kwargs, PARTNERSHIP_FIGURES),
    "library:chart": ("get", chart_kwargs, everyone(200)),
    "library:chart_csv": ("get", chart_kwargs, everyone(200)),
}
