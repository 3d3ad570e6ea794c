"""Writing the serious incident notification: each change atomic, audited, and kept as a version.

Saving never changes an earlier version: it adds the next one, so what the Panel was sent stays readable.
Recording the submission to the Panel opens the rapid review and starts its clock.
The audit trail says which fields changed but never holds the notification's text (`content`) or the
free-text reasons, which describe the case.
"""

import datetime as dt

from django.db import transaction

from cspr.audit.log import changes_between, record, snapshot
from cspr.audit.models import AuditAction
from cspr.deadlines.clock import record_step_completion
from cspr.rapid_reviews.actions.opening import open_rapid_review

from ..models import Incident, IncidentStatus, Notification
from ..notification_content import Problem, build_content, problems

NOTIFICATION_FIELDS = [
    "version",
    "content",
    "notifier_name",
    "notifier_role",
    "notifier_email",
    "notifier_phone",
    "change_reason",
    "submitted_on",
    "panel_reference",
    "late_reason",
    "partners_informed_on",
    "ofsted_informed_on",
    "dfe_informed_on",
]
# Case text, and the snapshot holding it: the log says they changed, never what they say.
REDACT = ["content", "change_reason", "late_reason"]
INCIDENT_FIELDS = ["status", "notified_on", "panel_reference"]
# Facts about the incident rather than about one version's text: a new version carries them over.
COPY_DATES = ["partners_informed_on", "ofsted_informed_on", "dfe_informed_on"]


class NotificationIncomplete(Exception):
    """The incident lacks mandatory answers of the national form; nothing was saved."""

    def __init__(self, found: list[Problem]):
        super().__init__(f"{len(found)} mandatory answers missing")
        self.problems = found


def latest_version(incident: Incident) -> Notification | None:
    return incident.notifications.order_by("-version").first()


def _locked(incident: Incident) -> Incident:
    """The incident row locked for this transaction, so two saves cannot both make version N."""
    return Incident.objects.select_for_update().select_related("partnership").get(pk=incident.pk)


@transaction.atomic
def do_save_notification(
    incident: Incident, *, notifier: dict, local_authority: str, change_reason: str = "", acting_user, request
) -> Notification:
    """Snapshot the incident as the next version of its notification, if nothing mandatory is missing."""
    incident = _locked(incident)
    found = problems(incident)
    if found:
        raise NotificationIncomplete(found)
    previous = latest_version(incident)
    notification = Notification.objects.create(
        partnership=incident.partnership,
        incident=incident,
        version=previous.version + 1 if previous else 1,
        content=build_content(incident, notifier=notifier, local_authority=local_authority),
        notifier_name=notifier["name"],
        notifier_role=notifier["role"],
        notifier_email=notifier["email"],
        notifier_phone=notifier["phone"],
        change_reason=change_reason,
        saved_by=acting_user,
        **{name: getattr(previous, name) for name in COPY_DATES if previous is not None},
    )
    record(
        AuditAction.CREATE,
        actor=acting_user,
        request=request,
        obj=notification,
        changes=changes_between({}, snapshot(notification, NOTIFICATION_FIELDS), redact=REDACT),
    )
    return notification


def _first_submitted(incident: Incident) -> Notification | None:
    return incident.notifications.filter(submitted_on__isnull=False).order_by("version").first()


def is_first_submission(incident: Incident, notification: Notification) -> bool:
    """True for the version that notifies the Panel (or a correction of its date); later ones are updates."""
    first = _first_submitted(incident)
    return first is None or first.pk == notification.pk


@transaction.atomic
def do_record_submission(
    incident: Incident,
    notification: Notification,
    *,
    submitted_on: dt.date,
    panel_reference: str,
    late_reason: str = "",
    acting_user,
    request,
) -> Notification:
    """Record that this version went to the Panel; the first submission notifies the incident.

    The first submission sets the incident's notification date (from which the rapid review is due), its
    Panel reference and status, and writes the timeliness record. A changed version sent again later only
    records its own date: the statutory clock has already started.
    """
    incident = _locked(incident)
    first = is_first_submission(incident, notification)
    before = snapshot(notification, NOTIFICATION_FIELDS)
    notification.submitted_on = submitted_on
    notification.panel_reference = panel_reference
    notification.late_reason = late_reason
    notification.save(update_fields=["submitted_on", "panel_reference", "late_reason"])
    record(
        AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        obj=notification,
        changes=changes_between(before, snapshot(notification, NOTIFICATION_FIELDS), redact=REDACT),
    )
    if first:
        before = snapshot(incident, INCIDENT_FIELDS)
        incident.notified_on = submitted_on
        incident.panel_reference = panel_reference
        incident.status = IncidentStatus.NOTIFIED
        incident.save(update_fields=[*INCIDENT_FIELDS, "updated_at"])
        record(
            AuditAction.CHANGE,
            actor=acting_user,
            request=request,
            obj=incident,
            changes=changes_between(before, snapshot(incident, INCIDENT_FIELDS)),
        )
        record_step_completion(incident, "notification", submitted_on, actor=acting_user, request=request)
        open_rapid_review(incident, acting_user=acting_user, request=request)
    return notification


def _record_for_dfe_and_ofsted(incident: Incident, acting_user) -> Notification:
    """A looked-after child's or care leaver's death has no Panel notification: what DfE and Ofsted were
    told is kept as version 1, a snapshot like any other, so the dates have a record to live on."""
    local_authorities = [la.name for la in incident.partnership.local_authorities.all()]
    notifier = {
        "name": acting_user.full_name,
        "role": acting_user.job_title,
        "email": acting_user.email,
        "phone": "",
    }
    return Notification.objects.create(
        partnership=incident.partnership,
        incident=incident,
        version=1,
        content=build_content(incident, notifier=notifier, local_authority=", ".join(local_authorities)),
        notifier_name=notifier["name"],
        notifier_role=notifier["role"],
        notifier_email=notifier["email"],
        saved_by=acting_user,
    )


@transaction.atomic
def do_record_copies(incident: Incident, *, dates: dict, acting_user, request) -> Notification:
    """Record when the safeguarding partners, Ofsted and DfE were informed, on the current version.

    The partners' date completes the "safeguarding partners informed" step; for a care leaver's death,
    the later of the DfE and Ofsted dates completes the care leaver notification step.
    """
    incident = _locked(incident)
    notification = latest_version(incident) or _record_for_dfe_and_ofsted(incident, acting_user)
    before = snapshot(notification, NOTIFICATION_FIELDS)
    changed = [name for name, day in dates.items() if day is not None and getattr(notification, name) != day]
    for name in changed:
        setattr(notification, name, dates[name])
    notification.save(update_fields=COPY_DATES)
    record(
        AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        obj=notification,
        changes=changes_between(before, snapshot(notification, NOTIFICATION_FIELDS), redact=REDACT),
    )
    if (
        "partners_informed_on" in changed
        and "safeguarding_partners_informed" in incident.tracked_step_codes()
    ):
        record_step_completion(
            incident,
            "safeguarding_partners_informed",
            notification.partners_informed_on,
            actor=acting_user,
            request=request,
        )
    both = notification.dfe_informed_on and notification.ofsted_informed_on
    if (
        both
        and incident.status == IncidentStatus.CARE_LEAVER_DEATH
        and {"dfe_informed_on", "ofsted_informed_on"} & set(changed)
    ):
        record_step_completion(
            incident,
            "care_leaver_notification",
            max(notification.dfe_informed_on, notification.ofsted_informed_on),
            actor=acting_user,
            request=request,
        )
    return notification
