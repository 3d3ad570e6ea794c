"""Taking a referral: a new incident with its children, or one more referral on an incident already held.

`ReferralDetails` carries what the referral form collected, so that the product referral, the one the
business unit records and the one held over a duplicate warning all go through the same two actions.
"""

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files import File
from django.db import transaction

from cspr.audit.log import changes_between, record, snapshot
from cspr.audit.models import AuditAction
from cspr.incidents import duplicates
from cspr.incidents.forms.incident import next_pseudonym
from cspr.incidents.models import Incident, IncidentStatus, Referral, Sex
from cspr.incidents.models.incident import MAX_NAMED_CHILDREN

from .incident import INCIDENT_FIELDS, INCIDENT_REDACT, add_child

REFERRAL_FIELDS = [
    "incident",
    "channel",
    "received_on",
    "referrer_name",
    "referrer_role",
    "referrer_agency",
    "referrer_email",
    "referrer_phone",
    "what_happened",
    "agency_concerns",
    "original_document",
]
# The referrer may be a member of the family, and the rest is free text about the case.
REFERRAL_REDACT = [
    "referrer_name",
    "referrer_role",
    "referrer_email",
    "referrer_phone",
    "what_happened",
    "agency_concerns",
]
CASE_FIELDS = ["incident_on", "place", "location", "nature", "what_happened", "further_children"]
REFERRER_FIELDS = ["referrer_name", "referrer_role", "referrer_agency", "referrer_email", "referrer_phone"]


@dataclass
class ReferralDetails:
    """Everything one referral says, as the forms cleaned it."""

    channel: str
    received_on: dt.date
    case: dict
    children: list[dict] = field(default_factory=list)
    document: File | None = None

    @classmethod
    def from_forms(cls, form, children_formset, document=None) -> "ReferralDetails":
        return cls(
            channel=form.channel(),
            received_on=form.received_on(),
            case=dict(form.cleaned_data),
            children=children_formset.children(),
            document=document if document is not None else form.cleaned_data.get("original_document"),
        )

    def facts(self) -> duplicates.CaseFacts:
        return duplicates.CaseFacts(
            incident_on=self.case["incident_on"],
            children=tuple(
                duplicates.ChildFacts(name=child.get("name", ""), date_of_birth=child.get("date_of_birth"))
                for child in self.children
            ),
        )


@transaction.atomic
def do_create_incident_from_referral(
    details: ReferralDetails, *, partnership, acting_user, request
) -> Referral:
    """A new incident, status referred, aware on the date the referral was received."""
    case = details.case
    incident = Incident.objects.create(
        partnership=partnership,
        reference=Incident.next_reference(partnership, details.received_on.year),
        status=IncidentStatus.REFERRED,
        aware_on=details.received_on,
        incident_on=case["incident_on"],
        place=case["place"],
        location=case.get("location", ""),
        nature=case["nature"],
        summary=case["what_happened"],
        further_children=case.get("further_children", ""),
        created_by=acting_user,
    )
    incident.agencies_involved.set(case.get("agencies_involved") or [])
    record(
        AuditAction.CREATE,
        actor=acting_user,
        request=request,
        obj=incident,
        changes=changes_between({}, snapshot(incident, INCIDENT_FIELDS), redact=INCIDENT_REDACT),
    )
    for child in details.children:
        _add_referred_child(incident, child, acting_user=acting_user, request=request)
    return _create_referral(incident, details, acting_user=acting_user, request=request)


@transaction.atomic
def do_add_referral_to_incident(
    incident: Incident, details: ReferralDetails, *, acting_user, request
) -> Referral:
    """Join a referral to an incident already held: its new children and agencies are added to it.

    A child who matches one already named (by the duplicate rules) is not added twice; children beyond
    the 4 a notification can name are described, without their names, under further children.
    """
    before = snapshot(incident, INCIDENT_FIELDS)
    known = duplicates.facts_of(incident).children
    further = [incident.further_children] if incident.further_children else []
    if details.case.get("further_children"):
        further.append(details.case["further_children"])
    for child in details.children:
        facts = duplicates.ChildFacts(name=child.get("name", ""), date_of_birth=child.get("date_of_birth"))
        if any(duplicates.child_match_reasons(facts, other, close=True) for other in known):
            continue
        if incident.children.count() < MAX_NAMED_CHILDREN:
            _add_referred_child(incident, child, acting_user=acting_user, request=request)
        else:
            further.append(
                f"A further child from the referral received on {details.received_on:%d/%m/%Y}: "
                f"{_describe(child)}"
            )
    incident.further_children = "\n".join(further)
    incident.save(update_fields=["further_children", "updated_at"])
    incident.agencies_involved.add(*(details.case.get("agencies_involved") or []))
    changes = changes_between(before, snapshot(incident, INCIDENT_FIELDS), redact=INCIDENT_REDACT)
    if changes:
        record(AuditAction.CHANGE, actor=acting_user, request=request, obj=incident, changes=changes)
    return _create_referral(incident, details, acting_user=acting_user, request=request)


def _describe(child: dict) -> str:
    if child.get("unborn"):
        age = "unborn at the time"
    elif child.get("date_of_birth"):
        age = f"born {child['date_of_birth']:%d/%m/%Y}"
    else:
        age = f"aged {child['age_years']}"
    return f"{age}, sex {Sex(child.get('sex') or Sex.UNKNOWN).label.lower()}"


def _add_referred_child(incident, child: dict, *, acting_user, request):
    taken = incident.children.values_list("pseudonym", flat=True)
    details = {**child, "pseudonym": next_pseudonym(taken)}
    return add_child(incident, details, acting_user=acting_user, request=request)


def _create_referral(incident: Incident, details: ReferralDetails, *, acting_user, request) -> Referral:
    case = details.case
    referral = Referral(
        partnership=incident.partnership,
        incident=incident,
        channel=details.channel,
        received_on=details.received_on,
        what_happened=case["what_happened"],
        agency_concerns=case.get("agency_concerns", ""),
        submitted_by=acting_user,
        **{name: case.get(name) or ("" if name != "referrer_agency" else None) for name in REFERRER_FIELDS},
    )
    if details.document:
        # A neutral file name: the original's name may be the child's.
        suffix = Path(details.document.name).suffix.lower()
        referral.original_document.save(
            f"referral-{incident.reference.replace('/', '-')}{suffix}", details.document, save=False
        )
    referral.save()
    record(
        AuditAction.CREATE,
        actor=acting_user,
        request=request,
        obj=referral,
        changes=changes_between({}, snapshot(referral, REFERRAL_FIELDS), redact=REFERRAL_REDACT),
    )
    return referral
