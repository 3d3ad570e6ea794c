"""The national Panel's side: its response to a rapid review, and thematic reviews grouping incidents."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from cspr.partnerships.models import PartnershipRecord

from .choices import PanelResponseKind
from .rapid_review import RapidReview


class PanelResponse(PartnershipRecord):
    """What the Panel said about a rapid review it received; the partnership reads it on the review."""

    rapid_review = models.OneToOneField(RapidReview, on_delete=models.CASCADE, related_name="panel_response")
    response = models.CharField(max_length=30, choices=PanelResponseKind.choices)
    reasons = models.TextField(blank=True)
    responded_on = models.DateField("date of the Panel's response")
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def audit_label(self) -> str:
        return f"Panel response to the rapid review of incident {self.rapid_review.incident.reference}"

    @classmethod
    def sent_to_panel(cls, queryset):
        """The Panel wrote every response, so it sees them all."""
        return queryset


class ThematicReview(models.Model):
    """A national thematic review the Panel groups incidents under (only incidents sent to it).

    The Panel's own record, not a partnership's, so it is not a `PartnershipRecord`; only Panel members
    see it (`permissions.can_manage_thematic_reviews`).
    """

    title = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    incidents = models.ManyToManyField("incidents.Incident", blank=True, related_name="thematic_reviews")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("rapid_reviews:thematic-review", args=[self.pk])

    def audit_label(self) -> str:
        return f"Thematic review {self.title}"
