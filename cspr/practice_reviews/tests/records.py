"""Records the practice review, publication and briefing tests (and the permission matrix) build on.

`practice_review(ctx)` is a local CSPR of the context incident, decided on 26 November 2026, with the
`independent_reviewer` persona appointed and declared (no conflict) and the `agency_lead` persona on the
review panel, when those personas exist in the test: so that each sees the review as they would.
"""

import datetime as dt

from cspr.accounts.models import Role, User
from cspr.practice_reviews.models import (
    Declaration,
    PracticeReview,
    ReviewerAssignment,
    ReviewKind,
    ReviewPanelMember,
)
from cspr.rapid_reviews.tests.matrix import sent_rapid_review

DECIDED_ON = dt.date(2026, 11, 26)


def make_practice_review(
    partnership, *, kind=ReviewKind.LOCAL_CSPR, title="Child K", **fields
) -> PracticeReview:
    fields.setdefault("decided_on", DECIDED_ON)
    fields.setdefault("decided_by", "Northshire Safeguarding Children Partnership executive")
    fields.setdefault("reference", PracticeReview.next_reference(partnership, fields["decided_on"].year))
    return PracticeReview.objects.create(partnership=partnership, kind=kind, title=title, **fields)


def appoint_reviewer(review, reviewer, *, declared=True) -> ReviewerAssignment:
    assignment, _ = ReviewerAssignment.objects.get_or_create(
        practice_review=review,
        reviewer=reviewer,
        defaults={
            "partnership": review.partnership,
            "published_name": reviewer.full_name,
            "appointed_on": review.decided_on,
            "declaration": Declaration.NO_CONFLICT if declared else Declaration.AWAITED,
            "no_involvement_with_case": declared,
            "no_involvement_with_agencies": declared,
        },
    )
    return assignment


def practice_review(ctx) -> PracticeReview:
    """The context incident's local CSPR (its rapid review sent to the Panel), built once per test."""
    found = PracticeReview.objects.filter(partnership=ctx["partnership"], title="Child K").first()
    if found is not None:
        return found
    rapid_review = sent_rapid_review(ctx)
    review = make_practice_review(ctx["partnership"])
    review.rapid_reviews.add(rapid_review)
    review.incidents.add(rapid_review.incident)
    reviewer = User.objects.filter(role=Role.INDEPENDENT_REVIEWER, partnership=ctx["partnership"]).first()
    if reviewer is not None:
        appoint_reviewer(review, reviewer)
    lead = User.objects.filter(role=Role.AGENCY_LEAD, agency=ctx["agency"]).first()
    if lead is not None:
        ReviewPanelMember.objects.create(
            partnership=review.partnership,
            practice_review=review,
            agency=ctx["agency"],
            name=lead.full_name,
            role="Designated safeguarding lead",
            user=lead,
            added_on=DECIDED_ON,
        )
    return review


def practice_review_kwargs(ctx) -> dict:
    return {"pk": practice_review(ctx).pk}
