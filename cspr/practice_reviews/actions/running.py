"""Running a practice review: involvement steps, the partners' monitoring, report drafts and comments.

Each function is one transaction with its audit row. Notes, letters, comments and file names may describe
the family or the case, so the audit log records that they were written, never what they say.
"""

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.urls import reverse

from cspr.accounts.models import Role, User
from cspr.audit.log import changes_between, record, snapshot
from cspr.audit.models import AuditAction
from cspr.core.templatetags.govuk import govuk_date

from ..models import (
    Declaration,
    DraftComment,
    InvolvementStep,
    MonitoringEntry,
    MonitoringKind,
    PracticeReview,
    ReportDraft,
)
from .stage import refresh_stage

INVOLVEMENT_FIELDS = ["track", "step", "happened_on", "notes"]
MONITORING_FIELDS = ["kind", "entry_on", "time_assessment", "quality_notes", "draft_due_on", "request_letter"]
DRAFT_FIELDS = ["version", "is_final", "original_name", "note"]
COMMENT_FIELDS = ["draft", "section", "text"]
FREE_TEXT = ["notes", "quality_notes", "request_letter", "original_name", "note", "section", "text"]


def _created(obj, fields, *, acting_user, request) -> None:
    record(
        AuditAction.CREATE,
        actor=acting_user,
        request=request,
        obj=obj,
        changes=changes_between({}, snapshot(obj, fields), redact=FREE_TEXT),
    )


@transaction.atomic
def do_record_involvement(
    practice_review, *, track: str, step: str, happened_on: dt.date, notes: str, acting_user, request=None
) -> InvolvementStep:
    """A dated step of the family's or the practitioners' part in the review."""
    involvement = InvolvementStep.objects.create(
        partnership_id=practice_review.partnership_id,
        practice_review=practice_review,
        track=track,
        step=step,
        happened_on=happened_on,
        notes=notes.strip(),
        recorded_by=acting_user,
    )
    _created(involvement, INVOLVEMENT_FIELDS, acting_user=acting_user, request=request)
    return involvement


@transaction.atomic
def do_record_progress_check(
    practice_review, *, entry_on: dt.date, time_assessment: str, quality_notes: str, acting_user, request=None
) -> MonitoringEntry:
    entry = MonitoringEntry.objects.create(
        partnership_id=practice_review.partnership_id,
        practice_review=practice_review,
        kind=MonitoringKind.PROGRESS_CHECK,
        entry_on=entry_on,
        time_assessment=time_assessment,
        quality_notes=quality_notes.strip(),
        recorded_by=acting_user,
    )
    _created(entry, MONITORING_FIELDS, acting_user=acting_user, request=request)
    return entry


def current_reviewers(practice_review):
    """The reviewers who have access now (declared no conflict, not ended): those a request is for."""
    return practice_review.reviewer_assignments.filter(
        declaration=Declaration.NO_CONFLICT, ended_on__isnull=True
    ).select_related("reviewer")


def draft_request_letter(practice_review, *, due_on: dt.date, reviewer_names: list[str], sender) -> str:
    """The standard written request for a draft: the reviewer, the review (its published title, never the
    child's name), the date, and who asks on behalf of the partners."""
    greeting = " and ".join(reviewer_names) if reviewer_names else "reviewer"
    return (
        f"Dear {greeting},\n\n"
        f"Practice review {practice_review.reference}: {practice_review.title}\n\n"
        f"As part of the safeguarding partners' monitoring of the time and quality of this review, we ask "
        f"you to send us a draft of the report by {govuk_date(due_on)}.\n\n"
        f"Please upload it to cspr as a new version of the report. The draft does not need to be final: "
        f"we will share it with the review panel for comment.\n\n"
        f"Yours sincerely,\n\n"
        f"{sender.full_name}\n"
        f"On behalf of {practice_review.partnership.name}"
    )


@transaction.atomic
def do_request_draft(
    practice_review,
    *,
    entry_on: dt.date,
    draft_due_on: dt.date,
    request_letter: str,
    acting_user,
    request=None,
) -> MonitoringEntry:
    """Record a written request for a draft and email it to the reviewers who have access."""
    reviewers = list(current_reviewers(practice_review))
    letter = request_letter.strip() or draft_request_letter(
        practice_review,
        due_on=draft_due_on,
        reviewer_names=[assignment.published_name for assignment in reviewers],
        sender=acting_user,
    )
    entry = MonitoringEntry.objects.create(
        partnership_id=practice_review.partnership_id,
        practice_review=practice_review,
        kind=MonitoringKind.DRAFT_REQUESTED,
        entry_on=entry_on,
        draft_due_on=draft_due_on,
        request_letter=letter,
        recorded_by=acting_user,
    )
    _created(entry, MONITORING_FIELDS, acting_user=acting_user, request=request)
    emails = [assignment.reviewer.email for assignment in reviewers if assignment.reviewer.email]
    if emails:
        link = f"{settings.SITE_URL}{practice_review.get_absolute_url()}"
        subject = f"Request for a draft: practice review {practice_review.reference}"
        body = f"{letter}\n\nThe review in cspr:\n{link}\n"
        transaction.on_commit(lambda: send_mail(subject, body, None, emails))
    return entry


@transaction.atomic
def do_upload_draft(
    practice_review, *, upload, note: str, is_final: bool, acting_user, request=None
) -> ReportDraft:
    """Add the next version of the report. The stored file is named by review and version only (the name
    it was uploaded with may name the child); a final version moves the review to quality assurance."""
    # Lock the review so that two uploads at once cannot take the same version number.
    PracticeReview.objects.select_for_update().filter(pk=practice_review.pk).first()
    version = (practice_review.drafts.aggregate(top=Max("version"))["top"] or 0) + 1
    original_name = Path(upload.name).name[:200]
    upload.name = f"review-{practice_review.pk}-v{version}{Path(upload.name).suffix.lower()}"
    draft = ReportDraft.objects.create(
        partnership_id=practice_review.partnership_id,
        practice_review=practice_review,
        version=version,
        file=upload,
        original_name=original_name,
        is_final=is_final,
        note=note.strip(),
        uploaded_by=acting_user,
    )
    _created(draft, DRAFT_FIELDS, acting_user=acting_user, request=request)
    if is_final:
        refresh_stage(practice_review, actor=acting_user, request=request)
    transaction.on_commit(lambda: _tell_readers_of_new_version(draft, uploader=acting_user))
    return draft


def _tell_readers_of_new_version(draft, *, uploader) -> None:
    """The review panel members with an account and the business managers, but not the uploader, are asked
    for their comments: reference, version and link only, nothing of the case."""
    practice_review = draft.practice_review
    panel = User.objects.filter(review_panel_places__practice_review=practice_review)
    managers = User.objects.filter(partnership_id=practice_review.partnership_id, role=Role.BUSINESS_MANAGER)
    emails = sorted(
        set(
            (panel | managers)
            .filter(is_active=True)
            .exclude(pk=uploader.pk)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
    what = "the final report" if draft.is_final else "a draft of the report"
    link = f"{settings.SITE_URL}{reverse('practice_reviews:draft', args=[draft.pk])}"
    subject = f"Version {draft.version} of the report: practice review {practice_review.reference}"
    body = (
        f"Version {draft.version}, {what}, has been uploaded for practice review {practice_review.reference} "
        f"({practice_review.title}).\n\n"
        f"Read it and add your comments in cspr:\n{link}\n"
    )
    for email in emails:
        send_mail(subject, body, None, [email])


@transaction.atomic
def do_comment_on_draft(draft, *, section: str, text: str, acting_user, request=None) -> DraftComment:
    comment = DraftComment.objects.create(
        partnership_id=draft.partnership_id,
        draft=draft,
        author=acting_user,
        section=section.strip(),
        text=text.strip(),
    )
    _created(comment, COMMENT_FIELDS, acting_user=acting_user, request=request)
    return comment
