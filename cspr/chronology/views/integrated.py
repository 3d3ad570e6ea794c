"""The integrated chronology page (every agency's entries in date order, with gaps, flagged duplicates and
the timeline) and its exports to XLSX and DOCX. Only the partnership's decision makers read it
(`permissions.can_view_chronology`); exports name the child by pseudonym only and are audited."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from cspr import permissions
from cspr.audit.log import record, viewed
from cspr.audit.models import AuditAction
from cspr.incidents.models import Child
from cspr.rapid_reviews.models import AgencyReturn, RapidReview

from .. import exports
from ..forms import FilterForm
from ..integrated import find_gaps, flagged_duplicates, gaps_in_period, in_order, rows_with_gaps, timeline
from ..models import ChronologyEntry, DuplicateDecision

PAGE_SIZE = 100
EXPORT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def rapid_review_for(request, pk) -> RapidReview:
    rapid_review = get_object_or_404(
        RapidReview.objects.visible_to(request.user).select_related("incident", "partnership"), pk=pk
    )
    if not permissions.can_view_chronology(request.user, rapid_review):
        raise PermissionDenied
    return rapid_review


def chronology_of(request, rapid_review):
    """The rapid review's entries, merged ones left out, with the filter form bound to the query."""
    user = request.user
    entries = ChronologyEntry.objects.visible_to(user).filter(
        rapid_review=rapid_review, merged_into__isnull=True
    )
    agencies = [
        agency_return.agency
        for agency_return in AgencyReturn.objects.visible_to(user)
        .filter(rapid_review=rapid_review)
        .select_related("agency")
        .order_by("agency__name")
    ]
    form = FilterForm(request.GET or None, agencies=agencies)
    return entries, form


def pseudonyms(request, rapid_review) -> str:
    names = Child.objects.visible_to(request.user).filter(incident=rapid_review.incident).order_by("pk")
    return ", ".join(names.values_list("pseudonym", flat=True)) or "no child named"


@require_safe
def integrated_chronology(request, pk):
    rapid_review = rapid_review_for(request, pk)
    viewed(request, rapid_review)
    entries, form = chronology_of(request, rapid_review)
    filtered = in_order(form.filter(entries))
    page = Paginator(filtered.select_related("agency"), PAGE_SIZE).get_page(request.GET.get("page"))
    values = form.values()
    gaps = gaps_in_period(
        find_gaps(entries, form.gap_threshold()), values.get("period_from"), values.get("period_to")
    )
    decisions = DuplicateDecision.objects.visible_to(request.user).filter(rapid_review=rapid_review)
    pairs = flagged_duplicates(entries, decisions)
    previous_on = None
    if page.number > 1:
        previous_on = filtered.values_list("start_on", flat=True)[page.start_index() - 2]
    query = request.GET.copy()
    query.pop("page", None)
    suffix = f"?{query.urlencode()}" if query else ""
    context = {
        "rapid_review": rapid_review,
        "incident": rapid_review.incident,
        "pseudonyms": pseudonyms(request, rapid_review),
        "form": form,
        "page_obj": page,
        "rows": rows_with_gaps(
            list(page), gaps, pairs, previous_on=previous_on, is_last_page=not page.has_next()
        ),
        "gaps": gaps,
        "gap_days": form.gap_threshold(),
        "duplicate_count": len(pairs),
        "has_entries": entries.exists() if not page.paginator.count else True,
        "is_filtered": bool(values.keys() - {"gap_days"}),
        **_timeline_context(timeline(form.filter(entries))),
        "can_review_duplicates": permissions.can_review_duplicates(request.user, rapid_review),
        "export_urls": {
            fmt: reverse(f"chronology:export-{fmt}", args=[rapid_review.pk]) + suffix for fmt in EXPORT_TYPES
        },
    }
    return render(request, "chronology/integrated.html", context)


def _timeline_context(picture) -> dict:
    if picture is None:
        return {"timeline": None}
    # The SVG is built by timeline_svg with every text escaped.
    return {"timeline": picture, "timeline_svg": mark_safe(picture.svg()), "timeline_table": picture.table()}  # noqa: S308


def _export(request, pk, fmt):
    rapid_review = rapid_review_for(request, pk)
    entries, form = chronology_of(request, rapid_review)
    rows = list(in_order(form.filter(entries)).select_related("agency"))
    values = form.values()
    gaps = gaps_in_period(
        find_gaps(entries, form.gap_threshold()), values.get("period_from"), values.get("period_to")
    )
    document = exports.ChronologyDocument(
        partnership=rapid_review.partnership.name,
        reference=rapid_review.incident.reference,
        pseudonyms=pseudonyms(request, rapid_review),
        produced_on=timezone.localdate(),
        filters=form.describe(),
        entries=rows,
        gaps=gaps,
    )
    record(
        AuditAction.EXPORT,
        request=request,
        obj=rapid_review,
        object_repr=f"Integrated chronology of incident {rapid_review.incident.reference} ({fmt.upper()}), "
        f"{len(rows)} entries ({form.describe()})",
    )
    content = exports.as_xlsx(document) if fmt == "xlsx" else exports.as_docx(document)
    name = f"integrated-chronology-{rapid_review.incident.reference.replace('/', '-')}.{fmt}"
    response = HttpResponse(content, content_type=EXPORT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def export_xlsx(request, pk):
    return _export(request, pk, "xlsx")


@require_safe
def export_docx(request, pk):
    return _export(request, pk, "docx")


urlpatterns = [
    path("<int:pk>/", integrated_chronology, name="integrated"),
    path("<int:pk>/export.xlsx", export_xlsx, name="export-xlsx"),
    path("<int:pk>/export.docx", export_docx, name="export-docx"),
]
