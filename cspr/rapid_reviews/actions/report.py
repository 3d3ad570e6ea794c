"""Editing the rapid review report and recording it sent to the Panel: atomic and audited.

The report's text describes the case, so the audit trail records which sections changed, never what
they say. Sending freezes the report: `sent_report` keeps every section as the Panel received it.
"""

import datetime as dt

from django.db import transaction

from cspr.audit.log import REDACTED, changes_between, record, snapshot
from cspr.audit.models import AuditAction
from cspr.deadlines.clock import record_step_completion

from ..models import RapidReview, RapidReviewStatus
from ..report_content import SECTION_TITLES, build_sections, normalise, report_sections

SEND_FIELDS = ["status", "sent_on", "sent_by", "late_reason", "sent_report"]
SEND_REDACT = ["late_reason", "sent_report"]


def _locked(rapid_review: RapidReview) -> RapidReview:
    return (
        RapidReview.objects.select_for_update()
        .select_related("incident", "partnership")
        .get(pk=rapid_review.pk)
    )


def _save_report(rapid_review: RapidReview, report: dict, *, acting_user, request) -> list[str]:
    """Store the edited sections; audit which sections changed (by key), not their text."""
    before = rapid_review.report or {}
    changed = [key for key in SECTION_TITLES if before.get(key) != report.get(key)]
    if not changed:
        return []
    rapid_review.report = report
    rapid_review.save(update_fields=["report", "updated_at"])
    record(
        AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        obj=rapid_review,
        changes={f"report.{key}": [REDACTED, REDACTED] for key in changed},
    )
    return changed


@transaction.atomic
def do_edit_report(
    rapid_review: RapidReview, texts: dict[str, str], *, rebuild: str = "", acting_user, request
) -> list[str]:
    """Keep as edited only the sections whose text differs from what the data gives; return those changed.

    A section left as built is not stored, so it keeps following the data (a return submitted later, a
    corrected decision) until the report is sent. The section named by `rebuild` drops its edits.
    """
    rapid_review = _locked(rapid_review)
    built = build_sections(rapid_review)
    report = {}
    for key in SECTION_TITLES:
        if key == rebuild:
            continue
        text = normalise(texts[key])
        if text != normalise(built[key]):
            report[key] = text
    return _save_report(rapid_review, report, acting_user=acting_user, request=request)


@transaction.atomic
def do_send_rapid_review(
    rapid_review: RapidReview, *, sent_on: dt.date, late_reason: str, acting_user, request
) -> RapidReview:
    """Record the rapid review sent to the Panel: freeze the report, start the Panel's response clock.

    Completes the statutory `rapid_review` step with the date sent (its timeliness record) and sets the
    incident's `rapid_review_sent_on`, from which the Panel's response is expected.
    """
    rapid_review = _locked(rapid_review)
    before = snapshot(rapid_review, SEND_FIELDS)
    rapid_review.sent_report = report_sections(rapid_review)
    rapid_review.sent_on = sent_on
    rapid_review.sent_by = acting_user
    rapid_review.late_reason = late_reason
    rapid_review.status = RapidReviewStatus.SENT
    rapid_review.save(update_fields=[*SEND_FIELDS, "updated_at"])
    record(
        AuditAction.SEND,
        actor=acting_user,
        request=request,
        obj=rapid_review,
        changes=changes_between(before, snapshot(rapid_review, SEND_FIELDS), redact=SEND_REDACT),
    )
    incident = rapid_review.incident
    incident_before = snapshot(incident, ["rapid_review_sent_on"])
    incident.rapid_review_sent_on = sent_on
    incident.save(update_fields=["rapid_review_sent_on", "updated_at"])
    record(
        AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        obj=incident,
        changes=changes_between(incident_before, snapshot(incident, ["rapid_review_sent_on"])),
    )
    record_step_completion(incident, "rapid_review", sent_on, actor=acting_user, request=request)
    return rapid_review
