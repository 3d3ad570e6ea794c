"""A referral: an agency or professional asks the partnership to consider a case (domain step 1)."""

from django.conf import settings
from django.db import models

from cspr.partnerships.models import PartnershipRecord

from .incident import Incident


class ReferralChannel(models.TextChoices):
    PRODUCT = "product", "Submitted in cspr"
    EMAIL = "email", "Received by email"
    PHONE = "phone", "Received by phone"
    LETTER = "letter", "Received by letter or form"


class Referral(PartnershipRecord):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="referrals")
    channel = models.CharField(
        max_length=10, choices=ReferralChannel.choices, default=ReferralChannel.PRODUCT
    )
    received_on = models.DateField("date received")
    referrer_name = models.CharField("referrer's name", max_length=200)
    referrer_role = models.CharField("referrer's role", max_length=200)
    referrer_agency = models.ForeignKey(
        "partnerships.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="referrals"
    )
    referrer_email = models.EmailField("referrer's email", blank=True)
    referrer_phone = models.CharField("referrer's phone", max_length=40, blank=True)
    what_happened = models.TextField()
    agency_concerns = models.TextField("concerns about how agencies worked together", blank=True)
    original_document = models.FileField(upload_to="referrals/%Y/", blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="referrals_submitted"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["incident", "received_on", "pk"]

    def audit_label(self) -> str:
        return f"Referral {self.pk} for incident {self.incident.reference}"

    @classmethod
    def narrow_for(cls, user, queryset):
        """Agency leads see their own agency's referrals, and every referral of an incident they notify."""
        if user.agency_id:
            return queryset.filter(
                models.Q(referrer_agency=user.agency_id) | models.Q(incident__notifier=user)
            )
        return queryset.none()
