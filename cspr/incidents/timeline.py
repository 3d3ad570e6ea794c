"""Everything that happened to an incident, read back from the audit trail, most recent first.

The audit trail already records every change with who and when, so the timeline is a view of it rather than
a second record that could disagree. An entry belongs to the incident when its record is the incident or
one of its children, referrals, screening, partner decisions, notification versions, links or step
completions. Only records the viewer may see count: an agency lead's timeline leaves out the screening.
"""

from dataclasses import dataclass

from django.db.models import Q

from cspr.accounts.models import Role
from cspr.audit.models import AuditAction, AuditEvent
from cspr.deadlines.models import StepCompletion
from cspr.incidents.models import (
    Child,
    Incident,
    IncidentLink,
    Notification,
    PartnerDecision,
    Referral,
    Screening,
)

# More than this and the page points to the audit log instead.
TIMELINE_LIMIT = 200


@dataclass(frozen=True)
class TimelineEntry:
    event: AuditEvent

    @property
    def who(self) -> str:
        """The person's name and role as they were recorded; the email address if the account is gone."""
        role = Role(self.event.actor_role).label if self.event.actor_role in Role.values else ""
        actor = self.event.actor
        name = actor.full_name if actor is not None else self.event.actor_email or "The system"
        return f"{name} ({role})" if role else name

    @property
    def what(self) -> str:
        return f"{self.event.get_action_display()}: {self.event.object_repr}"

    @property
    def fields_changed(self) -> list[str]:
        """The names of the fields changed, never their values (which may be redacted case text)."""
        return [field for field, _, _ in self.event.change_rows()]


def incident_records(incident: Incident, user) -> dict[str, list[int]]:
    """The audit object type ("incidents.child") and primary keys of each record of this incident the
    user may see."""
    links = IncidentLink.objects.visible_to(user).filter(Q(from_incident=incident) | Q(to_incident=incident))
    querysets = [
        Child.objects.visible_to(user).filter(incident=incident),
        Referral.objects.visible_to(user).filter(incident=incident),
        Screening.objects.visible_to(user).filter(incident=incident),
        PartnerDecision.objects.visible_to(user).filter(screening__incident=incident),
        Notification.objects.visible_to(user).filter(incident=incident),
        links,
        StepCompletion.objects.visible_to(user).filter(incident=incident),
    ]
    records = {Incident._meta.label_lower: [incident.pk]}
    for queryset in querysets:
        records[queryset.model._meta.label_lower] = list(queryset.values_list("pk", flat=True))
    return records


def incident_timeline(incident: Incident, user, *, include_views: bool = False) -> list[TimelineEntry]:
    """The incident's audit entries the user may see, newest first, page views only when asked for."""
    matches = Q()
    for object_type, pks in incident_records(incident, user).items():
        if pks:
            matches |= Q(object_type=object_type, object_id__in=[str(pk) for pk in pks])
    events = AuditEvent.objects.filter(matches, partnership_id=incident.partnership_id)
    if not include_views:
        events = events.exclude(action=AuditAction.VIEW)
    events = events.select_related("actor").order_by("-sequence")[:TIMELINE_LIMIT]
    return [TimelineEntry(event) for event in events]
