"""The incident register (the partnership's, or for Panel members the national one) and its export."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from cspr import permissions
from cspr.audit.log import record
from cspr.audit.models import AuditAction
from cspr.incidents import exports
from cspr.incidents.forms.register import RegisterFilterForm
from cspr.incidents.register import (
    apply_filters,
    awareness_years,
    reconcile_summary,
    register_incidents,
    register_page,
    register_rows,
)
from cspr.partnerships.models import Partnership

from .incident_page import incident_detail

EXPORT_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _register_for(request):
    """The register's incidents and its filter form; 403 for anyone who has no register."""
    user = request.user
    national = not permissions.can_view_register(user)
    if national and not permissions.can_view_national_register(user):
        raise PermissionDenied
    incidents = register_incidents(user)
    partnerships = None
    if national:
        partnerships = list(
            Partnership.objects.filter(pk__in=incidents.values("partnership_id")).values_list("pk", "name")
        )
    form = RegisterFilterForm(
        request.GET or None, years=awareness_years(incidents), partnerships=partnerships
    )
    return incidents, form, national


@require_safe
def register(request):
    incidents, form, national = _register_for(request)
    filters = form.filters()
    filtered = apply_filters(incidents, filters)
    page = register_page(filtered, filters, request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    can_export = permissions.can_export_register(request.user)
    context = {
        "form": form,
        "national": national,
        "page_obj": page,
        "has_incidents": incidents.exists(),
        "summary": reconcile_summary(filtered),
        "year": filters.year,
        "export_urls": {fmt: _export_url(query, fmt) for fmt in EXPORT_FORMATS} if can_export else {},
        "refer_url": reverse("incidents:refer") if permissions.can_refer(request.user) else "",
        "record_referral_url": reverse("incidents:record-referral")
        if permissions.can_record_referral(request.user)
        else "",
    }
    return render(request, "incidents/register.html", context)


def _export_url(query, fmt: str) -> str:
    query = query.copy()
    query["format"] = fmt
    return f"{reverse('incidents:export')}?{query.urlencode()}"


@require_safe
def register_export(request):
    """The filtered register, one row per child, as CSV or XLSX; the download is itself an audit entry."""
    if not permissions.can_export_register(request.user):
        raise PermissionDenied
    fmt = request.GET.get("format", "csv")
    if fmt not in EXPORT_FORMATS:
        raise Http404
    incidents, form, _ = _register_for(request)
    if form.is_bound and not form.is_valid():
        query = request.GET.copy()
        query.pop("format", None)
        return redirect(f"{reverse('incidents:register')}?{query.urlencode()}")
    filters = form.filters()
    rows = register_rows(apply_filters(incidents, filters), filters)
    lines = exports.export_rows(rows)
    partnership = request.user.partnership
    record(
        AuditAction.EXPORT,
        request=request,
        partnership=partnership,
        object_repr=f"Incident register ({fmt.upper()}), {len(rows)} incidents, {len(lines)} rows "
        f"({filters.describe()})",
    )
    name = f"incident-register-{partnership.slug}-{timezone.localdate().isoformat()}.{fmt}"
    content = exports.as_csv(lines) if fmt == "csv" else exports.as_xlsx(lines, title="Incident register")
    response = HttpResponse(content, content_type=EXPORT_FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


urlpatterns = [
    path("", register, name="register"),
    path("export/", register_export, name="export"),
    path("<int:pk>/", incident_detail, name="detail"),
]
