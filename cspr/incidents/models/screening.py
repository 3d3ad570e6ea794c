"""Screening a referral against the statutory tests, and the safeguarding partners' agreement to notify.

The questions and the outcome they lead to are decided in `cspr.incidents.screening_rules`, a plain module;
this model stores the answers, the outcome and the reasons so the decision can be explained later.
"""

from django.conf import settings
from django.db import models

from cspr.partnerships.models import PartnershipRecord

from .incident import Incident


class Screening(PartnershipRecord):
    incident = models.OneToOneField(Incident, on_delete=models.CASCADE, related_name="screening")
    answers = models.JSONField(
        default=dict, help_text="Answers by question code, as screening_rules names them"
    )
    outcome = models.CharField(max_length=30, blank=True)
    reasons = models.TextField(blank=True)
    other_learning_review = models.BooleanField(
        default=False, help_text="A case that is not notifiable may still go to another learning review"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    def audit_label(self) -> str:
        return f"Screening of incident {self.incident.reference}"

    @classmethod
    def narrow_for(cls, user, queryset):
        return queryset.none()


class StatutoryPartner(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    INTEGRATED_CARE_BOARD = "integrated_care_board", "Integrated Care Board"
    POLICE = "police", "Police"


class PartnerDecision(PartnershipRecord):
    """One safeguarding partner's view on notifying: agreement or disagreement, who said so and when."""

    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="partner_decisions")
    partner = models.CharField(max_length=30, choices=StatutoryPartner.choices)
    agrees = models.BooleanField()
    person_name = models.CharField("name of the person", max_length=200)
    person_role = models.CharField("their role", max_length=200)
    decided_on = models.DateField("date")
    comment = models.TextField(blank=True, help_text="Reasons, especially for a disagreement")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["screening", "partner", "recorded_at"]

    def audit_label(self) -> str:
        return f"{self.get_partner_display()} decision on incident {self.screening.incident.reference}"

    @classmethod
    def narrow_for(cls, user, queryset):
        return queryset.none()
