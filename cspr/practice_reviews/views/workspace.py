"""The practice review's status page: where it stands, what is late, and every part of the work in the
order it goes. Each part's module supplies its own context through `section(request, practice_review)`."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.views.decorators.http import require_safe

from cspr import permissions
from cspr.action_plans.views.sections import practice_review_section as action_plan_section
from cspr.audit.log import viewed
from cspr.briefings.views import section as briefings_section
from cspr.publication.views.prepare import section as publication_section

from ..models import PracticeReview
from . import commissioning, quality, records, running

SECTIONS = (
    records.section,
    commissioning.section,
    running.section,
    quality.section,
    publication_section,
    briefings_section,
    action_plan_section,
)


@require_safe
def practice_review_detail(request, pk):
    user = request.user
    practice_review = get_object_or_404(
        PracticeReview.objects.visible_to(user).select_related("partnership"), pk=pk
    )
    if not permissions.can_view_practice_review(user, practice_review):
        raise PermissionDenied
    viewed(request, practice_review)
    context = {"practice_review": practice_review}
    for section in SECTIONS:
        context.update(section(request, practice_review))
    return render(request, "practice_reviews/review.html", context)


urlpatterns = [
    path("<int:pk>/", practice_review_detail, name="detail"),
]
