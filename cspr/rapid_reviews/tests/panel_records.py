"""Rapid reviews at every stage, in two partnerships, for the tests of the list and the Panel's side.

A plain module (no fixtures) so that test_lists*.py and test_panel*.py build the same cases the same way.
"""

import datetime as dt

from conftest import make_incident
from cspr.deadlines.clock import record_step_completion
from cspr.incidents.models import IncidentStatus
from cspr.rapid_reviews.models import (
    ExecutiveDecision,
    PanelResponse,
    RapidReview,
    RapidReviewStatus,
    ReviewGroupMeeting,
)


def make_rapid_review(
    partnership,
    reference: str,
    notified_on: dt.date,
    *,
    sent_on: dt.date | None = None,
    recommendation: str = "",
    decision: str = "",
    response: str = "",
    responded_on: dt.date | None = None,
    pseudonym: str = "Child K",
    record_sent: bool = True,
) -> RapidReview:
    """A notified incident with its rapid review at the stage the arguments describe.

    `record_sent` writes the clock's timeliness record when it is sent, as the sending action does.
    """
    incident = make_incident(
        partnership,
        reference=reference,
        status=IncidentStatus.NOTIFIED,
        aware_on=notified_on - dt.timedelta(days=1),
        incident_on=notified_on - dt.timedelta(days=3),
        notified_on=notified_on,
        rapid_review_sent_on=sent_on,
    )
    incident.children.update(pseudonym=pseudonym)
    status = RapidReviewStatus.OPEN
    rapid_review = RapidReview.objects.create(
        partnership=partnership,
        incident=incident,
        opened_on=notified_on,
        notified_on=notified_on,
        aware_on=incident.aware_on,
        sent_on=sent_on,
    )
    if recommendation:
        ReviewGroupMeeting.objects.create(
            partnership=partnership,
            rapid_review=rapid_review,
            met_on=notified_on + dt.timedelta(days=7),
            recommendation=recommendation,
        )
        status = RapidReviewStatus.REVIEW_GROUP_MET
    if decision:
        ExecutiveDecision.objects.create(
            partnership=partnership,
            rapid_review=rapid_review,
            decided_by_name="Sam Director",
            decided_on=notified_on + dt.timedelta(days=10),
            agrees=True,
            decision=decision,
            rationale="The review group's reasons.",
        )
        status = RapidReviewStatus.DECIDED
    if sent_on:
        status = RapidReviewStatus.SENT
        if record_sent:
            record_step_completion(incident, "rapid_review", sent_on, actor=None)
    if response:
        PanelResponse.objects.create(
            partnership=partnership,
            rapid_review=rapid_review,
            response=response,
            reasons="The Panel's reasons.",
            responded_on=responded_on,
        )
        record_step_completion(incident, "panel_response", responded_on, actor=None)
        status = RapidReviewStatus.RESPONDED
    rapid_review.status = status
    rapid_review.save()
    return rapid_review
