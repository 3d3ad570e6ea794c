"""A practice review: a local CSPR, the local part of a national review, or another learning review.

It comes from one or more rapid reviews (a thematic review links several) and runs from the partners'
decision to publication. Its `stage` is derived from its records (`derive_stage`), so the status page, the
lists and the filters never disagree with what has been recorded.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse

from cspr.partnerships.models import PartnershipRecord

from .choices import LearningReviewMethod, Methodology, PublicationDecision, ReviewKind, Stage


class PracticeReview(PartnershipRecord):
    reference = models.CharField(max_length=20, help_text="The partnership's own reference, e.g. PR 2026/01")
    kind = models.CharField(max_length=20, choices=ReviewKind.choices)
    learning_method = models.CharField(
        "kind of learning review",
        max_length=30,
        choices=LearningReviewMethod.choices,
        blank=True,
        help_text="Only for other learning reviews",
    )
    title = models.CharField(
        max_length=200,
        help_text="The anonymised name it is known and published by, e.g. Child K or Bella and Ben",
    )
    is_thematic = models.BooleanField("thematic review of several incidents", default=False)
    rapid_reviews = models.ManyToManyField(
        "rapid_reviews.RapidReview", blank=True, related_name="practice_reviews"
    )
    incidents = models.ManyToManyField("incidents.Incident", blank=True, related_name="practice_reviews")
    stage = models.CharField(max_length=30, choices=Stage.choices, default=Stage.COMMISSIONING)

    # The decision to initiate: starts the clock (`practice_review_decided`).
    decided_on = models.DateField("date of the decision to initiate")
    decided_by = models.CharField("who decided", max_length=200)
    decision_notes = models.TextField("reasons for the decision", blank=True)

    # Terms of reference.
    scope_start_on = models.DateField("scope period from", null=True, blank=True)
    scope_end_on = models.DateField("scope period to", null=True, blank=True)
    key_lines_of_enquiry = models.TextField("key lines of enquiry", blank=True)
    methodology = models.CharField(max_length=30, choices=Methodology.choices, blank=True)
    methodology_other = models.CharField("other methodology", max_length=200, blank=True)
    terms_agreed_on = models.DateField("date the terms of reference were agreed", null=True, blank=True)

    # Publication (the `publication` app's actions set these).
    planned_publication_on = models.DateField("planned publication date", null=True, blank=True)
    themes = models.ManyToManyField("library.Theme", blank=True, related_name="practice_reviews")
    public_summary = models.TextField(
        "summary for the public page", blank=True, help_text="One or two sentences, e.g. the themes it covers"
    )
    public_slug = models.SlugField("web address", max_length=80, blank=True)
    publication_decision = models.CharField(max_length=20, choices=PublicationDecision.choices, blank=True)
    not_publishing_reasons = models.TextField("reasons for not publishing the report", blank=True)
    improvements_statement = models.TextField(
        "improvements to be made", blank=True, help_text="Published instead of the report when it is not"
    )
    published_on = models.DateField("date published", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    panel_publication_url = models.URLField(
        "address of the Panel's published report", blank=True, help_text="National reviews only"
    )
    keep_published = models.BooleanField("keep on the website after 12 months", default=False)
    withdrawn_on = models.DateField("date withdrawn", null=True, blank=True)
    withdrawn_reason = models.TextField("reason for withdrawal", blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-decided_on", "-pk"]
        indexes = [models.Index(fields=["partnership", "stage"])]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "reference"], name="practice_review_reference_unique"
            ),
        ]

    def __str__(self):
        return self.audit_label()

    def audit_label(self) -> str:
        # The title is the anonymised name chosen for publication, so it is safe in the audit log.
        return f"Practice review {self.reference} ({self.title})"

    def get_absolute_url(self):
        return reverse("practice_reviews:detail", args=[self.pk])

    @classmethod
    def next_reference(cls, partnership, year: int) -> str:
        """The next free "PR YYYY/NN" reference in this partnership for this year."""
        prefix = f"PR {year}/"
        taken = cls.objects.filter(partnership=partnership, reference__startswith=prefix).values_list(
            "reference", flat=True
        )
        numbers = [int(ref[len(prefix) :]) for ref in taken if ref[len(prefix) :].isdigit()]
        return f"{prefix}{max(numbers, default=0) + 1:02d}"

    @classmethod
    def narrow_for(cls, user, queryset):
        """Independent reviewers see the reviews they are assigned to once they have declared no conflict
        of interest; agency leads see those whose review panel they sit on."""
        from cspr.accounts.models import Role

        if user.role == Role.INDEPENDENT_REVIEWER:
            return queryset.filter(
                reviewer_assignments__reviewer=user,
                reviewer_assignments__declaration="no_conflict",
                reviewer_assignments__ended_on__isnull=True,
            ).distinct()
        if user.role == Role.AGENCY_LEAD:
            return queryset.filter(panel_members__user=user).distinct()
        return queryset.none()

    @classmethod
    def part_narrow_for(cls, user, queryset, path: str = "practice_review"):
        """The same narrowing for a record that belongs to a review: those of the reviews above."""
        return queryset.filter(**{f"{path}__in": cls.narrow_for(user, cls.objects.all())})

    @classmethod
    def sent_to_panel(cls, queryset):
        """The Panel sees the reviews it has been told of (the commissioning notice) and national reviews."""
        return queryset.filter(
            models.Q(kind=ReviewKind.NATIONAL_REVIEW) | models.Q(notices__recipient="panel")
        ).distinct()

    @property
    def is_published(self) -> bool:
        return self.published_on is not None and self.withdrawn_on is None

    def derive_stage(self) -> str:
        """Where the review stands, from what has been recorded (one place for the rule)."""
        if self.withdrawn_on:
            return Stage.WITHDRAWN
        if self.published_on:
            if self.publication_decision == PublicationDecision.IMPROVEMENTS_ONLY:
                return Stage.IMPROVEMENTS_PUBLISHED
            return Stage.PUBLISHED
        quality = getattr(self, "quality_assurance", None)
        if quality is not None and quality.executive_signed_off_on:
            return Stage.PRE_PUBLICATION
        if self.drafts.filter(is_final=True).exists():
            return Stage.QUALITY_ASSURANCE
        if self.terms_agreed_on and (
            self.kind == ReviewKind.NATIONAL_REVIEW
            or self.reviewer_assignments.filter(declaration="no_conflict").exists()
        ):
            return Stage.RUNNING
        return Stage.COMMISSIONING

    def refresh_stage(self) -> tuple[str, str] | None:
        """Store the derived stage; returns (old, new) when it moved, for the caller's audit row."""
        new = self.derive_stage()
        if new == self.stage:
            return None
        old, self.stage = self.stage, new
        self.save(update_fields=["stage", "updated_at"])
        return old, new

    def linked_children(self):
        """The children of the incidents the review comes from, directly or through its rapid reviews:
        unscoped, for the checks that keep their real names out of what is published (never for display)."""
        from cspr.incidents.models import Child

        incident_ids = set(self.incidents.values_list("pk", flat=True))
        incident_ids |= set(self.rapid_reviews.values_list("incident_id", flat=True))
        return Child.objects.filter(incident_id__in=incident_ids)

    def lead_reviewer(self):
        """The lead independent reviewer whose name is published with the report (None until appointed)."""
        return self.reviewer_assignments.filter(is_lead=True, ended_on__isnull=True).first()
