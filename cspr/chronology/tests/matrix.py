"""Records the permission matrix (tests/test_permission_matrix.py) needs for the chronology URLs."""

import datetime as dt

from cspr.chronology.models import ChronologyEntry, EventType
from cspr.rapid_reviews.tests import matrix as rapid_reviews_matrix


def entry(ctx) -> ChronologyEntry:
    """One entry in the context agency's return (the `agency_lead` persona's agency)."""
    agency_return = rapid_reviews_matrix.agency_return(ctx)
    found, _ = ChronologyEntry.objects.get_or_create(
        agency_return=agency_return,
        defaults={
            "partnership": agency_return.partnership,
            "rapid_review": agency_return.rapid_review,
            "agency": agency_return.agency,
            "start_on": dt.date(2026, 10, 1),
            "source_reference": "Police log 1",
            "event_type": EventType.POLICE_INCIDENT,
            "facts": "Officers attended the address.",
        },
    )
    return found


def agency_return_kwargs(ctx) -> dict:
    return rapid_reviews_matrix.agency_return_kwargs(ctx)


def entry_kwargs(ctx) -> dict:
    return {"pk": entry(ctx).pk}


def rapid_review_kwargs(ctx) -> dict:
    return rapid_reviews_matrix.rapid_review_kwargs(ctx)
