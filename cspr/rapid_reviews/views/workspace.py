"""The rapid review's page: where the 15 working days stand and every part of the review, in the order
the work goes. Each part's module supplies its own context through `section(request, rapid_review)`."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.views.decorators.http import require_safe

from cspr import permissions
from cspr.audit.log import viewed
from cspr.chronology.views import section as chronology_section
from cspr.deadlines.clock import incident_deadlines
from cspr.incidents.models import Child
from cspr.practice_reviews.views.records import rapid_review_section as practice_reviews_section

from ..models import RapidReview
from . import panel, report, returns, review_group

# The steps of the statutory clock that belong to the rapid review, in the order the work goes.
RAPID_REVIEW_STEPS = (
    "agency_leads_contacted",
    "review_group_meeting",
    "partners_sign_off",
    "rapid_review",
    "panel_response",
)
SECTIONS = (
    returns.section,
    chronology_section,
    review_group.section,
    report.section,
    panel.section,
    practice_reviews_section,
)


def rapid_review_deadlines(rapid_review):
    by_code = {status.step.code: status for status in incident_deadlines(rapid_review.incident)}
    return [by_code[code] for code in RAPID_REVIEW_STEPS if code in by_code]


@require_safe
def rapid_review_detail(request, pk):
    user = request.user
    rapid_review = get_object_or_404(
        RapidReview.objects.visible_to(user).select_related("incident", "partnership"), pk=pk
    )
    if not permissions.can_view_rapid_review(user, rapid_review):
        raise PermissionDenied
    viewed(request, rapid_review)
    context = {
        "rapid_review": rapid_review,
        "incident": rapid_review.incident,
        "children": Child.objects.visible_to(user).filter(incident=rapid_review.incident),
        "deadlines": rapid_review_deadlines(rapid_review),
    }
    for section in SECTIONS:
        context.update(section(request, rapid_review))
    return render(request, "rapid_reviews/review.html", context)


urlpatterns = [
    path("<int:pk>/", rapid_review_detail, name="detail"),
]
