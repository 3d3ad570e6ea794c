"""The business manager's view of their partnership's audit log, and its CSV export. Read only."""

import csv

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from cspr import permissions
from cspr.audit.forms import AuditFilterForm, object_type_label
from cspr.audit.log import record
from cspr.audit.models import AuditAction, AuditEvent, ChainHead

PAGE_SIZE = 50
CSV_HEADER = [
    "Entry",
    "Time",
    "Email",
    "Role",
    "Action",
    "Kind of record",
    "Record ID",
    "Record",
    "Changes",
    "IP address",
    "Path",
    "Hash",
]


def partnership_log_for(user):
    """The user's partnership and its audit entries; 403 for anyone who may not read them."""
    partnership = getattr(user, "partnership", None)
    if not permissions.can_view_audit_log(user, partnership):
        raise PermissionDenied
    return partnership, AuditEvent.objects.for_partnership(partnership)


@require_safe
def audit_log(request):
    partnership, events = partnership_log_for(request.user)
    form = AuditFilterForm(request.GET or None)
    page = Paginator(form.filter(events), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "partnership": partnership,
        "form": form,
        "page_obj": page,
        "export_url": f"{reverse('audit:export')}?{query.urlencode()}" if query else reverse("audit:export"),
    }
    return render(request, "audit/log.html", context)


@require_safe
def audit_log_export(request):
    """The filtered entries as CSV, streamed; the export is itself an audit entry."""
    partnership, events = partnership_log_for(request.user)
    form = AuditFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return redirect(f"{reverse('audit:log')}?{request.GET.urlencode()}")
    # Entries up to now: the export's own entry and anything written while it streams are left out.
    last = ChainHead.objects.filter(pk=1).values_list("last_sequence", flat=True).first() or 0
    rows = form.filter(events).filter(sequence__lte=last)
    count = rows.count()
    record(
        AuditAction.EXPORT,
        request=request,
        partnership=partnership,
        object_repr=f"Audit log, {count} entr{'y' if count == 1 else 'ies'} ({form.describe()})",
    )
    today = timezone.localdate().isoformat()
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-log-{partnership.slug}-{today}.csv"'
    response["Cache-Control"] = "no-store"
    return response


class _Echo:
    def write(self, value):
        return value


def csv_lines(events):
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_HEADER)
    for event in events.iterator(chunk_size=2000):
        yield writer.writerow([spreadsheet_safe(value) for value in csv_row(event)])


def csv_row(event: AuditEvent) -> list:
    changes = "; ".join(f"{field}: {before} -> {after}" for field, before, after in event.change_rows())
    return [
        event.sequence,
        timezone.localtime(event.at).isoformat(timespec="seconds"),
        event.actor_email,
        event.actor_role,
        event.get_action_display(),
        object_type_label(event.object_type),
        event.object_id,
        event.object_repr,
        changes,
        event.ip_address or "",
        event.path,
        event.hash,
    ]


def spreadsheet_safe(value):
    """Text a spreadsheet would run as a formula ("=HYPERLINK(...)") is written with a leading quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return f"'{value}"
    return value
