"""Records the publication tests and the permission matrix build on: documents (small real DOCX and PDF
files), a review ready to publish, and a review already published."""

import datetime as dt
import io

from django.core.files.base import ContentFile
from django.utils import timezone
from docx import Document

from cspr.practice_reviews.models import (
    InvolvementKind,
    InvolvementStep,
    InvolvementTrack,
    PublicationDecision,
    QualityAssurance,
)
from cspr.practice_reviews.tests.records import make_practice_review, practice_review
from cspr.publication.models import (
    AnonymisationCheck,
    AnonymisationFinding,
    CheckOutcome,
    FinalReportCopy,
    PublishedDocument,
)

CLEAN_TEXT = "Child K lived with his mother. Agencies did not see the adults in the household."


def docx_bytes(*paragraphs: str) -> bytes:
    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(text: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<p>{text}</p>").write_pdf()


def add_document(review, kind="full_report", content: bytes | None = None, name="report.docx"):
    content = docx_bytes(CLEAN_TEXT) if content is None else content
    document = PublishedDocument(
        partnership=review.partnership, practice_review=review, kind=kind, original_name=name
    )
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


def sign_off(review, on=dt.date(2027, 4, 1)) -> QualityAssurance:
    quality, _ = QualityAssurance.objects.update_or_create(
        practice_review=review,
        defaults={
            "partnership": review.partnership,
            "review_group_signed_off_on": on,
            "executive_signed_off_on": on,
        },
    )
    review.refresh_stage()
    return quality


def send_copies(review, on=dt.date(2027, 4, 20)) -> None:
    for recipient in ("panel", "secretary_of_state"):
        FinalReportCopy.objects.create(
            partnership=review.partnership, practice_review=review, recipient=recipient, sent_on=on
        )


def family_saw_report(review, on=dt.date(2027, 4, 15)) -> InvolvementStep:
    return InvolvementStep.objects.create(
        partnership=review.partnership,
        practice_review=review,
        track=InvolvementTrack.FAMILY,
        step=InvolvementKind.REPORT_SHARED,
        happened_on=on,
    )


def passed_check(review, subject="full_report") -> AnonymisationCheck:
    return AnonymisationCheck.objects.create(
        partnership=review.partnership,
        practice_review=review,
        subject=subject,
        outcome=CheckOutcome.PASSED,
        checked_at=timezone.now(),
    )


def add_finding(check, type_code: str, text: str, **fields) -> AnonymisationFinding:
    """A finding at the next position of `check`, in a sentence of its own."""
    position = check.found.count() + 1
    fields.setdefault("confidence", 0.9)
    fields.setdefault("context_before", "They lived at ")
    fields.setdefault("context_after", " until the spring.")
    return AnonymisationFinding.objects.create(
        partnership_id=check.partnership_id,
        check_run=check,
        position=position,
        type=type_code,
        text=text,
        start=0,
        end=len(text),
        page=1,
        paragraph=position,
        why="It could identify the family",
        **fields,
    )


def ready_to_publish(ctx):
    """The context's local CSPR with every gate met: signed off, copies sent, family shown, checked."""
    review = practice_review(ctx)
    add_document(review)
    sign_off(review)
    send_copies(review)
    family_saw_report(review)
    passed_check(review)
    return review


def published_review(partnership, *, title="Baby Eva", published_on=None, **fields):
    """A review published a month ago (or on `published_on`), with its full report."""
    review = make_practice_review(
        partnership,
        title=title,
        public_slug=fields.pop("public_slug", title.lower().replace(" ", "-")),
        publication_decision=fields.pop("publication_decision", PublicationDecision.PUBLISH_REPORT),
        published_on=published_on or timezone.localdate() - dt.timedelta(days=30),
        **fields,
    )
    add_document(review, name="Baby Eva full report.docx")
    return review
