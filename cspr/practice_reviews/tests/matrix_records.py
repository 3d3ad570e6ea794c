"""Permission matrix entries (tests/test_permission_matrix.py) for this part's URLs: name -> (method,
kwargs(ctx) or None, expected status per persona), written with `cspr.core.tests.matrix_rules`."""

from cspr.core.tests.matrix_rules import only
from cspr.rapid_reviews.models import Recommendation
from cspr.rapid_reviews.tests.matrix_decision import decided_rapid_review

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
# Everyone who takes part in reviews has a list (scoped to what they may see); another partnership's
# business manager gets their own partnership's at the same address.
LIST_READERS = only({"system_admin": 403}, 200)
# The business manager records decisions and keeps the register (another partnership's, their own).
BUSINESS_MANAGERS = only({"business_manager": 200, "other_business_manager": 200}, 403)
# Those who see the review but do not manage it get 403; the rest do not see it.
MANAGER_OF_REVIEW = only(
    {
        "business_manager": 200,
        "review_group_member": 403,
        "executive_member": 403,
        "agency_lead": 403,
        "independent_reviewer": 403,
    },
    404,
)
# The rapid review is seen by the partnership's decision makers only (it is not sent to the Panel).
COMMISSIONER = only({"business_manager": 200, "review_group_member": 403, "executive_member": 403}, 404)


def commissionable_rapid_review_kwargs(ctx) -> dict:
    """The context incident's rapid review once the executive decided on a local CSPR."""
    rapid_review = decided_rapid_review(ctx)
    rapid_review.executive_decision.decision = Recommendation.LOCAL_CSPR
    rapid_review.executive_decision.save()
    return {"rapid_review_pk": rapid_review.pk}


ENTRIES: dict = {
    "practice_reviews:detail": ("get", practice_review_kwargs, REVIEW_READERS),
    "practice_reviews:list": ("get", None, LIST_READERS),
    "practice_reviews:export": ("get", None, BUSINESS_MANAGERS),
    "practice_reviews:new": ("get", None, BUSINESS_MANAGERS),
    "practice_reviews:commission": ("get", commissionable_rapid_review_kwargs, COMMISSIONER),
    "practice_reviews:edit": ("get", practice_review_kwargs, MANAGER_OF_REVIEW),
    "practice_reviews:terms": ("get", practice_review_kwargs, MANAGER_OF_REVIEW),
}
