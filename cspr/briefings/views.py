"""Learning briefings for staff: the review page's section, writing a briefing, reading it as accessible
HTML and downloading it as Word or PDF.

Who may do what: `permissions.can_edit_briefing` writes (the business manager and the review's reviewer,
also after publication to correct it), `permissions.can_view_briefing` reads (those who see the review).
The public reads briefings on the public pages (`cspr.briefings.public`) once the review is published.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_safe

from cspr import permissions
from cspr.audit.log import record, viewed
from cspr.audit.models import AuditAction
from cspr.practice_reviews.models import PracticeReview

from .actions import do_save_briefing
from .documents import document_context, filename, render_docx, render_pdf
from .formats import FORMATS, get_format
from .forms import BriefingForm
from .models import LearningBriefing
from .names import children_names

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _review_for(request, pk: int, allowed) -> PracticeReview:
    """404 for a review the user may not see; 403 unless `allowed(user, review)`."""
    review = get_object_or_404(
        PracticeReview.objects.visible_to(request.user).select_related("partnership"), pk=pk
    )
    if not allowed(request.user, review):
        raise PermissionDenied
    return review


def _briefing_for(request, pk: int) -> LearningBriefing:
    briefing = get_object_or_404(
        LearningBriefing.objects.visible_to(request.user).select_related("practice_review__partnership"),
        pk=pk,
    )
    if not permissions.can_view_briefing(request.user, briefing.practice_review):
        raise PermissionDenied
    return briefing


def _format_or_404(code: str):
    try:
        return get_format(code)
    except KeyError:
        raise Http404("No such briefing format") from None


def section(request, practice_review) -> dict:
    """The review page's "Learning briefings" part: each format, written or not, with its links."""
    user = request.user
    if not permissions.can_view_briefing(user, practice_review):
        return {}
    written = {
        briefing.format: briefing
        for briefing in LearningBriefing.objects.visible_to(user).filter(practice_review=practice_review)
    }
    return {
        "briefings_rows": [
            {"format": briefing_format, "briefing": written.get(code)}
            for code, briefing_format in FORMATS.items()
        ],
        "briefings_can_edit": permissions.can_edit_briefing(user, practice_review),
    }


@require_http_methods(["GET", "HEAD", "POST"])
def briefing_edit(request, pk, format):
    review = _review_for(request, pk, permissions.can_edit_briefing)
    briefing_format = _format_or_404(format)
    briefing = (
        LearningBriefing.objects.visible_to(request.user)
        .filter(practice_review=review, format=format)
        .first()
    )
    initial = {"title": f"Learning from the review of {review.title}"}
    if briefing is not None:
        initial = {"title": briefing.title, **briefing.sections}
    form = BriefingForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        briefing_format=briefing_format,
        names=children_names(review),
        published_as=review.title,
    )
    if request.method == "POST" and form.is_valid():
        briefing = do_save_briefing(
            review,
            format,
            title=form.cleaned_data["title"],
            sections=form.sections(),
            acting_user=request.user,
            request=request,
        )
        messages.success(request, f"{briefing_format.name} saved")
        return redirect(reverse("briefings:detail", args=[briefing.pk]))
    context = {
        "practice_review": review,
        "briefing_format": briefing_format,
        "form": form,
        "title_field": form["title"],
        "section_fields": [form[code] for code in briefing_format.codes()],
        "is_new": briefing is None,
        "back_url": review.get_absolute_url(),
    }
    return render(request, "briefings/edit.html", context)


@require_safe
def briefing_detail(request, pk):
    briefing = _briefing_for(request, pk)
    review = briefing.practice_review
    viewed(request, briefing)
    context = {
        **document_context(briefing),
        "briefing": briefing,
        "practice_review": review,
        "can_edit": permissions.can_edit_briefing(request.user, review),
        "back_url": review.get_absolute_url(),
        "docx_url": reverse("briefings:docx", args=[briefing.pk]),
        "pdf_url": reverse("briefings:pdf", args=[briefing.pk]),
    }
    return render(request, "briefings/detail.html", context)


def _download(request, briefing, content: bytes, content_type: str, extension: str):
    record(AuditAction.EXPORT, request=request, obj=briefing, changes={"format": extension})
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename(briefing, extension)}"'
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def briefing_docx(request, pk):
    briefing = _briefing_for(request, pk)
    return _download(request, briefing, render_docx(briefing), DOCX_TYPE, "docx")


@require_safe
def briefing_pdf(request, pk):
    briefing = _briefing_for(request, pk)
    return _download(request, briefing, render_pdf(briefing), "application/pdf", "pdf")


urlpatterns = [
    path("<int:pk>/<str:format>/edit/", briefing_edit, name="edit"),
    path("<int:pk>/", briefing_detail, name="detail"),
    path("<int:pk>/briefing.docx", briefing_docx, name="docx"),
    path("<int:pk>/briefing.pdf", briefing_pdf, name="pdf"),
]
