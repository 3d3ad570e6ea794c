"""Lists of deadlines across incidents: what is due in the next fortnight in a partnership, and for the
Panel the rapid reviews overdue in every partnership."""

import csv
import io

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_safe

from cspr import permissions
from cspr.audit.log import record
from cspr.audit.models import AuditAction
from cspr.audit.views import spreadsheet_safe
from cspr.clock.status import DeadlineState
from cspr.deadlines.clock import current_calendar, deadlines_of
from cspr.deadlines.forms import PanelFilterForm
from cspr.incidents.models import Incident

# "The next fortnight": deadlines due within this many working days, after every overdue one.
FORTNIGHT_WORKING_DAYS = 10
CSV_HEADER = ["Incident", "Step", "Responsible", "Due date", "Status", "Working days", "Planned date"]


def fortnight_deadlines(user):
    """Open deadlines of the incidents this user may see: overdue ones, then those due within 10 working
    days, soonest first (overdue ones are the oldest, so they come first)."""
    calendar = current_calendar()
    today = timezone.localdate()
    incidents = Incident.objects.visible_to(user).select_related("partnership")
    return [
        item
        for item in deadlines_of(incidents, today, calendar)
        if item.status.is_open
        and (item.status.state is DeadlineState.OVERDUE or item.status.working_days <= FORTNIGHT_WORKING_DAYS)
    ]


def _require_upcoming(user) -> None:
    if not permissions.can_view_upcoming_deadlines(user):
        raise PermissionDenied


@require_safe
def fortnight(request):
    _require_upcoming(request.user)
    items = fortnight_deadlines(request.user)
    context = {
        "items": items,
        "overdue": sum(item.status.state is DeadlineState.OVERDUE for item in items),
        "partnership": request.user.partnership,
    }
    return render(request, "deadlines/fortnight.html", context)


@require_safe
def fortnight_export(request):
    """The same rows as CSV; the download is itself an audit entry."""
    _require_upcoming(request.user)
    items = fortnight_deadlines(request.user)
    record(
        AuditAction.EXPORT,
        request=request,
        object_repr=f"Deadlines due in the next fortnight, {len(items)} row{'s' if len(items) != 1 else ''}",
    )
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(CSV_HEADER)
    for item in items:
        status = item.status
        row = [
            item.incident.reference,
            status.step.title,
            status.step.responsible,
            status.due_on.isoformat(),
            status.description,
            status.working_days,
            "yes" if status.assumed else "no",
        ]
        writer.writerow([spreadsheet_safe(value) for value in row])
    response = HttpResponse(output.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"deadlines-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def panel_overdue(request):
    """Rapid reviews overdue in every partnership, most overdue first, for the Panel to chase."""
    if not permissions.can_view_overdue_rapid_reviews(request.user):
        raise PermissionDenied
    form = PanelFilterForm(request.GET or None)
    incidents = Incident.objects.visible_to(request.user).select_related("partnership")
    if form.is_valid() and form.cleaned_data["partnership"]:
        incidents = incidents.filter(partnership=form.cleaned_data["partnership"])
    overdue = [
        item
        for item in deadlines_of(incidents.exclude(step_completions__step_code="rapid_review"))
        if item.status.step.code == "rapid_review" and item.status.state is DeadlineState.OVERDUE
    ]
    overdue.sort(key=lambda item: (-item.status.working_days, item.incident.partnership.name))
    return render(request, "deadlines/panel_overdue.html", {"form": form, "items": overdue})


urlpatterns = [
    path("fortnight/", fortnight, name="fortnight"),
    path("fortnight/export", fortnight_export, name="fortnight-export"),
    path("panel/overdue-rapid-reviews/", panel_overdue, name="panel-overdue"),
]
