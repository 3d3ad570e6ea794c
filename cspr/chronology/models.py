"""The integrated chronology: every agency's significant events for one rapid review, in date order.

Each entry comes from one agency's return (entered on screen or uploaded). Dates are often uncertain in
records ("?22/05/2016", "May 2016"): `start_on` is the date used for ordering (the first day of a month or
year given alone), `start_precision` says how much of it is known and `start_as_written` keeps the text as
the agency gave it. Facts and significance are kept apart, as chronology practice asks. An agency lead
sees only their own agency's entries; the Panel sees none (it receives the rapid review report).
"""

from django.conf import settings
from django.db import models

from cspr.partnerships.models import PartnershipRecord


class DatePrecision(models.TextChoices):
    DAY = "day", "Exact day"
    APPROXIMATE = "approximate", "Approximate day"
    MONTH = "month", "Month only"
    YEAR = "year", "Year only"


class EventType(models.TextChoices):
    HOME_VISIT = "home_visit", "Home visit"
    APPOINTMENT = "appointment", "Appointment or clinic"
    NOT_BROUGHT = "not_brought", "Was not brought or did not attend"
    ASSESSMENT = "assessment", "Assessment"
    REFERRAL = "referral", "Referral"
    STRATEGY_DISCUSSION = "strategy_discussion", "Strategy discussion or meeting"
    CONFERENCE = "conference", "Child protection conference or core group"
    MEETING = "meeting", "Other multi-agency meeting"
    HOSPITAL = "hospital", "Hospital or emergency attendance"
    POLICE_INCIDENT = "police_incident", "Police incident or call-out"
    EDUCATION = "education", "School or nursery contact"
    PHONE_CALL = "phone_call", "Telephone call"
    LETTER = "letter", "Letter, email or message"
    INFORMATION_SHARING = "information_sharing", "Information sharing"
    OTHER = "other", "Other"


class ChronologyEntry(PartnershipRecord):
    rapid_review = models.ForeignKey(
        "rapid_reviews.RapidReview", on_delete=models.CASCADE, related_name="chronology_entries"
    )
    agency_return = models.ForeignKey(
        "rapid_reviews.AgencyReturn", on_delete=models.CASCADE, related_name="entries"
    )
    agency = models.ForeignKey("partnerships.Agency", on_delete=models.PROTECT, related_name="+")
    reference = models.CharField("event reference", max_length=40, blank=True)
    start_on = models.DateField("start date")
    start_precision = models.CharField(
        max_length=20, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    start_as_written = models.CharField("start date as written", max_length=40, blank=True)
    start_time = models.TimeField(null=True, blank=True)
    end_on = models.DateField("end date", null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True)
    source_reference = models.CharField(
        "source", max_length=200, help_text="The record or document the entry comes from"
    )
    practitioner_role = models.CharField(max_length=200, blank=True)
    event_type = models.CharField(max_length=30, choices=EventType.choices)
    facts = models.TextField("event detail (facts)")
    action_outcome = models.TextField("action or outcome", blank=True)
    significance = models.TextField("significance for the child", blank=True)
    key_practice_episode = models.BooleanField(default=False)
    reviewer_note = models.TextField(blank=True)
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_entries",
        help_text="Set when the reviewer merged this entry into another that reports the same event",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["rapid_review", "start_on", "start_time", "pk"]
        verbose_name_plural = "chronology entries"
        indexes = [models.Index(fields=["rapid_review", "start_on"])]

    def audit_label(self) -> str:
        return f"Chronology entry of {self.agency.name} for incident {self.rapid_review.incident.reference}"

    @classmethod
    def narrow_for(cls, user, queryset):
        """An agency lead sees their own agency's entries only; an independent reviewer, once declared, the
        entries of the rapid reviews their practice review came from."""
        if user.agency_id:
            return queryset.filter(agency_id=user.agency_id)
        from cspr.practice_reviews.models import PracticeReview

        reviews = PracticeReview.narrow_for(user, PracticeReview.objects.all())
        return queryset.filter(rapid_review__practice_reviews__in=reviews).distinct()


class DuplicateDecision(PartnershipRecord):
    """The reviewer's answer to a pair flagged as the same event: merged into the first, or both kept."""

    class Decision(models.TextChoices):
        MERGED = "merged", "Merged"
        KEPT = "kept", "Kept both"

    rapid_review = models.ForeignKey(
        "rapid_reviews.RapidReview", on_delete=models.CASCADE, related_name="duplicate_decisions"
    )
    first = models.ForeignKey(ChronologyEntry, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(ChronologyEntry, on_delete=models.CASCADE, related_name="+")
    decision = models.CharField(max_length=10, choices=Decision.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="duplicate_decision_once_per_pair"),
        ]

    def audit_label(self) -> str:
        return f"Duplicate decision in the chronology of incident {self.rapid_review.incident.reference}"
