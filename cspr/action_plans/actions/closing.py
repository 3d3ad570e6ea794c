"""Closing a recommendation when the last of its actions is assured, and reopening it when that stops
being true (an action added to it later). Called inside the actions that change an action's status."""

from cspr.audit.log import record
from cspr.audit.models import AuditAction

from .. import rules


def refresh_closed(recommendation, on_date, *, acting_user, request) -> None:
    """Set or clear `closed_on` from the statuses of its actions; audit the change, if any."""
    statuses = list(recommendation.actions.values_list("status", flat=True))
    closed = rules.is_closed(statuses)
    if closed == recommendation.is_closed:
        return
    before = recommendation.closed_on
    recommendation.closed_on = on_date if closed else None
    recommendation.save(update_fields=["closed_on"])
    record(
        AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        obj=recommendation,
        changes={"closed_on": [before and before.isoformat(), on_date.isoformat() if closed else None]},
    )
