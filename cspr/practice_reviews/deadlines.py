"""A practice review's stage deadlines: the clock's due dates for the steps its kind tracks
(`stages.TRACKED_STEPS`), each completed by the date the records show it was done.

Nothing is stored twice: a step is done when its record exists (the reviewer's "no conflict" declaration,
the three notices, the terms agreed, the family invited, ...), so the status page, the list and its "late"
filter cannot disagree with what has been recorded. Completion dates are read through the related
managers' `.all()`, so a list that prefetches `PREFETCH` asks nothing more per review.
"""

import datetime as dt

from django.utils import timezone

from cspr.clock import compute_deadlines, get_step
from cspr.clock.status import DeadlineState, DeadlineStatus, deadline_status
from cspr.deadlines.clock import current_calendar, local_lengths
from cspr.publication.models import CopyRecipient

from .models import Declaration, InvolvementKind, InvolvementTrack, NoticeRecipient
from .stages import tracked_steps

# What `review_deadlines` reads, for the lists to fetch in a few queries for a whole page.
PREFETCH = ("reviewer_assignments", "notices", "involvement_steps", "drafts", "final_report_copies")
SELECT = ("quality_assurance",)


def clock_triggers(review) -> dict[str, dt.date | None]:
    """The decision starts the review's clock; publication (done or planned) the steps counted back from
    it. With neither date, the clock assumes publication on the day it is due (6 months by default)."""
    return {
        "practice_review_decided": review.decided_on,
        "publication": review.published_on or review.planned_publication_on,
    }


def completion_dates(review) -> dict[str, dt.date | None]:
    """When each step was done, from the records (None while it is not)."""
    assignments = review.reviewer_assignments.all()
    notices = review.notices.all()
    steps = review.involvement_steps.all()
    drafts = review.drafts.all()
    copies = review.final_report_copies.all()
    quality = getattr(review, "quality_assurance", None)
    notices_sent = {notice.recipient: notice.sent_on for notice in notices}
    return {
        "reviewer_appointed": _first(
            a.appointed_on for a in assignments if a.declaration == Declaration.NO_CONFLICT
        ),
        "practice_review_notices": max(notices_sent.values())
        if set(notices_sent) >= set(NoticeRecipient.values)
        else None,
        "terms_of_reference_agreed": review.terms_agreed_on,
        "family_invited": _first_step(steps, InvolvementTrack.FAMILY, InvolvementKind.INVITED),
        "practitioner_event": _first_step(steps, InvolvementTrack.PRACTITIONERS, InvolvementKind.EVENT_HELD),
        "first_draft_report": _first(timezone.localdate(draft.uploaded_at) for draft in drafts),
        "final_report_signed_off": quality.executive_signed_off_on if quality is not None else None,
        "final_report_to_panel": _first(c.sent_on for c in copies if c.recipient == CopyRecipient.PANEL),
        "family_sees_report": _first_step(steps, InvolvementTrack.FAMILY, InvolvementKind.REPORT_SHARED),
        "practice_review_published": review.published_on,
        "learning_review_completed": review.published_on,
    }


def review_deadlines(
    review,
    today: dt.date | None = None,
    calendar=None,
    *,
    lengths: dict[str, int] | None = None,
) -> list[DeadlineStatus]:
    """Every deadline the review's kind tracks on `today`, in the order the work goes.

    `lengths` are the partnership's own step lengths (`local_lengths`), passed in by lists that show
    many reviews of one partnership so they are read once.
    """
    calendar = calendar or current_calendar()
    today = today or timezone.localdate()
    if lengths is None:
        lengths = local_lengths(review.partnership_id)
    triggers = clock_triggers(review)
    due = compute_deadlines(triggers, lengths, calendar)
    done = completion_dates(review)
    statuses = []
    for code in tracked_steps(review.kind):
        step = get_step(code)
        assumed = triggers.get(step.trigger) is None
        statuses.append(deadline_status(step, due[code], done[code], today, calendar, assumed=assumed))
    return statuses


def overdue(statuses: list[DeadlineStatus]) -> list[DeadlineStatus]:
    """What is late now: the steps past their date and not done, soonest first."""
    late = [status for status in statuses if status.state is DeadlineState.OVERDUE]
    return sorted(late, key=lambda status: status.due_on)


def next_open(statuses: list[DeadlineStatus]) -> DeadlineStatus | None:
    """The earliest deadline not yet met (the list's "next due" column and sort)."""
    return min((s for s in statuses if s.is_open), key=lambda s: s.due_on, default=None)


def _first(dates) -> dt.date | None:
    return min((date for date in dates if date is not None), default=None)


def _first_step(steps, track: str, kind: str) -> dt.date | None:
    return _first(step.happened_on for step in steps if step.track == track and step.step == kind)
