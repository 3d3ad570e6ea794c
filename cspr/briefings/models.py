"""Learning briefings: the 7-minute and the 6-step briefing of a practice review, written in structured
sections (see `cspr.briefings.formats`) and generated as accessible HTML, Word and PDF.

A briefing is public once its review is published (the public page shows it); before that only those who
may see the review read it.
"""

from django.conf import settings
from django.db import models

from cspr.partnerships.models import PartnershipRecord
from cspr.practice_reviews.models import PracticeReview


class BriefingFormat(models.TextChoices):
    SEVEN_MINUTE = "seven_minute", "7-minute briefing"
    SIX_STEP = "six_step", "6-step briefing"


class LearningBriefing(PartnershipRecord):
    practice_review = models.ForeignKey(PracticeReview, on_delete=models.CASCADE, related_name="briefings")
    format = models.CharField(max_length=20, choices=BriefingFormat.choices)
    title = models.CharField(max_length=200)
    sections = models.JSONField(default=dict, blank=True, help_text="Section text by section code")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["practice_review", "format"]
        constraints = [
            models.UniqueConstraint(fields=["practice_review", "format"], name="briefing_once_per_format"),
        ]

    def __str__(self):
        return self.title

    def audit_label(self) -> str:
        return f"{self.get_format_display()} of practice review {self.practice_review.reference}"

    @classmethod
    def narrow_for(cls, user, queryset):
        return PracticeReview.part_narrow_for(user, queryset)
