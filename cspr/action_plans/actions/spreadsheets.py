"""Applying a checked action plan spreadsheet: every row's change, or none of them.

The rows were checked before (`spreadsheet.check_rows`); this runs them in one transaction, so if any
action moved on in the meantime (another person assured it, say) the whole import rolls back and the
person is told, rather than being left with half a file applied. Progress updates go through
`do_update_action`, marked as from the spreadsheet; a new owner or due date is the business manager's
change to what was agreed, audited here with the owner (a person's name) redacted.
"""

from django.db import transaction

from cspr import permissions
from cspr.audit.log import changes_between, record, snapshot
from cspr.audit.models import AuditAction

from ..models import Action
from ..spreadsheet import RowChange
from .progress import do_update_action

AGREED_FIELDS = ["owner", "due_on", "due_working_days"]
RELATED = ("agency", "recommendation__plan__rapid_review__incident", "recommendation__plan__practice_review")


@transaction.atomic
def do_import_action_plan(changes: list[RowChange], *, acting_user, request) -> list[Action]:
    """Apply every change; returns the actions changed, in the order of the rows. Raises ValueError
    (rolling everything back) if any row can no longer be applied."""
    # do_update_action locks each action as it updates it; this read names them for the audit and checks.
    by_pk = (
        Action.objects.visible_to(acting_user)
        .select_related(*RELATED)
        .in_bulk([change.action_id for change in changes])
    )
    updated = []
    for change in changes:
        action = by_pk.get(change.action_id)
        if action is None:
            raise ValueError(f"Row {change.number}: action {change.action_id} can no longer be found")
        if change.owner is not None or change.due_on is not None:
            _change_agreed(action, change, acting_user=acting_user, request=request)
        if change.is_update:
            if not permissions.can_update_action(acting_user, action):
                raise ValueError(f"Row {change.number}: you can no longer update action {action.pk}")
            try:
                do_update_action(
                    action,
                    status=change.status,
                    note=change.note,
                    acting_user=acting_user,
                    request=request,
                    from_spreadsheet=True,
                )
            except ValueError as error:
                raise ValueError(f"Row {change.number}, action {action.pk}: {error}") from None
        updated.append(action)
    plural = "" if len(updated) == 1 else "s"
    record(
        AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        partnership=acting_user.partnership,
        object_repr=f"Action plan spreadsheet imported: {len(updated)} action{plural} updated",
        changes={"actions": [action.pk for action in updated]},
    )
    return updated


def _change_agreed(action, change: RowChange, *, acting_user, request) -> None:
    """A new owner or due date; a due date given in working days becomes a fixed date."""
    if not permissions.can_edit_action(acting_user, action):
        raise ValueError(f"Row {change.number}: you can no longer change action {action.pk}")
    before = snapshot(action, AGREED_FIELDS)
    if change.owner is not None:
        action.owner = change.owner
    if change.due_on is not None:
        action.due_on = change.due_on
        action.due_working_days = None
    action.save(update_fields=[*AGREED_FIELDS, "updated_at"])
    record(
        AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        obj=action,
        changes=changes_between(before, snapshot(action, AGREED_FIELDS), redact=["owner"]),
    )
