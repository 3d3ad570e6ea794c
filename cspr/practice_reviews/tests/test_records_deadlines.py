"""A practice review's stage deadlines: due dates from the decision (and the planned or assumed
publication), each step completed by the record that shows it was done, and what is late on the page.

Decided Thursday 26 November 2026: reviewer due 17 December (15 working days), notices, terms and the
family's invitation 24 December (20 working days), publication 26 May 2027 (6 months).
"""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from cspr.clock.status import DeadlineState
from cspr.deadlines.models import LocalStepLength
from cspr.practice_reviews.deadlines import overdue, review_deadlines
from cspr.practice_reviews.models import (
    CommissioningNotice,
    Declaration,
    InvolvementKind,
    InvolvementStep,
    InvolvementTrack,
    NoticeRecipient,
    QualityAssurance,
    ReportDraft,
    ReviewKind,
)
from cspr.practice_reviews.stages import LEARNING_REVIEW_STEPS, LOCAL_CSPR_STEPS, NATIONAL_REVIEW_STEPS
from cspr.publication.models import CopyRecipient, FinalReportCopy

from .records import appoint_reviewer, make_practice_review

pytestmark = pytest.mark.django_db


def by_code(review, today):
    return {status.step.code: status for status in review_deadlines(review, today=today)}


def test_each_kind_tracks_its_own_steps(partnership):
    for kind, steps in (
        (ReviewKind.LOCAL_CSPR, LOCAL_CSPR_STEPS),
        (ReviewKind.NATIONAL_REVIEW, NATIONAL_REVIEW_STEPS),
        (ReviewKind.LEARNING_REVIEW, LEARNING_REVIEW_STEPS),
    ):
        review = make_practice_review(partnership, kind=kind, title=f"Review {kind}")
        codes = [status.step.code for status in review_deadlines(review, today=dt.date(2026, 12, 1))]
        assert codes == list(steps)
    # A learning review is not statutory: no notices, no copies, "completed" rather than "published".
    assert "practice_review_notices" not in LEARNING_REVIEW_STEPS
    assert "learning_review_completed" in LEARNING_REVIEW_STEPS
    assert "practice_review_published" not in LEARNING_REVIEW_STEPS


def test_due_dates_count_from_the_decision_and_back_from_the_assumed_publication(partnership):
    review = make_practice_review(partnership)
    due = {code: status.due_on for code, status in by_code(review, dt.date(2026, 12, 1)).items()}
    assert due["reviewer_appointed"] == dt.date(2026, 12, 17)
    assert due["practice_review_notices"] == dt.date(2026, 12, 24)
    assert due["terms_of_reference_agreed"] == dt.date(2026, 12, 24)
    assert due["practitioner_event"] == dt.date(2027, 2, 26)
    assert due["practice_review_published"] == dt.date(2027, 5, 26)
    # No publication date planned: counted back from the 6 months, and marked as assumed.
    statuses = by_code(review, dt.date(2026, 12, 1))
    assert statuses["final_report_to_panel"].due_on == dt.date(2027, 5, 17)
    assert statuses["final_report_to_panel"].assumed
    assert not statuses["reviewer_appointed"].assumed


def test_a_planned_publication_date_moves_the_steps_before_publication(partnership):
    review = make_practice_review(partnership, planned_publication_on=dt.date(2027, 3, 31))
    statuses = by_code(review, dt.date(2026, 12, 1))
    assert statuses["final_report_to_panel"].due_on == dt.date(2027, 3, 18)
    assert statuses["family_sees_report"].due_on == dt.date(2027, 3, 15)
    assert not statuses["final_report_to_panel"].assumed


def test_the_partnerships_own_length_is_used(partnership):
    LocalStepLength.objects.create(partnership=partnership, step_code="reviewer_appointed", length=10)
    review = make_practice_review(partnership)
    assert by_code(review, dt.date(2026, 12, 1))["reviewer_appointed"].due_on == dt.date(2026, 12, 10)


def test_the_reviewer_step_is_done_only_by_a_no_conflict_declaration(partnership, independent_reviewer):
    review = make_practice_review(partnership)
    assignment = appoint_reviewer(review, independent_reviewer, declared=False)
    assignment.appointed_on = dt.date(2026, 12, 3)
    assignment.save()
    # Awaited on the day after it was due: overdue.
    status = by_code(review, dt.date(2026, 12, 18))["reviewer_appointed"]
    assert status.state is DeadlineState.OVERDUE
    assignment.declaration = Declaration.CONFLICT
    assignment.save()
    assert by_code(review, dt.date(2026, 12, 18))["reviewer_appointed"].is_open
    assignment.declaration = Declaration.NO_CONFLICT
    assignment.save()
    status = by_code(review, dt.date(2026, 12, 18))["reviewer_appointed"]
    assert status.completed_on == dt.date(2026, 12, 3)
    assert status.state is DeadlineState.MET


def test_the_notices_step_is_done_when_all_three_are_sent_on_the_last_date(partnership):
    review = make_practice_review(partnership)
    sent = {NoticeRecipient.PANEL: dt.date(2026, 12, 1), NoticeRecipient.OFSTED: dt.date(2026, 12, 2)}
    for recipient, day in sent.items():
        CommissioningNotice.objects.create(
            partnership=partnership,
            practice_review=review,
            recipient=recipient,
            letter="…",
            reviewer_named="A Reviewer",
            sent_on=day,
        )
    assert by_code(review, dt.date(2026, 12, 28))["practice_review_notices"].state is DeadlineState.OVERDUE
    CommissioningNotice.objects.create(
        partnership=partnership,
        practice_review=review,
        recipient=NoticeRecipient.DFE,
        letter="…",
        reviewer_named="A Reviewer",
        sent_on=dt.date(2026, 12, 29),
    )
    status = by_code(review, dt.date(2027, 1, 4))["practice_review_notices"]
    assert status.completed_on == dt.date(2026, 12, 29)
    assert status.state is DeadlineState.MET_LATE


def test_running_and_publication_steps_are_done_by_their_records(partnership):
    review = make_practice_review(partnership, terms_agreed_on=dt.date(2026, 12, 10))
    for track, step, day in (
        (InvolvementTrack.FAMILY, InvolvementKind.INVITED, dt.date(2026, 12, 7)),
        (InvolvementTrack.FAMILY, InvolvementKind.INVITED, dt.date(2027, 1, 7)),
        (InvolvementTrack.PRACTITIONERS, InvolvementKind.EVENT_HELD, dt.date(2027, 2, 1)),
        (InvolvementTrack.FAMILY, InvolvementKind.REPORT_SHARED, dt.date(2027, 5, 3)),
    ):
        InvolvementStep.objects.create(
            partnership=partnership, practice_review=review, track=track, step=step, happened_on=day
        )
    with time_machine.travel(dt.datetime(2027, 3, 20, 12, tzinfo=dt.UTC), tick=False):
        ReportDraft.objects.create(
            partnership=partnership, practice_review=review, version=1, file="d.docx", original_name="d.docx"
        )
    QualityAssurance.objects.create(
        partnership=partnership, practice_review=review, executive_signed_off_on=dt.date(2027, 4, 20)
    )
    FinalReportCopy.objects.create(
        partnership=partnership,
        practice_review=review,
        recipient=CopyRecipient.SECRETARY_OF_STATE,
        sent_on=dt.date(2027, 5, 1),
    )
    statuses = by_code(review, dt.date(2027, 5, 20))
    assert statuses["terms_of_reference_agreed"].completed_on == dt.date(2026, 12, 10)
    assert statuses["family_invited"].completed_on == dt.date(2026, 12, 7)  # the first invitation
    assert statuses["practitioner_event"].completed_on == dt.date(2027, 2, 1)
    assert statuses["first_draft_report"].completed_on == dt.date(2027, 3, 20)
    assert statuses["final_report_signed_off"].completed_on == dt.date(2027, 4, 20)
    assert statuses["family_sees_report"].completed_on == dt.date(2027, 5, 3)
    # Only the copy to the Panel completes "sent to the Panel": this one went to the Secretary of State.
    assert statuses["final_report_to_panel"].state is DeadlineState.OVERDUE
    assert [status.step.code for status in overdue(list(statuses.values()))] == [
        "reviewer_appointed",
        "practice_review_notices",
        "final_report_to_panel",
    ]
    review.published_on = dt.date(2027, 5, 25)
    review.save()
    assert by_code(review, dt.date(2027, 5, 27))["practice_review_published"].state is DeadlineState.MET


def test_a_learning_review_is_completed_when_published(partnership):
    review = make_practice_review(
        partnership, kind=ReviewKind.LEARNING_REVIEW, published_on=dt.date(2027, 6, 1)
    )
    status = by_code(review, dt.date(2027, 6, 2))["learning_review_completed"]
    assert status.completed_on == dt.date(2027, 6, 1)
    assert status.state is DeadlineState.MET_LATE


@time_machine.travel(dt.datetime(2026, 12, 18, 10, tzinfo=dt.UTC), tick=False)
def test_the_status_page_shows_what_is_late_first_and_every_deadline(client, partnership, business_manager):
    review = make_practice_review(partnership)
    client.force_login(business_manager)
    page = client.get(reverse("practice_reviews:detail", args=[review.pk])).content.decode()
    late_at = page.index("What is late")
    assert late_at < page.index("Stage deadlines")
    late_list = page[late_at : page.index("The review")]
    assert "Independent reviewer appointed" in late_list
    assert "Terms of reference agreed" not in late_list  # due 24 December: not late yet
    assert "Overdue by 1 working day" in page
    assert "26 May 2027" in page
    assert "Counted back from publication" in page
