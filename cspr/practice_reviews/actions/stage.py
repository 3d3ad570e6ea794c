"""Moving a practice review's stage after a change: every action that may move it calls this, inside its
own transaction, so the stored stage always matches the records and each move is in the audit log."""

from cspr.audit.log import record
from cspr.audit.models import AuditAction


def refresh_stage(practice_review, *, actor, request=None) -> None:
    moved = practice_review.refresh_stage()
    if moved is not None:
        record(
            AuditAction.CHANGE,
            actor=actor,
            request=request,
            obj=practice_review,
            changes={"stage": list(moved)},
        )
