"""What the public pages may read: published reviews, their documents and briefings, without sign-in.

These are the only unscoped queries of case records the public pages make, kept here (not in a views
module) so that review sees them in one place. Each answer is limited by `public_state`: only reviews
published and still on the website (within their 12 months, or kept) show their documents; those past it
are listed as available on request; withdrawn or unpublished ones do not exist for the public.
"""

import datetime as dt
from dataclasses import dataclass

from django.http import Http404

from cspr.partnerships.models import Partnership
from cspr.practice_reviews.models import PracticeReview

from .models import DocumentKind, PublishedDocument
from .rules import PublicState, public_state


@dataclass
class PartnershipReviews:
    partnership: Partnership
    published: list
    on_request: list


def _candidates():
    return PracticeReview.objects.filter(
        published_on__isnull=False, withdrawn_on__isnull=True, public_slug__gt=""
    ).select_related("partnership")


def partnerships_publishing(today: dt.date) -> list[tuple[Partnership, int]]:
    """Partnerships with at least one review on their public page, and how many are on it."""
    counts: dict[int, list] = {}
    for review in _candidates():
        if public_state(review, today) == PublicState.PUBLISHED:
            counts.setdefault(review.partnership_id, [review.partnership, 0])[1] += 1
    return sorted(((p, n) for p, n in counts.values()), key=lambda pair: pair[0].name)


def partnership_reviews(slug: str, today: dt.date) -> PartnershipReviews:
    """One partnership's public page: its published reviews, newest first, and those available on request.
    404 when the partnership does not exist."""
    try:
        partnership = Partnership.objects.get(slug=slug)
    except Partnership.DoesNotExist:
        raise Http404 from None
    reviews = (
        _candidates()
        .filter(partnership=partnership)
        .prefetch_related("themes", "documents", "briefings", "reviewer_assignments")
        .order_by("-published_on", "title")
    )
    published, on_request = [], []
    for review in reviews:
        state = public_state(review, today)
        if state == PublicState.PUBLISHED:
            published.append(review)
        elif state == PublicState.AVAILABLE_ON_REQUEST:
            on_request.append(review)
    return PartnershipReviews(partnership, published, on_request)


def public_review(partnership_slug: str, review_slug: str, today: dt.date) -> PracticeReview:
    """The review at this public address if it is on the website today; 404 otherwise (withdrawn, not yet
    published, past its 12 months, or never there)."""
    review = _candidates().filter(partnership__slug=partnership_slug, public_slug=review_slug).first()
    if review is None or public_state(review, today) != PublicState.PUBLISHED:
        raise Http404
    return review


def public_document(review, kind: str) -> PublishedDocument:
    """A published document of a review already found by `public_review`; 404 for an unknown kind or a
    review published as improvements only (its documents were never made public)."""
    if kind not in DocumentKind.values or review.publication_decision != "publish_report":
        raise Http404
    document = PublishedDocument.objects.filter(practice_review=review, kind=kind).first()
    if document is None:
        raise Http404
    return document
