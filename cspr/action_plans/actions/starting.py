"""Starting an action plan for a review: one plan per rapid review or practice review, created once."""

from django.db import transaction

from cspr.audit.log import record
from cspr.audit.models import AuditAction

from ..models import ActionPlan, Source


@transaction.atomic
def do_start_plan(
    partnership,
    *,
    agreed_on,
    acting_user,
    request,
    rapid_review=None,
    practice_review=None,
    national_report: str = "",
    national_report_url: str = "",
) -> ActionPlan:
    """The review's plan, created (and audited) on first use; a national report always gets a new one."""
    if rapid_review is not None or practice_review is not None:
        existing = ActionPlan.objects.filter(
            rapid_review=rapid_review, practice_review=practice_review
        ).first()
        if existing is not None:
            return existing
    if rapid_review is not None:
        source = Source.RAPID_REVIEW
    elif practice_review is not None:
        source = Source.PRACTICE_REVIEW
    else:
        source = Source.NATIONAL_REPORT
    plan = ActionPlan.objects.create(
        partnership=partnership,
        source=source,
        rapid_review=rapid_review,
        practice_review=practice_review,
        national_report=national_report,
        national_report_url=national_report_url,
        agreed_on=agreed_on,
        created_by=acting_user,
    )
    record(
        AuditAction.CREATE,
        actor=acting_user,
        request=request,
        obj=plan,
        changes={"source": [None, source], "agreed_on": [None, agreed_on.isoformat()]},
    )
    return plan
