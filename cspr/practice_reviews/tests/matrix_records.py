"""Permission matrix entries (tests/test_permission_matrix.py) for this part's URLs: name -> (method,
kwargs(ctx) or None, expected status per persona), written with `cspr.core.tests.matrix_rules`."""

from cspr.core.tests.matrix_rules import only

from .records import practice_review_kwargs

# The partnership's decision makers, the declared reviewer and the review panel's agency lead; the Panel
# has not been told of this review yet, so it does not see it.
REVIEW_READERS = only(
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
    "practice_reviews:detail": ("get", practice_review_kwargs, REVIEW_READERS),
}
