"""Records the permission matrix (tests/test_permission_matrix.py) needs for the rapid review URLs."""

import datetime as dt

from cspr.incidents.models import IncidentStatus
from cspr.rapid_reviews.models import AgencyReturn, RapidReview

NOTIFIED_ON = dt.date(2026, 11, 24)


def open_rapid_review(ctx) -> RapidReview:
    """The context incident, notified on 24 November 2026, with its rapid review open."""
    incident = ctx["incident"]
    incident.notified_on = NOTIFIED_ON
    incident.status = IncidentStatus.NOTIFIED
    incident.save()
    rapid_review, _ = RapidReview.objects.get_or_create(
        incident=incident,
        defaults={
            "partnership": incident.partnership,
            "opened_on": NOTIFIED_ON,
            "notified_on": NOTIFIED_ON,
            "aware_on": incident.aware_on,
        },
    )
    return rapid_review


def sent_rapid_review(ctx) -> RapidReview:
    """The same rapid review, sent to the Panel on 26 November 2026."""
    rapid_review = open_rapid_review(ctx)
    rapid_review.sent_on = dt.date(2026, 11, 26)
    rapid_review.save()
    rapid_review.incident.rapid_review_sent_on = rapid_review.sent_on
    rapid_review.incident.save()
    return rapid_review


def agency_return(ctx) -> AgencyReturn:
    """The request to the context agency (whose lead is the `agency_lead` persona), not yet answered."""
    rapid_review = open_rapid_review(ctx)
    rapid_review.incident.agencies_involved.add(ctx["agency"])
    found, _ = AgencyReturn.objects.get_or_create(
        rapid_review=rapid_review,
        agency=ctx["agency"],
        defaults={
            "partnership": rapid_review.partnership,
            "requested_on": NOTIFIED_ON,
            "due_on": dt.date(2026, 12, 1),
        },
    )
    return found


def rapid_review_kwargs(ctx) -> dict:
    return {"pk": open_rapid_review(ctx).pk}


def sent_rapid_review_kwargs(ctx) -> dict:
    return {"pk": sent_rapid_review(ctx).pk}


def agency_return_kwargs(ctx) -> dict:
    return {"pk": agency_return(ctx).pk}
