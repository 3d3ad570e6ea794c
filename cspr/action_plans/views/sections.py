"""The action plan's part of a practice review's status page: where the plan stands, or how to start it."""

from collections import Counter

from django.utils import timezone

from cspr import permissions

from ..models import Action, ActionPlan


def practice_review_section(request, practice_review) -> dict:
    """Counts by status for those who read action plans; a "Start" link for those who write them."""
    user = request.user
    if not permissions.can_view_action_plans(user):
        return {"action_plan_shown": False}
    plan = ActionPlan.objects.visible_to(user).filter(practice_review=practice_review).first()
    today = timezone.localdate()
    counts = Counter()
    if plan is not None:
        actions = Action.objects.visible_to(user).filter(recommendation__plan=plan).only("status", "due_on")
        counts = Counter(action.display_status(today) for action in actions)
    return {
        "action_plan_shown": plan is not None or permissions.can_write_action_plans(user),
        "action_plan": plan,
        "action_plan_actions": sum(counts.values()),
        "action_plan_overdue": counts["overdue"],
        "action_plan_assured": counts["assured"],
        "action_plan_can_start": plan is None
        and permissions.can_write_action_plans(user)
        and practice_review.partnership_id == user.partnership_id,
    }
