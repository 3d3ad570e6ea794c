"""One action's page and what is done on it: the agency's progress update and evidence, the download of
evidence, and the business manager's or review group's assurance.

Agency leads reach only their own agency's actions (`action_for` is scoped by `visible_to`); the
partnership's decision makers read every action; `permissions` says who may update and who may assure.
"""

import datetime as dt
from typing import NamedTuple

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from cspr import permissions
from cspr.audit.log import record, viewed
from cspr.audit.models import AuditAction
from cspr.deadlines.clock import current_calendar

from .. import rules
from ..actions.progress import (
    EvidenceUpload,
    do_add_evidence,
    do_assure_action,
    do_send_back_action,
    do_update_action,
    evidence_label,
)
from ..evidence_files import content_type
from ..forms.progress import ASSURE, AssuranceForm, EvidenceForm, UpdateForm
from ..models import AssuranceDecision, AssuranceOutcome, Evidence, ProgressUpdate
from .access import action_for, evidence_for


class Event(NamedTuple):
    """One entry of an action's history: a progress update, evidence or an assurance decision."""

    at: dt.datetime
    kind: str
    record: object


def history(user, action) -> list[Event]:
    """Everything that happened to the action, newest first."""
    updates = ProgressUpdate.objects.visible_to(user).filter(action=action).select_related("written_by")
    evidence = Evidence.objects.visible_to(user).filter(action=action).select_related("uploaded_by")
    decisions = AssuranceDecision.objects.visible_to(user).filter(action=action).select_related("decided_by")
    events = [
        *(Event(update.written_at, "update", update) for update in updates),
        *(Event(item.uploaded_at, "evidence", item) for item in evidence),
        *(Event(decision.created_at, "decision", decision) for decision in decisions),
    ]
    return sorted(events, key=lambda event: event.at, reverse=True)


def _action_to_view(request, pk):
    action = action_for(request, pk)
    if not permissions.can_view_action_plans(request.user):
        raise PermissionDenied
    return action


def _action_to_update(request, pk):
    action = _action_to_view(request, pk)
    if not permissions.can_update_action(request.user, action):
        raise PermissionDenied
    return action


@require_safe
def action_page(request, pk):
    user = request.user
    action = _action_to_view(request, pk)
    viewed(request, action)
    today = timezone.localdate()
    events = history(user, action)
    decisions = [event.record for event in events if event.kind == "decision"]
    latest_decision = decisions[0] if decisions else None
    context = {
        "action": action,
        "recommendation": action.recommendation,
        "plan": action.recommendation.plan,
        "timing": rules.deadline_timing(action.status, action.due_on, today, current_calendar()),
        "events": events,
        "sent_back": latest_decision
        if latest_decision and latest_decision.outcome == AssuranceOutcome.SENT_BACK
        else None,
        "can_update": permissions.can_update_action(user, action),
        "can_assure": permissions.can_assure_action(user, action),
        "can_edit": permissions.can_edit_action(user, action),
    }
    return render(request, "action_plans/progress/action.html", context)


def _refused(request, action, error: ValueError):
    """The action changed under the form (someone else updated or assured it): say so on its page."""
    messages.error(request, str(error))
    return redirect(action)


@require_http_methods(["GET", "HEAD", "POST"])
def update_action(request, pk):
    action = _action_to_update(request, pk)
    posted = request.method == "POST"
    form = UpdateForm(
        request.POST if posted else None, request.FILES if posted else None, current_status=action.status
    )
    if posted and form.is_valid():
        data = form.cleaned_data
        evidence = (
            EvidenceUpload(data["file"], data["kind"], data["description"]) if form.has_evidence else None
        )
        try:
            do_update_action(
                action,
                status=data["status"],
                note=data["note"],
                evidence=evidence,
                acting_user=request.user,
                request=request,
            )
        except ValueError as error:
            return _refused(request, action, error)
        filed = " with evidence" if evidence else ""
        messages.success(request, f"Progress update saved{filed}: {rules.STATUS_LABELS[action.status]}")
        return redirect(action)
    viewed(request, action)
    context = {"action": action, "form": form, "title": "Update progress"}
    return render(request, "action_plans/progress/update.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def add_evidence(request, pk):
    action = _action_to_update(request, pk)
    posted = request.method == "POST"
    form = EvidenceForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        try:
            do_add_evidence(
                action,
                upload=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                description=form.cleaned_data["description"],
                acting_user=request.user,
                request=request,
            )
        except ValueError as error:
            return _refused(request, action, error)
        messages.success(request, "Evidence added")
        return redirect(action)
    viewed(request, action)
    context = {"action": action, "form": form, "title": "Add evidence"}
    return render(request, "action_plans/progress/evidence.html", context)


@require_safe
def evidence_download(request, pk):
    """The file as an attachment, never inline, served as the type its checked name says. The audit entry
    names the evidence by number: the file's own name may name the child."""
    evidence = evidence_for(request, pk)
    if not permissions.can_view_action_plans(request.user):
        raise PermissionDenied
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    record(AuditAction.VIEW, request=request, obj=evidence, object_repr=evidence_label(evidence))
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.original_name,
        content_type=content_type(evidence.file.name),
    )
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def assure_action(request, pk):
    action = _action_to_view(request, pk)
    if not permissions.can_assure_action(request.user, action):
        raise PermissionDenied
    today = timezone.localdate()
    form = AssuranceForm(request.POST if request.method == "POST" else None, today=today)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["outcome"] == ASSURE:
                do_assure_action(
                    action,
                    evidence_reviewed=data["evidence_reviewed"],
                    retest_on=data["retest_on"],
                    acting_user=request.user,
                    request=request,
                )
                message = "Action assured as embedded"
            else:
                do_send_back_action(
                    action, reasons=data["reasons"], acting_user=request.user, request=request
                )
                message = f"Action sent back to {action.agency.name}"
        except ValueError as error:
            return _refused(request, action, error)
        messages.success(request, message)
        return redirect(action)
    viewed(request, action)
    evidence = Evidence.objects.visible_to(request.user).filter(action=action).select_related("uploaded_by")
    latest_update = ProgressUpdate.objects.visible_to(request.user).filter(action=action).first()
    context = {
        "action": action,
        "form": form,
        "evidence": evidence,
        "latest_update": latest_update,
        "title": "Assure this action",
    }
    return render(request, "action_plans/progress/assure.html", context)


urlpatterns = [
    path("actions/<int:pk>/", action_page, name="action"),
    path("actions/<int:pk>/update/", update_action, name="update_action"),
    path("actions/<int:pk>/evidence/", add_evidence, name="add_evidence"),
    path("actions/<int:pk>/assure/", assure_action, name="assure_action"),
    path("evidence/<int:pk>/", evidence_download, name="evidence"),
]
