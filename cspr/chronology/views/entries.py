"""One agency's chronology entries for its return: the list, the entry form, deleting, and the upload.

The agency's safeguarding lead (or the business manager, for an agency with no lead in cspr) changes them
while the return is open (`permissions.can_complete_return`); the partnership's people read them. Another
agency's lead never learns the return exists: it is not in their `visible_to`, so they get a 404.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from cspr import permissions
from cspr.audit.log import viewed
from cspr.rapid_reviews.models import AgencyReturn

from .. import actions, template_files, upload
from ..forms import EntryForm, UploadForm
from ..integrated import in_order
from ..models import ChronologyEntry, EventType

PAGE_SIZE = 100
# The error summary lists this many upload errors, then says how many more there are.
ERRORS_SHOWN = 100
TEMPLATE_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def agency_return_for(request, pk) -> AgencyReturn:
    """The return if the user may read it: 404 if it is not theirs to see, 403 if seen but not allowed."""
    agency_return = get_object_or_404(
        AgencyReturn.objects.visible_to(request.user).select_related("agency", "rapid_review__incident"),
        pk=pk,
    )
    if not permissions.can_view_agency_return(request.user, agency_return):
        raise PermissionDenied
    return agency_return


def completable_return_for(request, pk) -> AgencyReturn:
    agency_return = agency_return_for(request, pk)
    if not permissions.can_complete_return(request.user, agency_return):
        raise PermissionDenied
    return agency_return


def entry_for(request, pk) -> ChronologyEntry:
    """An entry the user may change (its return open and theirs to complete)."""
    entry = get_object_or_404(
        ChronologyEntry.objects.visible_to(request.user).select_related(
            "agency", "agency_return__agency", "agency_return__rapid_review__incident"
        ),
        pk=pk,
    )
    if not permissions.can_complete_return(request.user, entry.agency_return):
        raise PermissionDenied
    return entry


def _entries_url(agency_return) -> str:
    return reverse("chronology:return-entries", args=[agency_return.pk])


@require_safe
def return_entries(request, pk):
    agency_return = agency_return_for(request, pk)
    viewed(request, agency_return)
    entries = in_order(
        ChronologyEntry.objects.visible_to(request.user)
        .filter(agency_return=agency_return)
        .select_related("merged_into__agency")
    )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "agency_return": agency_return,
        "incident": agency_return.rapid_review.incident,
        "page_obj": page,
        "can_change": permissions.can_complete_return(request.user, agency_return),
        "can_view_chronology": permissions.can_view_chronology(request.user, agency_return.rapid_review),
    }
    return render(request, "chronology/return_entries.html", context)


def entry_add(request, pk):
    agency_return = completable_return_for(request, pk)
    form = EntryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        actions.do_add_entry(agency_return, form.entry_values(), acting_user=request.user, request=request)
        messages.success(request, "Chronology entry added")
        if "add_another" in request.POST:
            return redirect("chronology:entry-add", pk=agency_return.pk)
        return redirect(_entries_url(agency_return))
    return _entry_form_page(request, form, agency_return, title="Add a chronology entry")


def entry_edit(request, pk):
    entry = entry_for(request, pk)
    form = EntryForm.for_entry(entry, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        actions.do_change_entry(entry, form.entry_values(), acting_user=request.user, request=request)
        messages.success(request, "Chronology entry changed")
        return redirect(_entries_url(entry.agency_return))
    return _entry_form_page(
        request, form, entry.agency_return, title="Change a chronology entry", entry=entry
    )


def _entry_form_page(request, form, agency_return, *, title, entry=None):
    context = {
        "form": form,
        "title": title,
        "agency_return": agency_return,
        "incident": agency_return.rapid_review.incident,
        "entry": entry,
        "back_url": _entries_url(agency_return),
    }
    return render(request, "chronology/entry_form.html", context)


def entry_delete(request, pk):
    entry = entry_for(request, pk)
    agency_return = entry.agency_return
    if request.method == "POST":
        actions.do_delete_entry(entry, acting_user=request.user, request=request)
        messages.success(request, "Chronology entry deleted")
        return redirect(_entries_url(agency_return))
    return render(
        request,
        "chronology/entry_delete.html",
        {"entry": entry, "agency_return": agency_return, "back_url": _entries_url(agency_return)},
    )


def entries_upload(request, pk):
    """Upload a CSV or XLSX file: every row is checked, and nothing is imported unless all are right."""
    agency_return = completable_return_for(request, pk)
    posted = request.method == "POST"
    form = UploadForm(request.POST if posted else None, request.FILES if posted else None)
    errors = []
    if posted and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            result = upload.read_upload(
                file.name, file.read(), dict(EventType.choices), today=timezone.localdate()
            )
        except upload.UploadError as error:
            form.add_error("file", str(error))
        else:
            if result.is_valid:
                count = actions.do_import_entries(
                    agency_return, result.rows, acting_user=request.user, request=request
                )
                messages.success(
                    request, f"{count} chronology entr{'y' if count == 1 else 'ies'} imported from the file"
                )
                return redirect(_entries_url(agency_return))
            errors = result.errors
            form.add_error(
                "file",
                f"The selected file has {len(errors)} problem{'' if len(errors) == 1 else 's'}: "
                "nothing has been imported. Correct the file and upload it again",
            )
    context = {
        "form": form,
        "agency_return": agency_return,
        "incident": agency_return.rapid_review.incident,
        "row_errors": errors[:ERRORS_SHOWN],
        "more_errors": max(0, len(errors) - ERRORS_SHOWN),
        "limits": upload.LIMITS,
        "columns": upload.COLUMNS,
        "event_types": EventType.choices,
        "back_url": _entries_url(agency_return),
    }
    return render(request, "chronology/upload.html", context)


@require_safe
def upload_template(request, fmt):
    """The blank template (no case data in it): CSV, or XLSX with its instructions sheet."""
    if fmt not in TEMPLATE_TYPES:
        raise Http404
    content = (
        template_files.csv_template()
        if fmt == "csv"
        else template_files.xlsx_template(dict(EventType.choices))
    )
    response = HttpResponse(content, content_type=TEMPLATE_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="chronology-template.{fmt}"'
    return response


urlpatterns = [
    path("returns/<int:pk>/entries/", return_entries, name="return-entries"),
    path("returns/<int:pk>/entries/add/", entry_add, name="entry-add"),
    path("returns/<int:pk>/entries/upload/", entries_upload, name="upload"),
    path("entries/<int:pk>/change/", entry_edit, name="entry-edit"),
    path("entries/<int:pk>/delete/", entry_delete, name="entry-delete"),
    path("template.<str:fmt>", upload_template, name="upload-template"),
]
