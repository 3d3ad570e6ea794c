"""The partners' monitoring of time and quality: progress checks, written requests for drafts (generated
text, emailed to the reviewer), and who may record them."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from cspr.audit.models import AuditEvent
from cspr.practice_reviews.models import MonitoringEntry

from .running_records import TODAY, build_review


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def review(partnership, agency, incident, independent_reviewer, agency_lead):
    return build_review(partnership, agency, incident, independent_reviewer, agency_lead)


def url(review, kind="") -> str:
    base = reverse("practice_reviews:monitoring-add", args=[review.pk])
    return f"{base}?kind={kind}" if kind else base


def date_fields(name, on: dt.date) -> dict:
    return {f"{name}_day": on.day, f"{name}_month": on.month, f"{name}_year": on.year}


def check_data(assessment="at_risk", notes="Panel meetings slipped by two weeks.") -> dict:
    return {
        **date_fields("entry_on", dt.date(2027, 1, 18)),
        "time_assessment": assessment,
        "quality_notes": notes,
    }


def request_data(due=dt.date(2027, 2, 12), letter="") -> dict:
    return {
        **date_fields("entry_on", dt.date(2027, 1, 20)),
        **date_fields("draft_due_on", due),
        "request_letter": letter,
    }


def test_the_page_first_asks_what_to_record(client, business_manager, review):
    client.force_login(business_manager)
    page = client.get(url(review)).content.decode()
    assert "What do you want to record?" in page
    assert "Written request for a draft" in page
    wrong = client.get(url(review, "something_else")).content.decode()
    assert "Select a progress check or a request for a draft" in wrong


def test_executive_member_records_a_progress_check(client, executive_member, review):
    client.force_login(executive_member)
    response = client.post(url(review, "progress_check"), check_data())
    assert response.status_code == 302
    entry = MonitoringEntry.objects.get(practice_review=review)
    assert (entry.kind, entry.time_assessment, entry.entry_on) == (
        "progress_check",
        "at_risk",
        dt.date(2027, 1, 18),
    )
    page = client.get(url(review)).content.decode()
    assert "At risk" in page
    assert "Panel meetings slipped by two weeks." in page


def test_a_progress_check_needs_an_assessment_and_notes(client, business_manager, review):
    client.force_login(business_manager)
    response = client.post(url(review, "progress_check"), check_data(assessment="", notes=""))
    page = response.content.decode()
    assert "Select whether the review is on track, at risk or behind" in page
    assert "Enter notes on the review&#x27;s progress and quality" in page
    assert not MonitoringEntry.objects.exists()


def test_a_request_for_a_draft_writes_the_standard_letter_and_emails_the_reviewer(
    client, business_manager, independent_reviewer, review, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(business_manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(review, "draft_requested"), request_data())
    assert response.status_code == 302
    entry = MonitoringEntry.objects.get(practice_review=review)
    assert entry.kind == "draft_requested"
    assert entry.draft_due_on == dt.date(2027, 2, 12)
    letter = entry.request_letter
    assert f"Dear {independent_reviewer.full_name}" in letter
    assert f"Practice review {review.reference}: Child K" in letter
    assert "by 12 February 2027" in letter
    assert business_manager.full_name in letter
    assert "Kai" not in letter  # the child's real name never goes into the letter
    assert [message.to for message in mailoutbox] == [[independent_reviewer.email]]
    assert "by 12 February 2027" in mailoutbox[0].body
    assert review.get_absolute_url() in mailoutbox[0].body


def test_a_request_keeps_the_text_the_business_manager_wrote(client, business_manager, review):
    client.force_login(business_manager)
    client.post(url(review, "draft_requested"), request_data(letter="Please send chapters 1 to 3."))
    assert MonitoringEntry.objects.get().request_letter == "Please send chapters 1 to 3."


def test_the_draft_must_be_due_after_the_request(client, business_manager, review):
    client.force_login(business_manager)
    response = client.post(url(review, "draft_requested"), request_data(due=dt.date(2027, 1, 20)))
    assert "The date the draft is due must be after the date of the request" in response.content.decode()
    assert not MonitoringEntry.objects.exists()


def test_audit_row_leaves_out_the_notes_and_the_letter(client, business_manager, review):
    client.force_login(business_manager)
    client.post(url(review, "draft_requested"), request_data(letter="Please send chapters 1 to 3."))
    event = AuditEvent.objects.get(object_type="practice_reviews.monitoringentry")
    assert event.changes["request_letter"] == [None, "(not recorded)"]
    assert event.changes["draft_due_on"] == [None, "2027-02-12"]


@pytest.mark.parametrize("persona", ["review_group_member", "agency_lead", "independent_reviewer"])
def test_only_the_partners_monitor_the_review(client, request, review, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(url(review, "progress_check"), check_data()).status_code == 403
    assert not MonitoringEntry.objects.exists()


def test_another_partnership_does_not_see_the_review(client, other_business_manager, review):
    client.force_login(other_business_manager)
    assert client.get(url(review)).status_code == 404
