"""The list of rapid reviews (the partnership's, or for Panel members those sent to it) and its CSV export."""

import csv
import io

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from cspr import permissions
from cspr.audit.log import record
from cspr.audit.models import AuditAction
from cspr.audit.views import spreadsheet_safe
from cspr.partnerships.models import Partnership

from ..forms.lists import RapidReviewFilterForm
from ..lists import apply_filters, list_page, list_rows, rapid_reviews_for

CSV_HEADER = [
    "Incident reference",
    "Partnership",
    "Children (pseudonyms)",
    "Notified to the Panel",
    "Rapid review due",
    "Sent to the Panel",
    "Timing",
    "Status",
    "Decision or recommendation",
    "Panel response",
    "Date of the Panel's response",
]


def _list_for(request):
    """The rapid reviews this user's list holds and its filter form; 403 for anyone who has no list."""
    user = request.user
    if not permissions.can_view_rapid_reviews(user):
        raise PermissionDenied
    rapid_reviews = rapid_reviews_for(user)
    national = permissions.can_view_national_register(user)
    partnerships = None
    if national:
        partnerships = list(
            Partnership.objects.filter(pk__in=rapid_reviews.values("partnership_id")).values_list(
                "pk", "name"
            )
        )
    return rapid_reviews, RapidReviewFilterForm(request.GET or None, partnerships=partnerships), national


@require_safe
def rapid_review_list(request):
    rapid_reviews, form, national = _list_for(request)
    filters = form.filters()
    page = list_page(apply_filters(rapid_reviews, filters), filters, request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "national": national,
        "page_obj": page,
        "has_rapid_reviews": rapid_reviews.exists(),
        "export_url": f"{reverse('rapid_reviews:list-export')}?{query.urlencode()}",
        "overdue_url": reverse("deadlines:panel-overdue")
        if permissions.can_view_overdue_rapid_reviews(request.user)
        else "",
        "thematic_reviews_url": reverse("rapid_reviews:thematic-reviews")
        if permissions.can_manage_thematic_reviews(request.user)
        else "",
    }
    return render(request, "rapid_reviews/lists/list.html", context)


@require_safe
def rapid_review_export(request):
    """The filtered list as CSV, children by pseudonym only; the download is itself an audit entry."""
    rapid_reviews, form, _ = _list_for(request)
    if form.is_bound and not form.is_valid():
        return redirect(f"{reverse('rapid_reviews:list')}?{request.GET.urlencode()}")
    filters = form.filters()
    rows = list_rows(apply_filters(rapid_reviews, filters), filters)
    plural = "s" if len(rows) != 1 else ""
    record(
        AuditAction.EXPORT,
        request=request,
        object_repr=f"Rapid reviews (CSV), {len(rows)} row{plural} ({filters.describe()})",
    )
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(CSV_HEADER)
    for row in rows:
        rapid_review, response = row.rapid_review, row.panel_response
        values = [
            row.incident.reference,
            rapid_review.partnership.name,
            row.pseudonyms,
            rapid_review.notified_on.isoformat(),
            row.due.due_on.isoformat() if row.due else "",
            rapid_review.sent_on.isoformat() if rapid_review.sent_on else "",
            row.timing,
            rapid_review.get_status_display(),
            row.decision,
            response.get_response_display() if response else ("Awaiting" if rapid_review.is_sent else ""),
            response.responded_on.isoformat() if response else "",
        ]
        writer.writerow([spreadsheet_safe(value) for value in values])
    response = HttpResponse(output.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="rapid-reviews-{timezone.localdate().isoformat()}.csv"'
    )
    response["Cache-Control"] = "no-store"
    return response


urlpatterns = [
    path("", rapid_review_list, name="list"),
    path("export/", rapid_review_export, name="list-export"),
]
