"""Permission matrix entries (tests/test_permission_matrix.py) for the plans part of action plans: name ->
(method, kwargs(ctx) or None, expected status per persona), written with `cspr.core.tests.matrix_rules`.

The context plan (`records.action_plan`) has recommendation 1 addressed to the agency lead's agency, with
one complete action of that agency: the agency lead sees all three records but may change none of them.
"""

from cspr.core.tests.matrix_rules import only

from .records import action_plan, plan_action

# The partnership's decision makers and the agency lead whose agency has actions in the plan; the
# Panel, reviewers, administrators and other partnerships do not see it.
PLAN_READERS = only(
    {"business_manager": 200, "review_group_member": 200, "executive_member": 200, "agency_lead": 200}, 404
)
# The business manager and the review group write the plan; the others who see it get 403.
PLAN_WRITERS = only(
    {"business_manager": 200, "review_group_member": 200, "executive_member": 403, "agency_lead": 403}, 404
)
# Starting a plan: the writers of any partnership (another partnership's business manager starts one for
# their own reviews at the same address).
STARTS_PLANS = only({"business_manager": 200, "review_group_member": 200, "other_business_manager": 200}, 403)


def plan_kwargs(ctx) -> dict:
    return {"pk": action_plan(ctx).pk}


def recommendation_kwargs(ctx) -> dict:
    return {"pk": plan_action(ctx).recommendation_id}


def action_kwargs(ctx) -> dict:
    return {"pk": plan_action(ctx).pk}


ENTRIES: dict = {
    "action_plans:new_plan": ("get", None, STARTS_PLANS),
    "action_plans:plan": ("get", plan_kwargs, PLAN_READERS),
    "action_plans:new_recommendation": ("get", plan_kwargs, PLAN_WRITERS),
    "action_plans:edit_recommendation": ("get", recommendation_kwargs, PLAN_WRITERS),
    "action_plans:remove_recommendation": ("get", recommendation_kwargs, PLAN_WRITERS),
    "action_plans:new_action": ("get", recommendation_kwargs, PLAN_WRITERS),
    "action_plans:edit_action": ("get", action_kwargs, PLAN_WRITERS),
}
