"""The upload page: a business manager adds their partnership's reports to the library as drafts, an
administrator adds national ones. Each file is imported on its own (`actions.importing.import_safely`), so
the result page lists every file's outcome; the outcomes are kept in the session and shown after a redirect,
so refreshing the result page imports nothing twice.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_safe

from cspr import permissions

from ..actions.importing import ADDED, DUPLICATE, GIVEN_ON_UPLOAD_PAGE, import_safely
from ..extract import SUPPORTED_SUFFIXES
from ..forms.importing import ImportForm
from ..models import LibraryEntry

SESSION_KEY = "library_import_results"
OUTCOME_TAGS = {
    ADDED: ("Added as a draft", "green"),
    DUPLICATE: ("Already in the library", "grey"),
}
FAILED_TAG = ("Not imported", "red")


def _check_may_import(request) -> None:
    if not permissions.can_import_to_library(request.user):
        raise PermissionDenied


@require_http_methods(["GET", "HEAD", "POST"])
def import_reports(request):
    _check_may_import(request)
    user = request.user
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        results = [
            import_safely(
                upload,
                partnership=user.partnership,
                acting_user=user,
                request=request,
                year=form.cleaned_data["year"],
                review_type=form.cleaned_data["review_type"] or None,
                given_source=GIVEN_ON_UPLOAD_PAGE,
            )
            for upload in form.cleaned_data["files"]
        ]
        # Only what the result page needs: no text of the reports is kept in the session.
        request.session[SESSION_KEY] = [
            {
                "name": result.name,
                "outcome": result.outcome,
                "message": result.message,
                "entry": result.entry.pk if result.entry else None,
            }
            for result in results
        ]
        return redirect("library:import_done")
    context = {"form": form, "partnership": user.partnership, "accept": ",".join(SUPPORTED_SUFFIXES)}
    return render(request, "library/importing/import.html", context)


@require_safe
def import_done(request):
    """The outcome of the last upload: each file, with a link to check each new draft."""
    _check_may_import(request)
    stored = request.session.get(SESSION_KEY)
    if not stored:
        return redirect("library:import")
    ids = [row["entry"] for row in stored if row["entry"]]
    entries = LibraryEntry.objects.visible_to(request.user).in_bulk(ids)
    rows = []
    for row in stored:
        label, colour = OUTCOME_TAGS.get(row["outcome"], FAILED_TAG)
        rows.append({**row, "entry": entries.get(row["entry"]), "label": label, "colour": colour})
    added = sum(row["outcome"] == ADDED for row in stored)
    context = {"rows": rows, "added": added, "not_added": len(stored) - added}
    return render(request, "library/importing/done.html", context)


urlpatterns = [
    path("import/", import_reports, name="import"),
    path("import/done/", import_done, name="import_done"),
]
