"""An action's progress: the agency's updates (status and note, from the page or the spreadsheet), the
evidence it files, and the assurance decision of the business manager or review group.

Each function is one transaction with its audit rows, and re-reads the action's status under a lock so two
people acting at once cannot both move it. Notes, reasons, descriptions and file names may describe the
case, so the audit log records that they were written, never what they say, and names evidence by its
number rather than by the name of the file.
"""

import datetime as dt
from pathlib import Path
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone

from cspr.audit.log import changes_between, record, snapshot
from cspr.audit.models import AuditAction

from .. import rules
from ..models import Action, AssuranceDecision, AssuranceOutcome, Evidence, ProgressUpdate
from .closing import refresh_closed

ACTION_FIELDS = ["status", "completed_on", "assured_on", "retest_on"]
UPDATE_FIELDS = ["action", "status", "note", "from_spreadsheet"]
EVIDENCE_FIELDS = ["action", "kind", "description", "original_name", "file"]
DECISION_FIELDS = ["action", "outcome", "evidence_reviewed", "retest_on", "reasons", "decided_on"]
FREE_TEXT = ["note", "description", "original_name", "file", "evidence_reviewed", "reasons"]


class EvidenceUpload(NamedTuple):
    """A file to file as evidence, with what it is and what it shows."""

    upload: object
    kind: str
    description: str


def evidence_label(evidence) -> str:
    """The audit log's name for a piece of evidence: its number, never its file name."""
    return f"Evidence {evidence.pk} for action {evidence.action_id}"


def _locked(action) -> Action:
    """The action as it is now, locked until the transaction ends."""
    return Action.objects.select_for_update().get(pk=action.pk)


def _audit_created(obj, fields, *, acting_user, request, object_repr=None) -> None:
    record(
        AuditAction.CREATE,
        actor=acting_user,
        request=request,
        obj=obj,
        changes=changes_between({}, snapshot(obj, fields), redact=FREE_TEXT),
        object_repr=object_repr,
    )


def _save_action(action, before: dict, *, acting_user, request) -> None:
    """Save the action's status fields and audit what changed, if anything did."""
    changes = changes_between(before, snapshot(action, ACTION_FIELDS))
    if not changes:
        return
    action.save(update_fields=[*ACTION_FIELDS, "updated_at"])
    record(AuditAction.CHANGE, actor=acting_user, request=request, obj=action, changes=changes)


def _sync(original, current) -> None:
    """Give the caller's copy of the action the values just saved."""
    for name in ACTION_FIELDS:
        setattr(original, name, getattr(current, name))


@transaction.atomic
def do_update_action(
    action,
    *,
    status: str,
    note: str,
    acting_user,
    request,
    from_spreadsheet: bool = False,
    evidence: EvidenceUpload | None = None,
) -> ProgressUpdate:
    """An agency's progress update: the status it reports and its note, with evidence if it sent some.

    Marking the action complete dates it (it then waits for assurance); moving it back from complete
    clears that date. Refuses with `ValueError` what `rules.agency_update_error` refuses (an assured
    action, a status an agency may not set), and an update that says nothing new.
    """
    current = _locked(action)
    error = rules.agency_update_error(current.status, status)
    if error:
        raise ValueError(error)
    note = note.strip()
    if not note and status == current.status:
        raise ValueError("Enter a progress note or choose a new status")
    today = timezone.localdate()
    before = snapshot(current, ACTION_FIELDS)
    if status == rules.COMPLETE and current.status != rules.COMPLETE:
        current.completed_on = today
    elif status != rules.COMPLETE:
        current.completed_on = None
    current.status = status
    _save_action(current, before, acting_user=acting_user, request=request)
    update = ProgressUpdate.objects.create(
        partnership_id=current.partnership_id,
        action=current,
        status=status,
        note=note,
        from_spreadsheet=from_spreadsheet,
        written_by=acting_user,
    )
    _audit_created(update, UPDATE_FIELDS, acting_user=acting_user, request=request)
    if evidence is not None:
        _add_evidence(current, evidence, acting_user=acting_user, request=request)
    refresh_closed(current.recommendation, today, acting_user=acting_user, request=request)
    _sync(action, current)
    return update


def _add_evidence(action, evidence: EvidenceUpload, *, acting_user, request) -> Evidence:
    upload = evidence.upload
    suffix = Path(upload.name).suffix.lower()
    original_name = Path(upload.name).name[:200]
    # The stored name says only which action it belongs to: the uploaded name may name the child.
    upload.name = f"action-{action.pk}-evidence{suffix}"
    filed = Evidence.objects.create(
        partnership_id=action.partnership_id,
        action=action,
        kind=evidence.kind,
        description=evidence.description.strip(),
        file=upload,
        original_name=original_name,
        uploaded_by=acting_user,
    )
    _audit_created(
        filed,
        EVIDENCE_FIELDS,
        acting_user=acting_user,
        request=request,
        object_repr=evidence_label(filed),
    )
    return filed


@transaction.atomic
def do_add_evidence(action, *, upload, kind: str, description: str, acting_user, request) -> Evidence:
    """File evidence on an action without changing its status; not once it is assured."""
    current = _locked(action)
    if current.status == rules.ASSURED:
        raise ValueError(rules.agency_update_error(current.status, current.status))
    return _add_evidence(
        current, EvidenceUpload(upload, kind, description), acting_user=acting_user, request=request
    )


def _decide(action, outcome: str, *, acting_user, request, **fields) -> tuple[Action, AssuranceDecision]:
    """Lock the action, check it can be decided on, and record the decision."""
    current = _locked(action)
    error = rules.assurance_error(current.status)
    if error:
        raise ValueError(error)
    decision = AssuranceDecision.objects.create(
        partnership_id=current.partnership_id,
        action=current,
        outcome=outcome,
        decided_by=acting_user,
        decided_on=timezone.localdate(),
        **fields,
    )
    _audit_created(decision, DECISION_FIELDS, acting_user=acting_user, request=request)
    return current, decision


@transaction.atomic
def do_assure_action(
    action, *, evidence_reviewed: str, retest_on: dt.date, acting_user, request
) -> AssuranceDecision:
    """Assure a complete action as embedded, with the evidence reviewed and the date to re-test it; the
    last assured action of a recommendation closes it."""
    today = timezone.localdate()
    if retest_on <= today:
        raise ValueError("The re-test date must be in the future")
    evidence_reviewed = evidence_reviewed.strip()
    if not evidence_reviewed:
        raise ValueError("Enter the evidence you reviewed")
    current, decision = _decide(
        action,
        AssuranceOutcome.ASSURED,
        acting_user=acting_user,
        request=request,
        evidence_reviewed=evidence_reviewed,
        retest_on=retest_on,
    )
    before = snapshot(current, ACTION_FIELDS)
    current.status = rules.ASSURED
    current.assured_on = today
    current.retest_on = retest_on
    _save_action(current, before, acting_user=acting_user, request=request)
    refresh_closed(current.recommendation, today, acting_user=acting_user, request=request)
    _sync(action, current)
    return decision


@transaction.atomic
def do_send_back_action(action, *, reasons: str, acting_user, request) -> AssuranceDecision:
    """Send a complete action back to its agency with the reasons: it is on track again, not complete."""
    reasons = reasons.strip()
    if not reasons:
        raise ValueError("Enter the reasons for sending it back")
    current, decision = _decide(
        action, AssuranceOutcome.SENT_BACK, acting_user=acting_user, request=request, reasons=reasons
    )
    before = snapshot(current, ACTION_FIELDS)
    current.status = rules.ON_TRACK
    current.completed_on = None
    _save_action(current, before, acting_user=acting_user, request=request)
    refresh_closed(current.recommendation, timezone.localdate(), acting_user=acting_user, request=request)
    _sync(action, current)
    return decision
