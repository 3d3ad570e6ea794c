"""Adopting a library review's recommendations into the partnership's action plan.

Anyone who can read the entry and writes their partnership's action plans (the business manager, the
review group) can adopt its recommendations: one (`adopt`) or all of them (`adopt_all`). A GET shows
what will happen; the POST adopts and goes on to the action plan, where the agencies are chosen. A
recommendation already adopted is not added again: the page says so and links to it.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods

from cspr import permissions
from cspr.action_plans.models import Recommendation
from cspr.audit.log import viewed

from ..actions.adopting import do_adopt, do_adopt_all, plan_for_entry
from .access import entry_for, recommendation_for


def _may_adopt(request, entry):
    if not permissions.can_adopt_library_recommendation(request.user):
        raise PermissionDenied
    if not entry.is_public:
        viewed(request, entry)


def _adopted_by_us(user, entry) -> dict:
    """The partnership's recommendations taken from this entry, by library recommendation."""
    ours = Recommendation.objects.visible_to(user).filter(
        partnership_id=user.partnership_id, library_recommendation__entry=entry
    )
    return {recommendation.library_recommendation_id: recommendation for recommendation in ours}


@require_http_methods(["GET", "HEAD", "POST"])
def adopt(request, pk, rec_pk):
    library_recommendation = recommendation_for(request, pk, rec_pk)
    entry = library_recommendation.entry
    _may_adopt(request, entry)
    existing = _adopted_by_us(request.user, entry).get(library_recommendation.pk)
    if request.method == "POST":
        if existing is not None:
            messages.info(request, "This recommendation is already in your action plan")
            return redirect("library:adopt", pk=entry.pk, rec_pk=library_recommendation.pk)
        adoption = do_adopt(library_recommendation, acting_user=request.user, request=request)
        messages.success(
            request,
            f"Added to the action plan as {str(adoption.recommendation).lower()}: choose the agencies it is "
            "addressed to",
        )
        return redirect("action_plans:edit_recommendation", pk=adoption.recommendation.pk)
    context = {
        "entry": entry,
        "library_recommendation": library_recommendation,
        "existing": existing,
        "plan": plan_for_entry(request.user.partnership, entry),
    }
    return render(request, "library/adopting/adopt.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def adopt_all(request, pk):
    entry = entry_for(request, pk)
    _may_adopt(request, entry)
    adopted = _adopted_by_us(request.user, entry)
    recommendations = list(entry.recommendations.order_by("position"))
    waiting = [item for item in recommendations if item.pk not in adopted]
    if request.method == "POST":
        if not waiting:
            messages.info(request, "All of this review's recommendations are already in your action plan")
            return redirect("library:adopt_all", pk=entry.pk)
        added = [
            item for item in do_adopt_all(entry, acting_user=request.user, request=request) if item.added
        ]
        count = f"{len(added)} recommendation{'s' if len(added) != 1 else ''}"
        messages.success(
            request, f"{count} added to the action plan: choose the agencies each is addressed to"
        )
        return redirect(added[0].recommendation.plan)
    context = {
        "entry": entry,
        "rows": [{"item": item, "existing": adopted.get(item.pk)} for item in recommendations],
        "waiting": len(waiting),
        "plan": plan_for_entry(request.user.partnership, entry),
    }
    return render(request, "library/adopting/adopt_all.html", context)


urlpatterns = [
    path("<int:pk>/recommendations/<int:rec_pk>/adopt/", adopt, name="adopt"),
    path("<int:pk>/recommendations/adopt/", adopt_all, name="adopt_all"),
]
