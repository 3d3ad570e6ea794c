"""The redacted copies: writing them from the business manager's decisions on a check, and putting them in
place of the document to publish (or redacting the briefings' text in place), then checking again.

The copies are made only from a check whose every finding is decided, of a subject unchanged since, and
are kept only if opening them again finds none of the details to redact. What was redacted is case text:
the audit trail says the copies were made or used, never what they replaced.
"""

import re
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from cspr.audit.log import REDACTED, record
from cspr.audit.models import AuditAction
from cspr.briefings.actions import do_save_briefing
from cspr.briefings.models import LearningBriefing

from ..anonymisation.redaction.copies import leftovers, redacted_copies
from ..anonymisation.redaction.text import redact_text
from ..checks import BRIEFING, subject_label
from ..models import AnonymisationCheck, DocumentKind, FindingDecision, PublishedDocument
from .anonymising import do_run_anonymisation_check
from .preparing import do_upload_document

REDACTED_TEXT = "[redacted]"
FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


class RedactionRefused(Exception):
    """Why the copies cannot be made or used now: a sentence for the page."""


@dataclass
class UsedCopy:
    """What using the redacted copy did: the subject's new check (None when it could not be read), and
    how many details it still finds that are not allowed (0 when the redaction is complete)."""

    check: AnonymisationCheck | None
    remaining: int


def redacted_filename(review, subject: str, extension: str) -> str:
    """The copy's file name, from the review's reference and the subject only (never a name in the
    document): "PR-2026-01-full-report-redacted.pdf"."""
    reference = re.sub(r"[^A-Za-z0-9]+", "-", review.reference).strip("-") or "review"
    return f"{reference}-{subject.replace('_', '-')}-redacted.{extension}"


def replacements_for(check) -> dict[str, str]:
    """Each text the business manager chose to redact -> what the copy says instead: the pseudonym chosen
    for it, or "[redacted]"."""
    return {
        finding.text: finding.replacement or REDACTED_TEXT
        for finding in check.found.filter(decision=FindingDecision.REDACT).order_by("position")
    }


def redaction_blocker(check) -> str:
    """Why the copies cannot be made or used from this check now ("" when they can): some findings are
    not decided yet, nothing is to be redacted, or a newer check or a changed document or briefing has
    taken its place (the decisions were made on what the check read)."""
    review = check.practice_review
    latest = AnonymisationCheck.objects.filter(practice_review=review, subject=check.subject).first()
    if latest is not None and latest.pk != check.pk:
        return "A newer check has been run: use its findings instead"
    if check.subject == BRIEFING:
        changed = [briefing.updated_at for briefing in review.briefings.all()]
    else:
        document = PublishedDocument.objects.filter(practice_review=review, kind=check.subject).first()
        if document is None:
            return "The document checked is no longer there: upload it and check again"
        changed = [document.uploaded_at]
    if any(when > check.checked_at for when in changed):
        return f"The {subject_label(check.subject).lower()} changed after this check: run the check again"
    undecided = check.found.filter(decision=FindingDecision.OPEN).count()
    if undecided:
        return (
            f"Decide every finding first: {undecided} still {'needs' if undecided == 1 else 'need'} "
            "a decision (redact, or allow with a reason)"
        )
    if not check.found.filter(decision=FindingDecision.REDACT).exists():
        return "No finding is marked to redact, so there is nothing to redact"
    return ""


def _refuse_unless_current(check) -> None:
    blocker = redaction_blocker(check)
    if blocker:
        raise RedactionRefused(blocker)


def _document(check) -> PublishedDocument:
    """The document checked (`redaction_blocker` has made sure it is still there)."""
    return PublishedDocument.objects.get(practice_review=check.practice_review, kind=check.subject)


@transaction.atomic
def do_make_redacted_copies(check, *, acting_user, request=None) -> AnonymisationCheck:
    """Write the Word and PDF copies of the checked document with every finding to redact replaced, keep
    them on the check, and audit it. Refused (RedactionRefused) when the copies would still hold any of the
    details: nothing is kept then."""
    if check.subject == BRIEFING:
        raise RedactionRefused("Briefings have no file to copy: redact their text instead")
    _refuse_unless_current(check)
    review = check.practice_review
    document = _document(check)
    replacements = replacements_for(check)
    with document.file.open("rb") as handle:
        data = handle.read()
    kind = DocumentKind(check.subject)
    copies = redacted_copies(
        data, document.original_name, replacements, title=f"{review.title}: {kind.label.lower()}"
    )
    remaining = leftovers(copies, list(replacements))
    if remaining:
        count = len(remaining)
        raise RedactionRefused(
            f"The redacted copies still contain {count} of the details to redact, so they were not kept. "
            "Check the document by hand, correct it and upload it again"
        )
    old_files = [name for name in (check.redacted_docx.name, check.redacted_pdf.name) if name]
    had_copies = bool(old_files)
    check.redacted_docx.save(
        redacted_filename(review, check.subject, "docx"), ContentFile(copies.docx), save=False
    )
    check.redacted_pdf.save(
        redacted_filename(review, check.subject, "pdf"), ContentFile(copies.pdf), save=False
    )
    check.redacted_at = timezone.now()
    check.save(update_fields=["redacted_docx", "redacted_pdf", "redacted_at"])
    record(
        AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        obj=check,
        changes={
            "redacted_docx": [REDACTED if had_copies else None, REDACTED],
            "redacted_pdf": [REDACTED if had_copies else None, REDACTED],
            "replacements": [None, len(replacements)],
        },
    )
    kept = {check.redacted_docx.name, check.redacted_pdf.name}
    storage = check.redacted_docx.storage
    for name in old_files:
        if name not in kept:
            transaction.on_commit(lambda name=name: storage.delete(name))
    return check


def copy_format_for(document) -> str:
    """Which copy takes the document's place: Word for a Word original (it stays editable), else PDF."""
    return "docx" if document.original_name.lower().endswith(".docx") else "pdf"


def copies_out_of_date(check) -> bool:
    """A decision changed after the copies were made: they no longer follow the decisions."""
    if check.redacted_at is None:
        return False
    return check.found.filter(decided_at__gt=check.redacted_at).exists()


def do_use_redacted_copy(check, *, acting_user, request=None) -> UsedCopy:
    """Publish the redacted copy instead of the document checked (the Word copy for a Word original, the
    PDF otherwise), or redact the briefings' text in place, then check everything again: the decisions
    carry over, so what was allowed stays allowed and the redacted details are gone. The check runs after
    the change has committed, as the check always does (a long report must not hold the database)."""
    _put_in_place(check, acting_user=acting_user, request=request)
    run = do_run_anonymisation_check(check.practice_review, acting_user=acting_user, request=request)
    new_check = next((new for new in run.checks if new.subject == check.subject), None)
    remaining = new_check.found.exclude(decision=FindingDecision.ALLOWED).count() if new_check else 0
    return UsedCopy(new_check, remaining)


@transaction.atomic
def _put_in_place(check, *, acting_user, request) -> None:
    _refuse_unless_current(check)
    if check.subject == BRIEFING:
        _redact_briefings(check, acting_user=acting_user, request=request)
        return
    if not (check.redacted_docx and check.redacted_pdf):
        raise RedactionRefused("Make the redacted copies first")
    if copies_out_of_date(check):
        raise RedactionRefused("A decision changed after the copies were made: make them again")
    extension = copy_format_for(_document(check))
    field = check.redacted_docx if extension == "docx" else check.redacted_pdf
    with field.open("rb") as handle:
        data = handle.read()
    review = check.practice_review
    upload = ContentFile(data, name=redacted_filename(review, check.subject, extension))
    do_upload_document(review, kind=check.subject, upload=upload, acting_user=acting_user, request=request)


def _redact_briefings(check, *, acting_user, request) -> None:
    """Each briefing's title and sections with the details to redact replaced; audited per briefing by
    the briefings' own action (which sections changed, never what they say)."""
    replacements = replacements_for(check)
    title_length = LearningBriefing._meta.get_field("title").max_length
    for briefing in check.practice_review.briefings.all():
        sections = {
            code: redact_text(text or "", replacements) for code, text in (briefing.sections or {}).items()
        }
        do_save_briefing(
            check.practice_review,
            briefing.format,
            title=redact_text(briefing.title, replacements)[:title_length],
            sections=sections,
            acting_user=acting_user,
            request=request,
        )
