"""Records the quality assurance tests and permission matrix build on: the context review with its final
report uploaded, and checklist answers given through the action."""

from django.core.files.base import ContentFile

from cspr.practice_reviews.checklists import MUST_DO, MUST_DO_CHECKLIST
from cspr.practice_reviews.models import QualityRating, ReportDraft

from .records import practice_review


def upload_final_report(review, *, version: int = 1) -> ReportDraft:
    draft, _ = ReportDraft.objects.get_or_create(
        practice_review=review,
        version=version,
        defaults={
            "partnership": review.partnership,
            "file": ContentFile(b"%PDF-1.4 final report", name=f"final-v{version}.pdf"),
            "original_name": f"final-v{version}.pdf",
            "is_final": True,
        },
    )
    return draft


def final_report_kwargs(ctx) -> dict:
    review = practice_review(ctx)
    upload_final_report(review)
    return {"pk": review.pk}


def must_do_answers(rating=QualityRating.MET, *, leave_out: int = 0) -> dict:
    """Answers to every must-do point (all but the last `leave_out`), as `do_save_quality_answers` takes."""
    points = MUST_DO[: len(MUST_DO) - leave_out]
    return {
        (MUST_DO_CHECKLIST, point.code): {"rating": rating, "report_section": "Section 4", "comment": ""}
        for point in points
    }
