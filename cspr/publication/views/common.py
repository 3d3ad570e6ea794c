"""What every staff page of the publication part shares: reaching the review, and what it stands on."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse

from cspr import permissions
from cspr.practice_reviews.models import PracticeReview, ReviewKind

from ..checks import subject_outcomes
from ..gates import gate_statuses
from ..models import DocumentKind, FinalReportCopy, PublishedDocument
from ..rules import PublicState, kept_until, public_state


def review_for(request, pk, allowed) -> PracticeReview:
    """The practice review the user may see (404 otherwise), if `allowed(user, review)` (403 otherwise)."""
    review = get_object_or_404(
        PracticeReview.objects.visible_to(request.user).select_related("partnership"), pk=pk
    )
    if not allowed(request.user, review):
        raise PermissionDenied
    return review


def prepare_url(review) -> str:
    return reverse("publication:prepare", args=[review.pk])


def publication_context(request, review, today) -> dict:
    """The gates, documents, copies, checks and what the user may do: the status page's section and the
    publication page both show these."""
    user = request.user
    documents = {
        document.kind: document
        for document in PublishedDocument.objects.visible_to(user).filter(practice_review=review)
    }
    copies = {
        copy.recipient: copy
        for copy in FinalReportCopy.objects.visible_to(user).filter(practice_review=review)
    }
    can_prepare = permissions.can_prepare_publication(user, review)
    is_national = review.kind == ReviewKind.NATIONAL_REVIEW
    state = public_state(review, today)
    return {
        "publication_is_national": is_national,
        "publication_gates": [] if is_national else gate_statuses(review),
        "publication_documents": [
            {
                "kind": kind,
                "label": kind.label,
                "document": documents.get(kind.value),
                "upload_url": reverse("publication:document-upload", args=[review.pk, kind.value])
                if can_prepare
                else "",
                "download_url": reverse("publication:document-download", args=[review.pk, kind.value]),
            }
            for kind in DocumentKind
        ],
        "publication_copies": copies,
        "publication_checks": subject_outcomes(review),
        "publication_state": state,
        "publication_is_public": state == PublicState.PUBLISHED,
        "publication_kept_until": kept_until(review.published_on) if review.published_on else None,
        "publication_can_prepare": can_prepare,
        "publication_can_waive": permissions.can_waive_publication_gate(user, review),
        "publication_can_publish": permissions.can_publish(user, review),
        "publication_can_withdraw": permissions.can_withdraw_publication(user, review),
        "publication_can_keep": permissions.can_keep_published(user, review),
        "publication_can_download_pack": permissions.can_download_submission_pack(user, review),
        "publication_public_url": reverse("public:review", args=[review.partnership.slug, review.public_slug])
        if state == PublicState.PUBLISHED and review.public_slug
        else "",
    }
