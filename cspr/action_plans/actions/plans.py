"""Writing a plan's recommendations and the agencies' actions under them.

Each write is one transaction with its audit row. The audit says which fields changed but never what the
free text says (the recommendation, what will change, the success measure) nor who owns an action (a
person's name): those are redacted. Adding an action to a closed recommendation reopens it, so each
action refreshes the recommendation's closed date in the same transaction.
"""

from django.db import transaction
from django.utils import timezone

from cspr.audit.log import changes_between, record, snapshot
from cspr.audit.models import AuditAction

from .. import rules
from ..models import Action, ActionPlan, Recommendation
from .closing import refresh_closed

RECOMMENDATION_FIELDS = ["number", "kind", "text", "due_on"]
RECOMMENDATION_LOGGED = [*RECOMMENDATION_FIELDS, "agencies", "themes"]
ACTION_FIELDS = ["what_will_change", "owner", "due_on", "due_working_days", "success_measure"]
ACTION_LOGGED = ["agency", *ACTION_FIELDS, "status"]
REDACT = ["text", "what_will_change", "owner", "success_measure"]


class RecommendationInUse(ValueError):
    """The recommendation's actions have a history (progress, evidence, assurance) that must be kept."""


def removal_error(recommendation: Recommendation) -> str:
    """Why the recommendation cannot be removed, or "" when it can: only while none of its actions has
    progress updates, evidence or an assurance decision, which are the agencies' record of their work."""
    actions = Action.objects.filter(recommendation=recommendation)
    if actions.filter(updates__isnull=False).exists():
        return "Its actions have progress updates from the agencies"
    if actions.filter(evidence__isnull=False).exists():
        return "Its actions have evidence from the agencies"
    if actions.filter(assurance_decisions__isnull=False).exists():
        return "Its actions have assurance decisions"
    return ""


@transaction.atomic
def do_save_recommendation(
    plan: ActionPlan,
    recommendation: Recommendation | None,
    *,
    fields: dict,
    agency_ids,
    theme_ids,
    acting_user,
    request,
) -> Recommendation:
    """Add a recommendation to the plan, or change one: its number, kind, text, by when, the agencies it
    is addressed to and its themes."""
    is_new = recommendation is None
    if is_new:
        recommendation = Recommendation(partnership_id=plan.partnership_id, plan=plan, created_by=acting_user)
        before = {}
    else:
        recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
        before = snapshot(recommendation, RECOMMENDATION_LOGGED)
    for name in RECOMMENDATION_FIELDS:
        setattr(recommendation, name, fields[name])
    recommendation.save()
    recommendation.agencies.set(agency_ids)
    recommendation.themes.set(theme_ids)
    changes = changes_between(before, snapshot(recommendation, RECOMMENDATION_LOGGED), redact=REDACT)
    if changes:
        record(
            AuditAction.CREATE if is_new else AuditAction.CHANGE,
            actor=acting_user,
            request=request,
            obj=recommendation,
            changes=changes,
        )
    return recommendation


@transaction.atomic
def do_remove_recommendation(recommendation: Recommendation, *, acting_user, request) -> None:
    """Remove a recommendation recorded by mistake, with its actions; the log keeps that they existed,
    not what they said. Refused (`RecommendationInUse`) once an agency has reported on any action."""
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    error = removal_error(recommendation)
    if error:
        raise RecommendationInUse(error)
    for action in recommendation.actions.select_related("agency", "recommendation__plan"):
        record(
            AuditAction.DELETE,
            actor=acting_user,
            request=request,
            obj=action,
            changes=changes_between(snapshot(action, ACTION_LOGGED), {}, redact=REDACT),
        )
    record(
        AuditAction.DELETE,
        actor=acting_user,
        request=request,
        obj=recommendation,
        changes=changes_between(snapshot(recommendation, RECOMMENDATION_LOGGED), {}, redact=REDACT),
    )
    recommendation.delete()


@transaction.atomic
def do_save_action(
    recommendation: Recommendation,
    action: Action | None,
    *,
    fields: dict,
    acting_user,
    request,
    agency=None,
) -> Action:
    """Agree a new action with an agency (`agency` given; it is added to the recommendation's agencies
    if the recommendation was not yet addressed to it), or change what was agreed on an existing one.

    A new action starts "not started", so a closed recommendation reopens; an assured action cannot be
    changed (the assurance was of what was agreed)."""
    is_new = action is None
    if is_new:
        action = Action(
            partnership_id=recommendation.partnership_id,
            recommendation=recommendation,
            agency=agency,
            created_by=acting_user,
        )
        before = {}
    else:
        action = Action.objects.select_for_update().select_related("agency").get(pk=action.pk)
        if action.status == rules.ASSURED:
            raise ValueError("This action has been assured as embedded and can no longer be changed")
        before = snapshot(action, ACTION_LOGGED)
    for name in ACTION_FIELDS:
        setattr(action, name, fields[name])
    action.save()
    changes = changes_between(before, snapshot(action, ACTION_LOGGED), redact=REDACT)
    if changes:
        record(
            AuditAction.CREATE if is_new else AuditAction.CHANGE,
            actor=acting_user,
            request=request,
            obj=action,
            changes=changes,
        )
    if is_new and not recommendation.agencies.filter(pk=agency.pk).exists():
        before_agencies = snapshot(recommendation, ["agencies"])
        recommendation.agencies.add(agency)
        record(
            AuditAction.CHANGE,
            actor=acting_user,
            request=request,
            obj=recommendation,
            changes=changes_between(before_agencies, snapshot(recommendation, ["agencies"])),
        )
    refresh_closed(recommendation, timezone.localdate(), acting_user=acting_user, request=request)
    return action
