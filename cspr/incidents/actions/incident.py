"""Changes to an incident's details, its children and its links: each atomic, each audited.

The audit log says which fields changed but never what a name, a date of birth or free text about
the case says (`redact`). A submitted notification keeps its own versions, so editing is allowed
after notification and nothing here touches notifications.
"""

from django.db import transaction
from django.db.models import Max

from cspr.audit.log import changes_between, record, snapshot
from cspr.audit.models import AuditAction
from cspr.incidents.models import Child, Incident, IncidentLink
from cspr.incidents.models.incident import CHILD_DETAILS

INCIDENT_FIELDS = [
    "reference",
    "status",
    "aware_on",
    "incident_on",
    "place",
    "location",
    "nature",
    "summary",
    "further_children",
    "agencies_involved",
    "notifier",
]
INCIDENT_REDACT = ["location", "summary", "further_children"]

CHILD_FIELDS = ["position", *CHILD_DETAILS]
CHILD_REDACT = ["name", "date_of_birth"]


@transaction.atomic
def do_save_incident(form, *, acting_user, request) -> Incident:
    """Save the incident details form (a change summary goes in the audit log, free text redacted)."""
    before = snapshot(Incident.objects.get(pk=form.instance.pk), INCIDENT_FIELDS)
    incident = form.save()
    record(
        AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        obj=incident,
        changes=changes_between(before, snapshot(incident, INCIDENT_FIELDS), redact=INCIDENT_REDACT),
    )
    return incident


def add_child(incident: Incident, details: dict, *, acting_user, request) -> Child:
    """A new child at the next position of `incident`, audited. Callers hold the transaction."""
    position = (incident.children.aggregate(last=Max("position"))["last"] or 0) + 1
    fields = {name: value for name, value in details.items() if name in CHILD_FIELDS}
    child = Child.objects.create(
        partnership=incident.partnership, incident=incident, position=position, **fields
    )
    record(
        AuditAction.CREATE,
        actor=acting_user,
        request=request,
        obj=child,
        changes=changes_between({}, snapshot(child, CHILD_FIELDS), redact=CHILD_REDACT),
    )
    return child


@transaction.atomic
def do_add_child(form, incident: Incident, *, acting_user, request) -> Child:
    return add_child(incident, form.cleaned_data, acting_user=acting_user, request=request)


@transaction.atomic
def do_save_child(form, *, acting_user, request) -> Child:
    before = snapshot(Child.objects.get(pk=form.instance.pk), CHILD_FIELDS)
    child = form.save()
    record(
        AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        obj=child,
        changes=changes_between(before, snapshot(child, CHILD_FIELDS), redact=CHILD_REDACT),
    )
    return child


@transaction.atomic
def do_remove_child(child: Child, *, acting_user, request) -> None:
    label = child.audit_label()
    before = snapshot(child, CHILD_FIELDS)
    record(
        AuditAction.DELETE,
        actor=acting_user,
        request=request,
        obj=child,
        object_repr=label,
        changes=changes_between(before, {}, redact=CHILD_REDACT),
    )
    child.delete()


@transaction.atomic
def do_link_incidents(
    incident: Incident, other: Incident, kind: str, *, acting_user, request
) -> IncidentLink:
    link = IncidentLink.objects.create(
        partnership=incident.partnership, from_incident=incident, to_incident=other, kind=kind
    )
    record(
        AuditAction.CREATE,
        actor=acting_user,
        request=request,
        obj=link,
        changes={"kind": [None, kind], "from_incident": [None, incident.pk], "to_incident": [None, other.pk]},
    )
    return link


@transaction.atomic
def do_remove_link(link: IncidentLink, *, acting_user, request) -> None:
    record(
        AuditAction.DELETE,
        actor=acting_user,
        request=request,
        obj=link,
        object_repr=link.audit_label(),
        changes={"kind": [link.kind, None]},
    )
    link.delete()
