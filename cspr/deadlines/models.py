"""The statutory clock in the database: what administrators and partnerships change, and what happened.

The rules themselves (working days, the steps table) are in the plain `cspr.clock` package. Here live:
bank holiday changes an administrator adds between releases, a partnership's own lengths for local steps,
the timeliness record of each completed step, the reminders already sent (so `cspr remind` never sends
one twice) and each person's private calendar feed.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models

from cspr.clock import Change
from cspr.partnerships.models import PartnershipRecord


class BankHolidayChange(models.Model):
    """A bank holiday added or removed by proclamation after the release (national, not per partnership)."""

    date = models.DateField(unique=True)
    change = models.CharField(max_length=10, choices=[(c.value, c.value.title()) for c in Change])
    name = models.CharField(max_length=200, help_text="For example, State funeral of ...")
    source = models.URLField(help_text="Where it was announced, for example https://www.gov.uk/bank-holidays")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%-d %B %Y}: {self.name} ({self.change})"


class LocalStepLength(PartnershipRecord):
    """A partnership's own length for a step the steps table marks `partnership_may_change`."""

    step_code = models.CharField(max_length=60)
    length = models.PositiveSmallIntegerField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now=True)

    is_case_data = False

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["partnership", "step_code"], name="local_step_length_unique"),
        ]

    def __str__(self):
        return f"{self.step_code}: {self.length}"


class StepCompletion(PartnershipRecord):
    """The timeliness record: when a step of an incident was done, and whether it met its deadline.

    `working_days_late` is 0 when done on the due day, negative when early, positive when late, so
    reporting can count the share on time and the average lateness without recomputing the clock.
    """

    incident = models.ForeignKey(
        "incidents.Incident", on_delete=models.CASCADE, related_name="step_completions"
    )
    step_code = models.CharField(max_length=60)
    due_on = models.DateField()
    completed_on = models.DateField()
    working_days_late = models.IntegerField()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["incident", "completed_on"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "step_code"], name="step_completion_unique"),
        ]

    def audit_label(self) -> str:
        return f"Step {self.step_code} of incident {self.incident.reference}"

    @property
    def met_deadline(self) -> bool:
        return self.working_days_late <= 0

    @classmethod
    def narrow_for(cls, user, queryset):
        from cspr.incidents.models import Incident

        return queryset.filter(incident__in=Incident.narrow_for(user, Incident.objects.all()))

    @classmethod
    def sent_to_panel(cls, queryset):
        return queryset.filter(incident__notified_on__isnull=False)


class ReminderSent(PartnershipRecord):
    """One reminder email sent, so that running `cspr remind` twice in a day sends nothing twice."""

    incident = models.ForeignKey(
        "incidents.Incident", on_delete=models.CASCADE, related_name="reminders_sent"
    )
    step_code = models.CharField(max_length=60)
    due_on = models.DateField()
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(max_length=40, help_text="For example 3 working days before, or overdue")
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "step_code", "due_on", "recipient", "stage", "sent_on"],
                name="reminder_sent_once",
            ),
        ]

    def audit_label(self) -> str:
        return f"Reminder for step {self.step_code} of incident {self.incident.reference}"


class CalendarFeed(models.Model):
    """A person's private calendar feed address. Only a hash of the token is stored; revoking deletes it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Calendar feed of {self.user}"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)
