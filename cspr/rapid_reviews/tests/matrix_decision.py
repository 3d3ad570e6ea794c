"""Records the permission matrix needs for the review group, executive decision and report URLs."""

import datetime as dt

from cspr.action_plans.models import Action, RecommendationKind
from cspr.action_plans.tests.records import make_action, make_plan, make_recommendation
from cspr.rapid_reviews.models import (
    ExecutiveDecision,
    RapidReview,
    RapidReviewStatus,
    Recommendation,
    ReviewGroupMeeting,
)

from .matrix import open_rapid_review


def reviewed_rapid_review(ctx) -> RapidReview:
    """The open rapid review after the review group met on 25 November 2026 and recommended no review."""
    rapid_review = open_rapid_review(ctx)
    ReviewGroupMeeting.objects.get_or_create(
        rapid_review=rapid_review,
        defaults={
            "partnership": rapid_review.partnership,
            "met_on": dt.date(2026, 11, 25),
            "facts": "The facts.",
            "recommendation": Recommendation.NO_FURTHER_REVIEW,
            "reasons": "The reasons.",
        },
    )
    rapid_review.status = RapidReviewStatus.REVIEW_GROUP_MET
    rapid_review.save()
    return rapid_review


def decided_rapid_review(ctx) -> RapidReview:
    """The same rapid review once the executive agreed with the recommendation, ready to send."""
    rapid_review = reviewed_rapid_review(ctx)
    ExecutiveDecision.objects.get_or_create(
        rapid_review=rapid_review,
        defaults={
            "partnership": rapid_review.partnership,
            "decided_by_name": "Alex Director",
            "decided_on": dt.date(2026, 11, 26),
            "agrees": True,
            "decision": Recommendation.NO_FURTHER_REVIEW,
            "rationale": "The rationale.",
        },
    )
    rapid_review.status = RapidReviewStatus.DECIDED
    rapid_review.save()
    return rapid_review


def immediate_action(ctx) -> Action:
    """An immediate safety action of the open rapid review (due 30 November 2026), in its action plan."""
    rapid_review = open_rapid_review(ctx)
    found = Action.objects.filter(recommendation__plan__rapid_review=rapid_review).first()
    if found is not None:
        return found
    plan = make_plan(rapid_review.partnership, rapid_review=rapid_review)
    recommendation = make_recommendation(
        plan, kind=RecommendationKind.SAFETY_ACTION, text="Check the siblings' safety plan."
    )
    return make_action(
        recommendation,
        ctx["agency"],
        what_will_change="Check the siblings' safety plan.",
        owner="Team manager",
        due_on=dt.date(2026, 11, 30),
    )


def reviewed_kwargs(ctx) -> dict:
    return {"pk": reviewed_rapid_review(ctx).pk}


def decided_kwargs(ctx) -> dict:
    return {"pk": decided_rapid_review(ctx).pk}
