"""Permission matrix entries (tests/test_permission_matrix.py) for the redacted copies' URLs."""

from django.core.files.base import ContentFile
from django.utils import timezone

from cspr.practice_reviews.tests.records import practice_review
from cspr.publication.models import AnonymisationCheck, AnonymisationFinding, CheckOutcome

from .matrix_entries import BUSINESS_MANAGER, PUBLICATION_READERS
from .records import docx_bytes, pdf_bytes


def redacted_check_kwargs(ctx) -> dict:
    """A check of the full report with one finding still to decide and copies made earlier: enough to
    read and download; using it is refused (the finding is open), so no check runs."""
    review = practice_review(ctx)
    check = AnonymisationCheck.objects.create(
        partnership=review.partnership,
        practice_review=review,
        subject="full_report",
        outcome=CheckOutcome.FOUND,
        checked_at=timezone.now(),
        redacted_at=timezone.now(),
    )
    AnonymisationFinding.objects.create(
        partnership=review.partnership,
        check_run=check,
        position=1,
        type="postcode",
        text="LS1 4AB",
        start=0,
        end=7,
        confidence=1.0,
        why="A postcode points to the family's home",
    )
    check.redacted_docx.save("matrix-redacted.docx", ContentFile(docx_bytes("Child K")), save=False)
    check.redacted_pdf.save("matrix-redacted.pdf", ContentFile(pdf_bytes("Child K")), save=False)
    check.save()
    return {"pk": review.pk, "check_pk": check.pk}


ENTRIES: dict = {
    "publication:redacted-copies": ("get", redacted_check_kwargs, PUBLICATION_READERS),
    "publication:redacted-download": (
        "get",
        lambda ctx: {**redacted_check_kwargs(ctx), "format": "pdf"},
        PUBLICATION_READERS,
    ),
    # POST only: the business manager is sent back to the page (refused there: a finding is still open).
    "publication:use-redacted": (
        "post",
        redacted_check_kwargs,
        {**BUSINESS_MANAGER, "business_manager": 302},
    ),
}
