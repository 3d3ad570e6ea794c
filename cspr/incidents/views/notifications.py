"""The serious incident notification pages: check, save a version, record it sent, copies, documents.

Who may do what is decided by `permissions.can_notify` (complete and send it) and
`permissions.can_view_notification` (read it); versions are read through `visible_to`, which shows the
Panel only the versions sent to it.
"""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from cspr import permissions
from cspr.audit.log import record, viewed
from cspr.audit.models import AuditAction
from cspr.core.templatetags.govuk import govuk_date
from cspr.deadlines.clock import incident_deadlines

from ..actions.notification import (
    NotificationIncomplete,
    do_record_copies,
    do_record_submission,
    do_save_notification,
    is_first_submission,
)
from ..documents import document_context, filename
from ..documents.docx import render_docx
from ..documents.json_export import export_json
from ..documents.pdf import render_pdf
from ..forms.notification import CopiesForm, NotificationForm, SubmittedForm
from ..models import Incident, Notification
from ..notification_content import (
    DFE_AND_OFSTED_ONLY,
    build_content,
    changes,
    copies_for,
    incident_edit_url,
    problems,
    sections,
    status_of,
    why_not_notifiable,
)

# The deadlines this page reports; the rapid review has its own pages.
NOTIFICATION_STEPS = ("notification", "safeguarding_partners_informed", "care_leaver_notification")


def get_incident(request, pk: int, *, write: bool = False) -> Incident:
    """404 for an incident the user may not see; 403 if they may not read (or, with `write`, send) it."""
    incident = get_object_or_404(
        Incident.objects.visible_to(request.user).select_related("partnership"), pk=pk
    )
    allowed = permissions.can_notify if write else permissions.can_view_notification
    if not allowed(request.user, incident):
        raise PermissionDenied
    return incident


def versions_of(request, incident: Incident):
    """The versions this user may read, newest first (the Panel: those sent to it)."""
    return Notification.objects.visible_to(request.user).filter(incident=incident).order_by("-version")


def notification_url(incident: Incident) -> str:
    return reverse("incidents:notification", args=[incident.pk])


def local_authorities(incident: Incident) -> list[str]:
    return [la.name for la in incident.partnership.local_authorities.all()]


@require_safe
def notification_page(request, pk):
    incident = get_incident(request, pk)
    versions = list(versions_of(request, incident).select_related("saved_by"))
    current = versions[0] if versions else None
    can_notify = permissions.can_notify(request.user, incident)
    why_not = why_not_notifiable(incident)
    status_text, status_colour = status_of(versions)
    context = {
        "incident": incident,
        "incident_url": incident.get_absolute_url(),
        "versions": versions,
        "current": current,
        "status_text": status_text,
        "status_colour": status_colour,
        "can_notify": can_notify,
        "why_not": why_not,
        "deadlines": [
            deadline for deadline in incident_deadlines(incident) if deadline.step.code in NOTIFICATION_STEPS
        ],
        "copies": copies_for(incident),
        "dfe_and_ofsted_only": incident.status in DFE_AND_OFSTED_ONLY,
        "edit_url": incident_edit_url(incident),
        "first_submitted": next((v for v in reversed(versions) if v.submitted_on), None),
    }
    if can_notify and not why_not:
        # The check: the national form as it would be saved now, and what it still lacks.
        preview = build_content(
            incident,
            notifier=current.content.get("notifier", {}) if current else {},
            local_authority=current.content.get("local_authority", "") if current else "",
        )
        context["problems"] = [{"text": p.message, "href": p.url} for p in problems(incident)]
        context["check_sections"] = sections(preview)
        context["unsaved_changes"] = changes(current.content, preview) if current else []
    elif current is not None:
        context["current_sections"] = sections(current.content)
    viewed(request, incident)
    return render(request, "incidents/notification/notification.html", context)


def _form_errors(form) -> list[dict]:
    """The form's errors for an error summary shared with the incident's missing answers."""
    errors = []
    for bound_field in form:
        anchor = f"{bound_field.auto_id}_0" if bound_field.name == "local_authority" else bound_field.auto_id
        errors += [{"text": error, "href": f"#{anchor}"} for error in bound_field.errors]
    return errors


@require_http_methods(["GET", "HEAD", "POST"])
def notification_save(request, pk):
    incident = get_incident(request, pk, write=True)
    if why_not_notifiable(incident):
        return redirect(notification_url(incident))
    current = versions_of(request, incident).first()
    submitted_before = versions_of(request, incident).filter(submitted_on__isnull=False).exists()
    authorities = local_authorities(incident)
    if current is not None:
        initial = {
            "local_authority": current.content.get("local_authority", ""),
            "notifier_name": current.notifier_name,
            "notifier_role": current.notifier_role,
            "notifier_email": current.notifier_email,
            "notifier_phone": current.notifier_phone,
        }
    else:
        user = request.user
        initial = {
            "local_authority": authorities[0] if len(authorities) == 1 else "",
            "notifier_name": user.full_name,
            "notifier_role": user.job_title,
            "notifier_email": user.email,
        }
    form = NotificationForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        local_authorities=authorities,
        submitted_before=submitted_before,
    )
    found = [{"text": p.message, "href": p.url} for p in problems(incident)]
    if request.method == "POST" and form.is_valid() and not found:
        try:
            notification = do_save_notification(
                incident,
                notifier=form.notifier(),
                local_authority=form.cleaned_data["local_authority"],
                change_reason=form.cleaned_data.get("change_reason", ""),
                acting_user=request.user,
                request=request,
            )
        except NotificationIncomplete as error:
            found = [{"text": p.message, "href": p.url} for p in error.problems]
        else:
            messages.success(request, f"Version {notification.version} of the notification saved")
            return redirect(notification_url(incident))
    errors = found + (_form_errors(form) if form.is_bound else [])
    context = {
        "incident": incident,
        "form": form,
        "problems": found,
        "errors": errors,
        "next_version": current.version + 1 if current else 1,
        "submitted_before": submitted_before,
        "back_url": notification_url(incident),
    }
    return render(request, "incidents/notification/save.html", context)


@require_safe
def notification_version(request, pk, version):
    incident = get_incident(request, pk)
    versions = versions_of(request, incident)
    notification = get_object_or_404(versions, version=version)
    previous = versions.filter(version__lt=version).first()
    context = {
        **document_context(notification),
        "incident": incident,
        "notification": notification,
        "previous": previous,
        "changes": changes(previous.content if previous else None, notification.content),
        "is_current": notification.version == versions.first().version,
        "back_url": notification_url(incident),
    }
    viewed(request, notification)
    return render(request, "incidents/notification/version.html", context)


def _notification_deadline(incident: Incident):
    return next((d for d in incident_deadlines(incident) if d.step.code == "notification"), None)


@require_http_methods(["GET", "HEAD", "POST"])
def notification_submitted(request, pk):
    incident = get_incident(request, pk, write=True)
    if why_not_notifiable(incident):
        return redirect(notification_url(incident))
    current = versions_of(request, incident).first()
    if current is None:
        messages.error(request, "Save the notification before recording that it was sent to the Panel")
        return redirect(notification_url(incident))
    first = is_first_submission(incident, current)
    deadline = _notification_deadline(incident) if first else None
    initial = {
        "submitted_on": current.submitted_on,
        "panel_reference": current.panel_reference or incident.panel_reference,
        "late_reason": current.late_reason,
    }
    form = SubmittedForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        due_on=deadline.due_on if deadline else None,
        aware_on=incident.aware_on,
        today=timezone.localdate(),
    )
    if request.method == "POST" and form.is_valid():
        do_record_submission(
            incident,
            current,
            submitted_on=form.cleaned_data["submitted_on"],
            panel_reference=form.cleaned_data["panel_reference"],
            late_reason=form.cleaned_data.get("late_reason", ""),
            acting_user=request.user,
            request=request,
        )
        messages.success(
            request,
            f"Notification recorded as sent to the Panel on {govuk_date(form.cleaned_data['submitted_on'])}",
        )
        return redirect(notification_url(incident))
    if first:
        lead = (
            f"Record when version {current.version} was submitted through the national online form. "
            "The rapid review is due 15 working days from this date."
        )
    else:
        lead = (
            f"Record when the changed version {current.version} was sent to the Panel. The rapid review "
            "still counts from the first notification."
        )
    context = {
        "form": form,
        "title": "Record the notification as sent to the Panel",
        "button": "Save",
        "back_url": notification_url(incident),
        "lead": lead,
    }
    return render(request, "form_page.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def notification_copies(request, pk):
    incident = get_incident(request, pk, write=True)
    copies = copies_for(incident)
    dfe_and_ofsted_only = incident.status in DFE_AND_OFSTED_ONLY
    if why_not_notifiable(incident) and not dfe_and_ofsted_only:
        return redirect(notification_url(incident))
    current = versions_of(request, incident).first()
    if current is None and not dfe_and_ofsted_only:
        messages.error(request, "Save the notification before recording who else was informed")
        return redirect(notification_url(incident))
    initial = {name: getattr(current, name) for name in copies.shown} if current else {}
    form = CopiesForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        shown=copies.shown,
        required=copies.required,
        aware_on=incident.aware_on,
        today=timezone.localdate(),
    )
    if request.method == "POST" and form.is_valid():
        do_record_copies(incident, dates=form.cleaned_data, acting_user=request.user, request=request)
        messages.success(request, "Dates saved")
        return redirect(notification_url(incident))
    context = {
        "form": form,
        "title": "Record who else was informed",
        "button": "Save dates",
        "back_url": notification_url(incident),
        "lead": copies.explanation,
    }
    return render(request, "form_page.html", context)


# Documents of one version: the current one, or ?version=N.


def _document_version(request, pk):
    """The incident and the version asked for; None when no version is saved yet."""
    incident = get_incident(request, pk)
    versions = versions_of(request, incident)
    number = request.GET.get("version")
    if number is None:
        return incident, versions.first()
    if not number.isdigit():
        raise Http404
    return incident, get_object_or_404(versions, version=int(number))


def _download(request, notification, content: bytes, content_type: str, extension: str):
    record(
        AuditAction.EXPORT,
        request=request,
        obj=notification,
        changes={"format": extension, "version": notification.version},
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename(notification, extension)}"'
    response["Cache-Control"] = "no-store"
    return response


def _no_version(request, incident):
    messages.error(request, "There is no saved notification to download yet")
    return redirect(notification_url(incident))


@require_safe
def notification_print(request, pk):
    incident, notification = _document_version(request, pk)
    if notification is None:
        return _no_version(request, incident)
    record(AuditAction.EXPORT, request=request, obj=notification, changes={"format": "print"})
    context = {**document_context(notification), "back_url": notification_url(incident)}
    return render(request, "incidents/notification/print.html", context)


@require_safe
def notification_pdf(request, pk):
    incident, notification = _document_version(request, pk)
    if notification is None:
        return _no_version(request, incident)
    return _download(request, notification, render_pdf(notification), "application/pdf", "pdf")


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@require_safe
def notification_docx(request, pk):
    incident, notification = _document_version(request, pk)
    if notification is None:
        return _no_version(request, incident)
    return _download(request, notification, render_docx(notification), DOCX_TYPE, "docx")


@require_safe
def notification_json(request, pk):
    incident, notification = _document_version(request, pk)
    if notification is None:
        return _no_version(request, incident)
    content = json.dumps(export_json(notification), indent=2, ensure_ascii=False).encode()
    return _download(request, notification, content, "application/json", "json")


urlpatterns = [
    path("<int:pk>/notification/", notification_page, name="notification"),
    path("<int:pk>/notification/save/", notification_save, name="notification-save"),
    path("<int:pk>/notification/versions/<int:version>/", notification_version, name="notification-version"),
    path("<int:pk>/notification/submitted/", notification_submitted, name="notification-submitted"),
    path("<int:pk>/notification/copies/", notification_copies, name="notification-copies"),
    path("<int:pk>/notification/print/", notification_print, name="notification-print"),
    path("<int:pk>/notification/notification.pdf", notification_pdf, name="notification-pdf"),
    path("<int:pk>/notification/notification.docx", notification_docx, name="notification-docx"),
    path("<int:pk>/notification/notification.json", notification_json, name="notification-json"),
]
