"""Preparing to publish: the section on the review's status page, the publication page (gates, documents,
copies, checks), uploading and downloading the documents, and the copies sent before publication."""

from pathlib import Path

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from cspr import permissions
from cspr.audit.log import viewed
from cspr.clock import get_step
from cspr.core.templatetags.govuk import govuk_date
from cspr.deadlines.clock import current_calendar, local_lengths

from ..actions.preparing import do_record_copy, do_upload_document
from ..forms import CopiesForm, DocumentUploadForm
from ..models import CopyRecipient, DocumentKind, FinalReportCopy, PublishedDocument
from .common import prepare_url, publication_context, review_for


def section(request, practice_review) -> dict:
    """The publication part of the status page: nothing for those who may not see it."""
    if not permissions.can_view_publication(request.user, practice_review):
        return {}
    context = publication_context(request, practice_review, timezone.localdate())
    context["publication_url"] = prepare_url(practice_review)
    return context


@require_safe
def prepare(request, pk):
    review = review_for(request, pk, permissions.can_view_publication)
    viewed(request, review)
    context = {"practice_review": review, **publication_context(request, review, timezone.localdate())}
    return render(request, "publication/prepare.html", context)


def _kind(kind: str) -> DocumentKind:
    try:
        return DocumentKind(kind)
    except ValueError:
        raise Http404 from None


@require_http_methods(["GET", "HEAD", "POST"])
def document_upload(request, pk, kind):
    review = review_for(request, pk, permissions.can_prepare_publication)
    kind = _kind(kind)
    form = DocumentUploadForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        kind=kind,
    )
    if request.method == "POST" and form.is_valid():
        do_upload_document(
            review, kind=kind, upload=form.cleaned_data["file"], acting_user=request.user, request=request
        )
        messages.success(
            request, f"{kind.label} uploaded: run the anonymisation check again before publishing"
        )
        return redirect(prepare_url(review))
    existing = (
        PublishedDocument.objects.visible_to(request.user).filter(practice_review=review, kind=kind).first()
    )
    viewed(request, review)
    context = {"practice_review": review, "form": form, "kind": kind, "existing": existing}
    return render(request, "publication/document_upload.html", context)


@require_safe
def document_download(request, pk, kind):
    review = review_for(request, pk, permissions.can_view_publication)
    document = (
        PublishedDocument.objects.visible_to(request.user)
        .filter(practice_review=review, kind=_kind(kind))
        .first()
    )
    if document is None:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    viewed(request, document)
    return FileResponse(
        handle, as_attachment=True, filename=document.original_name or Path(document.file.name).name
    )


def copies_due(review) -> tuple:
    """The latest date the copies should go, from the planned publication date (None without one), and how
    many working days before publication that is for this partnership."""
    step = get_step("final_report_to_panel")
    length = local_lengths(review.partnership_id).get(step.code, step.length)
    if review.planned_publication_on is None:
        return None, length
    return step.due_date(review.planned_publication_on, current_calendar(), length), length


@require_http_methods(["GET", "HEAD", "POST"])
def copies(request, pk):
    """The dates the final report went to the Panel and the Secretary of State before publication."""
    review = review_for(request, pk, permissions.can_prepare_publication)
    existing = {
        copy.recipient: copy.sent_on
        for copy in FinalReportCopy.objects.visible_to(request.user).filter(practice_review=review)
    }
    form = CopiesForm(request.POST if request.method == "POST" else None, initial=existing)
    due_on, length = copies_due(review)
    if request.method == "POST" and form.is_valid():
        notes = []
        for recipient in CopyRecipient:
            sent_on = form.cleaned_data[recipient.value]
            if sent_on and sent_on != existing.get(recipient.value):
                do_record_copy(
                    review, recipient=recipient, sent_on=sent_on, acting_user=request.user, request=request
                )
                notes.append(f"to the {recipient.label} on {govuk_date(sent_on)}")
                if due_on and sent_on > due_on:
                    messages.warning(
                        request,
                        f"The copy to the {recipient.label} was sent after {govuk_date(due_on)}, "
                        f"{length} working days before the planned publication date "
                        f"({govuk_date(review.planned_publication_on)})",
                    )
        if notes:
            messages.success(request, f"Final report recorded as sent {' and '.join(notes)}")
        return redirect(prepare_url(review))
    viewed(request, review)
    late = [
        CopyRecipient(recipient).label
        for recipient, sent_on in existing.items()
        if due_on and sent_on > due_on
    ]
    context = {"practice_review": review, "form": form, "due_on": due_on, "length": length, "late": late}
    return render(request, "publication/copies.html", context)


urlpatterns = [
    path("<int:pk>/", prepare, name="prepare"),
    path("<int:pk>/documents/<str:kind>/", document_upload, name="document-upload"),
    path("<int:pk>/documents/<str:kind>/download", document_download, name="document-download"),
    path("<int:pk>/copies/", copies, name="copies"),
]
