"""The review group's meeting, immediate actions and the executive decision, through the pages.

Recording moves the rapid review on (open -> review group met -> decided), completes the rapid review
plan's clock steps with their timeliness, and audits every change without the case text or attendees.
"""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from cspr.action_plans.models import Action, ActionPlan, RecommendationKind
from cspr.action_plans.models import Recommendation as PlanRecommendation
from cspr.audit.models import AuditAction, AuditEvent
from cspr.deadlines.models import StepCompletion
from cspr.rapid_reviews.models import (
    ExecutiveDecision,
    RapidReviewStatus,
    Recommendation,
    ReviewGroupMeeting,
)

from .matrix import open_rapid_review
from .matrix_decision import decided_rapid_review, immediate_action, reviewed_rapid_review

LONDON = ZoneInfo("Europe/London")
FACTS = "Health visitor saw bruising on 3 November and did not refer."
ATTENDEE = "Robin Attendee"


@pytest.fixture(autouse=True)
def tuesday_8_december():
    """Notified 24 November: the meeting is due 10 December, partners' sign-off 15 December."""
    with time_machine.travel(dt.datetime(2026, 12, 8, 10, tzinfo=LONDON), tick=False):
        yield


@pytest.fixture
def ctx(incident, agency, other_agency):
    return {"incident": incident, "agency": agency, "partnership": incident.partnership}


@pytest.fixture
def rapid_review(ctx):
    return open_rapid_review(ctx)


@pytest.fixture
def bm(client, business_manager):
    client.force_login(business_manager)
    return client


def meeting_url(rapid_review):
    return reverse("rapid_reviews:review-group", args=[rapid_review.pk])


def decision_url(rapid_review):
    return reverse("rapid_reviews:executive-decision", args=[rapid_review.pk])


def rows(*attendees, total=3) -> dict:
    """The attendee formset's POST data: the given rows, then blank ones up to `total`."""
    data = {"attendees-TOTAL_FORMS": str(total), "attendees-INITIAL_FORMS": "0"}
    for index, row in enumerate(attendees):
        data.update({f"attendees-{index}-{name}": value for name, value in row.items()})
    return data


def meeting_data(agency, attendees=None, **changes) -> dict:
    attendees = attendees or [
        {"agency": str(agency.pk), "name": ATTENDEE, "role": "Detective inspector"},
        {"agency": "other", "organisation": "Polish Community Centre", "name": "Ola Guest", "role": ""},
    ]
    data = {
        "met_on_day": "7",
        "met_on_month": "12",
        "met_on_year": "2026",
        "facts": FACTS,
        "learning": "Bruising in non-mobile babies must always be referred.",
        "inequalities": "The family's first language is Polish; no interpreter was used.",
        "good_practice": "The hospital's child protection team acted the same day.",
        "recommendation": Recommendation.LOCAL_CSPR,
        "criteria": ["improvements_needed", "agencies_working_together"],
        "reasons": "Two agencies did not share what they knew.",
        **rows(*attendees),
    }
    data.update(changes)
    return data


def audit_text() -> str:
    return json.dumps(list(AuditEvent.objects.values("changes", "object_repr")))


def test_the_meeting_page_offers_blank_attendee_rows(bm, rapid_review, agency, other_agency):
    response = bm.get(meeting_url(rapid_review))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Record the review group meeting" in page
    assert page.count('name="attendees-') >= 3 * 4
    assert "attendees-2-name" in page and "attendees-3-name" not in page
    assert "Northshire GP Practices" in page and "Another organisation" in page


def test_recording_the_meeting_moves_the_review_on_and_completes_the_step(bm, rapid_review, agency):
    response = bm.post(meeting_url(rapid_review), meeting_data(agency))

    assert response.status_code == 302
    meeting = ReviewGroupMeeting.objects.get(rapid_review=rapid_review)
    assert meeting.met_on == dt.date(2026, 12, 7)
    assert meeting.facts == FACTS
    assert meeting.criteria == ["improvements_needed", "agencies_working_together"]
    attendees = list(meeting.attendees.order_by("pk"))
    assert [(a.organisation_name, a.name, a.role) for a in attendees] == [
        ("Northshire Police", ATTENDEE, "Detective inspector"),
        ("Polish Community Centre", "Ola Guest", ""),
    ]
    rapid_review.refresh_from_db()
    assert rapid_review.status == RapidReviewStatus.REVIEW_GROUP_MET
    step = StepCompletion.objects.get(incident=rapid_review.incident, step_code="review_group_meeting")
    assert (step.due_on, step.completed_on, step.working_days_late) == (
        dt.date(2026, 12, 10),
        dt.date(2026, 12, 7),
        -3,
    )
    created = AuditEvent.objects.get(
        action=AuditAction.CREATE, object_type="rapid_reviews.reviewgroupmeeting"
    )
    assert created.changes["facts"] == [None, "(not recorded)"]
    assert created.changes["recommendation"] == [None, "local_cspr"]
    assert created.changes["attendees"] == [0, 2]
    assert FACTS not in audit_text() and ATTENDEE not in audit_text() and "Polish" not in audit_text()


def test_an_empty_meeting_record_says_what_is_missing(bm, rapid_review):
    response = bm.post(meeting_url(rapid_review), rows())
    page = response.content.decode()
    assert response.status_code == 200
    for message in (
        "Enter the date the review group met",
        "Enter the facts the review group established",
        "Select what the review group recommends",
        "Enter the reasons for the recommendation",
        "Add at least one attendee of the meeting",
    ):
        assert message in page
    assert "govuk-form-group--error" in page
    assert not ReviewGroupMeeting.objects.exists()


def test_a_local_review_needs_a_regulation_11_criterion(bm, rapid_review, agency):
    response = bm.post(meeting_url(rapid_review), meeting_data(agency, criteria=[]))
    assert (
        "Select at least one regulation 11 criterion the case meets, to recommend a local child "
        "safeguarding practice review" in response.content.decode()
    )
    assert not ReviewGroupMeeting.objects.exists()


def test_no_further_review_needs_no_criterion(bm, rapid_review, agency):
    data = meeting_data(agency, criteria=[], recommendation=Recommendation.NO_FURTHER_REVIEW)
    assert bm.post(meeting_url(rapid_review), data).status_code == 302
    assert ReviewGroupMeeting.objects.get().criteria == []


def test_attendee_rows_need_a_name_and_an_organisation(bm, rapid_review, agency):
    attendees = [
        {"name": "No Agency"},
        {"agency": "other", "name": "No Organisation"},
        {"agency": str(agency.pk), "role": "Sergeant"},
    ]
    data = meeting_data(agency, attendees)
    page = bm.post(meeting_url(rapid_review), data).content.decode()
    assert "Select the attendee&#x27;s agency, or another organisation" in page
    assert "Enter the attendee&#x27;s organisation" in page
    assert "Enter the attendee&#x27;s name" in page
    assert not ReviewGroupMeeting.objects.exists()


def test_the_meeting_date_cannot_be_in_the_future(bm, rapid_review, agency):
    data = meeting_data(agency, met_on_day="9")
    page = bm.post(meeting_url(rapid_review), data).content.decode()
    assert "The date the review group met must be today or in the past" in page


def test_add_another_attendee_keeps_what_was_typed_and_saves_nothing(bm, rapid_review, agency):
    data = meeting_data(agency, add_attendee="1", facts="")
    response = bm.post(meeting_url(rapid_review), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "attendees-3-name" in page and "attendees-4-name" not in page
    assert f'value="{ATTENDEE}"' in page and "Polish Community Centre" in page
    assert "There is a problem" not in page
    assert not ReviewGroupMeeting.objects.exists()


def test_changing_the_meeting_removes_an_attendee_and_corrects_the_step(bm, rapid_review, agency):
    bm.post(meeting_url(rapid_review), meeting_data(agency))
    page = bm.get(meeting_url(rapid_review)).content.decode()
    assert "Change the review group meeting" in page and "Remove this attendee" in page

    data = meeting_data(agency, met_on_day="4")
    data["attendees-INITIAL_FORMS"] = "2"
    data["attendees-1-remove"] = "on"
    assert bm.post(meeting_url(rapid_review), data).status_code == 302

    meeting = ReviewGroupMeeting.objects.get()
    assert [a.name for a in meeting.attendees.all()] == [ATTENDEE]
    step = StepCompletion.objects.get(incident=rapid_review.incident, step_code="review_group_meeting")
    assert step.completed_on == dt.date(2026, 12, 4)
    changed = AuditEvent.objects.filter(
        action=AuditAction.CHANGE, object_type="rapid_reviews.reviewgroupmeeting"
    )
    assert changed.get().changes["attendees"] == [2, 1]


# Immediate actions


def action_data(agency, **changes) -> dict:
    data = {
        "description": "Check the safety plan for the older sibling.",
        "owner": "Sam Social Worker",
        "owner_agency": str(agency.pk),
        "due_on_day": "11",
        "due_on_month": "12",
        "due_on_year": "2026",
    }
    data.update(changes)
    return data


def test_adding_an_immediate_action(client, review_group_member, rapid_review, agency):
    """It goes into the rapid review's action plan (started on first use), for the agency to report on."""
    client.force_login(review_group_member)
    url = reverse("rapid_reviews:immediate-action-add", args=[rapid_review.pk])
    assert client.post(url, action_data(agency)).status_code == 302

    action = Action.objects.get()
    assert (action.owner, action.agency, action.due_on, action.status) == (
        "Sam Social Worker",
        agency,
        dt.date(2026, 12, 11),
        "not_started",
    )
    recommendation = action.recommendation
    assert recommendation.kind == RecommendationKind.SAFETY_ACTION
    assert recommendation.plan.rapid_review == rapid_review
    assert list(recommendation.agencies.all()) == [agency]
    assert action.created_by == review_group_member
    page = client.get(rapid_review.get_absolute_url()).content.decode()
    assert "Check the safety plan for the older sibling." in page
    assert "11 December 2026" in page and "Not started" in page
    assert reverse("action_plans:plan", args=[recommendation.plan.pk]) in page
    assert "safety plan" not in audit_text() and "Sam Social Worker" not in audit_text()


def test_a_second_action_joins_the_same_plan(bm, rapid_review, agency):
    url = reverse("rapid_reviews:immediate-action-add", args=[rapid_review.pk])
    bm.post(url, action_data(agency))
    bm.post(url, action_data(agency, description="Share the police timetable."))
    assert ActionPlan.objects.count() == 1
    assert sorted(PlanRecommendation.objects.values_list("number", flat=True)) == [1, 2]


def test_an_immediate_action_needs_what_which_agency_who_and_when(bm, rapid_review):
    url = reverse("rapid_reviews:immediate-action-add", args=[rapid_review.pk])
    page = bm.post(url, {}).content.decode()
    for message in (
        "Enter what needs to be done",
        "Select the agency that will do it",
        "Enter who will do it",
        "Enter the date the action is due",
    ):
        assert message in page
    assert not Action.objects.exists() and not ActionPlan.objects.exists()


def test_an_overdue_immediate_action_is_tagged(bm, ctx, rapid_review):
    immediate_action(ctx)  # due 30 November
    assert "Overdue" in bm.get(rapid_review.get_absolute_url()).content.decode()


# The executive decision


def decision_data(**changes) -> dict:
    data = {
        "decided_by_name": "Alex Director",
        "decided_by_role": "Director of Children's Services",
        "decided_on_day": "8",
        "decided_on_month": "12",
        "decided_on_year": "2026",
        "agrees": "yes",
        "rationale": "The executive accepts the review group's analysis.",
    }
    data.update(changes)
    return data


def test_the_decision_waits_for_the_recommendation(client, executive_member, rapid_review):
    client.force_login(executive_member)
    response = client.get(decision_url(rapid_review), follow=True)
    assert "Record the review group&#x27;s recommendation before the executive decision" in (
        response.content.decode()
    )


def test_the_decision_defaults_to_the_signed_in_executive(client, executive_member, ctx):
    executive_member.full_name = "Jo Executive"
    executive_member.job_title = "Chief Superintendent"
    executive_member.save()
    rapid_review = reviewed_rapid_review(ctx)
    client.force_login(executive_member)
    page = client.get(decision_url(rapid_review)).content.decode()
    assert 'value="Jo Executive"' in page and 'value="Chief Superintendent"' in page
    assert "No further review" in page


def test_agreeing_decides_the_recommendation_and_completes_sign_off(client, executive_member, ctx):
    rapid_review = reviewed_rapid_review(ctx)
    client.force_login(executive_member)
    data = decision_data(decision=Recommendation.LOCAL_CSPR)  # ignored: the executive agrees
    assert client.post(decision_url(rapid_review), data).status_code == 302

    decision = ExecutiveDecision.objects.get()
    assert decision.agrees and decision.decision == Recommendation.NO_FURTHER_REVIEW
    assert decision.recorded_by == executive_member
    rapid_review.refresh_from_db()
    assert rapid_review.status == RapidReviewStatus.DECIDED
    step = StepCompletion.objects.get(incident=rapid_review.incident, step_code="partners_sign_off")
    assert (step.due_on, step.completed_on, step.working_days_late) == (
        dt.date(2026, 12, 15),
        dt.date(2026, 12, 8),
        -5,
    )
    created = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="rapid_reviews.executivedecision")
    assert created.changes["rationale"] == [None, "(not recorded)"]
    assert "analysis" not in audit_text()


def test_disagreeing_needs_a_different_decision(bm, ctx):
    rapid_review = reviewed_rapid_review(ctx)
    page = bm.post(decision_url(rapid_review), decision_data(agrees="no")).content.decode()
    assert "Select what the executive decided" in page
    same = decision_data(agrees="no", decision=Recommendation.NO_FURTHER_REVIEW)
    page = bm.post(decision_url(rapid_review), same).content.decode()
    assert "Select a decision different from the review group&#x27;s recommendation" in page
    assert not ExecutiveDecision.objects.exists()

    other = decision_data(agrees="no", decision=Recommendation.OTHER_LEARNING_REVIEW)
    assert bm.post(decision_url(rapid_review), other).status_code == 302
    decision = ExecutiveDecision.objects.get()
    assert not decision.agrees and decision.decision == Recommendation.OTHER_LEARNING_REVIEW


def test_the_decision_needs_a_rationale_and_a_date_after_the_meeting(bm, ctx):
    rapid_review = reviewed_rapid_review(ctx)  # met 25 November
    data = decision_data(rationale="", decided_on_day="24", decided_on_month="11", agrees="")
    page = bm.post(decision_url(rapid_review), data).content.decode()
    assert "Enter the rationale for the decision" in page
    assert "Select yes if the executive agrees with the recommendation" in page
    assert (
        "The date of the decision must be on or after the date the review group met (25 November 2026)"
        in page
    )


def test_the_rapid_review_page_shows_the_review_group_and_decision(client, executive_member, ctx):
    rapid_review = decided_rapid_review(ctx)
    immediate_action(ctx)
    client.force_login(executive_member)
    page = client.get(rapid_review.get_absolute_url()).content.decode()
    assert "Review group and executive decision" in page
    assert "25 November 2026" in page and "No further review" in page
    assert "Alex Director" in page and "The rationale." in page
    assert "Check the siblings" in page
    assert "Change the executive decision" in page
    assert "Record the review group meeting" not in page and "Add an immediate safety action" not in page


def test_nothing_is_recorded_once_the_rapid_review_is_sent(bm, ctx):
    rapid_review = decided_rapid_review(ctx)
    rapid_review.sent_on = dt.date(2026, 12, 8)
    rapid_review.save()
    action = immediate_action(ctx)
    assert bm.get(meeting_url(rapid_review)).status_code == 403
    assert bm.get(decision_url(rapid_review)).status_code == 403
    assert bm.get(reverse("rapid_reviews:immediate-action-add", args=[rapid_review.pk])).status_code == 403
    assert action.recommendation.plan.rapid_review == rapid_review


def test_the_panel_does_not_see_the_review_groups_working_record(client, panel_member, ctx):
    rapid_review = decided_rapid_review(ctx)
    rapid_review.sent_on = dt.date(2026, 12, 8)
    rapid_review.save()
    client.force_login(panel_member)
    page = client.get(rapid_review.get_absolute_url()).content.decode()
    assert "Review group and executive decision" not in page
    assert "Rapid review report" in page
