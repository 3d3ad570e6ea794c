"""Running a practice review: family and practitioner involvement, the partners' monitoring of time and
quality, and the report's drafts with the review panel's comments."""

from django.conf import settings
from django.db import models

from cspr.partnerships.models import PartnershipRecord

from .choices import InvolvementKind, InvolvementTrack, MonitoringKind, TimeAssessment
from .review import PracticeReview


class InvolvementStep(PartnershipRecord):
    """One dated step of the family's or the practitioners' part: invited, contributed, event held, report
    shared before publication (the family's `report_shared` is also a publication gate)."""

    practice_review = models.ForeignKey(
        PracticeReview, on_delete=models.CASCADE, related_name="involvement_steps"
    )
    track = models.CharField(max_length=20, choices=InvolvementTrack.choices)
    step = models.CharField(max_length=20, choices=InvolvementKind.choices)
    happened_on = models.DateField("date")
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["practice_review", "happened_on", "pk"]

    def audit_label(self) -> str:
        return f"{self.get_track_display()} involvement in practice review {self.practice_review.reference}"

    @classmethod
    def narrow_for(cls, user, queryset):
        return PracticeReview.part_narrow_for(user, queryset)


class MonitoringEntry(PartnershipRecord):
    """The partners' regular check of the review's time and quality, or their written request for a draft."""

    practice_review = models.ForeignKey(
        PracticeReview, on_delete=models.CASCADE, related_name="monitoring_entries"
    )
    kind = models.CharField(max_length=20, choices=MonitoringKind.choices)
    entry_on = models.DateField("date")
    time_assessment = models.CharField(
        "progress against time", max_length=10, choices=TimeAssessment.choices, blank=True
    )
    quality_notes = models.TextField("notes on progress and quality", blank=True)
    draft_due_on = models.DateField("draft requested by", null=True, blank=True)
    request_letter = models.TextField("text of the written request", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["practice_review", "-entry_on", "-pk"]
        verbose_name_plural = "monitoring entries"

    def audit_label(self) -> str:
        return f"Monitoring entry on practice review {self.practice_review.reference}"

    @classmethod
    def narrow_for(cls, user, queryset):
        return PracticeReview.part_narrow_for(user, queryset)


class ReportDraft(PartnershipRecord):
    """One uploaded version of the report (DOCX or PDF); the one marked final goes to quality assurance."""

    practice_review = models.ForeignKey(PracticeReview, on_delete=models.CASCADE, related_name="drafts")
    version = models.PositiveIntegerField()
    file = models.FileField(upload_to="practice_reviews/drafts/%Y/")
    original_name = models.CharField(max_length=200)
    is_final = models.BooleanField("final report", default=False)
    note = models.TextField("what changed", blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["practice_review", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["practice_review", "version"], name="draft_version_unique"),
        ]

    def audit_label(self) -> str:
        return f"Report draft version {self.version} of practice review {self.practice_review.reference}"

    @classmethod
    def sent_to_panel(cls, queryset):
        """The Panel reads the final report once the partnership has sent it a copy before publication."""
        return queryset.filter(
            is_final=True, practice_review__final_report_copies__recipient="panel"
        ).distinct()

    @classmethod
    def narrow_for(cls, user, queryset):
        return PracticeReview.part_narrow_for(user, queryset)


class DraftComment(PartnershipRecord):
    """A comment on a draft from a review panel member, the business unit or the reviewer."""

    draft = models.ForeignKey(ReportDraft, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    section = models.CharField("page or section", max_length=100, blank=True)
    text = models.TextField("comment")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["draft", "created_at", "pk"]

    def audit_label(self) -> str:
        return (
            f"Comment on draft version {self.draft.version} of practice review "
            f"{self.draft.practice_review.reference}"
        )

    @classmethod
    def narrow_for(cls, user, queryset):
        return PracticeReview.part_narrow_for(user, queryset, "draft__practice_review")
