"""The coded answers the national serious incident notification and its statistics use."""

from django.db import models


class IncidentStatus(models.TextChoices):
    """Where an incident is in the front door of the review system; later stages add theirs."""

    REFERRED = "referred", "Referral received"
    NOTIFICATION_DUE = "notification_due", "Notification due"
    NOTIFIED = "notified", "Notified to the Panel"
    LOOKED_AFTER_DEATH = "looked_after_death", "Looked-after child death: Secretary of State and Ofsted only"
    CARE_LEAVER_DEATH = "care_leaver_death", "Care leaver death: DfE and Ofsted only"
    NOT_NOTIFIABLE = "not_notifiable", "Not notifiable"


class IncidentNature(models.TextChoices):
    DEATH = "death", "Death"
    SERIOUS_HARM = "serious_harm", "Serious harm"
    OTHER = "other", "Other"


class IncidentPlace(models.TextChoices):
    IN_AREA = "in_area", "In the local authority's area"
    OUTSIDE_ENGLAND = "outside_england", "Outside England (child normally resident in the area)"


class LinkKind(models.TextChoices):
    SIBLINGS = "siblings", "Siblings"
    SAME_HOUSEHOLD = "same_household", "Same household"
    OTHER = "other", "Otherwise linked"


class YesNoUnknown(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    UNKNOWN = "unknown", "Not known"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    UNKNOWN = "unknown", "Not known"


class Ethnicity(models.TextChoices):
    """The five main groups of the national statistics, with not known."""

    WHITE = "white", "White"
    MIXED = "mixed", "Mixed or multiple ethnic groups"
    ASIAN = "asian", "Asian or Asian British"
    BLACK = "black", "Black, Black British, Caribbean or African"
    OTHER = "other", "Other ethnic group"
    UNKNOWN = "unknown", "Not known"


class PlacementType(models.TextChoices):
    NOT_LOOKED_AFTER = "", "Not looked after"
    FOSTER_CARE = "foster_care", "Foster care"
    KINSHIP = "kinship", "Placed with family or friends (kinship)"
    PLACED_WITH_PARENTS = "placed_with_parents", "Placed with parents"
    CHILDRENS_HOME = "childrens_home", "Children's home"
    SECURE = "secure", "Secure unit"
    SEMI_INDEPENDENT = "semi_independent", "Independent or semi-independent living"
    ADOPTION = "adoption", "Placed for adoption"
    OTHER = "other", "Other placement"


class ChildProtectionPlan(models.TextChoices):
    CURRENT = "current", "Current plan"
    PREVIOUS = "previous", "Previous plan only"
    NEVER = "never", "Never"
    UNKNOWN = "unknown", "Not known"
