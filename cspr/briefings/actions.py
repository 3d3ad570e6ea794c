"""Writing a briefing: created on first save, edited afterwards; atomic and audited.

A briefing's text is free text about a case, so the audit trail records which sections changed, never
what they say.
"""

from django.db import transaction

from cspr.audit.log import REDACTED, record
from cspr.audit.models import AuditAction

from .models import LearningBriefing


@transaction.atomic
def do_save_briefing(
    practice_review, briefing_format: str, *, title: str, sections: dict[str, str], acting_user, request
) -> LearningBriefing:
    """Create the review's briefing in this format, or update it; audit the fields that changed."""
    briefing = (
        LearningBriefing.objects.select_for_update()
        .filter(practice_review=practice_review, format=briefing_format)
        .first()
    )
    created = briefing is None
    if created:
        briefing = LearningBriefing(
            partnership=practice_review.partnership, practice_review=practice_review, format=briefing_format
        )
    before = {} if created else {"title": briefing.title, **briefing.sections}
    after = {"title": title, **sections}
    changed = [key for key in after if before.get(key, "") != after[key]]
    if not created and not changed:
        return briefing
    briefing.title = title
    briefing.sections = sections
    briefing.updated_by = acting_user
    briefing.save()
    record(
        AuditAction.CREATE if created else AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        obj=briefing,
        changes={key: [REDACTED, REDACTED] for key in changed},
    )
    return briefing
