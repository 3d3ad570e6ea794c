"""The notices to the Panel, Ofsted and DfE: refused until a reviewer has declared, the generated text
naming the reviewer, the date sent recorded, and the Word letter on the partnership's letterhead."""

import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from docx import Document

from cspr.audit.models import AuditEvent
from cspr.practice_reviews.models import CommissioningNotice, ReviewKind
from cspr.practice_reviews.notices import notice_text

from .records import appoint_reviewer, make_practice_review


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(dt.datetime(2026, 12, 10, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def review(partnership, incident):
    review = make_practice_review(partnership)
    review.incidents.add(incident)
    return review


@pytest.fixture
def appointed(review, independent_reviewer):
    assignment = appoint_reviewer(review, independent_reviewer)
    assignment.published_name = "Dr Alex Reviewer"
    assignment.organisation = "Reviewers Ltd"
    assignment.save()
    return assignment


def notice_url(review, recipient="panel", name="practice_reviews:notice"):
    return reverse(name, args=[review.pk, recipient])


def test_notices_are_refused_until_a_reviewer_has_declared(
    client, business_manager, review, independent_reviewer
):
    appoint_reviewer(review, independent_reviewer, declared=False)
    client.force_login(business_manager)
    for name in ("practice_reviews:notice", "practice_reviews:notice-docx"):
        response = client.get(notice_url(review, name=name), follow=True)
        assert response.redirect_chain[-1][0] == review.get_absolute_url()
        assert "Appoint an independent reviewer" in response.content.decode()


def test_notices_are_only_for_local_reviews(client, business_manager, partnership, independent_reviewer):
    review = make_practice_review(partnership, kind=ReviewKind.LEARNING_REVIEW, title="Learning review M")
    appoint_reviewer(review, independent_reviewer)
    client.force_login(business_manager)
    response = client.get(notice_url(review))
    assert response.status_code == 302
    assert not client.get(review.get_absolute_url()).context.get("commissioning_needs_notices")


def test_unknown_recipient_is_not_found(client, business_manager, review, appointed):
    client.force_login(business_manager)
    assert client.get(notice_url(review, "home_office")).status_code == 404


def test_generated_text_names_the_reviewer_and_the_decision_not_the_child(
    review, appointed, business_manager
):
    text = notice_text(review, "ofsted", appointed, sender=business_manager)
    assert "Dear colleagues at Ofsted" in text
    assert "Dr Alex Reviewer (Reviewers Ltd)" in text
    assert "26 November 2026" in text
    assert "2026/001" in text  # the incident's reference
    assert "Child K" in text  # the review's anonymised title
    assert "Kai" not in text
    assert business_manager.full_name in text


def test_business_manager_edits_and_records_the_notice(client, business_manager, review, appointed):
    client.force_login(business_manager)
    page = client.get(notice_url(review)).content.decode()
    assert "Dr Alex Reviewer" in page
    response = client.post(
        notice_url(review),
        {
            "letter": "Dear Panel secretariat\n\nEdited letter naming Dr Alex Reviewer.",
            "sent_on_day": "9",
            "sent_on_month": "12",
            "sent_on_year": "2026",
        },
    )
    assert response.status_code == 302
    notice = CommissioningNotice.objects.get(practice_review=review, recipient="panel")
    assert notice.sent_on == dt.date(2026, 12, 9)
    assert notice.reviewer_named == "Dr Alex Reviewer"
    assert notice.letter.startswith("Dear Panel secretariat")
    assert notice.sent_by == business_manager
    event = AuditEvent.objects.get(object_type="practice_reviews.commissioningnotice")
    assert "Edited letter" not in str(event.changes)
    # The Panel now sees the review it was told of.
    status_page = client.get(review.get_absolute_url()).content.decode()
    assert "9 December 2026, naming Dr Alex Reviewer" in status_page


def test_sent_date_must_not_be_in_the_future(client, business_manager, review, appointed):
    client.force_login(business_manager)
    response = client.post(
        notice_url(review),
        {"letter": "Text", "sent_on_day": "11", "sent_on_month": "12", "sent_on_year": "2026"},
    )
    assert response.status_code == 200
    assert "The date the notice was sent must be today or in the past" in response.content.decode()
    assert "Text</textarea>" in response.content.decode()  # nothing typed is lost


def test_a_new_reviewer_makes_the_sent_notice_outdated(
    client, business_manager, review, appointed, django_user_model
):
    CommissioningNotice.objects.create(
        partnership=review.partnership,
        practice_review=review,
        recipient="dfe",
        letter="Old letter",
        reviewer_named="Someone Earlier",
        sent_on=dt.date(2026, 12, 1),
    )
    client.force_login(business_manager)
    page = client.get(notice_url(review, "dfe")).content.decode()
    assert "The notice sent on 1 December 2026 named Someone Earlier" in page
    assert "Old letter" not in page  # a fresh letter naming the current reviewer
    status_page = client.get(review.get_absolute_url()).content.decode()
    assert "The reviewer has changed since: send a new notice" in status_page


def test_word_letter_on_letterhead(client, business_manager, review, appointed):
    client.force_login(business_manager)
    response = client.get(notice_url(review, "dfe", "practice_reviews:notice-docx"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="notice-to-dfe-PR-2026-01.docx"'
    document = Document(io.BytesIO(response.content))
    header = "\n".join(paragraph.text for paragraph in document.sections[0].header.paragraphs)
    assert "Northshire" in header and "Northshire Council" in header
    body = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Department for Education" in body
    assert "10 December 2026" in body  # dated today until it has been sent
    assert "Dr Alex Reviewer" in body
    assert "Kai" not in body
    footer = "\n".join(paragraph.text for paragraph in document.sections[0].footer.paragraphs)
    assert "OFFICIAL-SENSITIVE" in footer
    assert AuditEvent.objects.filter(action="export").exists()


def test_word_letter_prints_the_text_as_sent(client, business_manager, review, appointed):
    CommissioningNotice.objects.create(
        partnership=review.partnership,
        practice_review=review,
        recipient="panel",
        letter="Dear Panel secretariat\n\nThe letter as sent.",
        reviewer_named="Dr Alex Reviewer",
        sent_on=dt.date(2026, 12, 4),
    )
    client.force_login(business_manager)
    response = client.get(notice_url(review, "panel", "practice_reviews:notice-docx"))
    body = "\n".join(paragraph.text for paragraph in Document(io.BytesIO(response.content)).paragraphs)
    assert "The letter as sent." in body
    assert "4 December 2026" in body
