"""Permission matrix entries (tests/test_permission_matrix.py) for the progress part of action plans: name ->
(method, kwargs(ctx) or None, expected status per persona), written with `cspr.core.tests.matrix_rules`.

The context action is Northshire Police's, complete and awaiting assurance (`plan_action`); the agency lead
persona is Northshire Police's lead. The Panel, reviewers, administrators and other partnerships do not
see action plans at all (404).
"""

from django.core.files.base import ContentFile

from cspr.action_plans.models import Evidence, EvidenceKind
from cspr.core.tests.matrix_rules import only

from .records import plan_action

PDF_BYTES = b"%PDF-1.4\n% training figures\n"


def make_evidence(action, *, name="training-figures.pdf", content=PDF_BYTES, **fields) -> Evidence:
    fields.setdefault("kind", EvidenceKind.TRAINING)
    fields.setdefault("description", "92% of officers trained")
    evidence = Evidence(partnership=action.partnership, action=action, original_name=name, **fields)
    evidence.file.save(f"action-{action.pk}-evidence.pdf", ContentFile(content), save=False)
    evidence.save()
    return evidence


def action_kwargs(ctx) -> dict:
    return {"pk": plan_action(ctx).pk}


def evidence_kwargs(ctx) -> dict:
    return {"pk": make_evidence(plan_action(ctx)).pk}


# Everyone who reads action plans: the partnership's decision makers, and the action's own agency lead.
READERS = only(
    {"business_manager": 200, "review_group_member": 200, "executive_member": 200, "agency_lead": 200}, 404
)
# The agency's own lead updates its action; the business manager records updates received by email.
UPDATERS = only(
    {"business_manager": 200, "agency_lead": 200, "review_group_member": 403, "executive_member": 403}, 404
)
# The business manager and the review group assure complete actions.
ASSURERS = only(
    {"business_manager": 200, "review_group_member": 200, "executive_member": 403, "agency_lead": 403}, 404
)

ENTRIES: dict = {
    "action_plans:action": ("get", action_kwargs, READERS),
    "action_plans:update_action": ("get", action_kwargs, UPDATERS),
    "action_plans:add_evidence": ("get", action_kwargs, UPDATERS),
    "action_plans:assure_action": ("get", action_kwargs, ASSURERS),
    "action_plans:evidence": ("get", evidence_kwargs, READERS),
}
