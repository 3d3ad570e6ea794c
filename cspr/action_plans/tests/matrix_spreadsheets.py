"""Permission matrix entries (tests/test_permission_matrix.py) for the XLSX part of action plans: name ->
(method, kwargs(ctx) or None, expected status per persona), written with `cspr.core.tests.matrix_rules`."""

from cspr.core.tests.matrix_rules import only

from .records import action_plan

# Everyone who sees action plans downloads the rows they can see (another partnership's business manager
# gets their own partnership's at the same address); the Panel, reviewers and administrators none.
EXPORTERS = only(
    {
        "business_manager": 200,
        "review_group_member": 200,
        "executive_member": 200,
        "agency_lead": 200,
        "other_business_manager": 200,
    },
    403,
)
# Agency leads upload their own rows, the business manager any of the partnership's.
IMPORTERS = only({"business_manager": 200, "agency_lead": 200, "other_business_manager": 200}, 403)


def with_plan(ctx) -> dict:
    """No URL arguments, but a plan with an action to put in the spreadsheet."""
    action_plan(ctx)
    return {}


ENTRIES: dict = {
    "action_plans:export": ("get", with_plan, EXPORTERS),
    "action_plans:import": ("get", None, IMPORTERS),
}
