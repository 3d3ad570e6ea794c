"""Recording the review group's meeting and the executive's decision (immediate safety actions go into the
rapid review's action plan: `cspr.action_plans.actions.immediate`).

Each write is atomic and audited in the same transaction. The audit trail says which fields changed but
never what the case text says (facts, learning, reasons, rationale) nor who attended:
those fields are redacted. Recording the meeting and the decision completes the rapid review plan's
clock steps (`review_group_meeting`, `partners_sign_off`), so their timeliness is kept.
"""

from django.db import transaction

from cspr.audit.log import changes_between, record, snapshot
from cspr.audit.models import AuditAction
from cspr.deadlines.clock import record_step_completion

from ..models import (
    ExecutiveDecision,
    MeetingAttendee,
    RapidReview,
    RapidReviewStatus,
    ReviewGroupMeeting,
)

MEETING_FIELDS = [
    "met_on",
    "facts",
    "learning",
    "inequalities",
    "good_practice",
    "recommendation",
    "criteria",
    "reasons",
]
MEETING_REDACT = ["facts", "learning", "inequalities", "good_practice", "reasons"]
DECISION_FIELDS = [
    "decided_by_name",
    "decided_by_role",
    "decided_on",
    "agrees",
    "decision",
    "rationale",
]
DECISION_REDACT = ["rationale"]


def _locked(rapid_review: RapidReview) -> RapidReview:
    """The rapid review's row locked for this transaction, so two recordings cannot interleave."""
    return RapidReview.objects.select_for_update().select_related("incident").get(pk=rapid_review.pk)


def _move_status(rapid_review: RapidReview, status: RapidReviewStatus, *, from_statuses, request) -> None:
    """Move the rapid review on to `status` if it stands at one of `from_statuses`; never back."""
    if rapid_review.status not in from_statuses:
        return
    before = snapshot(rapid_review, ["status"])
    rapid_review.status = status
    rapid_review.save(update_fields=["status", "updated_at"])
    record(
        AuditAction.CHANGE,
        request=request,
        obj=rapid_review,
        changes=changes_between(before, snapshot(rapid_review, ["status"])),
    )


@transaction.atomic
def do_record_meeting(
    rapid_review: RapidReview, *, fields: dict, attendees: list[dict], acting_user, request
):
    """Create or correct the meeting record and replace its attendees.

    The first recording moves an open rapid review to "review group met"; the meeting date completes the
    `review_group_meeting` step (a corrected date corrects the timeliness record).
    """
    rapid_review = _locked(rapid_review)
    meeting = ReviewGroupMeeting.objects.filter(rapid_review=rapid_review).first()
    is_new = meeting is None
    if is_new:
        meeting = ReviewGroupMeeting(partnership_id=rapid_review.partnership_id, rapid_review=rapid_review)
        before, attendees_before = {}, 0
    else:
        before, attendees_before = snapshot(meeting, MEETING_FIELDS), meeting.attendees.count()
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.recorded_by = acting_user
    meeting.save()
    meeting.attendees.all().delete()
    MeetingAttendee.objects.bulk_create(
        MeetingAttendee(partnership_id=rapid_review.partnership_id, meeting=meeting, **attendee)
        for attendee in attendees
    )
    changes = changes_between(before, snapshot(meeting, MEETING_FIELDS), redact=MEETING_REDACT)
    # Who attended is personal: the log keeps how many, and that the list was saved again.
    changes["attendees"] = [attendees_before, len(attendees)]
    record(
        AuditAction.CREATE if is_new else AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        obj=meeting,
        changes=changes,
    )
    _move_status(
        rapid_review,
        RapidReviewStatus.REVIEW_GROUP_MET,
        from_statuses=[RapidReviewStatus.OPEN],
        request=request,
    )
    if is_new or before["met_on"] != meeting.met_on.isoformat():
        record_step_completion(
            rapid_review.incident, "review_group_meeting", meeting.met_on, actor=acting_user, request=request
        )
    return meeting


@transaction.atomic
def do_record_executive_decision(rapid_review: RapidReview, *, fields: dict, acting_user, request):
    """Create or correct the executive's decision; the rapid review is then decided and ready to send.

    The decision date completes the `partners_sign_off` step of the rapid review plan.
    """
    rapid_review = _locked(rapid_review)
    decision = ExecutiveDecision.objects.filter(rapid_review=rapid_review).first()
    is_new = decision is None
    if is_new:
        decision = ExecutiveDecision(partnership_id=rapid_review.partnership_id, rapid_review=rapid_review)
        before = {}
    else:
        before = snapshot(decision, DECISION_FIELDS)
    for name, value in fields.items():
        setattr(decision, name, value)
    decision.recorded_by = acting_user
    decision.save()
    record(
        AuditAction.CREATE if is_new else AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        obj=decision,
        changes=changes_between(before, snapshot(decision, DECISION_FIELDS), redact=DECISION_REDACT),
    )
    _move_status(
        rapid_review,
        RapidReviewStatus.DECIDED,
        from_statuses=[RapidReviewStatus.OPEN, RapidReviewStatus.REVIEW_GROUP_MET],
        request=request,
    )
    if is_new or before["decided_on"] != decision.decided_on.isoformat():
        record_step_completion(
            rapid_review.incident,
            "partners_sign_off",
            decision.decided_on,
            actor=acting_user,
            request=request,
        )
    return decision
