"""Opening the rapid review: the notification being sent to the Panel starts it (WT 2023)."""

from cspr.audit.log import changes_between, record, snapshot
from cspr.audit.models import AuditAction

from ..models import RapidReview

DATES = ["opened_on", "notified_on", "aware_on"]


def open_rapid_review(incident, *, acting_user, request) -> RapidReview:
    """Open the incident's rapid review, or correct its dates when the notification date is corrected.

    Called inside the transaction that records the notification's first submission, so the two never
    disagree. Both dates are kept: the clock counts from the notification (WT 2023), and some partnerships
    still report against the date they became aware (WT 2018).
    """
    rapid_review = RapidReview.objects.filter(incident=incident).first()
    dates = {
        "opened_on": incident.notified_on,
        "notified_on": incident.notified_on,
        "aware_on": incident.aware_on,
    }
    if rapid_review is None:
        rapid_review = RapidReview.objects.create(
            partnership=incident.partnership, incident=incident, **dates
        )
        record(
            AuditAction.CREATE,
            actor=acting_user,
            request=request,
            obj=rapid_review,
            changes=changes_between({}, snapshot(rapid_review, DATES)),
        )
        return rapid_review
    before = snapshot(rapid_review, DATES)
    for name, day in dates.items():
        setattr(rapid_review, name, day)
    rapid_review.save(update_fields=[*DATES, "updated_at"])
    record(
        AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        obj=rapid_review,
        changes=changes_between(before, snapshot(rapid_review, DATES)),
    )
    return rapid_review
