"""Safeguarding children partnerships, their local authorities and agencies: the tenants of cspr.

Every case record belongs to exactly one partnership through `PartnershipRecord`, whose manager
offers only `visible_to(user)` for pages: the unscoped queryset has a name that stands out in review.
"""

from django.db import models
from django.urls import reverse


class PartnershipRecordQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The records this user may see: the one query every view of case data goes through.

        The rule itself lives in `cspr.permissions.visible_records`, so that who may see what is
        decided in one place; each model may narrow it further with `narrow_for(user, queryset)`.
        """
        from cspr import permissions

        return permissions.visible_records(user, self)


class PartnershipRecordManager(models.Manager.from_queryset(PartnershipRecordQuerySet)):
    pass


class PartnershipRecord(models.Model):
    """Base of every record that belongs to one partnership."""

    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.PROTECT)

    objects = PartnershipRecordManager()

    # Case data is about children; partnership set-up (agencies) is not, and administrators manage it.
    is_case_data = True

    class Meta:
        abstract = True

    @classmethod
    def sent_to_panel(cls, queryset):
        """What the national Panel may see: only what a partnership has sent it. Nothing by default."""
        return queryset.none()

    @classmethod
    def narrow_for(cls, user, queryset):
        """Further narrowing for roles that see only part of a partnership (agency leads, reviewers).

        The default shows partnership-wide roles everything in their partnership and the narrower
        roles nothing; models that agency leads or reviewers may see override this.
        """
        return queryset.none()


class Partnership(models.Model):
    """A Safeguarding Children Partnership: the three statutory partners of one or more areas."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    integrated_care_board = models.CharField("Integrated Care Board", max_length=200)
    police_force = models.CharField(max_length=200)
    email = models.EmailField("business unit email", blank=True)
    website = models.URLField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnerships:detail", args=[self.slug])

    def council_names(self) -> str:
        return ", ".join(la.name for la in self.local_authorities.all())


class LocalAuthority(models.Model):
    """A council area covered by a partnership (some partnerships cover two, e.g. Wiltshire and Swindon)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="local_authorities")
    name = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "local authorities"

    def __str__(self):
        return self.name


class AgencyKind(models.TextChoices):
    CHILDRENS_SOCIAL_CARE = "childrens_social_care", "Children's social care"
    EARLY_HELP = "early_help", "Early help"
    POLICE = "police", "Police"
    INTEGRATED_CARE_BOARD = "integrated_care_board", "Integrated Care Board"
    HEALTH_VISITING = "health_visiting", "Health visiting"
    MIDWIFERY = "midwifery", "Midwifery"
    GP = "gp", "GP practice"
    ACUTE_TRUST = "acute_trust", "Acute hospital trust"
    AMBULANCE = "ambulance", "Ambulance service"
    CAMHS = "camhs", "Child and adolescent mental health services"
    ADULT_MENTAL_HEALTH = "adult_mental_health", "Adult mental health services"
    SUBSTANCE_MISUSE = "substance_misuse", "Drug and alcohol services"
    SCHOOL = "school", "School or education"
    EARLY_YEARS = "early_years", "Early years and nursery"
    PROBATION = "probation", "Probation"
    YOUTH_JUSTICE = "youth_justice", "Youth justice"
    HOUSING = "housing", "Housing"
    ADULT_SOCIAL_CARE = "adult_social_care", "Adult social care"
    VOLUNTARY = "voluntary", "Voluntary and community sector"
    OTHER = "other", "Other"


class Agency(PartnershipRecord):
    """An organisation that works with children in the partnership's area and may be asked for a return."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=40, choices=AgencyKind.choices)
    is_statutory_partner = models.BooleanField(
        default=False, help_text="The council, the Integrated Care Board or the police force"
    )
    email = models.EmailField("safeguarding contact email", blank=True)
    is_active = models.BooleanField(default=True)

    is_case_data = False

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="agency_name_unique_in_partnership")
        ]

    def __str__(self):
        return self.name

    @classmethod
    def narrow_for(cls, user, queryset):
        """Agency leads see their own agency's record; reviewers see none."""
        if user.agency_id:
            return queryset.filter(pk=user.agency_id)
        return queryset.none()
