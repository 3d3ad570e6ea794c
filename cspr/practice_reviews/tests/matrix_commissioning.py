"""Permission matrix entries (tests/test_permission_matrix.py) for this part's URLs: name -> (method,
kwargs(ctx) or None, expected status per persona), written with `cspr.core.tests.matrix_rules`.

Only the business manager commissions. The review's other readers (review group, executive, the declared
reviewer, the agency lead on its panel) see it but may not change it (403); everyone else gets 404. The
declaration page is the reviewer's own: the partnership's decision makers see the assignment exist (403).
"""

import datetime as dt

from cspr.accounts.models import Role, User
from cspr.core.tests.matrix_rules import only
from cspr.practice_reviews.models import Declaration, ParallelProcess, ReviewPanelMember

from .records import appoint_reviewer, make_practice_review, practice_review

PERSONA_REVIEWER = "independent_reviewer.northshire@example.test"

MANAGED_BY_BUSINESS_MANAGER = only(
    {
        "business_manager": 200,
        "review_group_member": 403,
        "executive_member": 403,
        "agency_lead": 403,
        "independent_reviewer": 403,
    },
    404,
)
OWN_DECLARATION = only(
    {
        "independent_reviewer": 200,
        "business_manager": 403,
        "review_group_member": 403,
        "executive_member": 403,
    },
    404,
)


def _stand_in_reviewer(partnership, email: str) -> User:
    user, _ = User.objects.get_or_create(
        email=email,
        defaults={
            "full_name": "Robin Stand-in",
            "role": Role.INDEPENDENT_REVIEWER,
            "partnership": partnership,
        },
    )
    return user


def reviewed(ctx):
    """The context review with a reviewer declared (the persona if signed in, else a stand-in)."""
    review = practice_review(ctx)
    if not review.reviewer_assignments.filter(declaration=Declaration.NO_CONFLICT).exists():
        appoint_reviewer(review, _stand_in_reviewer(ctx["partnership"], "stand-in.reviewer@example.test"))
    return review


def notice_kwargs(ctx) -> dict:
    return {"pk": reviewed(ctx).pk, "recipient": "panel"}


def assignment_kwargs(ctx) -> dict:
    review = reviewed(ctx)
    return {"pk": review.pk, "assignment_pk": review.reviewer_assignments.first().pk}


def awaited_declaration_kwargs(ctx) -> dict:
    """A second review (Child L) awaiting the persona reviewer's declaration, or a stand-in's."""
    reviewer = User.objects.filter(email=PERSONA_REVIEWER).first() or _stand_in_reviewer(
        ctx["partnership"], "awaiting.reviewer@example.test"
    )
    review = make_practice_review(ctx["partnership"], title="Child L")
    return {"assignment_pk": appoint_reviewer(review, reviewer, declared=False).pk}


def review_kwargs(ctx) -> dict:
    return {"pk": practice_review(ctx).pk}


def member_kwargs(ctx) -> dict:
    review = practice_review(ctx)
    member = ReviewPanelMember.objects.create(
        partnership=review.partnership,
        practice_review=review,
        organisation="Northshire Voluntary Action",
        name="Sam Member",
        added_on=dt.date(2026, 12, 1),
    )
    return {"pk": review.pk, "member_pk": member.pk}


def process_kwargs(ctx) -> dict:
    review = practice_review(ctx)
    process = ParallelProcess.objects.create(
        partnership=review.partnership, practice_review=review, kind="coroner"
    )
    return {"pk": review.pk, "process_pk": process.pk}


ENTRIES: dict = {
    "practice_reviews:notice": ("get", notice_kwargs, MANAGED_BY_BUSINESS_MANAGER),
    "practice_reviews:notice-docx": ("get", notice_kwargs, MANAGED_BY_BUSINESS_MANAGER),
    "practice_reviews:reviewer-add": ("get", review_kwargs, MANAGED_BY_BUSINESS_MANAGER),
    "practice_reviews:reviewer-end": ("get", assignment_kwargs, MANAGED_BY_BUSINESS_MANAGER),
    "practice_reviews:declare": ("get", awaited_declaration_kwargs, OWN_DECLARATION),
    "practice_reviews:review-panel": ("get", review_kwargs, MANAGED_BY_BUSINESS_MANAGER),
    "practice_reviews:review-panel-remove": ("get", member_kwargs, MANAGED_BY_BUSINESS_MANAGER),
    "practice_reviews:parallel-add": ("get", review_kwargs, MANAGED_BY_BUSINESS_MANAGER),
    "practice_reviews:parallel-edit": ("get", process_kwargs, MANAGED_BY_BUSINESS_MANAGER),
}
