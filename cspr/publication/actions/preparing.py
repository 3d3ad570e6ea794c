"""Preparing to publish: the documents to publish, the copies sent before publication and the executive's
waivers (the anonymisation check is in `anonymising`). Each function is one transaction with its audit rows;
file names, reasons and findings are case text, so the log says they changed but never what they say."""

import datetime as dt
from pathlib import PurePath

from django.db import transaction
from django.utils import timezone

from cspr.audit.log import REDACTED, record
from cspr.audit.models import AuditAction

from ..models import FinalReportCopy, PublicationWaiver, PublishedDocument


@transaction.atomic
def do_upload_document(review, *, kind: str, upload, acting_user, request=None) -> PublishedDocument:
    """Add the document of this kind to publish, or replace the one uploaded before (its file is deleted
    once the change commits, so a failed save never loses the old one)."""
    document = PublishedDocument.objects.filter(practice_review=review, kind=kind).first()
    replacing = document is not None
    old_file = document.file.name if replacing else None
    if not replacing:
        document = PublishedDocument(partnership_id=review.partnership_id, practice_review=review, kind=kind)
    document.original_name = PurePath(upload.name).name[:200]
    document.uploaded_by = acting_user
    document.uploaded_at = timezone.now()
    document.file.save(document.original_name, upload, save=False)
    document.save()
    record(
        AuditAction.CHANGE if replacing else AuditAction.CREATE,
        actor=acting_user,
        request=request,
        obj=document,
        changes={"file": [REDACTED if replacing else None, REDACTED]},
    )
    if old_file and old_file != document.file.name:
        storage = document.file.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    return document


@transaction.atomic
def do_record_copy(review, *, recipient: str, sent_on: dt.date, acting_user, request=None) -> FinalReportCopy:
    """Record (or correct) the date the final report was sent to the Panel or the Secretary of State."""
    copy = FinalReportCopy.objects.filter(practice_review=review, recipient=recipient).first()
    before = copy.sent_on.isoformat() if copy else None
    if copy is None:
        copy = FinalReportCopy(
            partnership_id=review.partnership_id, practice_review=review, recipient=recipient
        )
    copy.sent_on = sent_on
    copy.sent_by = acting_user
    copy.save()
    record(
        AuditAction.CHANGE if before else AuditAction.CREATE,
        actor=acting_user,
        request=request,
        obj=copy,
        changes={"sent_on": [before, sent_on.isoformat()]},
    )
    return copy


@transaction.atomic
def do_waive_gate(review, *, gate: str, reason: str, acting_user, request=None) -> PublicationWaiver:
    """An executive member's decision to publish without this gate (or a new reason for the same)."""
    waiver, created = PublicationWaiver.objects.update_or_create(
        practice_review=review,
        gate=gate,
        defaults={
            "partnership_id": review.partnership_id,
            "reason": reason,
            "waived_by": acting_user,
            "waived_on": timezone.localdate(),
        },
    )
    record(
        AuditAction.CREATE if created else AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        obj=waiver,
        changes={"gate": [None, gate], "reason": [None if created else REDACTED, REDACTED]},
    )
    return waiver
