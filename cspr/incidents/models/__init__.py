"""The front door of the review system: incidents, their children, referrals, screening and notification."""

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
from .incident import Child, Incident, IncidentLink
from .notification import Notification
from .referral import Referral, ReferralChannel
from .screening import PartnerDecision, Screening, StatutoryPartner

__all__ = [
    "Child",
    "ChildProtectionPlan",
    "Ethnicity",
    "Incident",
    "IncidentLink",
    "IncidentNature",
    "IncidentPlace",
    "IncidentStatus",
    "LinkKind",
    "Notification",
    "PartnerDecision",
    "PlacementType",
    "Referral",
    "ReferralChannel",
    "Screening",
    "Sex",
    "StatutoryPartner",
    "YesNoUnknown",
]
