"""Permission matrix entries (tests/test_permission_matrix.py) for this part's URLs: name -> (method,
kwargs(ctx) or None, expected status per persona), written with `cspr.core.tests.matrix_rules`.

Quality assurance is the partnership's decision makers' business: the reviewer and the review panel's
agency lead see the review but get 403 here; the Panel has not been told of this review, so 404.
"""

from cspr.core.tests.matrix_rules import only

from .quality_records import final_report_kwargs

SEEN_BY_REVIEW_READERS = {"agency_lead": 403, "independent_reviewer": 403}

ENTRIES: dict = {
    "practice_reviews:quality": (
        "get",
        final_report_kwargs,
        only(
            {
                "business_manager": 200,
                "review_group_member": 200,
                "executive_member": 403,
                **SEEN_BY_REVIEW_READERS,
            },
            404,
        ),
    ),
    # The confirmation page: each signer sees what they sign, or why they cannot sign yet.
    "practice_reviews:sign-off": (
        "get",
        final_report_kwargs,
        only(
            {
                "business_manager": 403,
                "review_group_member": 200,
                "executive_member": 200,
                **SEEN_BY_REVIEW_READERS,
            },
            404,
        ),
    ),
    "practice_reviews:partners-response": (
        "get",
        final_report_kwargs,
        only(
            {
                "business_manager": 200,
                "review_group_member": 403,
                "executive_member": 200,
                **SEEN_BY_REVIEW_READERS,
            },
            404,
        ),
    ),
}
