"""Action plans: the recommendations that came out of a review and what each agency will change.

An `ActionPlan` belongs to one source: a rapid review (its immediate learning and immediate safety
actions), a practice review (a local CSPR, another learning review or the local part of a national
review), or a national Panel review or thematic report the partnership adopts locally. Its
`Recommendation`s are addressed to agencies and tagged with the library's themes; each agency's
`Action` under a recommendation has an owner, a due date, a success measure and a status. Agencies
record `ProgressUpdate`s and `Evidence`; the business manager or review group records an
`AssuranceDecision`. The status rules are in the plain `rules` module.

Agency leads see only their own agency's actions (`narrow_for`); the Panel sees none of it.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from cspr.partnerships.models import PartnershipRecord

from . import rules


class Source(models.TextChoices):
    RAPID_REVIEW = "rapid_review", "Rapid review"
    PRACTICE_REVIEW = "practice_review", "Practice review or other learning review"
    NATIONAL_REPORT = "national_report", "National Panel review or thematic report adopted locally"
    LIBRARY = "library", "Review from the learning library adopted locally"


class RecommendationKind(models.TextChoices):
    RECOMMENDATION = "recommendation", "Recommendation"
    IMMEDIATE_LEARNING = "immediate_learning", "Immediate learning"
    SAFETY_ACTION = "safety_action", "Immediate safety action"


class ActionStatus(models.TextChoices):
    """The stored statuses (see `rules`); "overdue" is worked out, never stored."""

    NOT_STARTED = rules.NOT_STARTED, rules.STATUS_LABELS[rules.NOT_STARTED]
    ON_TRACK = rules.ON_TRACK, rules.STATUS_LABELS[rules.ON_TRACK]
    AT_RISK = rules.AT_RISK, rules.STATUS_LABELS[rules.AT_RISK]
    COMPLETE = rules.COMPLETE, rules.STATUS_LABELS[rules.COMPLETE]
    ASSURED = rules.ASSURED, rules.STATUS_LABELS[rules.ASSURED]


class EvidenceKind(models.TextChoices):
    AUDIT = "audit", "Audit findings"
    TRAINING = "training", "Training figures"
    POLICY = "policy", "Policy or procedure change"
    OTHER = "other", "Other evidence"


class AssuranceOutcome(models.TextChoices):
    ASSURED = "assured", "Assured as embedded"
    SENT_BACK = "sent_back", "Sent back to the agency"


def _agency_narrowing(user, queryset, *agency_paths: str):
    """Agency leads see the records of their own agency (its actions, and the recommendations and plans
    addressed to it); independent reviewers see none."""
    if not user.agency_id:
        return queryset.none()
    ours = models.Q()
    for path in agency_paths:
        ours |= models.Q(**{path: user.agency_id})
    return queryset.filter(ours).distinct()


class ActionPlan(PartnershipRecord):
    """The recommendations of one review, and the agencies' actions on them."""

    source = models.CharField(max_length=30, choices=Source.choices)
    rapid_review = models.OneToOneField(
        "rapid_reviews.RapidReview",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="action_plan",
    )
    practice_review = models.OneToOneField(
        "practice_reviews.PracticeReview",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="action_plan",
    )
    national_report = models.CharField(
        "title of the national review or report",
        max_length=300,
        blank=True,
        help_text="For example, the Panel's thematic review of safeguarding children under 1",
    )
    national_report_url = models.URLField("where it is published", blank=True)
    library_entry = models.ForeignKey(
        "library.LibraryEntry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_plans",
        help_text="The library review adopted; its title is kept in `national_report` if it is withdrawn",
    )
    agreed_on = models.DateField("date the plan was agreed", help_text="Working-day due dates count from it")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-agreed_on", "-pk"]

    def __str__(self):
        return self.title

    def audit_label(self) -> str:
        return f"Action plan: {self.title}"

    def get_absolute_url(self):
        return reverse("action_plans:plan", args=[self.pk])

    @property
    def title(self) -> str:
        """Names the review by its reference, never by the child."""
        if self.rapid_review_id:
            return f"Rapid review of incident {self.rapid_review.incident.reference}"
        if self.practice_review_id:
            return f"{self.practice_review.reference}: {self.practice_review.title}"
        return self.national_report

    @property
    def source_label(self) -> str:
        """ "Rapid review", the practice review's kind, a library review, or "National review or report"."""
        if self.practice_review_id:
            return self.practice_review.get_kind_display()
        if self.rapid_review_id:
            return "Rapid review"
        if self.source == Source.LIBRARY:
            return "Review from the learning library adopted locally"
        return "National review or report adopted locally"

    @classmethod
    def narrow_for(cls, user, queryset):
        return _agency_narrowing(
            user, queryset, "recommendations__actions__agency", "recommendations__agencies"
        )


class Recommendation(PartnershipRecord):
    """What the review says must change, addressed to agencies; closed when all its actions are assured."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField(help_text="Its number in the report")
    kind = models.CharField(max_length=30, choices=RecommendationKind.choices, default="recommendation")
    text = models.TextField("the recommendation")
    agencies = models.ManyToManyField("partnerships.Agency", related_name="recommendations")
    themes = models.ManyToManyField("library.Theme", blank=True, related_name="recommendations")
    library_recommendation = models.ForeignKey(
        "library.LibraryRecommendation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adoptions",
        help_text="The library recommendation it was added from",
    )
    due_on = models.DateField("by when")
    closed_on = models.DateField(
        "date closed", null=True, blank=True, help_text="Set when the last of its actions is assured"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="recommendation_number_unique_in_plan"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"

    def audit_label(self) -> str:
        return f"{self} of the action plan: {self.plan.title}"

    def get_absolute_url(self):
        return f"{self.plan.get_absolute_url()}#recommendation-{self.number}"

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None

    @classmethod
    def narrow_for(cls, user, queryset):
        return _agency_narrowing(user, queryset, "actions__agency", "agencies")


class Action(PartnershipRecord):
    """One agency's action on a recommendation: what will change, who owns it, by when, and how we know."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="actions")
    agency = models.ForeignKey("partnerships.Agency", on_delete=models.PROTECT, related_name="plan_actions")
    what_will_change = models.TextField("what will change")
    owner = models.CharField(
        "owner", max_length=200, help_text="The person in the agency who will make it happen, and their role"
    )
    due_on = models.DateField("date due")
    due_working_days = models.PositiveSmallIntegerField(
        "working days after the plan was agreed",
        null=True,
        blank=True,
        help_text="Set when the due date was given in working days; the date is then worked out by the clock",
    )
    success_measure = models.TextField("success measure and evidence expected")
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED)
    completed_on = models.DateField("date marked complete", null=True, blank=True)
    assured_on = models.DateField("date assured", null=True, blank=True)
    retest_on = models.DateField("date to re-test that it is embedded", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["recommendation", "agency__name", "pk"]

    def __str__(self):
        return f"Action {self.pk}"

    def audit_label(self) -> str:
        return f"Action {self.pk} ({self.agency.name}) of the action plan: {self.recommendation.plan.title}"

    def get_absolute_url(self):
        return reverse("action_plans:action", args=[self.pk])

    def display_status(self, today: dt.date | None = None) -> str:
        return rules.display_status(self.status, self.due_on, today or timezone.localdate())

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return rules.is_overdue(self.status, self.due_on, today or timezone.localdate())

    @property
    def status_label(self) -> str:
        return rules.STATUS_LABELS[self.display_status()]

    @property
    def status_colour(self) -> str:
        return rules.STATUS_COLOURS[self.display_status()]

    @classmethod
    def narrow_for(cls, user, queryset):
        return _agency_narrowing(user, queryset, "agency")


class ProgressUpdate(PartnershipRecord):
    """An agency's note on its action, with the status it reported; kept in full, newest first."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField("status reported", max_length=20, choices=ActionStatus.choices)
    note = models.TextField("progress note")
    from_spreadsheet = models.BooleanField(default=False, help_text="Imported from the XLSX action plan")
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["action", "-written_at", "-pk"]

    def audit_label(self) -> str:
        return f"Progress update on action {self.action_id}"

    @classmethod
    def narrow_for(cls, user, queryset):
        return _agency_narrowing(user, queryset, "action__agency")


class Evidence(PartnershipRecord):
    """A file that shows the change happened: an audit, training figures, a new policy."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=20, choices=EvidenceKind.choices)
    description = models.CharField(max_length=300)
    file = models.FileField(upload_to="action_plans/evidence/%Y/")
    original_name = models.CharField(max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["action", "-uploaded_at", "-pk"]
        verbose_name_plural = "evidence"

    def audit_label(self) -> str:
        return f"Evidence {self.pk} for action {self.action_id}"

    def get_absolute_url(self):
        return reverse("action_plans:evidence", args=[self.pk])

    @classmethod
    def narrow_for(cls, user, queryset):
        return _agency_narrowing(user, queryset, "action__agency")


class AssuranceDecision(PartnershipRecord):
    """The business manager's or review group's decision on a complete action: assured, or sent back."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="assurance_decisions")
    outcome = models.CharField(max_length=20, choices=AssuranceOutcome.choices)
    evidence_reviewed = models.TextField("evidence reviewed", blank=True)
    retest_on = models.DateField("date to re-test that it is embedded", null=True, blank=True)
    reasons = models.TextField("reasons for sending it back", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["action", "-decided_on", "-pk"]

    def audit_label(self) -> str:
        return f"Assurance decision on action {self.action_id}"

    @classmethod
    def narrow_for(cls, user, queryset):
        return _agency_narrowing(user, queryset, "action__agency")


class ActionReminderSent(PartnershipRecord):
    """One reminder email about an action, so `cspr remind` never sends the same one twice in a day."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField()
    stage = models.CharField(max_length=60)
    sent_on = models.DateField()

    is_case_data = False

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["action", "recipient", "due_on", "stage", "sent_on"], name="action_reminder_once"
            ),
        ]
