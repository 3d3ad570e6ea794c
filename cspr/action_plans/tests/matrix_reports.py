"""Permission matrix entries (tests/test_permission_matrix.py) for the reports part of action plans: name ->
(method, kwargs(ctx) or None, expected status per persona), written with `cspr.core.tests.matrix_rules`.

The progress report shows every agency's actions, so only the partnership's decision makers download it;
the agency lead sees the context plan (its agency has an action in it) but may not download it.
"""

from cspr.core.tests.matrix_rules import only

from .records import action_plan

REPORT_READERS = only(
    {"business_manager": 200, "review_group_member": 200, "executive_member": 200, "agency_lead": 403}, 404
)


def plan_kwargs(ctx) -> dict:
    return {"pk": action_plan(ctx).pk}


ENTRIES: dict = {
    "action_plans:report_docx": ("get", plan_kwargs, REPORT_READERS),
    "action_plans:report_pdf": ("get", plan_kwargs, REPORT_READERS),
}
