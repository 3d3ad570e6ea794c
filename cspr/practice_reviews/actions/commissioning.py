"""Commissioning a practice review: notices, the independent reviewer and their declaration, the review
panel, and processes running in parallel.

Each write is atomic and audited in the same transaction; emails go once it has committed. The audit log
says that a letter, a name, a declaration's interests or a process's details changed, never what they say.
Appointing, declaring and ending a reviewer may move the review's stage, so they refresh it.
"""

import logging
import smtplib
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cspr.accounts.models import Role, User
from cspr.audit.log import changes_between, record, snapshot
from cspr.audit.models import AuditAction

from ..models import (
    CommissioningNotice,
    Declaration,
    ParallelProcess,
    PracticeReview,
    ReviewerAssignment,
    ReviewPanelMember,
)
from .stage import refresh_stage

logger = logging.getLogger(__name__)

NOTICE_FIELDS = ["recipient", "letter", "reviewer_named", "sent_on", "sent_by"]
NOTICE_REDACT = ["letter", "reviewer_named"]
ASSIGNMENT_FIELDS = [
    "reviewer",
    "published_name",
    "organisation",
    "appointed_on",
    "is_lead",
    "declaration",
    "no_involvement_with_case",
    "no_involvement_with_agencies",
    "interests",
    "declared_at",
    "ended_on",
]
ASSIGNMENT_REDACT = ["published_name", "interests"]
MEMBER_FIELDS = ["agency", "organisation", "name", "role", "user", "added_on"]
MEMBER_REDACT = ["name"]
PROCESS_FIELDS = [
    "kind",
    "description",
    "status",
    "expected_conclusion_on",
    "concluded_on",
    "affects_publication",
]
PROCESS_REDACT = ["description"]


class AlreadyDeclared(Exception):
    """The declaration was made (or access ended) meanwhile: nothing is saved."""


def _locked(practice_review: PracticeReview) -> PracticeReview:
    """The review's row locked for this transaction, so two recordings cannot interleave."""
    return PracticeReview.objects.select_for_update().get(pk=practice_review.pk)


@transaction.atomic
def do_record_notice(
    practice_review: PracticeReview,
    *,
    recipient: str,
    letter: str,
    reviewer_named: str,
    sent_on,
    acting_user,
    request,
) -> CommissioningNotice:
    """Record (or correct) the notice to one recipient: its text, the reviewer it names, the day it went."""
    practice_review = _locked(practice_review)
    notice = CommissioningNotice.objects.filter(practice_review=practice_review, recipient=recipient).first()
    is_new = notice is None
    if is_new:
        notice = CommissioningNotice(
            partnership_id=practice_review.partnership_id,
            practice_review=practice_review,
            recipient=recipient,
        )
        before = {}
    else:
        before = snapshot(notice, NOTICE_FIELDS)
    notice.letter = letter
    notice.reviewer_named = reviewer_named
    notice.sent_on = sent_on
    notice.sent_by = acting_user
    notice.save()
    record(
        AuditAction.CREATE if is_new else AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        obj=notice,
        changes=changes_between(before, snapshot(notice, NOTICE_FIELDS), redact=NOTICE_REDACT),
    )
    return notice


@transaction.atomic
def do_appoint_reviewer(practice_review: PracticeReview, *, fields: dict, acting_user, request):
    """Appoint an independent reviewer, awaiting their declaration; a new lead takes over from the last.

    The reviewer sees nothing of the case until they declare no conflict; they are emailed the link.
    """
    practice_review = _locked(practice_review)
    if fields["is_lead"]:
        for previous in practice_review.reviewer_assignments.filter(is_lead=True, ended_on__isnull=True):
            before = snapshot(previous, ["is_lead"])
            previous.is_lead = False
            previous.save(update_fields=["is_lead"])
            record(
                AuditAction.CHANGE,
                actor=acting_user,
                request=request,
                obj=previous,
                changes=changes_between(before, snapshot(previous, ["is_lead"])),
            )
    assignment = ReviewerAssignment.objects.create(
        partnership_id=practice_review.partnership_id,
        practice_review=practice_review,
        assigned_by=acting_user,
        **fields,
    )
    record(
        AuditAction.CREATE,
        actor=acting_user,
        request=request,
        obj=assignment,
        changes=changes_between({}, snapshot(assignment, ASSIGNMENT_FIELDS), redact=ASSIGNMENT_REDACT),
    )
    refresh_stage(practice_review, actor=acting_user, request=request)
    transaction.on_commit(partial(send_declaration_request, assignment))
    return assignment


@transaction.atomic
def do_declare(assignment: ReviewerAssignment, *, fields: dict, acting_user, request) -> ReviewerAssignment:
    """The reviewer's declaration. No conflict opens the review to them (and may move it to "under way");
    a conflict keeps it closed and tells the business managers, who appoint someone else."""
    assignment = ReviewerAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.declaration != Declaration.AWAITED or assignment.ended_on is not None:
        raise AlreadyDeclared
    before = snapshot(assignment, ASSIGNMENT_FIELDS)
    for name, value in fields.items():
        setattr(assignment, name, value)
    assignment.declared_at = timezone.now()
    assignment.save()
    record(
        AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        obj=assignment,
        changes=changes_between(before, snapshot(assignment, ASSIGNMENT_FIELDS), redact=ASSIGNMENT_REDACT),
    )
    refresh_stage(_locked(assignment.practice_review), actor=acting_user, request=request)
    if assignment.declaration == Declaration.CONFLICT:
        transaction.on_commit(partial(send_conflict_declared, assignment))
    return assignment


@transaction.atomic
def do_end_reviewer(assignment: ReviewerAssignment, *, ended_on, acting_user, request) -> ReviewerAssignment:
    """End a reviewer's access (they stepped down or the work is done): from then they see nothing."""
    assignment = ReviewerAssignment.objects.select_for_update().get(pk=assignment.pk)
    before = snapshot(assignment, ASSIGNMENT_FIELDS)
    assignment.ended_on = ended_on
    assignment.save(update_fields=["ended_on"])
    record(
        AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        obj=assignment,
        changes=changes_between(before, snapshot(assignment, ASSIGNMENT_FIELDS), redact=ASSIGNMENT_REDACT),
    )
    refresh_stage(_locked(assignment.practice_review), actor=acting_user, request=request)
    return assignment


@transaction.atomic
def do_add_panel_member(practice_review: PracticeReview, *, fields: dict, acting_user, request):
    member = ReviewPanelMember.objects.create(
        partnership_id=practice_review.partnership_id, practice_review=practice_review, **fields
    )
    record(
        AuditAction.CREATE,
        actor=acting_user,
        request=request,
        obj=member,
        changes=changes_between({}, snapshot(member, MEMBER_FIELDS), redact=MEMBER_REDACT),
    )
    return member


@transaction.atomic
def do_remove_panel_member(member: ReviewPanelMember, *, acting_user, request) -> None:
    """Take someone off the review panel: with an account, they no longer see the review."""
    record(
        AuditAction.DELETE,
        actor=acting_user,
        request=request,
        obj=member,
        changes=changes_between(snapshot(member, MEMBER_FIELDS), {}, redact=MEMBER_REDACT),
    )
    member.delete()


@transaction.atomic
def do_save_parallel_process(
    practice_review: PracticeReview, process: ParallelProcess | None, *, fields: dict, acting_user, request
) -> ParallelProcess:
    is_new = process is None
    if is_new:
        process = ParallelProcess(
            partnership_id=practice_review.partnership_id, practice_review=practice_review
        )
        before = {}
    else:
        before = snapshot(process, PROCESS_FIELDS)
    for name, value in fields.items():
        setattr(process, name, value)
    process.recorded_by = acting_user
    process.save()
    record(
        AuditAction.CREATE if is_new else AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        obj=process,
        changes=changes_between(before, snapshot(process, PROCESS_FIELDS), redact=PROCESS_REDACT),
    )
    return process


def _send(subject: str, lines: list[str], addresses: list[str], what: str) -> None:
    """One plain-text email per address. A failure is logged, not raised: the record stands in cspr."""
    body = "\n".join([*lines, "", "Please do not reply to this email with details of the case."])
    for address in addresses:
        try:
            send_mail(subject, body, None, [address])
        except (smtplib.SMTPException, OSError):
            logger.exception("Email about %s failed", what)


def send_declaration_request(assignment: ReviewerAssignment) -> None:
    """The reviewer's link to declare: the review's reference and partnership only, nothing of the case."""
    review = assignment.practice_review
    link = f"{settings.SITE_URL}{reverse('practice_reviews:declare', args=[assignment.pk])}"
    _send(
        f"Conflict of interest declaration: practice review {review.reference}",
        [
            f"{review.partnership.name} has appointed you as independent reviewer of practice review "
            f"{review.reference}.",
            "",
            "Before you can see anything of the review, declare whether you have had any involvement "
            "with the case or the agencies concerned:",
            link,
        ],
        [assignment.reviewer.email] if assignment.reviewer.email else [],
        f"reviewer assignment {assignment.pk}",
    )


def send_conflict_declared(assignment: ReviewerAssignment) -> None:
    """Tell the partnership's business managers; the interests declared stay in cspr."""
    review = assignment.practice_review
    managers = User.objects.filter(
        role=Role.BUSINESS_MANAGER, partnership_id=review.partnership_id, is_active=True
    ).exclude(email="")
    _send(
        f"Conflict of interest declared: practice review {review.reference}",
        [
            f"The independent reviewer appointed to practice review {review.reference} has declared a "
            "conflict of interest. They have no access to the review.",
            "",
            f"Read the declaration and appoint another reviewer: {settings.SITE_URL}"
            f"{review.get_absolute_url()}",
        ],
        list(managers.order_by("email").values_list("email", flat=True)),
        f"reviewer assignment {assignment.pk}",
    )
