"""Publication of a practice review: the documents that go public, the copies sent to the Panel and the
Secretary of State before publication, the anonymisation check, and the executive's waivers of a gate.

The gates themselves (what must be done before publishing) are in `cspr.publication.gates`.
"""

from django.conf import settings
from django.db import models

from cspr.partnerships.models import PartnershipRecord
from cspr.practice_reviews.models import PracticeReview


class DocumentKind(models.TextChoices):
    FULL_REPORT = "full_report", "Full report"
    EXECUTIVE_SUMMARY = "executive_summary", "Executive summary"
    SLIDES = "slides", "Slides"


class CopyRecipient(models.TextChoices):
    PANEL = "panel", "Child Safeguarding Practice Review Panel"
    SECRETARY_OF_STATE = "secretary_of_state", "Secretary of State for Education"


class Gate(models.TextChoices):
    """What must be done before publication; each may be waived by an executive member with a reason."""

    QUALITY_ASSURED = "quality_assured", "Final report signed off by the review group and the executive"
    COPY_TO_PANEL = "copy_to_panel", "Final report sent to the Panel before publication"
    COPY_TO_SECRETARY_OF_STATE = "copy_to_secretary_of_state", "Final report sent to the Secretary of State"
    FAMILY_SEEN_REPORT = "family_seen_report", "Family has seen the report"
    ANONYMISATION_CHECKED = "anonymisation_checked", "Anonymisation check passed: every finding decided"


class CheckOutcome(models.TextChoices):
    PASSED = "passed", "Nothing found"
    FOUND = "found", "Findings to decide"
    RESOLVED = "resolved", "Every finding decided"


class FindingDecision(models.TextChoices):
    OPEN = "open", "Not decided"
    REDACT = "redact", "Redact"
    ALLOWED = "allowed", "Allowed"


class DeclaredNameKind(models.TextChoices):
    PSEUDONYM = "pseudonym", "Pseudonym"
    ALLOWED = "allowed", "Published by design"


class PublishedDocument(PartnershipRecord):
    """A document of the review as it will be (or is) published: anonymised, the public version."""

    practice_review = models.ForeignKey(PracticeReview, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    file = models.FileField(upload_to="publication/%Y/")
    original_name = models.CharField(max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["practice_review", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice_review", "kind"], name="published_document_once_per_kind"
            ),
        ]

    def audit_label(self) -> str:
        return f"{self.get_kind_display()} of practice review {self.practice_review.reference}"

    @classmethod
    def narrow_for(cls, user, queryset):
        return PracticeReview.part_narrow_for(user, queryset)


class FinalReportCopy(PartnershipRecord):
    """The final report sent to the Panel or the Secretary of State before publication (WT 2023)."""

    practice_review = models.ForeignKey(
        PracticeReview, on_delete=models.CASCADE, related_name="final_report_copies"
    )
    recipient = models.CharField(max_length=20, choices=CopyRecipient.choices)
    sent_on = models.DateField("date sent")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["practice_review", "recipient"]
        verbose_name_plural = "final report copies"
        constraints = [
            models.UniqueConstraint(
                fields=["practice_review", "recipient"], name="final_copy_once_per_recipient"
            ),
        ]

    def audit_label(self) -> str:
        return f"Final report copy to {self.get_recipient_display()} of {self.practice_review.reference}"

    @classmethod
    def narrow_for(cls, user, queryset):
        return PracticeReview.part_narrow_for(user, queryset)

    @classmethod
    def sent_to_panel(cls, queryset):
        return queryset.filter(recipient=CopyRecipient.PANEL)


class AnonymisationCheck(PartnershipRecord):
    """One run of the anonymisation check over a document to be published (`subject`: a `DocumentKind`,
    or "briefing"). What it found is in `AnonymisationFinding` rows: case data, never in the audit log.
    Once every finding is decided, the redacted copies (Word and PDF) are written from the decisions."""

    practice_review = models.ForeignKey(
        PracticeReview, on_delete=models.CASCADE, related_name="anonymisation_checks"
    )
    subject = models.CharField(max_length=30)
    outcome = models.CharField(max_length=12, choices=CheckOutcome.choices)
    checked_at = models.DateTimeField()
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    source_name = models.CharField("file checked", max_length=200, blank=True)
    page_count = models.PositiveIntegerField(default=0)
    name_detection_reduced = models.BooleanField(default=False)
    redacted_docx = models.FileField(upload_to="publication/redacted/%Y/", blank=True)
    redacted_pdf = models.FileField(upload_to="publication/redacted/%Y/", blank=True)
    redacted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["practice_review", "subject", "-checked_at", "-pk"]

    def audit_label(self) -> str:
        return f"Anonymisation check of {self.subject} of practice review {self.practice_review.reference}"

    @classmethod
    def narrow_for(cls, user, queryset):
        return PracticeReview.part_narrow_for(user, queryset)


class AnonymisationFinding(PartnershipRecord):
    """One identifying detail the check found, where it is, and the business manager's decision: redact it
    (replaced by `replacement` in the redacted copy) or allow it with a reason."""

    check_run = models.ForeignKey(AnonymisationCheck, on_delete=models.CASCADE, related_name="found")
    position = models.PositiveIntegerField()
    type = models.CharField(max_length=30)
    text = models.CharField(max_length=500)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    page = models.PositiveIntegerField(default=0)
    paragraph = models.PositiveIntegerField(default=0)
    confidence = models.FloatField()
    why = models.CharField(max_length=300)
    recogniser = models.CharField(max_length=100, blank=True)
    context_before = models.CharField(max_length=300, blank=True)
    context_after = models.CharField(max_length=300, blank=True)
    decision = models.CharField(max_length=10, choices=FindingDecision.choices, default=FindingDecision.OPEN)
    replacement = models.CharField(max_length=200, blank=True)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["check_run", "position"]
        constraints = [
            models.UniqueConstraint(fields=["check_run", "position"], name="finding_position_once_per_check"),
        ]

    def audit_label(self) -> str:
        return f"Finding {self.position} of {self.check_run.audit_label().lower()}"

    @classmethod
    def narrow_for(cls, user, queryset):
        return PracticeReview.part_narrow_for(user, queryset, path="check_run__practice_review")


class DeclaredName(PartnershipRecord):
    """A name the review's documents may publish: a pseudonym ("Child K"), which the redacted copy puts in
    place of the real name it `stands_for`, or a name published by design (the reviewer, an agency), with
    the reason. The check never reports these."""

    practice_review = models.ForeignKey(
        PracticeReview, on_delete=models.CASCADE, related_name="declared_names"
    )
    kind = models.CharField(max_length=10, choices=DeclaredNameKind.choices)
    name = models.CharField(max_length=200)
    stands_for = models.CharField(max_length=200, blank=True)
    reason = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["practice_review", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["practice_review", "name"], name="declared_name_once_per_review"),
        ]

    def audit_label(self) -> str:
        return f"{self.get_kind_display()} declared for {self.practice_review.reference}"

    @classmethod
    def narrow_for(cls, user, queryset):
        return PracticeReview.part_narrow_for(user, queryset)


class PublicationWaiver(PartnershipRecord):
    """An executive member's decision to publish without one gate, with the reason (audited)."""

    practice_review = models.ForeignKey(
        PracticeReview, on_delete=models.CASCADE, related_name="publication_waivers"
    )
    gate = models.CharField(max_length=30, choices=Gate.choices)
    reason = models.TextField()
    waived_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    waived_on = models.DateField()

    class Meta:
        ordering = ["practice_review", "gate"]
        constraints = [
            models.UniqueConstraint(fields=["practice_review", "gate"], name="waiver_once_per_gate"),
        ]

    def audit_label(self) -> str:
        return f"Waiver of {self.get_gate_display().lower()} for {self.practice_review.reference}"

    @classmethod
    def narrow_for(cls, user, queryset):
        return PracticeReview.part_narrow_for(user, queryset)
