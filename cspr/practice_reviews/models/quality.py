"""Quality assurance of the final report: each point of a checklist answered with a reference to the
report, the review group's and the executive's sign-off, and the partners' written response."""

from django.conf import settings
from django.db import models

from cspr.partnerships.models import PartnershipRecord

from .choices import Checklist, QualityRating
from .review import PracticeReview
from .running import ReportDraft


class QualityAssurance(PartnershipRecord):
    practice_review = models.OneToOneField(
        PracticeReview, on_delete=models.CASCADE, related_name="quality_assurance"
    )
    final_draft = models.ForeignKey(
        ReportDraft, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    use_quality_markers = models.BooleanField("also check the 18 quality markers", default=False)
    review_group_signed_off_on = models.DateField(null=True, blank=True)
    review_group_signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    executive_signed_off_on = models.DateField(null=True, blank=True)
    executive_signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    partners_response = models.TextField("the partners' written response", blank=True)
    partners_response_on = models.DateField("date of the response", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def audit_label(self) -> str:
        return f"Quality assurance of practice review {self.practice_review.reference}"

    @classmethod
    def narrow_for(cls, user, queryset):
        return PracticeReview.part_narrow_for(user, queryset)


class QualityAnswer(PartnershipRecord):
    """One checklist point answered met, partly met or not met, with where the report deals with it."""

    quality_assurance = models.ForeignKey(QualityAssurance, on_delete=models.CASCADE, related_name="answers")
    checklist = models.CharField(max_length=20, choices=Checklist.choices)
    point = models.CharField(max_length=40, help_text="Code of the point in practice_reviews.checklists")
    rating = models.CharField(max_length=12, choices=QualityRating.choices)
    report_section = models.CharField("where in the report", max_length=200, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["quality_assurance", "checklist", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["quality_assurance", "checklist", "point"], name="quality_answer_once_per_point"
            ),
        ]

    def audit_label(self) -> str:
        return f"Quality answer on practice review {self.quality_assurance.practice_review.reference}"

    @classmethod
    def narrow_for(cls, user, queryset):
        return PracticeReview.part_narrow_for(user, queryset, "quality_assurance__practice_review")
