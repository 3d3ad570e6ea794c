"""Permission matrix entries (tests/test_permission_matrix.py) for the lists part of action plans: name ->
(method, kwargs(ctx) or None, expected status per persona), written with `cspr.core.tests.matrix_rules`."""

from cspr.core.tests.matrix_rules import only

from .records import action_plan

# The partnership's decision makers see every action, an agency lead their own agency's (the same
# pages, scoped); another partnership's business manager gets their own partnership's at the same
# address. Independent reviewers, the Panel and administrators see no action plans.
LIST_READERS = only(
    {
        "business_manager": 200,
        "review_group_member": 200,
        "executive_member": 200,
        "agency_lead": 200,
        "other_business_manager": 200,
    },
    403,
)


def with_plan(ctx) -> dict:
    """No URL arguments; builds the context's plan first so the lists have a row to show."""
    action_plan(ctx)
    return {}


ENTRIES: dict = {
    "action_plans:dashboard": ("get", with_plan, LIST_READERS),
    "action_plans:by_review": ("get", with_plan, LIST_READERS),
    "action_plans:by_agency": ("get", with_plan, LIST_READERS),
}
