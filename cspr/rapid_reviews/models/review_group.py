"""The review group's meeting on a rapid review and the executive's decision that follows it."""

from django.conf import settings
from django.db import models

from cspr.partnerships.models import PartnershipRecord

from .choices import Recommendation
from .rapid_review import RapidReview


class ReviewGroupMeeting(PartnershipRecord):
    """What the review group made of the agencies' returns, and the next step it recommends."""

    rapid_review = models.OneToOneField(RapidReview, on_delete=models.CASCADE, related_name="meeting")
    met_on = models.DateField("date of the meeting")
    facts = models.TextField("the facts, including key practice episodes", blank=True)
    learning = models.TextField("learning identified", blank=True)
    inequalities = models.TextField("impact of racism, disability and other inequalities", blank=True)
    good_practice = models.TextField("good practice", blank=True)
    recommendation = models.CharField(max_length=30, choices=Recommendation.choices, blank=True)
    criteria = models.JSONField(
        "regulation 11 criteria met", default=list, blank=True, help_text="Codes of Regulation11Criterion"
    )
    reasons = models.TextField("reasons for the recommendation", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def audit_label(self) -> str:
        return f"Review group meeting on incident {self.rapid_review.incident.reference}"


class MeetingAttendee(PartnershipRecord):
    """Someone at the review group meeting, by agency (or another organisation, for invited guests)."""

    meeting = models.ForeignKey(ReviewGroupMeeting, on_delete=models.CASCADE, related_name="attendees")
    agency = models.ForeignKey("partnerships.Agency", null=True, blank=True, on_delete=models.PROTECT)
    organisation = models.CharField(max_length=200, blank=True, help_text="If not one of the agencies")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["meeting", "pk"]

    def audit_label(self) -> str:
        return (
            f"Attendee of the review group meeting on incident {self.meeting.rapid_review.incident.reference}"
        )

    @property
    def organisation_name(self) -> str:
        return self.agency.name if self.agency_id else self.organisation


class ExecutiveDecision(PartnershipRecord):
    """The safeguarding partners' decision on the review group's recommendation: who, when, and why."""

    rapid_review = models.OneToOneField(
        RapidReview, on_delete=models.CASCADE, related_name="executive_decision"
    )
    decided_by_name = models.CharField("who decided", max_length=200)
    decided_by_role = models.CharField("their role", max_length=200, blank=True)
    decided_on = models.DateField("date of the decision")
    agrees = models.BooleanField("agrees with the review group's recommendation")
    decision = models.CharField("the decision", max_length=30, choices=Recommendation.choices)
    rationale = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def audit_label(self) -> str:
        return f"Executive decision on incident {self.rapid_review.incident.reference}"
