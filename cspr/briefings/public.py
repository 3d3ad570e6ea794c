"""The public briefing pages (no sign-in): a published review's briefings as HTML, Word and PDF.

Only while the review is on the website (`public_state(review, today) == PublicState.PUBLISHED`): before
publication, once it is "available on request" after 12 months, and once withdrawn, the public gets 404.
When the partners decided not to publish the report (improvements only), its briefings stay private too:
they describe the case the report would have described.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from cspr.practice_reviews.models import PublicationDecision
from cspr.publication.public_records import public_review

from .documents import document_context, filename, render_docx, render_pdf
from .formats import FORMATS
from .models import LearningBriefing

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def published_briefing(partnership: str, review: str, format: str) -> LearningBriefing:
    """The briefing the public may read at this address, or 404.

    Unscoped on purpose (through `public_review`, the public pages' one lookup): the public is not signed
    in, and what it may see is decided by the publication rule, not by a user's partnership.
    """
    if format not in FORMATS:
        raise Http404("No such briefing format")
    practice_review = public_review(partnership, review, timezone.localdate())
    if practice_review.publication_decision != PublicationDecision.PUBLISH_REPORT:
        raise Http404("No published review at this address")
    briefing = LearningBriefing.objects.filter(practice_review=practice_review, format=format).first()
    if briefing is None:
        raise Http404("This review has no briefing in this format")
    briefing.practice_review = practice_review
    return briefing


def _address(briefing) -> list:
    review = briefing.practice_review
    return [review.partnership.slug, review.public_slug, briefing.format]


@login_not_required
@require_safe
def public_briefing(request, partnership, review, format):
    briefing = published_briefing(partnership, review, format)
    context = {
        **document_context(briefing),
        "briefing": briefing,
        "review_url": reverse("public:review", args=_address(briefing)[:2]),
        "docx_url": reverse("public:briefing-docx", args=_address(briefing)),
        "pdf_url": reverse("public:briefing-pdf", args=_address(briefing)),
    }
    return render(request, "briefings/public.html", context)


def _document(briefing, content: bytes, content_type: str, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename(briefing, extension)}"'
    return response


@login_not_required
@require_safe
def public_briefing_docx(request, partnership, review, format):
    briefing = published_briefing(partnership, review, format)
    return _document(briefing, render_docx(briefing), DOCX_TYPE, "docx")


@login_not_required
@require_safe
def public_briefing_pdf(request, partnership, review, format):
    briefing = published_briefing(partnership, review, format)
    return _document(briefing, render_pdf(briefing), "application/pdf", "pdf")


urlpatterns = [
    path("<slug:partnership>/<slug:review>/briefing/<str:format>/", public_briefing, name="briefing"),
    path(
        "<slug:partnership>/<slug:review>/briefing/<str:format>.docx",
        public_briefing_docx,
        name="briefing-docx",
    ),
    path(
        "<slug:partnership>/<slug:review>/briefing/<str:format>.pdf", public_briefing_pdf, name="briefing-pdf"
    ),
]
