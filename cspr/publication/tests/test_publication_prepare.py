"""The publication page and the copies sent before publication (7 working days before the planned date)."""

import datetime as dt

import pytest
from django.urls import reverse

from cspr.practice_reviews.tests.records import practice_review
from cspr.publication.models import FinalReportCopy

from .records import add_document


@pytest.fixture
def review(partnership, agency, incident, business_manager):
    review = practice_review({"partnership": partnership, "agency": agency, "incident": incident})
    # Monday 7 June 2027: copies are due 7 working days before, skipping the spring bank holiday (31 May):
    # Wednesday 26 May 2027.
    review.planned_publication_on = dt.date(2027, 6, 7)
    review.save()
    return review


def post_copies(client, review, day):
    return client.post(
        reverse("publication:copies", args=[review.pk]),
        {"panel_day": str(day.day), "panel_month": str(day.month), "panel_year": str(day.year)},
        follow=True,
    )


def test_copies_page_says_when_the_copies_are_due(client, business_manager, review):
    client.force_login(business_manager)
    page = client.get(reverse("publication:copies", args=[review.pk])).content.decode()
    assert "by 26 May 2027 for the planned date of 7 June 2027" in page


def test_copy_sent_on_the_due_date_is_recorded_without_a_warning(
    client, business_manager, review, time_machine
):
    time_machine.move_to(dt.date(2027, 5, 28))
    client.force_login(business_manager)
    page = post_copies(client, review, dt.date(2027, 5, 26)).content.decode()
    assert (
        "Final report recorded as sent to the Child Safeguarding Practice Review Panel on 26 May 2027" in page
    )
    assert "was sent after" not in page
    assert FinalReportCopy.objects.get().sent_on == dt.date(2027, 5, 26)


def test_copy_sent_a_day_late_warns(client, business_manager, review, time_machine):
    time_machine.move_to(dt.date(2027, 5, 28))
    client.force_login(business_manager)
    page = post_copies(client, review, dt.date(2027, 5, 27)).content.decode()
    assert "was sent after 26 May 2027, 7 working days before the planned publication date" in page


def test_copy_date_cannot_be_in_the_future(client, business_manager, review, time_machine):
    time_machine.move_to(dt.date(2027, 5, 1))
    client.force_login(business_manager)
    page = post_copies(client, review, dt.date(2027, 5, 27)).content.decode()
    assert "must be today or in the past" in page and "govuk-error-summary" in page


def test_publication_page_lists_gates_documents_and_actions(client, business_manager, review):
    add_document(review, name="Child K final.docx")
    client.force_login(business_manager)
    page = client.get(reverse("publication:prepare", args=[review.pk])).content.decode()
    assert "Outstanding" in page and "Child K final.docx" in page
    assert "Publish the review" in page and "Do not publish the report" in page
