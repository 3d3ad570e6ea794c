"""The report's drafts: the list of versions with the upload form, one version with its comments, and the
download. Drafts are working documents: the review panel, the reviewer and the partnership's decision
makers read them, the Panel does not (`permissions.can_view_drafts`)."""

import mimetypes

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_safe

from cspr import permissions
from cspr.audit.log import viewed

from ..actions.running import do_comment_on_draft, do_upload_draft
from ..forms.running import CommentForm, DraftUploadForm
from ..models import DraftComment, PracticeReview, ReportDraft


def _draft_for(request, draft_pk) -> ReportDraft:
    draft = get_object_or_404(
        ReportDraft.objects.visible_to(request.user).select_related(
            "practice_review__partnership", "uploaded_by"
        ),
        pk=draft_pk,
    )
    if not permissions.can_view_drafts(request.user, draft.practice_review):
        raise PermissionDenied
    return draft


@require_http_methods(["GET", "HEAD", "POST"])
def draft_list(request, pk):
    user = request.user
    practice_review = get_object_or_404(
        PracticeReview.objects.visible_to(user).select_related("partnership"), pk=pk
    )
    if not permissions.can_view_drafts(user, practice_review):
        raise PermissionDenied
    can_upload = permissions.can_upload_draft(user, practice_review)
    form = None
    if can_upload:
        posted = request.method == "POST"
        form = DraftUploadForm(request.POST if posted else None, request.FILES if posted else None)
    elif request.method == "POST":
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        draft = do_upload_draft(
            practice_review,
            upload=form.cleaned_data["file"],
            note=form.cleaned_data["note"],
            is_final=form.cleaned_data["is_final"],
            acting_user=user,
            request=request,
        )
        what = "the final report" if draft.is_final else "a draft"
        messages.success(request, f"Version {draft.version} uploaded as {what}")
        return redirect("practice_reviews:draft", draft.pk)
    viewed(request, practice_review)
    versions = (
        ReportDraft.objects.visible_to(user)
        .filter(practice_review=practice_review)
        .select_related("uploaded_by")
        .annotate(comment_count=Count("comments"))
    )
    context = {"practice_review": practice_review, "versions": versions, "form": form}
    return render(request, "practice_reviews/running/drafts.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def draft_detail(request, draft_pk):
    user = request.user
    draft = _draft_for(request, draft_pk)
    practice_review = draft.practice_review
    can_comment = permissions.can_comment_on_draft(user, practice_review)
    form = None
    if can_comment:
        form = CommentForm(request.POST if request.method == "POST" else None)
    elif request.method == "POST":
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        do_comment_on_draft(draft, **form.cleaned_data, acting_user=user, request=request)
        messages.success(request, f"Comment added to version {draft.version}")
        return redirect("practice_reviews:draft", draft.pk)
    viewed(request, draft)
    comments = DraftComment.objects.visible_to(user).filter(draft=draft).select_related("author__agency")
    context = {
        "practice_review": practice_review,
        "draft": draft,
        "comments": comments,
        "form": form,
        "is_latest": not practice_review.drafts.filter(version__gt=draft.version).exists(),
    }
    return render(request, "practice_reviews/running/draft.html", context)


@require_safe
def draft_download(request, draft_pk):
    """The file as an attachment, never inline; the view is audited like a page."""
    draft = _draft_for(request, draft_pk)
    try:
        handle = draft.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    viewed(request, draft)
    content_type = mimetypes.guess_type(draft.file.name)[0] or "application/octet-stream"
    response = FileResponse(
        handle, as_attachment=True, filename=draft.original_name, content_type=content_type
    )
    response["Cache-Control"] = "no-store"
    return response


urlpatterns = [
    path("<int:pk>/drafts/", draft_list, name="drafts"),
    path("drafts/<int:draft_pk>/", draft_detail, name="draft"),
    path("drafts/<int:draft_pk>/download", draft_download, name="draft-download"),
]
