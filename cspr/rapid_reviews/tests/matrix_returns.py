"""Records the permission matrix needs for the agency request and return URLs."""

import datetime as dt

from cspr.rapid_reviews.models import ReturnStatus

from .matrix import agency_return


def drafted_return_kwargs(ctx) -> dict:
    """The context agency's return with its summary written, so the check page can be shown."""
    found = agency_return(ctx)
    found.summary_of_involvement = "Two contacts with the family in October."
    found.status = ReturnStatus.DRAFT
    found.save()
    return {"pk": found.pk}


def submitted_return_kwargs(ctx) -> dict:
    """The context agency's return, submitted on 25 November 2026: the business manager may reopen it."""
    found = agency_return(ctx)
    found.summary_of_involvement = "Two contacts with the family in October."
    found.status = ReturnStatus.SUBMITTED
    found.submitted_on = dt.date(2026, 11, 25)
    found.save()
    return {"pk": found.pk}
