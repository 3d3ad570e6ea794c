"""The serious incident notification, kept as numbered versions so no submitted text is ever lost.

Each save makes a new version; the highest number is the current one. `content` holds every field of the
national form as it stood (incident, children by pseudonym and characteristics, notifier), so an earlier
version reads the same after the incident is edited. The child's name is never put in `content`.
"""

from django.conf import settings
from django.db import models

from cspr.partnerships.models import PartnershipRecord

from .incident import Incident


class Notification(PartnershipRecord):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="notifications")
    version = models.PositiveIntegerField()
    content = models.JSONField(default=dict)
    notifier_name = models.CharField("notifier's name", max_length=200)
    notifier_role = models.CharField("notifier's role", max_length=200)
    notifier_email = models.EmailField("notifier's email")
    notifier_phone = models.CharField("notifier's phone", max_length=40)
    submitted_on = models.DateField("date submitted to the Panel", null=True, blank=True)
    panel_reference = models.CharField("Panel's reference", max_length=60, blank=True)
    late_reason = models.TextField("reason the notification is late", blank=True)
    partners_informed_on = models.DateField(
        "date the safeguarding partners were informed", null=True, blank=True
    )
    ofsted_informed_on = models.DateField("date Ofsted was informed", null=True, blank=True)
    dfe_informed_on = models.DateField("date DfE (Secretary of State) was informed", null=True, blank=True)
    change_reason = models.TextField("reason for the change", blank=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["incident", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "version"], name="notification_version_unique"),
        ]

    def audit_label(self) -> str:
        return f"Notification of incident {self.incident.reference}, version {self.version}"

    @classmethod
    def narrow_for(cls, user, queryset):
        """The notifier and agency leads who can see the incident see its notification."""
        return queryset.filter(incident__in=Incident.narrow_for(user, Incident.objects.all()))

    @classmethod
    def sent_to_panel(cls, queryset):
        return queryset.filter(submitted_on__isnull=False)

    @property
    def is_submitted(self) -> bool:
        return self.submitted_on is not None
