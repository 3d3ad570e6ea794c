"""The library's analytics pages: the national picture from public reviews (no sign-in needed) and a
partnership's own page, which adds how fast it meets the statutory clock.

Each chart is an SVG at its own address, shown with `<img>` beside a table of the same numbers, with a
CSV download. pygal's SVG styles itself with a `<style>` element, so the SVG response (and only it) gets
a policy allowing its own inline style; it may load nothing and run nothing. The HTML pages keep the
site's strict policy.
"""

import csv
import io
from functools import wraps

from csp.constants import NONE, UNSAFE_INLINE
from csp.decorators import csp
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from cspr import permissions
from cspr.audit.log import viewed
from cspr.audit.views import spreadsheet_safe
from cspr.deadlines.models import StepCompletion
from cspr.partnerships.models import Partnership

from .. import analytics
from ..charts import render_svg
from ..models import EntryStatus, LibraryEntry

# The SVG's own policy: its <style> element, nothing else (no scripts, images, fonts or frames).
SVG_POLICY = {
    "default-src": [NONE],
    "style-src": [UNSAFE_INLINE],
    "frame-ancestors": [NONE],
    "base-uri": [NONE],
    "form-action": [NONE],
}


def _national_entries(request):
    """The national picture counts public reviews only, whoever is reading."""
    return LibraryEntry.objects.visible_to(request.user).public()


def _partnership_entries(request, partnership):
    """A partnership's reviews as its reader sees them: its own people include its drafts."""
    return LibraryEntry.objects.visible_to(request.user).filter(partnership=partnership)


def _completions(request, partnership):
    return StepCompletion.objects.visible_to(request.user).filter(partnership=partnership)


def _allowed_partnership(request, slug):
    partnership = get_object_or_404(Partnership, slug=slug)
    if not permissions.can_view_library_analytics(request.user, partnership):
        raise PermissionDenied
    return partnership


def _chart_links(chart, partnership=None) -> dict:
    query = f"?partnership={partnership.slug}" if partnership else ""
    return {
        "chart": chart,
        "svg_url": reverse("library:chart", args=[chart.name]) + query,
        "csv_url": reverse("library:chart_csv", args=[chart.name]) + query,
    }


def _library_context(entries) -> dict:
    charts = [build(entries) for build in analytics.LIBRARY_CHARTS.values()]
    today = timezone.localdate()
    return {
        "total": entries.count(),
        "charts": charts,
        "rising": analytics.rising_themes(entries, today),
        "latest_full_year": analytics.latest_full_year(today),
    }


@login_not_required
@require_safe
def national(request):
    context = _library_context(_national_entries(request))
    context["charts"] = [_chart_links(chart) for chart in context["charts"]]
    return render(request, "library/analytics/national.html", context)


@require_safe
def partnership_page(request, slug):
    partnership = _allowed_partnership(request, slug)
    entries = _partnership_entries(request, partnership)
    context = _library_context(entries)
    context["drafts"] = entries.exclude(status=EntryStatus.PUBLIC).count()
    context["charts"] = [_chart_links(chart, partnership) for chart in context["charts"]]
    context["partnership"] = partnership
    context["clock"] = _chart_links(analytics.on_time(_completions(request, partnership)), partnership)
    viewed(request, partnership)
    return render(request, "library/analytics/partnership.html", context)


def _chart_for(request, name):
    """The named chart, national or (with `?partnership=slug`) for a partnership its reader may see."""
    slug = request.GET.get("partnership")
    if not slug:
        if name not in analytics.LIBRARY_CHARTS:
            raise Http404
        return analytics.LIBRARY_CHARTS[name](_national_entries(request)), None
    partnership = _allowed_partnership(request, slug)
    if name in analytics.CLOCK_CHARTS:
        return analytics.CLOCK_CHARTS[name](_completions(request, partnership)), partnership
    if name in analytics.LIBRARY_CHARTS:
        return analytics.LIBRARY_CHARTS[name](_partnership_entries(request, partnership)), partnership
    raise Http404


def _signed_in_for_partnership(view):
    """Chart addresses need no sign-in for the national picture; a partnership's figures send anonymous
    visitors to sign in, as the partnership's page does."""

    @wraps(view)
    def wrapped(request, name):
        if request.GET.get("partnership") and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, name)

    return wrapped


@login_not_required
@require_safe
@_signed_in_for_partnership
@csp(SVG_POLICY)
def chart_svg(request, name):
    chart, partnership = _chart_for(request, name)
    response = HttpResponse(render_svg(chart), content_type="image/svg+xml; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    if partnership is not None:
        response["Cache-Control"] = "private, no-store"
    return response


@login_not_required
@require_safe
@_signed_in_for_partnership
def chart_csv(request, name):
    chart, partnership = _chart_for(request, name)
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(chart.csv.columns)
    for row in chart.csv.rows:
        writer.writerow([spreadsheet_safe(value) for value in row])
    response = HttpResponse(output.getvalue(), content_type="text/csv; charset=utf-8")
    prefix = f"{partnership.slug}-" if partnership else ""
    response["Content-Disposition"] = f'attachment; filename="{prefix}{chart.name}.csv"'
    if partnership is not None:
        response["Cache-Control"] = "private, no-store"
        viewed(request, partnership)
    return response


urlpatterns = [
    path("analytics/", national, name="analytics"),
    path("analytics/charts/<slug:name>.svg", chart_svg, name="chart"),
    path("analytics/charts/<slug:name>.csv", chart_csv, name="chart_csv"),
    path("analytics/<slug:slug>/", partnership_page, name="partnership_analytics"),
]
