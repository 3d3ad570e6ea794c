"""Commissioning a practice review: the independent reviewer and their declaration, the notices to the Panel,
Ofsted and DfE, the review panel of agency representatives, and processes running in parallel."""

from django.conf import settings
from django.db import models

from cspr.partnerships.models import PartnershipRecord

from .choices import Declaration, NoticeRecipient, ParallelProcessKind, ParallelProcessStatus
from .review import PracticeReview


class ReviewerAssignment(PartnershipRecord):
    """An independent reviewer appointed to a review. They see nothing of the case until they have declared
    no involvement with the case or the agencies concerned (`has_access`)."""

    practice_review = models.ForeignKey(
        PracticeReview, on_delete=models.CASCADE, related_name="reviewer_assignments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviewer_assignments"
    )
    published_name = models.CharField(
        "name as published", max_length=200, help_text="The reviewer is named in the published report"
    )
    organisation = models.CharField(max_length=200, blank=True)
    appointed_on = models.DateField("date appointed")
    is_lead = models.BooleanField("lead reviewer", default=True)
    declaration = models.CharField(max_length=20, choices=Declaration.choices, default=Declaration.AWAITED)
    no_involvement_with_case = models.BooleanField(
        "no involvement with the child, the family or the case", default=False
    )
    no_involvement_with_agencies = models.BooleanField(
        "no involvement with the agencies concerned", default=False
    )
    interests = models.TextField("interests or past work to declare", blank=True)
    declared_at = models.DateTimeField(null=True, blank=True)
    ended_on = models.DateField("date access ended", null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["practice_review", "-is_lead", "appointed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice_review", "reviewer"], name="reviewer_assigned_once_per_review"
            ),
        ]

    def audit_label(self) -> str:
        return f"Reviewer assignment on practice review {self.practice_review.reference}"

    @classmethod
    def narrow_for(cls, user, queryset):
        """Reviewers see their own assignments, declared or not (to make the declaration)."""
        return queryset.filter(reviewer=user)

    @property
    def has_access(self) -> bool:
        return self.declaration == Declaration.NO_CONFLICT and self.ended_on is None


class CommissioningNotice(PartnershipRecord):
    """The letter telling the Panel, Ofsted or DfE that a local review is being done, naming the reviewer."""

    practice_review = models.ForeignKey(PracticeReview, on_delete=models.CASCADE, related_name="notices")
    recipient = models.CharField(max_length=10, choices=NoticeRecipient.choices)
    letter = models.TextField("text of the letter or email")
    reviewer_named = models.CharField("reviewer named", max_length=200)
    sent_on = models.DateField("date sent")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["practice_review", "recipient"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice_review", "recipient"], name="notice_once_per_recipient"
            ),
        ]

    def audit_label(self) -> str:
        return f"Notice to {self.get_recipient_display()} of practice review {self.practice_review.reference}"

    @classmethod
    def narrow_for(cls, user, queryset):
        return PracticeReview.part_narrow_for(user, queryset)

    @classmethod
    def sent_to_panel(cls, queryset):
        return queryset.filter(recipient=NoticeRecipient.PANEL)


class ReviewPanelMember(PartnershipRecord):
    """An agency representative on the review panel; with an account (`user`), they read the review's
    documents and comment on drafts."""

    practice_review = models.ForeignKey(
        PracticeReview, on_delete=models.CASCADE, related_name="panel_members"
    )
    agency = models.ForeignKey("partnerships.Agency", null=True, blank=True, on_delete=models.PROTECT)
    organisation = models.CharField(max_length=200, blank=True, help_text="If not one of the agencies")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="review_panel_places",
        help_text="Their cspr account, if they have one",
    )
    added_on = models.DateField("date joined the panel")

    class Meta:
        ordering = ["practice_review", "pk"]

    def audit_label(self) -> str:
        return f"Review panel member of practice review {self.practice_review.reference}"

    @classmethod
    def narrow_for(cls, user, queryset):
        return PracticeReview.part_narrow_for(user, queryset)

    @property
    def organisation_name(self) -> str:
        return self.agency.name if self.agency_id else self.organisation


class ParallelProcess(PartnershipRecord):
    """A criminal, coroner's, disciplinary or other process alongside the review: it affects timing and
    publication, so the status page shows those still running."""

    practice_review = models.ForeignKey(
        PracticeReview, on_delete=models.CASCADE, related_name="parallel_processes"
    )
    kind = models.CharField(max_length=30, choices=ParallelProcessKind.choices)
    description = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=ParallelProcessStatus.choices, default=ParallelProcessStatus.ONGOING
    )
    expected_conclusion_on = models.DateField("expected to conclude", null=True, blank=True)
    concluded_on = models.DateField("date concluded", null=True, blank=True)
    affects_publication = models.BooleanField("may delay publication", default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["practice_review", "pk"]
        verbose_name_plural = "parallel processes"

    def audit_label(self) -> str:
        return f"Parallel process on practice review {self.practice_review.reference}"

    @classmethod
    def narrow_for(cls, user, queryset):
        return PracticeReview.part_narrow_for(user, queryset)
