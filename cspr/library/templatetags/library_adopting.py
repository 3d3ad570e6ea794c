"""What an entry page shows beside each recommendation (`library/adopting/_recommendation_actions.html`):
a one-click "Add to our action plan" button for those who write their partnership's plans, or a link to
the recommendation already adopted."""

from django import template

from cspr import permissions
from cspr.action_plans.models import Recommendation

register = template.Library()


@register.simple_tag(takes_context=True)
def adoption_for(context, recommendation) -> dict:
    """{"can_adopt": bool, "existing": the partnership's adopted recommendation or None}."""
    user = context["request"].user
    if not permissions.can_adopt_library_recommendation(user):
        return {"can_adopt": False, "existing": None}
    existing = (
        Recommendation.objects.visible_to(user)
        .filter(partnership_id=user.partnership_id, library_recommendation=recommendation)
        .select_related("plan")
        .first()
    )
    return {"can_adopt": True, "existing": existing}
