"""An agency's return: who sees it, the agency lead's list, saving a draft, checking and submitting it, and
the business manager reopening it with a reason."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from conftest import make_incident
from cspr.audit.models import AuditAction, AuditEvent
from cspr.rapid_reviews.models import AgencyReturn, ReturnStatus

from .matrix import agency_return as make_return
from .matrix import sent_rapid_review

TODAY = dt.datetime(2026, 11, 26, 12, tzinfo=ZoneInfo("Europe/London"))  # a Thursday
SUMMARY = "Kai Testchild was seen twice by the neighbourhood team in October."


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def police_return(incident, agency):
    """The agency lead's own agency's return, requested Tuesday 24 November, due Tuesday 1 December."""
    return make_return({"incident": incident, "agency": agency})


@pytest.fixture
def gp_return(police_return, other_agency):
    return AgencyReturn.objects.create(
        partnership=police_return.partnership,
        rapid_review=police_return.rapid_review,
        agency=other_agency,
        requested_on=dt.date(2026, 11, 24),
        due_on=dt.date(2026, 11, 25),
    )


def url(name: str, agency_return) -> str:
    return reverse(f"rapid_reviews:{name}", args=[agency_return.pk])


def page(client, user, address, status=200) -> str:
    client.force_login(user)
    response = client.get(address)
    assert response.status_code == status
    return response.content.decode()


# Who sees what


def test_the_agency_lead_sees_their_return_with_the_pseudonym_only(client, agency_lead, police_return):
    text = page(client, agency_lead, url("return", police_return))
    assert "Agency return of Northshire Police" in text
    assert "Child K" in text
    assert "Kai" not in text and "Testchild" not in text
    assert "1 December 2026" in text and "Due in 3 working days" in text
    assert reverse("chronology:return-entries", args=[police_return.pk]) in text
    assert "0 entries from Northshire Police" in text
    assert 'name="summary_of_involvement"' in text


def test_another_agencys_lead_gets_not_found(
    client, other_agency_lead, agency_lead, police_return, gp_return
):
    page(client, other_agency_lead, url("return", police_return), status=404)
    page(client, agency_lead, url("return", gp_return), status=404)
    page(client, agency_lead, url("return-check", gp_return), status=404)
    page(client, other_agency_lead, url("return", gp_return))


def test_my_returns_lists_only_the_agencys_own_returns(client, agency_lead, police_return, gp_return):
    text = page(client, agency_lead, reverse("rapid_reviews:my-returns"))
    assert "1 return" in text
    assert url("return", police_return) in text
    assert url("return", gp_return) not in text
    assert "2026/001" in text and "Child K" in text
    assert "Kai" not in text and "Testchild" not in text
    assert "Due in 3 working days" in text and "Requested" in text


def test_my_returns_filters_sorts_and_says_when_there_are_none(
    client, partnership, agency, agency_lead, police_return
):
    later_incident = make_incident(partnership, agency=agency, reference="2026/002")
    later = make_return({"incident": later_incident, "agency": agency})
    later.due_on = dt.date(2026, 11, 24)
    later.status = ReturnStatus.DRAFT
    later.save()
    text = page(client, agency_lead, reverse("rapid_reviews:my-returns"))
    assert text.index("2026/002") < text.index("2026/001")  # soonest due first
    assert "Overdue by 2 working days" in text
    text = page(client, agency_lead, reverse("rapid_reviews:my-returns") + "?sort=-due")
    assert text.index("2026/001") < text.index("2026/002")
    text = page(client, agency_lead, reverse("rapid_reviews:my-returns") + "?status=draft")
    assert "2026/002" in text and "2026/001" not in text
    text = page(client, agency_lead, reverse("rapid_reviews:my-returns") + "?status=submitted")
    assert "No returns match these filters" in text
    text = page(client, agency_lead, reverse("rapid_reviews:my-returns") + "?status=lost")
    assert "Select a status from the list" in text


def test_my_returns_empty_state(client, agency_lead):
    text = page(client, agency_lead, reverse("rapid_reviews:my-returns"))
    assert "Your agency has not been asked for any returns" in text


def test_my_returns_pages_through_many(client, partnership, agency, agency_lead):
    for number in range(1, 28):
        incident = make_incident(partnership, agency=agency, reference=f"2026/{number:03}")
        make_return({"incident": incident, "agency": agency})
    text = page(client, agency_lead, reverse("rapid_reviews:my-returns"))
    assert "27 returns, showing 1 to 25" in text
    text = page(client, agency_lead, reverse("rapid_reviews:my-returns") + "?page=2")
    assert "showing 26 to 27" in text


# Draft, check, submit


def post_return(client, user, agency_return, action, **sections):
    client.force_login(user)
    return client.post(url("return", agency_return), {"action": action, **sections})


def test_saving_a_draft_keeps_the_text_and_audits_no_free_text(client, agency_lead, police_return):
    response = post_return(
        client, agency_lead, police_return, "draft", analysis="Missed the health visitor's concern."
    )
    assert response.status_code == 302
    police_return.refresh_from_db()
    assert police_return.status == ReturnStatus.DRAFT
    assert police_return.analysis == "Missed the health visitor's concern."
    event = AuditEvent.objects.get(action=AuditAction.CHANGE, object_type="rapid_reviews.agencyreturn")
    assert event.changes["analysis"] == ["(not recorded)", "(not recorded)"]
    assert event.changes["status"] == ["requested", "draft"]
    assert "health visitor" not in json.dumps(event.changes)


def test_continuing_to_submit_requires_the_summary(client, agency_lead, police_return):
    response = post_return(client, agency_lead, police_return, "continue", learning="Share referrals sooner.")
    assert response.status_code == 200
    text = response.content.decode()
    assert "There is a problem" in text and "govuk-form-group--error" in text
    assert "Enter a summary of your agency&#x27;s involvement before you submit" in text
    police_return.refresh_from_db()
    assert police_return.status == ReturnStatus.REQUESTED and police_return.learning == ""
    # Straight to the check page without a summary: back to the return.
    client.force_login(agency_lead)
    assert client.get(url("return-check", police_return))["Location"] == url("return", police_return)


def test_check_then_submit(client, agency_lead, police_return, business_manager):
    response = post_return(
        client,
        agency_lead,
        police_return,
        "continue",
        summary_of_involvement=SUMMARY,
        learning="Share sooner.",
    )
    assert response["Location"] == url("return-check", police_return)
    text = page(client, agency_lead, url("return-check", police_return))
    assert "Check the return before you submit it" in text and "Share sooner." in text
    police_return.refresh_from_db()
    assert police_return.status == ReturnStatus.DRAFT  # saved on the way, nothing lost
    response = client.post(url("return-check", police_return))
    assert response["Location"] == url("return", police_return)
    police_return.refresh_from_db()
    assert police_return.status == ReturnStatus.SUBMITTED
    assert (police_return.submitted_on, police_return.submitted_by) == (dt.date(2026, 11, 26), agency_lead)
    event = AuditEvent.objects.get(action=AuditAction.SEND, object_type="rapid_reviews.agencyreturn")
    assert event.changes["submitted_on"] == [None, "2026-11-26"]
    assert "Kai" not in json.dumps(event.changes)
    # Closed to the agency now: read only, and no more posting.
    text = page(client, agency_lead, url("return", police_return))
    assert 'name="summary_of_involvement"' not in text and "seen twice" in text
    assert "Met on time" in text
    assert post_return(client, agency_lead, police_return, "draft", analysis="x").status_code == 403
    assert client.post(url("return-check", police_return)).status_code == 403
    # The partnership reads it; the review group cannot change it.
    assert "seen twice" in page(client, business_manager, url("return", police_return))


def test_the_review_group_reads_but_does_not_complete(client, review_group_member, police_return):
    text = page(client, review_group_member, url("return", police_return))
    assert "has not started the return yet" in text
    assert 'name="summary_of_involvement"' not in text
    assert post_return(client, review_group_member, police_return, "draft").status_code == 403


def test_no_changes_once_the_rapid_review_is_sent(client, agency_lead, police_return):
    sent_rapid_review({"incident": police_return.rapid_review.incident})
    assert post_return(client, agency_lead, police_return, "draft", analysis="late").status_code == 403


# Reopening


@pytest.fixture
def submitted(police_return, agency_lead):
    police_return.summary_of_involvement = SUMMARY
    police_return.status = ReturnStatus.SUBMITTED
    police_return.submitted_on = dt.date(2026, 11, 25)
    police_return.submitted_by = agency_lead
    police_return.save()
    return police_return


def test_reopening_needs_a_reason_and_a_date_not_in_the_past(client, business_manager, submitted, mailoutbox):
    client.force_login(business_manager)
    text = client.get(url("return-reopen", submitted)).content.decode()
    assert 'name="due_on_day" value="3"' in text  # 5 working days from today by default
    response = client.post(
        url("return-reopen", submitted),
        {"reason": "  ", "due_on_day": 1, "due_on_month": 1, "due_on_year": 2026},
    )
    text = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in text
    assert "Enter why you are reopening the return" in text
    assert "The date the return is due must be today or in the future" in text
    submitted.refresh_from_db()
    assert submitted.status == ReturnStatus.SUBMITTED
    assert mailoutbox == []


def test_reopening_opens_the_return_again_and_emails_the_leads(
    client, business_manager, agency_lead, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(business_manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("return-reopen", submitted),
            {"reason": "Add Kai's school contacts", "due_on_day": 2, "due_on_month": 12, "due_on_year": 2026},
        )
    assert response["Location"] == url("return", submitted)
    submitted.refresh_from_db()
    assert submitted.status == ReturnStatus.REOPENED
    assert submitted.reopened_reason == "Add Kai's school contacts"
    assert submitted.due_on == dt.date(2026, 12, 2)
    assert submitted.submitted_on is None
    assert [mail.to for mail in mailoutbox] == [[agency_lead.email]]
    assert mailoutbox[0].subject == "Agency return reopened: incident 2026/001"
    assert "Kai" not in mailoutbox[0].body and "school" not in mailoutbox[0].body
    event = AuditEvent.objects.get(action=AuditAction.CHANGE, object_type="rapid_reviews.agencyreturn")
    assert event.changes["reopened_reason"] == ["(not recorded)", "(not recorded)"]
    assert event.changes["status"] == ["submitted", "reopened"]
    assert "school" not in json.dumps(event.changes)
    # The agency lead sees the reason and may change the return again.
    text = page(client, agency_lead, url("return", submitted))
    assert "Why it was reopened" in text and "school contacts" in text
    assert 'name="summary_of_involvement"' in text


def test_only_the_business_manager_reopens_and_only_a_submitted_return(
    client, business_manager, agency_lead, police_return, submitted
):
    page(client, agency_lead, url("return-reopen", submitted), status=403)
    assert "Reopen this return" in page(client, business_manager, url("return", submitted))
    submitted.status = ReturnStatus.DRAFT
    submitted.save()
    page(client, business_manager, url("return-reopen", submitted), status=403)


def test_other_partnerships_see_nothing(client, other_business_manager, police_return):
    page(client, other_business_manager, url("return", police_return), status=404)
    page(
        client,
        other_business_manager,
        reverse("rapid_reviews:requests", args=[police_return.rapid_review.pk]),
        404,
    )


def test_the_panel_never_sees_returns(client, panel_member, police_return):
    sent_rapid_review({"incident": police_return.rapid_review.incident})
    page(client, panel_member, url("return", police_return), status=404)
