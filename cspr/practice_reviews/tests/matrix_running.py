"""Permission matrix entries (tests/test_permission_matrix.py) for this part's URLs: name -> (method,
kwargs(ctx) or None, expected status per persona), written with `cspr.core.tests.matrix_rules`."""

from django.core.files.base import ContentFile

from cspr.chronology.tests.matrix import entry as chronology_entry
from cspr.core.tests.matrix_rules import only
from cspr.practice_reviews.models import ReportDraft

from .records import practice_review, practice_review_kwargs


def draft(ctx) -> ReportDraft:
    """Version 1 of the context review's report, a small PDF."""
    review = practice_review(ctx)
    found = review.drafts.first()
    if found is None:
        found = ReportDraft.objects.create(
            partnership=review.partnership,
            practice_review=review,
            version=1,
            file=ContentFile(b"%PDF-1.4 draft", name="review-v1.pdf"),
            original_name="Child K draft 1.pdf",
        )
    return found


def draft_kwargs(ctx) -> dict:
    return {"draft_pk": draft(ctx).pk}


def chronology_kwargs(ctx) -> dict:
    """The review, with one chronology entry in the rapid review it came from."""
    chronology_entry(ctx)
    return practice_review_kwargs(ctx)


# Everyone who sees the review sees its drafts, except the Panel (not told of this review: 404).
DRAFT_READERS = only(
    {
        "business_manager": 200,
        "review_group_member": 200,
        "executive_member": 200,
        "agency_lead": 200,
        "independent_reviewer": 200,
    },
    404,
)

ENTRIES: dict = {
    # The business manager and the declared reviewer record the family's and practitioners' part.
    "practice_reviews:involvement-add": (
        "get",
        practice_review_kwargs,
        only(
            {
                "business_manager": 200,
                "independent_reviewer": 200,
                "review_group_member": 403,
                "executive_member": 403,
                "agency_lead": 403,
            },
            404,
        ),
    ),
    # The partners monitor the review: the business manager and executive members.
    "practice_reviews:monitoring-add": (
        "get",
        practice_review_kwargs,
        only(
            {
                "business_manager": 200,
                "executive_member": 200,
                "review_group_member": 403,
                "agency_lead": 403,
                "independent_reviewer": 403,
            },
            404,
        ),
    ),
    "practice_reviews:drafts": ("get", practice_review_kwargs, DRAFT_READERS),
    "practice_reviews:draft": ("get", draft_kwargs, DRAFT_READERS),
    "practice_reviews:draft-download": ("get", draft_kwargs, DRAFT_READERS),
    # The review panel's agency lead reads drafts but not the whole chronology of every agency.
    "practice_reviews:chronology": (
        "get",
        chronology_kwargs,
        only(
            {
                "business_manager": 200,
                "review_group_member": 200,
                "executive_member": 200,
                "independent_reviewer": 200,
                "agency_lead": 403,
            },
            404,
        ),
    ),
}
