"""An incident: one serious incident, its children and the incidents it is linked to.

The child's name is held on `Child.name` and shown only where `permissions.can_see_child_names` allows;
every other page, export and generated document uses the pseudonym the partnership assigns ("Child K").
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from cspr.partnerships.models import PartnershipRecord

from .choices import (
    ChildProtectionPlan,
    Ethnicity,
    IncidentNature,
    IncidentPlace,
    IncidentStatus,
    LinkKind,
    PlacementType,
    Sex,
    YesNoUnknown,
)

# One notification names at most this many children; further children go in free text.
MAX_NAMED_CHILDREN = 4


class Incident(PartnershipRecord):
    reference = models.CharField(max_length=20, help_text="The partnership's own reference, e.g. 2026/004")
    status = models.CharField(max_length=30, choices=IncidentStatus.choices, default=IncidentStatus.REFERRED)
    aware_on = models.DateField("date the local authority became aware")
    incident_on = models.DateField("date of the incident")
    place = models.CharField(max_length=20, choices=IncidentPlace.choices, default=IncidentPlace.IN_AREA)
    location = models.CharField(
        "where it happened", max_length=200, blank=True, help_text="For example, family home or hospital"
    )
    nature = models.CharField(max_length=20, choices=IncidentNature.choices, blank=True)
    summary = models.TextField("what happened", blank=True)
    further_children = models.TextField(
        "further children", blank=True, help_text="Children beyond the 4 a notification can name"
    )
    agencies_involved = models.ManyToManyField("partnerships.Agency", blank=True, related_name="incidents")
    notifier = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incidents_to_notify",
        help_text="The person who completes the notification for the local authority",
    )
    notified_on = models.DateField("date the notification was sent to the Panel", null=True, blank=True)
    panel_reference = models.CharField("Panel's reference", max_length=60, blank=True)
    rapid_review_sent_on = models.DateField(
        "date the rapid review was sent to the Panel", null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="incidents_created"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-aware_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "reference"], name="incident_reference_unique"),
        ]
        indexes = [models.Index(fields=["partnership", "status"])]

    def __str__(self):
        return self.audit_label()

    def audit_label(self) -> str:
        return f"Incident {self.reference}"

    def get_absolute_url(self):
        return reverse("incidents:detail", args=[self.pk])

    @classmethod
    def narrow_for(cls, user, queryset):
        """Agency leads see incidents their agency referred or is involved in, and those they notify."""
        if user.agency_id:
            return queryset.filter(
                Q(agencies_involved=user.agency_id)
                | Q(referrals__referrer_agency=user.agency_id)
                | Q(notifier=user)
            ).distinct()
        return queryset.none()

    @classmethod
    def sent_to_panel(cls, queryset):
        """The Panel sees an incident once its notification has been sent."""
        return queryset.filter(notified_on__isnull=False)

    @classmethod
    def next_reference(cls, partnership, year: int) -> str:
        """The next free "YYYY/NNN" reference in this partnership for this year."""
        prefix = f"{year}/"
        taken = cls.objects.filter(partnership=partnership, reference__startswith=prefix).values_list(
            "reference", flat=True
        )
        numbers = [int(ref[len(prefix) :]) for ref in taken if ref[len(prefix) :].isdigit()]
        return f"{prefix}{max(numbers, default=0) + 1:03d}"

    def linked_incidents(self):
        """Incidents linked to this one in either direction, with the kind of link."""
        outgoing = [(link.to_incident, link.get_kind_display()) for link in self.links_from.all()]
        incoming = [(link.from_incident, link.get_kind_display()) for link in self.links_to.all()]
        return outgoing + incoming

    def clock_triggers(self) -> dict[str, dt.date | None]:
        """The dates that start this incident's statutory clocks (see `cspr.clock.steps.TRIGGERS`)."""
        if self.status == IncidentStatus.CARE_LEAVER_DEATH:
            return {"care_leaver_death_aware": self.aware_on}
        if self.status in (IncidentStatus.NOT_NOTIFIABLE, IncidentStatus.LOOKED_AFTER_DEATH):
            return {}
        return {
            "aware": self.aware_on,
            "notified": self.notified_on,
            "rapid_review_sent": self.rapid_review_sent_on,
        }

    def tracked_step_codes(self) -> tuple[str, ...]:
        """The steps of `cspr.clock.steps.STEPS` shown and reminded for this incident at its status.

        Once notified, the rapid review's local plan (letters to agency leads, review group, partners'
        sign-off) is tracked too; each agency's return has its own due date on its request, reminded
        separately, so the incident-wide `agency_return` step is not. The Panel's response is expected once
        the review is sent.
        """
        if self.status == IncidentStatus.CARE_LEAVER_DEATH:
            return ("care_leaver_notification",)
        if self.status in (IncidentStatus.NOT_NOTIFIABLE, IncidentStatus.LOOKED_AFTER_DEATH):
            return ()
        codes = ("notification", "safeguarding_partners_informed", "rapid_review")
        if self.notified_on is not None:
            codes += ("agency_leads_contacted", "review_group_meeting", "partners_sign_off")
        if self.rapid_review_sent_on is not None:
            codes += ("panel_response",)
        return codes


# What is recorded about each child, in the order forms ask for it.
CHILD_DETAILS = (
    "name",
    "pseudonym",
    "unborn",
    "date_of_birth",
    "age_years",
    "sex",
    "ethnicity",
    "disability",
    "looked_after",
    "placement_type",
    "child_in_need_plan",
    "child_protection_plan",
    "known_to_agencies",
)


class Child(PartnershipRecord):
    """A child named in an incident, with the characteristics the national statistics count."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="children")
    position = models.PositiveSmallIntegerField(default=1)
    name = models.CharField(
        "child's name", max_length=200, blank=True, help_text="Leave blank if the child is not named"
    )
    pseudonym = models.CharField(
        max_length=60, help_text="The name used everywhere else, for example Child K or Baby Eva"
    )
    unborn = models.BooleanField(default=False)
    date_of_birth = models.DateField(null=True, blank=True)
    age_years = models.PositiveSmallIntegerField(
        "age in years", null=True, blank=True, help_text="If the date of birth is not known"
    )
    sex = models.CharField(max_length=10, choices=Sex.choices, default=Sex.UNKNOWN)
    ethnicity = models.CharField(max_length=10, choices=Ethnicity.choices, default=Ethnicity.UNKNOWN)
    disability = models.CharField(max_length=10, choices=YesNoUnknown.choices, default=YesNoUnknown.UNKNOWN)
    looked_after = models.CharField(max_length=10, choices=YesNoUnknown.choices, default=YesNoUnknown.UNKNOWN)
    placement_type = models.CharField(max_length=30, choices=PlacementType.choices, blank=True)
    child_in_need_plan = models.CharField(
        max_length=10, choices=YesNoUnknown.choices, default=YesNoUnknown.UNKNOWN
    )
    child_protection_plan = models.CharField(
        max_length=10, choices=ChildProtectionPlan.choices, default=ChildProtectionPlan.UNKNOWN
    )
    known_to_agencies = models.CharField(
        max_length=10, choices=YesNoUnknown.choices, default=YesNoUnknown.UNKNOWN
    )

    class Meta:
        ordering = ["incident", "position"]
        verbose_name_plural = "children"
        constraints = [
            models.UniqueConstraint(fields=["incident", "position"], name="child_position_unique"),
        ]

    def __str__(self):
        return self.pseudonym

    def audit_label(self) -> str:
        return f"{self.pseudonym} in incident {self.incident.reference}"

    @classmethod
    def narrow_for(cls, user, queryset):
        return queryset.filter(incident__in=Incident.narrow_for(user, Incident.objects.all()))

    @classmethod
    def sent_to_panel(cls, queryset):
        return queryset.filter(incident__notified_on__isnull=False)

    def age_on(self, day: dt.date) -> int | None:
        """Age in whole years on `day`, None if unborn or not known (statistics count age at the incident)."""
        if self.unborn:
            return None
        if self.date_of_birth:
            before_birthday = (day.month, day.day) < (self.date_of_birth.month, self.date_of_birth.day)
            return day.year - self.date_of_birth.year - before_birthday
        return self.age_years

    def age_description(self) -> str:
        if self.unborn:
            return "Unborn"
        age = self.age_on(self.incident.incident_on)
        if age is None:
            return "Not known"
        if age == 0 and self.date_of_birth:
            months = (self.incident.incident_on - self.date_of_birth).days // 30
            return f"{months} months" if months != 1 else "1 month"
        return f"{age} years" if age != 1 else "1 year"


class IncidentLink(PartnershipRecord):
    """Two incidents of one partnership that belong together (siblings, the same household)."""

    from_incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="links_from")
    to_incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="links_to")
    kind = models.CharField(max_length=20, choices=LinkKind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["from_incident", "to_incident"], name="incident_link_unique"),
            models.CheckConstraint(
                condition=~Q(from_incident=models.F("to_incident")), name="incident_link_not_to_itself"
            ),
        ]

    def audit_label(self) -> str:
        return f"Link between incidents {self.from_incident.reference} and {self.to_incident.reference}"

    @classmethod
    def narrow_for(cls, user, queryset):
        return queryset.filter(from_incident__in=Incident.narrow_for(user, Incident.objects.all()))

    @classmethod
    def sent_to_panel(cls, queryset):
        return queryset.filter(from_incident__notified_on__isnull=False)
