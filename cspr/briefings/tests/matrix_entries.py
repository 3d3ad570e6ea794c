"""Permission matrix entries (tests/test_permission_matrix.py) for this part's URLs: name -> (method,
kwargs(ctx) or None, expected status per persona), written with `cspr.core.tests.matrix_rules`."""

import datetime as dt

from django.utils import timezone

from cspr.core.tests.matrix_rules import everyone, only
from cspr.practice_reviews.models import PublicationDecision
from cspr.practice_reviews.tests.matrix_records import REVIEW_READERS
from cspr.practice_reviews.tests.records import make_practice_review, practice_review

from .records import make_briefing


def edit_kwargs(ctx) -> dict:
    return {"pk": practice_review(ctx).pk, "format": "seven_minute"}


def briefing_kwargs(ctx) -> dict:
    review = practice_review(ctx)
    briefing = review.briefings.first() or make_briefing(review)
    return {"pk": briefing.pk}


def public_kwargs(ctx) -> dict:
    """A review published a month ago (on the website for 12 months), with its 7-minute briefing."""
    review = make_practice_review(
        ctx["partnership"],
        title="Bella and Ben",
        public_slug="bella-and-ben",
        publication_decision=PublicationDecision.PUBLISH_REPORT,
        published_on=timezone.localdate() - dt.timedelta(days=30),
    )
    make_briefing(review)
    return {"partnership": ctx["partnership"].slug, "review": "bella-and-ben", "format": "seven_minute"}


# The business manager and the review's declared reviewer write briefings; the other readers of the
# review may read them but not change them.
BRIEFING_WRITERS = only(
    {
        "business_manager": 200,
        "independent_reviewer": 200,
        "review_group_member": 403,
        "executive_member": 403,
        "agency_lead": 403,
    },
    404,
)

ENTRIES: dict = {
    "briefings:edit": ("get", edit_kwargs, BRIEFING_WRITERS),
    "briefings:detail": ("get", briefing_kwargs, REVIEW_READERS),
    "briefings:docx": ("get", briefing_kwargs, REVIEW_READERS),
    "briefings:pdf": ("get", briefing_kwargs, REVIEW_READERS),
    # A published review's briefings are public: no sign-in, the same for everyone.
    "public:briefing": ("get", public_kwargs, everyone(200)),
    "public:briefing-docx": ("get", public_kwargs, everyone(200)),
    "public:briefing-pdf": ("get", public_kwargs, everyone(200)),
}
