"""Reviewing likely duplicates: each flagged pair side by side, to merge into the first or keep both.

The business manager and the review group decide (`permissions.can_review_duplicates`). A decided pair is
not flagged again; a merged entry leaves the integrated chronology and its exports.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse

from cspr import permissions
from cspr.audit.log import viewed
from cspr.rapid_reviews.models import RapidReview

from .. import actions
from ..forms import DecisionForm
from ..integrated import flagged_duplicates
from ..models import ChronologyEntry, DuplicateDecision

PAGE_SIZE = 25


def duplicates(request, pk):
    user = request.user
    rapid_review = get_object_or_404(
        RapidReview.objects.visible_to(user).select_related("incident", "partnership"), pk=pk
    )
    if not permissions.can_review_duplicates(user, rapid_review):
        raise PermissionDenied
    entries = ChronologyEntry.objects.visible_to(user).filter(rapid_review=rapid_review)
    if request.method == "POST":
        return _decide(request, rapid_review)
    viewed(request, rapid_review)
    decisions = DuplicateDecision.objects.visible_to(user).filter(rapid_review=rapid_review)
    page = Paginator(flagged_duplicates(entries, decisions), PAGE_SIZE).get_page(request.GET.get("page"))
    shown = {pk for pair in page for pk in (pair.first_id, pair.second_id)}
    by_pk = entries.select_related("agency").in_bulk(shown)
    context = {
        "rapid_review": rapid_review,
        "incident": rapid_review.incident,
        "page_obj": page,
        "pairs": [(pair, by_pk[pair.first_id], by_pk[pair.second_id]) for pair in page],
        "decided_count": decisions.count(),
    }
    return render(request, "chronology/duplicates.html", context)


def _decide(request, rapid_review):
    form = DecisionForm(request.POST)
    here = reverse("chronology:duplicates", args=[rapid_review.pk])
    if not form.is_valid():
        messages.error(request, "Choose whether to merge the entries or keep both")
        return redirect(here)
    data = form.cleaned_data
    merge = data["decision"] == DecisionForm.MERGE
    try:
        actions.do_decide_duplicate(
            rapid_review,
            data["first"],
            data["second"],
            merge=merge,
            acting_user=request.user,
            request=request,
        )
    except actions.DecisionRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            "Entries merged: the second entry is now part of the first"
            if merge
            else "Both entries kept: they will not be flagged again",
        )
    return redirect(here)


urlpatterns = [
    path("<int:pk>/duplicates/", duplicates, name="duplicates"),
]
