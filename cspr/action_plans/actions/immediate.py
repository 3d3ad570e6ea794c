"""Immediate safety actions agreed at a rapid review: recorded straight into the rapid review's action
plan, so that they are followed up, reminded about and assured like every other action.

Each is a recommendation of kind "immediate safety action" addressed to one agency, with that agency's
one action; the plan is started on first use, agreed on the date of the review group's meeting.
"""

from django.db import transaction

from cspr.audit.log import changes_between, record, snapshot
from cspr.audit.models import AuditAction

from ..models import Action, Recommendation, RecommendationKind
from .starting import do_start_plan

AUDITED = ["agency", "due_on", "what_will_change", "owner"]
REDACTED = ["what_will_change", "owner"]


@transaction.atomic
def do_add_safety_action(
    rapid_review, *, description: str, owner: str, agency, due_on, agreed_on, acting_user, request
) -> Action:
    """Add an immediate safety action for one agency to the rapid review's action plan."""
    plan = do_start_plan(
        rapid_review.partnership,
        rapid_review=rapid_review,
        agreed_on=agreed_on,
        acting_user=acting_user,
        request=request,
    )
    taken = plan.recommendations.values_list("number", flat=True)
    recommendation = Recommendation.objects.create(
        partnership=plan.partnership,
        plan=plan,
        number=max(taken, default=0) + 1,
        kind=RecommendationKind.SAFETY_ACTION,
        text=description,
        due_on=due_on,
        created_by=acting_user,
    )
    recommendation.agencies.add(agency)
    record_fields = {"kind": [None, RecommendationKind.SAFETY_ACTION], "due_on": [None, due_on.isoformat()]}
    record(AuditAction.CREATE, actor=acting_user, request=request, obj=recommendation, changes=record_fields)
    action = Action.objects.create(
        partnership=plan.partnership,
        recommendation=recommendation,
        agency=agency,
        what_will_change=description,
        owner=owner,
        due_on=due_on,
        created_by=acting_user,
    )
    record(
        AuditAction.CREATE,
        actor=acting_user,
        request=request,
        obj=action,
        changes=changes_between({}, snapshot(action, AUDITED), redact=REDACTED),
    )
    return action
