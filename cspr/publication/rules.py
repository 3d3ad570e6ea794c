"""The 12-month rule of publication, as plain functions of a review's dates (no database).

Published reports stay on the partnership's website for at least 12 months (WT 2023; the clock's
`publication_kept_until` step). Before then only an executive member may withdraw one, with a recorded
reason such as a court order; afterwards it moves to "available on request" unless the partnership keeps it.
"""

import datetime as dt
from enum import StrEnum

from cspr.clock import get_step
from cspr.clock.working_days import default_calendar


class PublicState(StrEnum):
    NOT_PUBLISHED = "not published"
    PUBLISHED = "published"
    AVAILABLE_ON_REQUEST = "available on request"
    WITHDRAWN = "withdrawn"


def kept_until(published_on: dt.date) -> dt.date:
    """The first day the report may leave the website without an executive's reason."""
    return get_step("publication_kept_until").due_date(published_on, default_calendar())


def public_state(review, today: dt.date) -> PublicState:
    """What the public sees of `review` on `today` (reads published_on, withdrawn_on, keep_published)."""
    if review.withdrawn_on is not None:
        return PublicState.WITHDRAWN
    if review.published_on is None or review.published_on > today:
        return PublicState.NOT_PUBLISHED
    if today < kept_until(review.published_on) or review.keep_published:
        return PublicState.PUBLISHED
    return PublicState.AVAILABLE_ON_REQUEST


def may_withdraw_without_executive(published_on: dt.date, today: dt.date) -> bool:
    """After the 12 months the business manager may take a review down; before, only an executive."""
    return today >= kept_until(published_on)
