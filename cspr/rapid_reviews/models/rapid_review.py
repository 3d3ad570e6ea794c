"""The rapid review of one notified incident, and the agency returns it gathers.

A rapid review opens when the notification is recorded as sent to the Panel (WT 2023: due 15 working days
from that date; the date the local authority became aware is kept as well, because WT 2018 counted from it).
Each involved agency gets one request and completes one return (the individual agency summary); an agency's
safeguarding lead sees only their own agency's return, never the rapid review as a whole.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse

from cspr.partnerships.models import PartnershipRecord

from .choices import RapidReviewStatus, ReturnStatus


class RapidReview(PartnershipRecord):
    incident = models.OneToOneField(
        "incidents.Incident", on_delete=models.CASCADE, related_name="rapid_review"
    )
    status = models.CharField(
        max_length=20, choices=RapidReviewStatus.choices, default=RapidReviewStatus.OPEN
    )
    opened_on = models.DateField("date the rapid review opened")
    notified_on = models.DateField("date the notification was sent to the Panel")
    aware_on = models.DateField("date the local authority became aware")
    report = models.JSONField(
        default=dict, blank=True, help_text="The report's sections as edited before sending, by section key"
    )
    sent_on = models.DateField("date sent to the Panel", null=True, blank=True)
    sent_report = models.JSONField(
        default=dict, blank=True, help_text="The report's sections exactly as sent to the Panel"
    )
    late_reason = models.TextField("reason the rapid review is late", blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-notified_on", "-pk"]
        indexes = [models.Index(fields=["partnership", "status"])]

    def __str__(self):
        return self.audit_label()

    def audit_label(self) -> str:
        return f"Rapid review of incident {self.incident.reference}"

    def get_absolute_url(self):
        return reverse("rapid_reviews:detail", args=[self.pk])

    @classmethod
    def sent_to_panel(cls, queryset):
        """The Panel sees a rapid review once the partnership has sent it."""
        return queryset.filter(sent_on__isnull=False)

    @property
    def is_sent(self) -> bool:
        return self.sent_on is not None


class AgencyReturn(PartnershipRecord):
    """One agency's part of a rapid review: the request sent to it and the return it completes."""

    rapid_review = models.ForeignKey(RapidReview, on_delete=models.CASCADE, related_name="returns")
    agency = models.ForeignKey("partnerships.Agency", on_delete=models.PROTECT, related_name="returns")
    status = models.CharField(max_length=20, choices=ReturnStatus.choices, default=ReturnStatus.REQUESTED)
    requested_on = models.DateField("date the request was sent")
    due_on = models.DateField("date the return is due")
    request_message = models.TextField("message to the agency", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    summary_of_involvement = models.TextField("summary of involvement", blank=True)
    key_practice_episodes = models.TextField("key practice episodes", blank=True)
    analysis = models.TextField("analysis", blank=True)
    what_went_well = models.TextField("what went well", blank=True)
    learning = models.TextField("learning", blank=True)
    actions_taken = models.TextField("actions already taken", blank=True)
    submitted_on = models.DateField("date submitted", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reopened_reason = models.TextField("reason the return was reopened", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["rapid_review", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["rapid_review", "agency"], name="agency_return_once_per_agency"),
        ]

    def __str__(self):
        return self.audit_label()

    def audit_label(self) -> str:
        return f"Agency return of {self.agency.name} for incident {self.rapid_review.incident.reference}"

    def get_absolute_url(self):
        return reverse("rapid_reviews:return", args=[self.pk])

    @classmethod
    def narrow_for(cls, user, queryset):
        """An agency's safeguarding lead sees their own agency's returns only."""
        if user.agency_id:
            return queryset.filter(agency_id=user.agency_id)
        return queryset.none()

    @property
    def is_editable(self) -> bool:
        """The agency works on it until it is submitted; the business manager may reopen it."""
        return self.status != ReturnStatus.SUBMITTED
