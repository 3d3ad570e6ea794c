"""Reaching one action plan record from a URL: scoped to what the user may see (a record they may not
see does not exist for them: 404), with what its pages show fetched in the same query. Each view then
asks `permissions` whether the user may do what the page offers."""

from django.shortcuts import get_object_or_404

from ..models import Action, ActionPlan, Evidence, Recommendation

PLAN_RELATED = ("partnership", "rapid_review__incident", "practice_review")


def plan_for(request, pk) -> ActionPlan:
    return get_object_or_404(ActionPlan.objects.visible_to(request.user).select_related(*PLAN_RELATED), pk=pk)


def recommendation_for(request, pk) -> Recommendation:
    related = [f"plan__{name}" for name in PLAN_RELATED]
    return get_object_or_404(
        Recommendation.objects.visible_to(request.user).select_related("partnership", *related), pk=pk
    )


def action_for(request, pk) -> Action:
    related = [f"recommendation__plan__{name}" for name in PLAN_RELATED]
    return get_object_or_404(
        Action.objects.visible_to(request.user).select_related("partnership", "agency", *related), pk=pk
    )


def evidence_for(request, pk) -> Evidence:
    return get_object_or_404(
        Evidence.objects.visible_to(request.user).select_related("action__agency", "partnership"), pk=pk
    )
